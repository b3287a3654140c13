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

// ---- Role assignments (modules/roles.bicep): what the app's and the upload topic's identities may do, and where. ----

module grants 'modules/roles.bicep' = {
  name: 'role-assignments'
  params: {
    appPrincipalId: functionApp.identity.principalId
    appResourceId: functionApp.id
    uploadTopicPrincipalId: uploadTopic.identity.principalId
    uploadTopicResourceId: uploadTopic.id
    uploaderPrincipalId: uploaderPrincipalId
    uploaderPrincipalType: uploaderPrincipalType
    dataAccountName: dataAccountName
    hostAccountName: hostAccountName
    bundlesContainerName: bundlesContainerName
    reportsContainerName: reportsContainerName
    baselinesContainerName: baselinesContainerName
    deadLetterContainerName: deadLetterContainerName
    vaultName: vault.name
    signingKeyName: signingKey.name
    reportTopicName: reportTopic.name
    appInsightsName: appInsightsName
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
  dependsOn: [grants]
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
