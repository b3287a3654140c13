// Every role assignment of the deployment, in one file so that least privilege can be reviewed in one place; each grant
// is at the narrowest scope that serves it. docs/deploy.md says why each exists; tests/Audit.Infra.Tests checks the
// compiled set against the same list.

@description('Object id of the function app\'s system-assigned identity.')
param appPrincipalId string

@description('Resource id of the function app (seeds the assignment names, which must be known before deployment).')
param appResourceId string

@description('Object id of the upload system topic\'s identity (writes dead letters).')
param uploadTopicPrincipalId string

@description('Resource id of the upload system topic (seeds its assignment\'s name).')
param uploadTopicResourceId string

@description('Object id allowed to upload bundles; empty: none.')
param uploaderPrincipalId string

@allowed(['User', 'Group', 'ServicePrincipal'])
@description('Kind of principal in uploaderPrincipalId.')
param uploaderPrincipalType string

@description('Data storage account (bundles, reports, baselines, dead letters).')
param dataAccountName string

@description('The app\'s host and deployment-package storage account.')
param hostAccountName string

@description('Container the blob trigger watches.')
param bundlesContainerName string

@description('Container the reports are written to.')
param reportsContainerName string

@description('Container of the published tables and prior-logs indexes.')
param baselinesContainerName string

@description('Container of undeliverable upload events.')
param deadLetterContainerName string

@description('Key Vault holding the signing key.')
param vaultName string

@description('Name of the signing key.')
param signingKeyName string

@description('Custom topic ReportPublished events go to.')
param reportTopicName string

@description('Application Insights component the app sends telemetry to.')
param appInsightsName string

// Built-in role definition ids (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource dataAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: dataAccountName
}

resource hostAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostAccountName
}

resource dataBlobs 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' existing = {
  parent: dataAccount
  name: 'default'
}

resource bundlesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: dataBlobs
  name: bundlesContainerName
}

resource reportsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: dataBlobs
  name: reportsContainerName
}

resource baselinesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: dataBlobs
  name: baselinesContainerName
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = {
  parent: dataBlobs
  name: deadLetterContainerName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: vaultName
}

resource signingKey 'Microsoft.KeyVault/vaults/keys@2025-05-01' existing = {
  parent: vault
  name: signingKeyName
}

resource reportTopic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: reportTopicName
}

// The app's identity on the data account: the blob trigger reads bundles (Storage Blob Data Owner is what the Functions docs
// require of a blob trigger's connection, so it is granted on the bundles container only); reports are written once and listed;
// baselines are only read; the trigger's poison queue lives in the account's queue service under a name the runtime picks.

resource appOwnsBundles 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(bundlesContainer.id, appResourceId, roles.storageBlobDataOwner)
  scope: bundlesContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appWritesReports 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(reportsContainer.id, appResourceId, roles.storageBlobDataContributor)
  scope: reportsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appReadsBaselines 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(baselinesContainer.id, appResourceId, roles.storageBlobDataReader)
  scope: baselinesContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appUsesDataQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataAccount.id, appResourceId, roles.storageQueueDataContributor)
  scope: dataAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The app's identity on its host account: deployment package, host keys and locks (blobs), the blob trigger's internal
// queue (the Event Grid webhook enqueues there), and the table endpoint the host is given.

resource appOwnsHostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, appResourceId, roles.storageBlobDataOwner)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appUsesHostQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, appResourceId, roles.storageQueueDataContributor)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appUsesHostTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, appResourceId, roles.storageTableDataContributor)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Sign with the one key (Key Vault RBAC accepts a single key as scope), publish ReportPublished, send telemetry.

resource appSignsWithKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signingKey.id, appResourceId, roles.keyVaultCryptoUser)
  scope: signingKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appSendsReportEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(reportTopic.id, appResourceId, roles.eventGridDataSender)
  scope: reportTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appPublishesMetrics 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appResourceId, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The upload system topic's identity writes dead letters, and only into the dead-letter container.
resource topicWritesDeadLetters 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, uploadTopicResourceId, roles.storageBlobDataContributor)
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: uploadTopicPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Optional: the results team uploads bundles with their own Entra ID sign-in (az storage blob upload --auth-mode login).
resource uploaderWritesBundles 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(uploaderPrincipalId)) {
  name: guid(bundlesContainer.id, uploaderPrincipalId, roles.storageBlobDataContributor)
  scope: bundlesContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: uploaderPrincipalId
    principalType: uploaderPrincipalType
  }
}
