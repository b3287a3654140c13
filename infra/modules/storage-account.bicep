// A storage account reached only with Entra ID: no Shared Key, no anonymous blob access, HTTPS and TLS 1.2 only.
// Used twice by main.bicep: the data account (bundles, reports, baselines, dead letters) and the app's host account.

@minLength(3)
@maxLength(24)
@description('Account name (3-24 lower-case letters and digits, globally unique).')
param name string

@description('Region of the account.')
param location string

@description('Tags of the account.')
param tags { *: string }

@description('Redundancy SKU.')
param skuName string

@description('Private blob containers to create.')
param containerNames string[]

@minValue(1)
@maxValue(365)
@description('Days a deleted blob or container can be restored.')
param deleteRetentionDays int = 7

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: deleteRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: deleteRetentionDays }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: { publicAccess: 'None' }
  }
]

@description('Resource id of the account.')
output id string = account.id

@description('Name of the account.')
output name string = account.name

@description('Blob service endpoint, with a trailing slash.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue service endpoint, with a trailing slash.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table service endpoint, with a trailing slash.')
output tableEndpoint string = account.properties.primaryEndpoints.table
