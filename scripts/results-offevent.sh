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
Why the default leaves out only confident flags: leaving out the sentences of every flagged document (as before) cost ROUGE on the clean tuning sets, `auto` on DUC 2003 41.89/12.16/15.43 (R-1/R-2/SU4) against 42.00/12.29/15.51 with `--keep-off-event`, and on Multi-News val 46.06/16.44/30.12 against 46.29/16.50/30.24. Most of those flags rested on one signal at zero (a short web document, a weather forecast or a table that repeats no phrase of the others makes the geometric mean zero). With the rule, the default scores exactly what `--keep-off-event` does on both (DUC 2003 42.00/12.29/15.51 then, 42.00/12.14/15.28 since the coverage selector's change da5dcd3; Multi-News val 46.29/16.50/30.24), and leaving out the intruders changes nothing on the `-intr` clusters either: `auto` did not pick their sentences. On the other tuning sets the change is within noise, both ways: DUC 2006 query-focused `auto` 42.23/10.63/15.64 against 42.29/10.66/15.71 when every flag was left out (23 of its 50 topics had a flag then, 22 now), DUC 2007 update (8 topics) 38.94/11.09/14.78 against 38.97/11.06/14.78 (the tables below).
Requiring both signals below the median for any flag took the flagged Multi-News val clusters (clean as far as anyone knows) from 102 of 996 to 19 (4 of them confidently; `precis eval --protocol offevent` over those clusters, each given an empty `off_event` list); the learned detector flags 1 of 996 (confidently), and `auto` scores what it scored with the hand-set detector on every tuning set (at main da5dcd3: DUC 2003 42.00/12.14/15.28, Multi-News val 46.29/16.50/30.24, DUC 2006 query-focused 42.58/10.76/15.86, DUC 2007 update, all 12 sets, 38.07/10.77/14.22).

**The learned detector.** The hand-set detector combined the two signals by a weighted geometric mean with a rule (both below the median) and a threshold, all chosen on this set.
The detector now learns the combination from data it is not judged on: synthetic clusters built as this set was, one document of a similar other cluster inserted into each, from every Multi-News training cluster of four or more documents (8,233 clusters, each clean and with an intruder from the most similar other cluster of the whole file whose centroid cosine is below 0.5, since Multi-News holds several clusters of one story) and from 8 random subsets of 5 to 12 documents of each DUC 2006 topic (an intruder from one of its 3 most similar topics): 86,037 documents, 7,902 inserted.
Its 14 features are the two signals, each relative to the cluster (ratio to the median, z-score, ratio to the other documents' mean, whether no document is lower, gap below the next lowest over the median), the old combined ratio and whether both ratios are below the median; a logistic regression (scikit-learn, C = 1) over them is written into `off_event.rs` as constants.
Only the threshold was chosen on this set: 0.605, the best F1 among thresholds that flag at most one clean cluster (any value in 0.6045-0.6053 gives the same; 0.60 gives 0.784 and 0.65 gives 0.821 with 3 clean clusters, the "other threshold" rows above).
`bash scripts/offevent-learn.sh` rebuilds the training sets, refits the weights (the same constants) and prints the figures, the bundled example's scores and the held-out DUC 2006 figures, each topic scored by a model trained without its half of the topics (the tables above use the shipped model, whose training saw subsets of every topic): 10 documents a topic F1 0.578 with 5 of 50 clean topics flagged, 25 documents 0.484 with 12 of 50, against 0.491 with 11 and 0.379 with 22 for the hand-set detector.

The targets are not all met: on this set F1 0.808 with 1 of 30 clean clusters flagged, against 0.85 and at most 1 (the hand-set detector: 0.767 with 3, and nothing at all with at most 1). Two facts bound what any content signal can do on this set. Two of the 30 inserted documents (in `d30048t-intr` and `d31038t-intr`) are exact copies of a document already in the cluster (DUC 2003 clusters share documents with their most similar neighbour), so recall is at most 28/30. And the clean clusters the hand-set detector flagged hold documents that are arguably off-event themselves: a national weather forecast and a Moscow report of November cold deaths in a cluster about a cold wave in Poland, a Philippine inflation report in a cluster about Typhoon Babs, and the text of the Sherman Act in a cluster about the Microsoft trial.

The bundled example (`examples/kerry-lavrov-syria`) is not solved: `precis summarize --format json` on it flags nothing; the model gives `000_…`, the 2013 report, a probability of 0.983 of reporting the cluster's event and `001_…`, the report from a month earlier, 0.865 (`002`-`004`: 0.988, 0.997, 0.999; the threshold is 0.605). Its five documents share their actors and most names, its documents carry no dates and its text no years, and with two of five reports off the main event the medians sit between the groups.

Why no signal of these two kinds finds the example without flagging clean clusters: in the example the three reports of the December visit do form a tight core (their pairwise shared-phrase cosines are two to four times those of `000` and `001` with anyone), but clean DUC clusters are no more uniform. Peeling the least-tied documents (the core view above), the example's first peeled document is tied to the rest at 0.47 of the rest's cohesion and its first two at 0.32; of the 30 clean DUC 2003 clusters, 29 hold a document and 12 a pair at least as weakly tied as those, and of the 50 clean DUC 2006 topics (10 documents a topic) 32 and 11 (`bash scripts/offevent-learn.sh`, its last part). Any rule that flags the example's pair on shared phrases would flag at least 12 of the 30 clean clusters, where the target allows one; the signals of the tables below that flag the example's `000` fare no better. What separates `000` for a reader is knowledge of when things happened (an ASEAN meeting in Brunei, a death toll of 90,000, a conference still to be convened in Geneva) or a date, and the example carries neither.

What was tried for the learned detector (logistic regression unless said; dev F1 with the threshold of best F1 at most 1 clean cluster flagged, chosen on the dev set; DUC 2006 figures held out by topic halves, at the dev threshold):

| model | dev F1 (clean flagged) | DUC 2006, 10 docs | DUC 2006, 25 docs | note |
|---|---:|---:|---:|---|
| names and phrases features (the detector) | 0.808 (1/30) | 0.578 (5/50) | 0.484 (12/50) | |
| the same, trained on Multi-News alone | 0.125 (0/30) | 0.111 (1/50) | 0.348 (2/50) | Multi-News is lowercased: the names signal is zero there, and its web clusters differ from wire copy; with more features 0.00-0.10 on the dev set |
| the same, trained on DUC 2006 subsets alone | 0.776 (0/30) | 0.635 (7/50) | 0.495 (13/50) | |
| 11 signals (also leave-one-out cosine, coverage of numbers, words, names, bigrams shared once, max and mean pairwise cosine), 69 features | 0.830 (1/30) | 0.571 (14/50) | 0.429 (29/50) | more clean topics flagged on held-out data |
| the same without Multi-News | 0.708 (1/30) | 0.659 (4/50) | 0.559 (10/50) | |
| with document length and cluster size | - | - | - | dropped: construction artefacts (an inserted document is longer than Multi-News' short scraps, an `-intr` cluster is one larger) |
| relative features only (no raw values) | 0.735 (1/30) | 0.563 (2/50) | 0.489 (14/50) | |
| names, phrases and leave-one-out cosine | 0.784-0.800 (0-1/30) | 0.58-0.60 | 0.48-0.50 | |
| names and phrases with within-cluster rank, ties by document order / mid-rank | 0.852 / 0.784 (1/30) | 0.607 (7/50) / 0.545 (4/50) | 0.500 (17/50) / 0.479 (14/50) | the tie rule alone moves dev F1 by 0.07: differences of that size on 30 intruders are noise; rank dropped (a rank by order depends on the documents' order) |
| gradient-boosted trees (60 of depth 2), names and phrases | 0.852 (1/30) | 0.500 (23/50) | 0.468 (17/50) | worse held out |
| regularization C from 0.01 to 10 | 0.78-0.85 | | | small effect |
| with six *core* features: each document's mean affinity (shared-phrase cosine, name cosine) to the cluster's core over the core's cohesion, the core found by peeling the least-tied documents, at most (n - 1) / 2 (`scripts/offevent_core.py`) | 0.708 (1/30) | 0.472 (3/50) | 0.519 (7/50) | the example's `000` 0.976; the shared-phrase core features alone 0.760 (1/30), 0.557 (4/50), 0.523 (10/50); the name core features alone 0.784 (1/30), 0.543 (5/50), 0.484 (12/50) |

The first three rows are the detector's features; the others were measured while the features still held a within-cluster rank of each signal (ties by document order) unless the row says otherwise, so they compare with its 0.852 row.
The Python prototypes are `scripts/offevent_learn.py` (the detector's features) and the sets `scripts/offevent-train-set.py` builds.

The hand-set detector: what was tried on the development set and did not reach the target (prototypes over the tokens `examples/offevent_features.rs` dumps; F1 with the threshold chosen on all 60 records, at most 1 clean cluster flagged unless said otherwise):

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
