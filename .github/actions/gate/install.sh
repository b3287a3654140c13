#!/usr/bin/env bash
# Puts the mlperf-audit CLI in TOOL_DIR and prints its path on the last line of stdout.
#   PACKAGE_SOURCE  folder or feed URL holding the MlPerfAudit.Cli tool package; empty: build the checkout instead
#   PACKAGE_VERSION version of the package (optional; default the newest in the source)
#   TOOL_DIR        where to install (required)
#   SOURCE_DIR      checkout of this repository, for the ReadyToRun fallback (default: two folders above this script)
set -euo pipefail
tool_dir=${TOOL_DIR:?TOOL_DIR is required}
source_dir=${SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
mkdir -p "$tool_dir"
if [[ -n "${PACKAGE_SOURCE:-}" ]]; then
  args=(tool install MlPerfAudit.Cli --tool-path "$tool_dir" --add-source "$PACKAGE_SOURCE")
  [[ -n "${PACKAGE_VERSION:-}" ]] && args+=(--version "$PACKAGE_VERSION")
  dotnet "${args[@]}" >&2
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) rid=linux-x64 ;;
    Linux-aarch64) rid=linux-arm64 ;;
    Darwin-arm64) rid=osx-arm64 ;;
    Darwin-x86_64) rid=osx-x64 ;;
    *) rid=win-x64 ;;
  esac
  # A publish for a runtime is ReadyToRun (src/Audit.Cli/Audit.Cli.csproj).
  dotnet publish "$source_dir/src/Audit.Cli" -c Release -r "$rid" --self-contained false -o "$tool_dir" >&2
fi
bin="$tool_dir/mlperf-audit"
[[ -x "$bin" ]] || bin="$tool_dir/mlperf-audit.exe"
"$bin" --version >&2
echo "$bin"
