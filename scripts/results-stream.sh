#!/usr/bin/env bash
# The story-clustering section of docs/results.md (called by results.sh):
#   bash scripts/results-stream.sh BIN DATA_DIR
set -euo pipefail
bin=$1
data=$2
[ -f "$data/stream-dev.jsonl.gz" ] || exit 0
echo "## Story clustering of a stream (development set), 1529 articles, 80 stories"
echo
echo "Protocol: \`precis eval --protocol stream\`: \`precis cluster\` with its defaults assigns each article when it is read, from the articles before it; B-cubed and pairwise precision, recall and F1 against each article's \`story\`. Split halves: each half of the stream clustered from scratch and scored on its own, a check that the few settings chosen on the whole stream (threshold, idf offset, window) are not fitted to it."
echo
echo '```'
"$bin" eval --data "$data/stream-dev.jsonl.gz" --protocol stream | grep -v 'articles/s'
echo '```'
echo
cat <<'TEXT'
The peer, `bash scripts/stream-peer.sh` (scikit-learn 1.x in its own virtual environment): batch clustering that sees the whole stream at once, its setting chosen on this stream.

| method | setting | B3 P | B3 R | B3 F1 | pairwise F1 |
|---|---|---:|---:|---:|---:|
| precis cluster (online, one pass) | defaults | 0.8634 | 0.8097 | **0.8357** | 0.7958 |
| scikit-learn agglomerative, average link, cosine | sublinear tf-idf, English stopwords, distance threshold 0.9 | 0.8492 | 0.7985 | 0.8231 | 0.7805 |
| scikit-learn agglomerative, average link, cosine | default tf-idf, distance threshold 0.75 | 0.8083 | 0.7284 | 0.7663 | 0.6858 |
| scikit-learn HDBSCAN, cosine distances | sublinear tf-idf, min_cluster_size 3 | 0.9206 | 0.5533 | 0.6912 | 0.6263 |

The targets of issue 14 (B-cubed F1 at least 0.90, and 0.05 above the peer) are **not met**: precis is 0.013 above the best peer setting found here (the data README quotes 0.848 for the agglomerative peer at threshold 0.9 with a tf-idf setting not stated; the two settings above give 0.823 and 0.766).
What was tried on the development stream and did not help (B-cubed F1 with the threshold re-chosen, against 0.828 for the plain centroid clusterer with window off): names (capitalized words inside a sentence) weighted 1.5 to 3 (0.805 to 0.817), the lead or first 30 to 120 words weighted 2 or 3 (0.815 to 0.827), a time penalty of 0.01 to 0.04 per ln(1 + gap / 30 days) (0.806 to 0.822), merging two stories whose centroids reach a cosine of 0.3 to 0.6 when an article bridges them or after each assignment (0.783 to 0.824), the best cosine to one of a story's 30 latest articles mixed into the score (0.800 to 0.829), inverse document frequencies of the whole stream known in advance (0.822: the online idf is not what limits it), and longer or shorter article and centroid vectors (50 to 1000 terms; 0.642 to 0.820).
A window shorter than the longest quiet spell of a DUC 2006 topic (up to 736 days) splits those topics (at threshold 0.15 and idf offset 1): 0.569 at 30 days, 0.722 at 100, 0.779 at 200, against 0.828 with no window; the default, 1000 days, loses nothing.
TEXT
echo
