// BlobCreated events of one container, delivered to the Functions blob extension's webhook, which queues them for the
// Event Grid-source blob trigger (OnBundleUploaded). Deploy only after the app's code runs: the webhook key
// (system key blobs_extension) exists only then, and Event Grid validates the endpoint when the subscription is created.
// Entry points: main.bicep with createEventSubscription=true, or this file alone (infra/scripts/postdeploy.sh).

@description('Name of the storage account\'s Event Grid system topic (in this resource group).')
param systemTopicName string

@description('Name of the function app (in this resource group).')
param functionAppName string

@description('Name of the Event Grid-source blob trigger function.')
param functionName string = 'OnBundleUploaded'

@description('Resource id of the storage account holding the dead-letter container.')
param storageAccountId string

@description('Container whose new blobs trigger the function.')
param containerName string = 'bundles'

@description('Container receiving events that could not be delivered.')
param deadLetterContainerName string = 'deadletter'

@minValue(1)
@maxValue(30)
@description('Delivery attempts before an event is dead-lettered.')
param maxDeliveryAttempts int = 30

@minValue(1)
@maxValue(1440)
@description('Minutes Event Grid keeps retrying one event.')
param eventTimeToLiveInMinutes int = 1440

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// Microsoft.Web/sites/host has no Bicep types, so the key is read with listKeys on its resource id.
var blobsExtensionKey = listKeys('${functionApp.id}/host/default', '2025-03-01').systemKeys.blobs_extension

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: '${containerName}-to-${toLower(functionName)}'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      // The trailing slash keeps out containers whose names merely start the same (bundles-old, bundles2).
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccountId
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

@description('Name of the event subscription.')
output name string = subscription.name
