#!/usr/bin/env bash
# Installs what the sweep tests shell out to (tests/Audit.Cli.Tests/Sweeps/PandasAgreementTests.cs): Debian's pandas and
# numpy for /usr/bin/python3, the independent reference tests/bench/sweep_pandas.py runs on. Under CI=true the test fails,
# rather than skips, when they are missing.
set -euo pipefail
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends python3 python3-pandas python3-numpy
/usr/bin/python3 -c 'import pandas, numpy; print("pandas", pandas.__version__, "numpy", numpy.__version__)'
