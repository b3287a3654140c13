// Telemetry: a Log Analytics workspace and the workspace-based Application Insights the app exports to.
// Local (instrumentation-key) auth is off: the app's identity sends with Entra ID (Monitoring Metrics Publisher, main.bicep).

@description('Region of both resources.')
param location string

@description('Tags of both resources.')
param tags { *: string }

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@minValue(30)
@maxValue(730)
@description('Days the workspace keeps logs.')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('Name of the Application Insights component (role assignments scope to it).')
output appInsightsName string = appInsights.name

@description('Connection string the app exports with (APPLICATIONINSIGHTS_CONNECTION_STRING); not a secret with local auth off.')
output connectionString string = appInsights.properties.ConnectionString
