#!/usr/bin/env bash
# Prints the Markdown sections of docs/results.md on query-focused (DUC 2006)
# and update (DUC 2007 update dev topics) summaries, with the competing
# systems scored by the same code. Called by scripts/results.sh.
#   bash scripts/results-context.sh PRECIS_BINARY [DATA_DIR]
set -euo pipefail
bin=$1
data=${2:-${PRECIS_DATA:-../shared/data}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The peers' rows as a table sorted by ROUGE-2: the best five, and the
# baseline named by its id.
peers_table() {
  python3 - "$1" "$2" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
baseline = sys.argv[2]
rows.sort(key=lambda r: -r["rouge-2"]["recall"])
print("| system | ROUGE-1 | ROUGE-2 | ROUGE-SU4 |")
print("|--------|---------|---------|-----------|")
for rank, r in enumerate(rows):
    if rank < 5 or r["system"] == baseline:
        name = r["system"] + (" (lead baseline)" if r["system"] == baseline else "")
        print(f"| {name} | {100*r['rouge-1']['recall']:.2f} | {100*r['rouge-2']['recall']:.2f} | {100*r['rouge-su4']['recall']:.2f} |")
print(f"\n{len(rows)} systems; the best by ROUGE-2 first.")
PY
}

echo "## DUC 2006 query-focused (tuning set), 50 topics, 4 references"
echo
echo "Protocol (NIST's): 250 words, the last sentence cut at the limit; ROUGE-1.5.5 \`-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -l 250\`, recall jackknifed over the four references, 95% bootstrap intervals."
echo "Each topic's \`query\` (title and narrative) is used; the \`--generic\` rows ignore it."
echo
echo '```'
"$bin" eval --data "$data/duc2006.jsonl.gz" --protocol duc-qf --no-oracle
"$bin" eval --data "$data/duc2006.jsonl.gz" --protocol duc-qf --no-oracle --generic --methods ilp,learned,auto | tail -n 3 | sed 's/^| \([a-z]*\) \{0,10\}/| \1, generic /'
echo '```'
echo
echo "The 35 systems that competed, scored by \`precis rouge --protocol duc-qf --peers\`:"
echo
"$bin" rouge --data "$data/duc2006.jsonl.gz" --peers "$data/duc2006-peers.jsonl.gz" --protocol duc-qf --json >"$tmp/peers.json"
peers_table "$tmp/peers.json" 1
echo
echo "## DUC 2007 update (tuning set), sets B and C of 4 topics, 4 references"
echo
echo "Protocol: as DUC 2006 but 100 words (\`-l 100\`). A summary of set B is told what set A said (\`earlier_documents\`), one of C what A and B said; set A's summaries are not update summaries and are left out. Eight summaries: differences under a point are noise."
echo
python3 - "$data/duc2007-update-dev.jsonl.gz" "$tmp/bc.jsonl" "$data/duc2007-update-dev-peers.jsonl.gz" "$tmp/bc-peers.jsonl" <<'PY'
import gzip, json, sys
for src, dst in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    with gzip.open(src, "rt") as f, open(dst, "w") as o:
        for line in f:
            if not json.loads(line)["id"].endswith("-A"):
                o.write(line)
PY
echo '```'
"$bin" eval --data "$tmp/bc.jsonl" --protocol duc-update --no-oracle | sed "s#$tmp/bc.jsonl#duc2007-update-dev.jsonl.gz, sets B and C#"
"$bin" eval --data "$tmp/bc.jsonl" --protocol duc-update --no-oracle --generic --methods ilp,learned,auto | tail -n 3 | sed 's/^| \([a-z]*\) \{0,10\}/| \1, generic /'
echo '```'
echo
echo "The 24 systems that competed on the same eight summaries:"
echo
"$bin" rouge --data "$tmp/bc.jsonl" --peers "$tmp/bc-peers.jsonl" --protocol duc-update --json >"$tmp/bc-peers.json"
peers_table "$tmp/bc-peers.json" 35
echo
