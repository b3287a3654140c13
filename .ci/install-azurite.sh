#!/usr/bin/env bash
# Installs Azurite (pinned in tests/azurite/package-lock.json) for the Functions end-to-end tests and the latency bench.
# The tests start its blob service themselves on a free loopback port; under CI=true they fail when it is missing.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v node >/dev/null || { echo "install-azurite: node is required (>= 20)" >&2; exit 1; }
(cd "$repo_root/tests/azurite" && npm ci --no-audit --no-fund)
node -e "require('$repo_root/tests/azurite/node_modules/azurite/package.json').version" >/dev/null
echo "azurite $(node -p "require('$repo_root/tests/azurite/node_modules/azurite/package.json').version")"
