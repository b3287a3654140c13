#!/usr/bin/env bash
# Headless Chromium for the HTML report tests (tests/Audit.Core.Tests/Reports/Html/ChromiumPageTests.cs).
# Under CI=true those tests fail when chromium is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
chromium --version
