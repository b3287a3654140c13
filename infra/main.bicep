// MLPerf Audit in Azure: data storage, the Flex Consumption function app (.NET 10 isolated worker), Key Vault signing key,
// Event Grid (bundle uploads in, ReportPublished out), telemetry, and least-privilege role assignments.
// Deploy with `azd up` (azure.yaml) or `az deployment group create`; docs/deploy.md has both, and the second pass for the
// blob-trigger subscription (its webhook key exists only once the app's code runs).
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd sets it); seeds the resource names and the azd-env-name tag.')
param environmentName string

@description('Azure region of every resource; must offer the Flex Consumption plan with dotnet-isolated 10.0.')
param location string = resourceGroup().location

// Leave false on the first pass: the blobs_extension key exists only once the app's code runs (docs/deploy.md).
@description('Create the Event Grid subscription feeding the blob trigger (second pass, after the code is deployed).')
param createEventSubscription bool = false

@description('Object id allowed to upload bundles (Blob Data Contributor on the bundles container only); empty: none.')
param uploaderPrincipalId string = ''

@allowed(['User', 'Group', 'ServicePrincipal'])
@description('Kind of principal in uploaderPrincipalId.')
param uploaderPrincipalType string = 'User'

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
@description('Redundancy of the data account (bundles, reports, baselines).')
param dataStorageSku string = 'Standard_LRS'

@minValue(40)
@maxValue(1000)
@description('Flex Consumption scale-out limit (instances).')
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
@description('Memory per Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@description('Longest time judging one bundle may take (AUDIT_TIME_LIMIT: 90s, 15m, 2h or hh:mm:ss); under the 30 min timeout.')
param auditTimeLimit string = '15m'

@description('Largest bundle audited, in bytes (AUDIT_MAX_BUNDLE_BYTES); larger ones get a signed failure report. Default 4 GiB.')
param maxBundleBytes string = '4294967296'

@description('Comma-separated blob names of the published tables GateClaims uses (AUDIT_GATE_BASELINES); empty: 503.')
param gateBaselines string = ''

@description('Comma-separated blob names of prior-logs indexes in the baselines container (AUDIT_PRIOR_LOGS); empty: none.')
param priorLogs string = ''

var token = uniqueString(subscription().id, resourceGroup().id, environmentName)
var tags = { 'azd-env-name': environmentName }
var dataAccountName = 'staudit${take(token, 13)}'
var hostAccountName = 'sthost${take(token, 13)}'
var functionAppName = 'func-audit-${token}'
var appInsightsName = 'appi-audit-${token}'
var deploymentContainerName = 'app-package-${take(token, 10)}'
var bundlesContainerName = 'bundles'
var reportsContainerName = 'reports'
var baselinesContainerName = 'baselines'
var deadLetterContainerName = 'deadletter'

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

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: 'log-audit-${token}'
    appInsightsName: appInsightsName
  }
}

// ---- Storage: the data account (bundles in, reports out) and the app's own host/deployment account. ----

module dataStorage 'modules/storage-account.bicep' = {
  name: 'data-storage'
  params: {
    name: dataAccountName
    location: location
    tags: tags
    skuName: dataStorageSku
    containerNames: [bundlesContainerName, reportsContainerName, baselinesContainerName, deadLetterContainerName]
  }
}

module hostStorage 'modules/storage-account.bicep' = {
  name: 'host-storage'
  params: {
    name: hostAccountName
    location: location
    tags: tags
    skuName: 'Standard_LRS'
    containerNames: [deploymentContainerName]
  }
}

resource dataAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: dataAccountName
  dependsOn: [dataStorage]
}

resource hostAccount 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostAccountName
  dependsOn: [hostStorage]
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
  dependsOn: [monitoring]
}

// ---- Key Vault: RBAC only, soft delete with purge protection, one EC P-256 signing key. ----

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: 'kv-audit-${take(token, 13)}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// The report signer: ECDSA P-256 (the DSSE envelopes' algorithm). The private part never leaves the vault.
resource signingKey 'Microsoft.KeyVault/vaults/keys@2025-05-01' = {
  parent: vault
  name: 'report-signing'
  properties: {
    kty: 'EC'
    curveName: 'P-256'
    keyOps: ['sign', 'verify']
  }
}

// ---- Event Grid: ReportPublished goes out on a custom topic; bundle uploads come in through the storage system topic. ----

resource reportTopic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: 'evgt-audit-reports-${token}'
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

