#!/usr/bin/env bash
# The Python package's suite (crates/precis-python): installs the package
# with `pip install ./crates/precis-python` into .venv-python, lints the
# Python code (ruff), checks the native module's stubs (mypy stubtest), and
# runs pytest: the API, offsets, errors, threads and fork, parity with the
# real rouge-score package, equality with the CLI built from this checkout,
# the Spark job on local[2] and the Ray recipe, both on 127.0.0.1.
#
# Installs what it needs: Debian's default-jre-headless when there is no
# java (for pyspark), and from PyPI maturin, pytest, rouge-score, ruff,
# mypy, pyspark, pandas, pyarrow and ray. On a fresh machine the downloads
# are about 500 MB (pyspark and ray are most of it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
venv="${PRECIS_PYTHON_VENV:-$root/.venv-python}"

command -v java >/dev/null || bash scripts/setup.sh default-jre-headless
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || { bash scripts/setup.sh python3-venv && python3 -m venv "$venv"; }
fi
py="$venv/bin/python"
# The build backend runs the `maturin` executable from the venv.
export PATH="$venv/bin:$PATH"
timeout 1800 "$py" -m pip install -q --no-cache-dir --disable-pip-version-check \
  'maturin>=1.5,<2' pytest rouge-score ruff mypy psutil \
  'pyspark>=3.5' 'pandas<3' pyarrow 'ray[data]>=2.9'

# The CLI the equality tests compare with, from this checkout.
timeout 1800 cargo build --release -q -p precis-cli
target_dir="$(cargo metadata --format-version 1 --no-deps | "$py" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

# The package, exactly as users install it (maturin is already in the venv).
timeout 1800 "$py" -m pip install -q --no-cache-dir --disable-pip-version-check --no-build-isolation \
  --force-reinstall --no-deps ./crates/precis-python

cd crates/precis-python
"$venv/bin/ruff" check python tests
"$venv/bin/ruff" format --check python tests
# Outside the source tree, so the installed package (with its native module) is checked.
(cd tests && timeout 300 "$py" -m mypy.stubtest precis._native --allowlist ../stubtest-allowlist.txt)
export PRECIS_CLI="$target_dir/release/precis"
# Keep Spark and Ray on loopback.
export SPARK_LOCAL_IP=127.0.0.1 RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 RAY_AUTH_MODE=disabled
timeout 1800 "$py" -m pytest -q -p no:cacheprovider tests
