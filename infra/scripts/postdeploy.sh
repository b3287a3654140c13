#!/bin/sh
# azd postdeploy hook (also runnable by hand after `azd deploy`): subscribe the blob trigger to BlobCreated events.
# The Event Grid subscription needs the app's blobs_extension system key, which exists only once the deployed code's
# host has started, so it cannot be part of the first provisioning pass. This script waits for the key, deploys
# infra/modules/blob-event-subscription.bicep (the same module main.bicep deploys with createEventSubscription=true),
# and records AUDIT_CREATE_EVENT_SUBSCRIPTION=true so later `azd provision` runs keep the subscription in the template.
# Needs: az (logged in), and the azd environment's outputs as variables (azd sets them for hooks).
set -eu

: "${AZURE_RESOURCE_GROUP:?run through azd, or export the outputs of infra/main.bicep first}"
: "${AZURE_FUNCTION_APP_NAME:?}" "${SERVICE_API_URI:?}" "${AUDIT_UPLOAD_SYSTEM_TOPIC_NAME:?}" "${AUDIT_STORAGE_ACCOUNT_ID:?}"
: "${AUDIT_BUNDLES_CONTAINER:?}" "${AUDIT_DEADLETTER_CONTAINER:?}"
attempts="${AUDIT_KEY_WAIT_ATTEMPTS:-30}"   # 30 x 10 s: the host starts on the first request after a deployment

here="$(cd "$(dirname "$0")" && pwd)"
i=0
while :; do
  # A request wakes the host so it indexes the functions and creates the extension's system key.
  curl -s -o /dev/null --max-time 30 "${SERVICE_API_URI}/" || true
  key="$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
           --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)"
  [ -n "$key" ] && break
  i=$((i + 1))
  if [ "$i" -ge "$attempts" ]; then
    echo "postdeploy: no blobs_extension key on $AZURE_FUNCTION_APP_NAME after $attempts tries;" \
         "check that OnBundleUploaded deployed (az functionapp function list) and rerun this script" >&2
    exit 1
  fi
  echo "postdeploy: waiting for the blobs_extension key ($i/$attempts)"
  sleep 10
done

az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name bundle-event-subscription \
  --template-file "$here/../modules/blob-event-subscription.bicep" \
  --parameters systemTopicName="$AUDIT_UPLOAD_SYSTEM_TOPIC_NAME" \
               functionAppName="$AZURE_FUNCTION_APP_NAME" \
               storageAccountId="$AUDIT_STORAGE_ACCOUNT_ID" \
               containerName="$AUDIT_BUNDLES_CONTAINER" \
               deadLetterContainerName="$AUDIT_DEADLETTER_CONTAINER" \
  --query properties.outputs.name.value -o tsv

if command -v azd >/dev/null 2>&1 && [ -n "${AZURE_ENV_NAME:-}" ]; then
  azd env set AUDIT_CREATE_EVENT_SUBSCRIPTION true
fi
echo "postdeploy: BlobCreated in '$AUDIT_BUNDLES_CONTAINER' now triggers OnBundleUploaded"
