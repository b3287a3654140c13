# azd postdeploy hook on Windows: the same steps as postdeploy.sh (wait for the blobs_extension key, then deploy
# infra/modules/blob-event-subscription.bicep and record AUDIT_CREATE_EVENT_SUBSCRIPTION=true).
$ErrorActionPreference = 'Stop'
foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'SERVICE_API_URI', 'AUDIT_UPLOAD_SYSTEM_TOPIC_NAME', 'AUDIT_STORAGE_ACCOUNT_ID',
                  'AUDIT_BUNDLES_CONTAINER', 'AUDIT_DEADLETTER_CONTAINER') {
    if (-not [Environment]::GetEnvironmentVariable($name)) { throw "postdeploy: $name is not set (run through azd)" }
}
$attempts = if ($env:AUDIT_KEY_WAIT_ATTEMPTS) { [int]$env:AUDIT_KEY_WAIT_ATTEMPTS } else { 30 }
$key = ''
for ($i = 1; $i -le $attempts -and -not $key; $i++) {
    try { Invoke-WebRequest -Uri "$($env:SERVICE_API_URI)/" -TimeoutSec 30 | Out-Null } catch { }
    $key = az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_APP_NAME `
        --query systemKeys.blobs_extension -o tsv 2>$null
    if (-not $key) { Write-Host "postdeploy: waiting for the blobs_extension key ($i/$attempts)"; Start-Sleep -Seconds 10 }
}
if (-not $key) { throw "postdeploy: no blobs_extension key on $($env:AZURE_FUNCTION_APP_NAME); check that OnBundleUploaded deployed" }

az deployment group create --resource-group $env:AZURE_RESOURCE_GROUP --name bundle-event-subscription `
    --template-file (Join-Path $PSScriptRoot '../modules/blob-event-subscription.bicep') `
    --parameters systemTopicName=$env:AUDIT_UPLOAD_SYSTEM_TOPIC_NAME functionAppName=$env:AZURE_FUNCTION_APP_NAME `
                 storageAccountId=$env:AUDIT_STORAGE_ACCOUNT_ID containerName=$env:AUDIT_BUNDLES_CONTAINER `
                 deadLetterContainerName=$env:AUDIT_DEADLETTER_CONTAINER `
    --query properties.outputs.name.value -o tsv
if ($LASTEXITCODE -ne 0) { throw 'postdeploy: the event subscription deployment failed' }
if ((Get-Command azd -ErrorAction SilentlyContinue) -and $env:AZURE_ENV_NAME) { azd env set AUDIT_CREATE_EVENT_SUBSCRIPTION true }
Write-Host "postdeploy: BlobCreated in '$($env:AUDIT_BUNDLES_CONTAINER)' now triggers OnBundleUploaded"
