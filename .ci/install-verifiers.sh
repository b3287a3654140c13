#!/usr/bin/env bash
# Installs the third-party verifiers the signing tests shell out to (tests/Audit.Cli.Tests/Signing/ExternalVerifierTests.cs):
#   openssl, jq, coreutils (base64, sha256sum), findutils  -> the README's reviewer commands
#   python3-securesystemslib (Debian, for /usr/bin/python3) -> securesystemslib SSlibKey.verify_signature
#   @sigstore/verify (npm, pinned in tests/verifiers/package-lock.json) -> sigstore-js
# Run as root (or with sudo) on Debian/Ubuntu with node >= 20 and npm on PATH. Under CI=true the tests fail,
# rather than skip, when any of these is missing.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends \
  openssl jq coreutils findutils python3 python3-securesystemslib

command -v node >/dev/null || { echo "install-verifiers: node is required (>= 20)" >&2; exit 1; }
(cd "$repo_root/tests/verifiers" && npm ci --no-audit --no-fund)

/usr/bin/python3 -c 'import securesystemslib.signer' 
openssl version
node -e "require('$repo_root/tests/verifiers/node_modules/@sigstore/verify'); console.log('@sigstore/verify ok')"
