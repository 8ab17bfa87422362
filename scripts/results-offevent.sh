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
echo "The detector is a logistic regression over 14 features of two signals, each relative to the cluster (see \`crates/precis/src/off_event.rs\`), whose weights were learned from synthetic clusters of Multi-News training and DUC 2006 (\`scripts/offevent-learn.sh\`); its score is the probability that a document reports the cluster's event, and a document is flagged below the threshold, the one value chosen on this set (best F1 among thresholds that flag at most one clean cluster)."
echo "Every flag is listed in a summary's \`off_event\`, but only *confident* flags (flagged, with the two signals' combined ratio to the cluster's medians below 0.225 and each ratio below 0.45) have their sentences left out: the row \"confident flags\" scores those alone."
echo "The rows \"previous detector\" are the hand-set combination the model replaced (the weighted geometric mean of the two ratios, flagged below 0.45 when both are below the median); \"named things alone\" and \"repeated phrases alone\" are each signal's ratio to the cluster's median, with its own best threshold on all records, and held-half; the baseline is the leave-one-out cosine of each document's tf-idf vector with the rest of the cluster."
echo
echo '```'
"$bin" eval --data "$data/offevent-duc2003.jsonl.gz" --protocol offevent
echo '```'
echo
echo "Data it was not tuned on: the same construction applied to DUC 2006 (\`scripts/offevent-set.py\`, seed 14; 50 topics, each clean and with one document of the most similar other topic), first with every topic's 25 documents, then with its first 10 (the size of a DUC 2003 cluster)."
echo "The model's training clusters include random subsets of these topics (with intruders of their three most similar topics), so these tables are not fully held out; the held-out figures, each topic scored by a model trained without its half of the topics, are below the tables (\`scripts/offevent-learn.sh\`)."
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
echo "ROUGE of \`auto\` on the 30 \`-intr\` clusters (DUC protocol, as above), with the detection (confidently off-event sentences left out, the default) and without it (\`--keep-off-event\`); on the clean sets (the tables above) the default and \`--keep-off-event\` score the same, since no clean DUC 2003 cluster has a confident flag:"
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
Why the default leaves out only confident flags: leaving out the sentences of every flagged document (as before) cost ROUGE on the clean tuning sets, `auto` on DUC 2003 41.89/12.16/15.43 (R-1/R-2/SU4) against 42.00/12.29/15.51 with `--keep-off-event`, and on Multi-News val 46.06/16.44/30.12 against 46.29/16.50/30.24. Most of those flags rested on one signal at zero (a short web document, a weather forecast or a table that repeats no phrase of the others makes the geometric mean zero). With the rule, the default scores exactly what `--keep-off-event` does on both (DUC 2003 42.00/12.29/15.51, Multi-News val 46.29/16.50/30.24), and leaving out the intruders changes nothing on the `-intr` clusters either: `auto` did not pick their sentences. On the other tuning sets the change is within noise, both ways: DUC 2006 query-focused `auto` 42.23/10.63/15.64 against 42.29/10.66/15.71 when every flag was left out (23 of its 50 topics had a flag then, 22 now), DUC 2007 update (8 topics) 38.94/11.09/14.78 against 38.97/11.06/14.78 (the tables below).
Requiring both signals below the median for any flag took the flagged Multi-News val clusters (clean as far as anyone knows) from 102 of 996 to 19 (4 of them confidently; `precis eval --protocol offevent` over those clusters, each given an empty `off_event` list), left the development figures unchanged and removed false flags on DUC 2006.

The targets are not met: F1 0.767 with 3 of 30 clean clusters flagged, against 0.85 and at most 1. Two facts bound what any content signal can do on this set. Two of the 30 inserted documents (in `d30048t-intr` and `d31038t-intr`) are exact copies of a document already in the cluster (DUC 2003 clusters share documents with their most similar neighbour), so recall is at most 28/30. And the three clean clusters flagged hold documents that are arguably off-event themselves: a national weather forecast and a Moscow report of November cold deaths in a cluster about a cold wave in Poland, a Philippine inflation report in a cluster about Typhoon Babs, and the text of the Sherman Act in a cluster about the Microsoft trial.

The bundled example (`examples/kerry-lavrov-syria`) is not solved: `precis summarize --format json` on it flags nothing; `000_…`, the 2013 report, scores 0.93 of the cluster's median and `001_…`, the report from a month earlier, 0.85 (the threshold is 0.45). Its five documents share their actors and most names, its documents carry no dates and its text no years, and with two of five reports off the main event the medians sit between the groups.

What was tried on the development set and did not reach the target (prototypes over the tokens `examples/offevent_features.rs` dumps; F1 with the threshold chosen on all 60 records, at most 1 clean cluster flagged unless said otherwise):

| signal (each document against the rest of its cluster) | F1 | note |
|---|---:|---|
| names and phrases (the detector) | 0.767 | 3 clean clusters flagged |
| cosine of names weighted by their in-cluster idf | 0.40 | flags the example's `000` (0.33 to 0.41 of the median) and `001`, not `002`-`004` |
| share of its sentences another document retells (best cosine ≥ 0.3) | 0.46 | 12 clean clusters flagged; `000` and `001` of the example retell nothing, `002`-`004` several sentences each |
| coverage of the names, phrases or numbers at least half of the others share | 0.56-0.60, numbers 0.33 | 4 or more clean clusters flagged |
| logistic regression over 14 such ratios, weights fitted on the other half | 0.71 | 3 clean clusters flagged |
| flag only the lowest document, and only far below the second lowest | 0.77 | |
| the detector with each ratio smoothed (+0.02 to +0.1) so one zero does not decide | 0.67-0.76 | best with 3 clean flagged 0.787 |
| median of a document's pairwise name cosines, against the cluster's median | 0.61 | with phrases: 3 clean clusters at any useful threshold |
| cosine over all its names (not only shared ones), alone or with the detector's signals | 0.61-0.64 | best with 3 clean flagged 0.75 |
| share of its names that half of the others use, with the names signal | 0.71 | held-out DUC 2006 (10 documents) F1 0.44 with 10 clean topics flagged |
| retelling (sentence cosine ≥ 0.5), only where the cluster's median document retells ≥ 20% | - | 13 intruders against 28 false flags in 10 clean clusters: DUC 2003 clusters retell each other a lot |
| date far from the others' median (dates taken from `stream-dev.jsonl.gz`, beyond 14 days and 3 MADs) | - | 17 intruders against 64 false flags in 14 clean clusters: the most similar other event is often weeks away, and clean TDT clusters span weeks |

DUC 2003 reports of one TDT event are AP and NYT wire copy about one event over weeks, and the inserted document comes from the most similar other event (often the same place and actors, weeks apart), while the example's reports copy sentences from each other; a signal that finds the example's `000` flags loose feature stories in the clean DUC clusters, so none was adopted.
TEXT
echo