// Its identity writes undeliverable BlobCreated events to the dead-letter container (the account has no Shared Key).
resource uploadTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: 'evgs-audit-uploads-${token}'
  location: location
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    source: dataStorage.outputs.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// ---- The Flex Consumption plan and the function app. ----

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-audit-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.outputs.blobEndpoint}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      // The contract: functions/Audit.Functions/Settings/AzureAppSettings.cs (Required; nothing from ForbiddenOnFlex).
      appSettings: [
        { name: 'AzureWebJobsStorage__blobServiceUri', value: hostStorage.outputs.blobEndpoint }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: hostStorage.outputs.queueEndpoint }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: hostStorage.outputs.tableEndpoint }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AuditStorage__blobServiceUri', value: dataStorage.outputs.blobEndpoint }
        { name: 'AuditStorage__queueServiceUri', value: dataStorage.outputs.queueEndpoint }
        { name: 'AuditStorage__credential', value: 'managedidentity' }
        { name: 'AUDIT_BUNDLES_CONTAINER', value: bundlesContainerName }
        { name: 'AUDIT_REPORTS_CONTAINER', value: reportsContainerName }
        { name: 'AUDIT_BASELINES_CONTAINER', value: baselinesContainerName }
        { name: 'AUDIT_GATE_BASELINES', value: gateBaselines }
        { name: 'AUDIT_PRIOR_LOGS', value: priorLogs }
        { name: 'AUDIT_EVENTGRID_ENDPOINT', value: reportTopic.properties.endpoint }
        { name: 'AUDIT_SIGNER', value: 'keyvault' }
        { name: 'AUDIT_KEYVAULT_URI', value: vault.properties.vaultUri }
        { name: 'AUDIT_KEYVAULT_KEY', value: signingKey.name }
        { name: 'AUDIT_KEYVAULT_KEY_VERSION', value: last(split(signingKey.properties.keyUriWithVersion, '/')) }
        { name: 'AUDIT_TIME_LIMIT', value: auditTimeLimit }
        { name: 'AUDIT_MAX_BUNDLE_BYTES', value: maxBundleBytes }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
      ]
    }
  }
}

// ---- Role assignments: each grant at the narrowest scope that serves it (docs/deploy.md says why each exists). ----
// The app's identity on the data account: the blob trigger reads bundles (Storage Blob Data Owner is what the Functions docs
// require of a blob trigger's connection, so it is granted on the bundles container only); reports are written once and listed;
// baselines are only read; the trigger's poison queue lives in the account's queue service under a name the runtime picks.

resource appOwnsBundles 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(bundlesContainer.id, functionApp.id, roles.storageBlobDataOwner)
  scope: bundlesContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appWritesReports 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(reportsContainer.id, functionApp.id, roles.storageBlobDataContributor)
  scope: reportsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appReadsBaselines 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(baselinesContainer.id, functionApp.id, roles.storageBlobDataReader)
  scope: baselinesContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appUsesDataQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataAccount.id, functionApp.id, roles.storageQueueDataContributor)
  scope: dataAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The app's identity on its host account: deployment package, host keys and locks (blobs), the blob trigger's internal
// queue (the Event Grid webhook enqueues there), and the table endpoint the host is given.

resource appOwnsHostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, functionApp.id, roles.storageBlobDataOwner)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appUsesHostQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, functionApp.id, roles.storageQueueDataContributor)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appUsesHostTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostAccount.id, functionApp.id, roles.storageTableDataContributor)
  scope: hostAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Sign with the one key (Key Vault RBAC accepts a single key as scope), publish ReportPublished, send telemetry.

resource appSignsWithKey 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signingKey.id, functionApp.id, roles.keyVaultCryptoUser)
  scope: signingKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appSendsReportEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(reportTopic.id, functionApp.id, roles.eventGridDataSender)
  scope: reportTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appPublishesMetrics 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionApp.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The upload system topic's identity writes dead letters, and only into the dead-letter container.
resource topicWritesDeadLetters 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, uploadTopic.id, roles.storageBlobDataContributor)
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: uploadTopic.identity.principalId
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

// ---- Second pass (after the code is deployed): BlobCreated on the bundles container -> the blob extension's webhook. ----

module bundleSubscription 'modules/blob-event-subscription.bicep' = if (createEventSubscription) {
  name: 'bundle-event-subscription'
  params: {
    systemTopicName: uploadTopic.name
    functionAppName: functionApp.name
    storageAccountId: dataStorage.outputs.id
    containerName: bundlesContainerName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [topicWritesDeadLetters, appOwnsBundles, appUsesHostQueues]
}

// ---- Outputs: azd stores them in the environment (.azure/<env>/.env) and hands them to the postdeploy hook. ----

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.name
output SERVICE_API_NAME string = functionApp.name
output SERVICE_API_URI string = 'https://${functionApp.properties.defaultHostName}'
output AUDIT_STORAGE_ACCOUNT_NAME string = dataAccountName
output AUDIT_STORAGE_ACCOUNT_ID string = dataStorage.outputs.id
output AUDIT_BUNDLES_CONTAINER string = bundlesContainerName
output AUDIT_REPORTS_CONTAINER string = reportsContainerName
output AUDIT_BASELINES_CONTAINER string = baselinesContainerName
output AUDIT_DEADLETTER_CONTAINER string = deadLetterContainerName
output AUDIT_UPLOAD_SYSTEM_TOPIC_NAME string = uploadTopic.name
output AUDIT_EVENTGRID_ENDPOINT string = reportTopic.properties.endpoint
output AUDIT_KEYVAULT_URI string = vault.properties.vaultUri
output AUDIT_KEYVAULT_KEY_ID string = signingKey.properties.keyUriWithVersion
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
