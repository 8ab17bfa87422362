#!/usr/bin/env bash
# An OpenAPI-driven fuzz run against a running `precis serve`: schemathesis
# (from PyPI) reads /openapi.json and sends generated requests, valid and
# invalid, to every operation. The run fails on any 5xx answer, on answers
# whose status, content type or body the OpenAPI document does not declare,
# or when the server is no longer alive and answering /health afterwards.
#
# Installs schemathesis into the Python suite's venv (.venv-python, or
# $PRECIS_PYTHON_VENV), creating a venv of its own when the Python suite has
# not run. Bounded: at most $SCHEMATHESIS_EXAMPLES examples per operation
# (default 60) and $SCHEMATHESIS_SECONDS seconds (default 120) of fuzzing,
# with a fixed seed so a failure reproduces.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
venv="${PRECIS_PYTHON_VENV:-$root/.venv-python}"
examples="${SCHEMATHESIS_EXAMPLES:-60}"
seconds="${SCHEMATHESIS_SECONDS:-120}"
seed="${SCHEMATHESIS_SEED:-20261206}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || { bash scripts/setup.sh python3-venv && python3 -m venv "$venv"; }
fi
if [ ! -x "$venv/bin/schemathesis" ]; then
  timeout 900 "$venv/bin/python" -m pip install -q --no-cache-dir --disable-pip-version-check \
    'schemathesis>=4,<5'
fi

# The debug binary `cargo test --workspace` built (the same package
# selection, so the same features: nothing is rebuilt after it).
cargo test -q --workspace --no-run
bin=${CARGO_TARGET_DIR:-$root/target}/debug/precis
work=$(mktemp -d)
log="$work/server.log"
# Two workers and a queue of 16: schemathesis sends one request at a time, so
# a 503 for a full queue could only come from a leak of worker permits.
"$bin" serve --addr 127.0.0.1:0 --workers 2 --queue 16 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
. "$root/scripts/lib/serve.sh"
addr=$(server_address "$log" $pid)
echo "server at $addr; schemathesis: $examples examples per operation, $seconds s, seed $seed"

status=0
(cd "$work" && timeout $((seconds + 120)) "$venv/bin/schemathesis" run "$addr/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
  --phases examples,coverage,fuzzing \
  --max-examples "$examples" --max-time "$seconds" --seed "$seed" \
  --workers 1 --request-timeout 30 --no-color) || status=$?

if ! kill -0 $pid 2>/dev/null; then
  cat "$log"
  echo "precis serve died during the fuzz run"
  exit 1
fi
curl -fsS "$addr/health" >/dev/null || { echo "precis serve stopped answering /health after the fuzz run"; exit 1; }
if grep -q 'panicked' "$log"; then
  grep -B2 -A5 'panicked' "$log" | head -40
  echo "precis serve panicked during the fuzz run"
  exit 1
fi
# What the run reached: answers by route and status (200s show that generated
# requests got through validation to the summarizer).
curl -fsS "$addr/metrics" | grep '^precis_requests_total' | sort
kill -TERM $pid
wait $pid
[ "$status" = 0 ] || { echo "schemathesis found failures (exit $status)"; exit "$status"; }
echo "schemathesis: no failures"
