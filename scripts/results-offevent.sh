#!/usr/bin/env bash
# The off-event section of docs/results.md (called by results.sh): the
# detector, its ablation and the baseline on the DUC 2003 development set,
# the same on sets built from DUC 2006, and the ROUGE of `auto` on the
# -intr clusters with and without the detection.
#   bash scripts/results-offevent.sh BIN DATA_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
data=$2
[ -f "$data/offevent-duc2003.jsonl.gz" ] || exit 0
echo "## Off-event documents (DUC 2003 development set), 60 clusters"
echo
echo "Each DUC 2003 cluster twice: as it is (\`-clean\`) and with one document of the most similar other cluster inserted (\`-intr\`); precision, recall and F1 of the flagged documents over all 60, and the clean clusters where anything is flagged (\`precis eval --protocol offevent\`)."
echo "Times are milliseconds per cluster on one thread (load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores while measured); detection is timed on its own besides the whole preparation."
echo "The held-half row chooses the threshold on one half of the clusters and scores the other half, both ways, pooled."
echo "The detector multiplies two signals (see \`crates/precis/src/off_event.rs\`); the rows \"named things alone\" and \"repeated phrases alone\" are the ablation (each signal alone, with its own best threshold on all records, and held-half), and the baseline is the leave-one-out cosine of each document's tf-idf vector with the rest of the cluster."
echo
echo '```'
"$bin" eval --data "$data/offevent-duc2003.jsonl.gz" --protocol offevent
echo '```'
echo
echo "Data it was not tuned on: the same construction applied to DUC 2006 (\`scripts/offevent-set.py\`, seed 14; 50 topics, each clean and with one document of the most similar other topic), first with every topic's 25 documents, then with its first 10 (the size of a DUC 2003 cluster)."
echo "DUC 2006 topics are NIST question topics, some spanning years, not single events, so a clean topic often holds reports of several events: flags there are not all errors, but they are counted as such."
echo
oe06=$(mktemp --suffix=.jsonl)
echo '```'
python3 scripts/offevent-set.py "$data/duc2006.jsonl.gz" "$oe06"
"$bin" eval --data "$oe06" --protocol offevent | sed "s|$oe06|offevent-duc2006 (25 documents a topic)|"
python3 scripts/offevent-set.py "$data/duc2006.jsonl.gz" "$oe06" --max-docs 10
"$bin" eval --data "$oe06" --protocol offevent | sed "s|$oe06|offevent-duc2006 (10 documents a topic)|"
echo '```'
rm -f "$oe06"
echo
echo "ROUGE of \`auto\` on the 30 \`-intr\` clusters (DUC protocol, as above), with the detection (off-event sentences left out, the default) and without it (\`--keep-off-event\`):"
echo
intr=$(mktemp --suffix=.jsonl)
python3 -c 'import gzip, json, sys
for line in gzip.open(sys.argv[1], "rt"):
  if json.loads(line)["id"].endswith("-intr"):
      sys.stdout.write(line)' "$data/offevent-duc2003.jsonl.gz" >"$intr"
echo '```'
"$bin" eval --data "$intr" --protocol duc --methods auto --no-oracle | sed "s|$intr|offevent-duc2003 -intr clusters, detection on|"
"$bin" eval --data "$intr" --protocol duc --methods auto --no-oracle --keep-off-event | sed "s|$intr|offevent-duc2003 -intr clusters, --keep-off-event|"
echo '```'
rm -f "$intr"
echo
cat <<'TEXT'
The bundled example (`../shared/examples/kerry-lavrov-syria`) is not solved: `precis summarize --format json` on it flags nothing (in the prototype, which reproduces the detector's figures above, `000_…`, the 2013 report, scores 0.93 of the cluster's median and `001_…`, the report from a month earlier, 0.85; the threshold is 0.45). Its five documents share their actors and most names, and with two of five reports off the main event the medians sit between the groups.

What was tried on the development set and did not reach the target (prototypes over the tokens `examples/offevent_features.rs` dumps; F1 with the threshold chosen on all 60 records, at most 1 clean cluster flagged unless said otherwise):

| signal (each document against the rest of its cluster) | F1 | note |
|---|---:|---|
| names and phrases (the detector) | 0.767 | 3 clean clusters flagged |
| cosine of names weighted by their in-cluster idf | 0.40 | flags the example's `000` (0.33 to 0.41 of the median) and `001`, not `002`-`004` |
| share of its sentences another document retells (best cosine ≥ 0.3) | 0.46 | 12 clean clusters flagged; `000` and `001` of the example retell nothing, `002`-`004` several sentences each |
| coverage of the names, phrases or numbers at least half of the others share | 0.56-0.60, numbers 0.33 | 4 or more clean clusters flagged |
| logistic regression over 14 such ratios, weights fitted on the other half | 0.71 | 3 clean clusters flagged |
| flag only the lowest document, and only far below the second lowest | 0.77 | |

DUC 2003 reports of one TDT event are AP and NYT wire copy that retell each other little, while the example's reports copy sentences from each other; a signal that finds the example's `000` flags loose feature stories in the clean DUC clusters, so none was adopted.
TEXT
echo
