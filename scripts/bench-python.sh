#!/usr/bin/env bash
# Figures of the Python package, on Multi-News validation (1000 clusters,
# 250 words), in one run so ratios share the machine's load:
#
# 1. In process, one thread: Python `Summarizer.summarize` per cluster
#    against the Rust in-process time (examples/bench_inprocess.rs, same
#    protocol: median of 5 runs per cluster, mean over clusters); and
#    `summarize_many` over all clusters on 1 and 2 threads.
# 2. `precis.rouge.RougeScorer.score_many` against rouge-score's
#    `RougeScorer.score` (rouge1, rouge2, rougeLsum, stemming) on the same
#    1000 (reference, precis summary) pairs; every score must be identical.
# 3. The Spark job (`precis.spark.summarize_jsonl`, local[2], on 127.0.0.1)
#    over the gzipped file against `precis summarize --threads 2 --format
#    jsonl`; its output must equal the CLI's line for line.
#
# Installs the package into .venv-python as scripts/test.d/20-python.sh does
# (run that first on a fresh machine: it installs Java, pyspark and the rest).
# Usage: bash scripts/bench-python.sh
# Environment: PRECIS_DATA (default ../shared/data), BENCH_OUT (default out/bench).
# Output: JSON lines in $BENCH_OUT/python/results.jsonl, echoed to stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PRECIS_DATA:-$root/../shared/data}"
out="${BENCH_OUT:-$root/out/bench}/python"
py="$root/.venv-python/bin/python"
export PATH="$root/.venv-python/bin:$PATH"  # the build backend runs `maturin`
input="$data/multinews-val.jsonl.gz"
[ -f "$input" ] || { echo "error: no $input (set PRECIS_DATA)" >&2; exit 1; }
[ -x "$py" ] || { echo "error: run bash scripts/test.d/20-python.sh first (it makes .venv-python)" >&2; exit 1; }
mkdir -p "$out"
rm -f "$out/results.jsonl"
cd "$root"
cargo build --release -q -p precis-cli -p precis --example bench_inprocess
target_dir="$(cargo metadata --format-version 1 --no-deps | "$py" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
"$py" -m pip install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./crates/precis-python
record() { tee -a "$out/results.jsonl"; }
export SPARK_LOCAL_IP=127.0.0.1

echo "== 1. in process, Rust then Python" >&2
"$target_dir/release/examples/bench_inprocess" methods "$input" --methods auto --words 250 --repeat 5 \
  | "$py" -c 'import json, sys; [print(json.dumps({"rust_inprocess": json.loads(l)})) for l in sys.stdin if l.strip()]' | record
"$py" scripts/bench_python.py summarize "$input" --words 250 --repeat 5 \
  | "$py" -c 'import json, sys; print(json.dumps({"python_inprocess": json.load(sys.stdin)}))' | record

echo "== 2. ROUGE" >&2
# Exit status 1: some clusters were refused (error records in place).
"$target_dir/release/precis" summarize "$input" --threads 2 --format jsonl --words 250 > "$out/pred.jsonl" 2>/dev/null || [ $? -eq 1 ]
"$py" scripts/bench_python.py rouge "$input" "$out/pred.jsonl" \
  | "$py" -c 'import json, sys; print(json.dumps({"rouge": json.load(sys.stdin)}))' | record

echo "== 3. Spark local[2] against the CLI on 2 threads" >&2
rm -rf "$out/spark"
"$py" scripts/bench_python.py spark "$input" "$out/spark" --words 250 \
  --cli "$target_dir/release/precis" --cli-out "$out/cli.jsonl" \
  | "$py" -c 'import json, sys; print(json.dumps({"spark": json.load(sys.stdin)}))' | record
cat "$out"/spark/part-* | cmp - "$out/cli.jsonl"
echo '{"spark_equals_cli": true}' | record
