#!/usr/bin/env bash
# The story-clustering section of docs/results.md (called by results.sh):
#   bash scripts/results-stream.sh BIN DATA_DIR
set -euo pipefail
bin=$1
data=$2
[ -f "$data/stream-dev.jsonl.gz" ] || exit 0
echo "## Story clustering of a stream (development set), 1529 articles, 80 stories"
echo
echo "Protocol: \`precis eval --protocol stream\`: \`precis cluster\` with its defaults assigns each article when it is read, from the articles before it; B-cubed and pairwise precision, recall and F1 against each article's \`story\`. Split halves: each half of the stream clustered from scratch and scored on its own, a check that the few settings chosen on the whole stream (threshold, idf offset, window) are not fitted to it. Parts: the whole run's stories scored on the articles of each grain (gold stories \`duc2003:…\`, single TDT events of a few weeks, and \`duc2006:…\`, NIST topics, some spanning years)."
echo
echo '```'
"$bin" eval --data "$data/stream-dev.jsonl.gz" --protocol stream | grep -v 'articles/s'
echo '```'
echo
cat <<'TEXT'
The peer, `bash scripts/stream-peer.sh` (scikit-learn 1.9 in its own virtual environment): batch clustering that sees the whole stream at once, its setting chosen on this stream. Per part: the articles of DUC 2003 (30 TDT events of a few weeks) and of DUC 2006 (50 NIST topics, some spanning years), scored with the stories of the whole run (`parts` in `--json`).

| method | setting | B3 P | B3 R | B3 F1 | pairwise F1 | DUC 2003 part B3 F1 | DUC 2006 part B3 F1 |
|---|---|---:|---:|---:|---:|---:|---:|
| precis cluster (online, one pass) | defaults | 0.8634 | 0.8097 | **0.8357** | 0.7958 | 0.8548 | 0.8560 |
| scikit-learn agglomerative, average link, cosine | sublinear tf-idf, English stopwords, `min_df=2`, distance threshold 0.9 | 0.8473 | 0.8481 | **0.8477** | 0.8136 | 0.8776 | 0.8782 |
| scikit-learn agglomerative, average link, cosine | sublinear tf-idf, English stopwords, distance threshold 0.9 | 0.8492 | 0.7985 | 0.8231 | 0.7805 | | |
| scikit-learn agglomerative, average link, cosine | default tf-idf, distance threshold 0.75 | 0.8083 | 0.7284 | 0.7663 | 0.6858 | | |
| scikit-learn HDBSCAN, cosine distances | sublinear tf-idf, English stopwords, `min_df=2`, min_cluster_size 3 | 0.9242 | 0.5691 | 0.7044 | 0.6423 | 0.8093 | 0.6849 |
| ceiling (`scripts/stream_explore.py STREAM ceiling`): each article in the gold story whose centroid (of its other articles) is nearest | sublinear tf-idf, English stopwords, `min_df=2`; supervised, batch | 0.931 | 0.933 | 0.9320 | 0.929 | 0.946 | 0.937 |

**The peer figure.** The data README's 0.848 for the agglomerative peer is right: it is tf-idf with sublinear tf, English stopwords and `min_df=2` (words of a single article dropped), average link, distance threshold 0.9 (0.8477 here). The peer script used to try only the first two settings above, whose best is 0.823, and so understated the peer; it now tries all three. Against the right peer, precis's online clusterer is **0.012 below** it (0.836 against 0.848), where it was reported 0.013 above.
The targets of issue 14 (B-cubed F1 at least 0.90, and 0.05 above the peer, so 0.898) are **not met**. The last row bounds what a tf-idf centroid can do here: even told every other article's story, a nearest-centroid rule reaches 0.932, so 0.90 online and unsupervised would have to come within 0.03 of that supervised bound.

What was tried (earlier rounds, in the Rust clusterer; B-cubed F1 with the threshold re-chosen, against 0.828 for the plain centroid clusterer with window off): names (capitalized words inside a sentence) weighted 1.5 to 3 (0.805 to 0.817), the lead or first 30 to 120 words weighted 2 or 3 (0.815 to 0.827), a time penalty of 0.01 to 0.04 per ln(1 + gap / 30 days) (0.806 to 0.822), merging two stories whose centroids reach a cosine of 0.3 to 0.6 when an article bridges them or after each assignment (0.783 to 0.824), the best cosine to one of a story's 30 latest articles mixed into the score (0.800 to 0.829), inverse document frequencies of the whole stream known in advance (0.822: the online idf is not what limits it), and longer or shorter article and centroid vectors (50 to 1000 terms; 0.642 to 0.820).
A window shorter than the longest quiet spell of a DUC 2006 topic (up to 736 days) splits those topics (at threshold 0.15 and idf offset 1): 0.569 at 30 days, 0.722 at 100, 0.779 at 200, against 0.828 with no window; the default, 1000 days, loses nothing.

What was tried in this round, in a Python model of the clusterer (`python3 scripts/stream_explore.py ../shared/data/stream-dev.jsonl.gz VARIANT...` with scikit-learn installed, e.g. in the peer's environment: its own tokenizer and a crude suffix stemmer, every live story scored; 0.844 where the Rust clusterer gives 0.836). Each row changes one thing, best of thresholds 0.12 to 0.18 (average link: 0.06 to 0.09); per part: B-cubed P / R / F1 of the DUC 2003 and DUC 2006 articles. The Multi-News column is the second judge: the first 3,000 articles of the Multi-News training stream (`python3 scripts/stream_multinews.py ../shared/data/multinews-train.jsonl.gz mn.jsonl`, `head -3000`, then `stream_explore.py mn3k.jsonl VARIANT --thresholds T`), at the threshold chosen on the development stream, nothing tuned on it; it agrees that none of the variants is a gain (within 0.004 of the model as it is, or below).

| variant | threshold | stories | B3 P | B3 R | B3 F1 | pairwise F1 | DUC 2003 part | DUC 2006 part | Multi-News 3k B3 F1 |
|---|---:|---:|---:|---:|---:|---:|---|---|---:|
| the model as it is | 0.14 | 157 | 0.863 | 0.827 | **0.8444** | 0.808 | 0.859 / 0.899 / 0.878 | 0.928 / 0.810 / 0.865 | 0.6786 |
| word bigrams added at half weight | 0.12 | 141 | 0.844 | 0.841 | 0.8426 | 0.800 | 0.823 / 0.908 / 0.863 | 0.910 / 0.825 / 0.865 | 0.6575 |
| names weighted 0.5 | 0.16 | 189 | 0.876 | 0.787 | 0.8293 | 0.791 | 0.882 / 0.840 / 0.860 | 0.932 / 0.775 / 0.846 | |
| idf offset 0 (0.5 in use) | 0.12 | 135 | 0.831 | 0.845 | 0.8381 | 0.791 | 0.849 / 0.914 / 0.880 | 0.893 / 0.829 / 0.860 | |
| idf offset 1 | 0.14 | 144 | 0.843 | 0.840 | 0.8416 | 0.799 | 0.824 / 0.894 / 0.858 | 0.913 / 0.827 / 0.868 | 0.6592 |
| centroids of 1000 terms (300 in use) | 0.14 | 151 | 0.857 | 0.828 | 0.8421 | 0.804 | 0.849 / 0.901 / 0.875 | 0.927 / 0.811 / 0.865 | |
| the peer's `min_df=2` online: scored on the article's terms seen before | 0.16 | 143 | 0.848 | 0.842 | 0.8451 | 0.801 | 0.859 / 0.889 / 0.874 | 0.912 / 0.831 / 0.869 | 0.6750 |
| threshold lowered for large stories (0.01 per ln size) | 0.16 | 167 | 0.851 | 0.805 | 0.8272 | 0.786 | 0.859 / 0.893 / 0.875 | 0.915 / 0.785 / 0.845 | |
| average link (mean cosine to the members), as the peer | 0.07 | 123 | 0.806 | 0.780 | 0.7927 | 0.754 | 0.838 / 0.928 / 0.881 | 0.874 / 0.745 / 0.804 | |
| geometric mean of centroid cosine and average link | 0.12 | 165 | 0.866 | 0.775 | 0.8180 | 0.780 | 0.855 / 0.888 / 0.872 | 0.930 / 0.749 / 0.830 | |
| split bursts: an article at least twice as close to one of the story's 10 latest articles (itself a weak member) as to the story starts a story with that article (later articles only) | 0.14 | 172 | 0.878 | 0.795 | 0.8344 | 0.807 | 0.887 / 0.832 / 0.859 | 0.927 / 0.787 / 0.851 | 0.6824 |
| a logistic assign model (`learned --train mn.jsonl`): trained on the first 8,000 articles of the Multi-News training stream with the gold stories as the stories so far; five features of an article and each of its 10 nearest stories (centroid cosine, mean cosine to the members, best cosine to one of the 10 latest members, log size, distance to the best centroid cosine); joins the most probable story at p ≥ 0.3, 0.5 or 0.7 (best shown) | p 0.3 | 652 | 0.958 | 0.191 | 0.3183 | 0.218 | 0.970 / 0.407 / 0.573 | 0.968 / 0.141 / 0.245 | |

Nothing here is worth more than the noise between thresholds (0.005): the representation, not the assignment rule, is what limits the online clusterer. Where its errors are (threshold 0.14; `scripts/stream_explore.py` does not print this): of the 0.137 of B-cubed precision lost, 0.063 is in stories that mix the two parts, mostly six DUC 2003 events absorbed whole into a DUC 2006 topic of the same subject and place (a Jerusalem car bomb and the Gaza airport opening into the Israeli-settlements topic, the embassy-bombing prosecutions into the embassy-bombings topic, a U.S. Senate race into a topic on gay rights in U.S. politics), 0.057 in stories that mix DUC 2006 topics, such as two that are the same subject to a bag of words (two global-warming topics), and 0.017 in stories mixing DUC 2003 events; the lost recall is mostly DUC 2006 topics broken into several stories (one into 17). The split-bursts row separates some absorbed events (DUC 2003 precision 0.859 to 0.887) but breaks as many DUC 2006 topics. The learned model does not transfer: Multi-News stories have 2 or 3 articles that often repeat one another, so it learns to join only near-copies, and on the development stream it opens 652 stories (precision 0.96, recall 0.19); a time feature (log days since the story's last article, on the stream's synthetic dates, `stream_multinews.py --dated`) made it worse (0.156, in a run whose code is not kept in the script), and the articles are lowercased, so names cannot be learned there either. Separating an event from the topic it belongs to takes more than word overlap: a model trained on a stream with both grains, or the events' own specific facts (places, numbers, dates) as the off-event detector uses.

A third round, in the same Python model (`python3 scripts/stream_variants.py ../shared/data/stream-dev.jsonl.gz VARIANT...`; the Multi-News rows need `python3 scripts/stream_variants.py ../shared/data/multinews-train.jsonl.gz build --background DIR` first, which writes the training split's document frequencies and 256-dimensional LSA term vectors to a scratch directory).
Each row changes one thing and is the best of its grid (the script's docstring says what each does); labels are those given when an article is read, as `precis eval --protocol stream` scores them, except the rows marked *after merges*.

| variant | threshold | stories | B3 P | B3 R | B3 F1 | pairwise F1 | DUC 2003 part | DUC 2006 part |
|---|---:|---:|---:|---:|---:|---:|---|---|
| the model as it is (`base`) | 0.14 | 157 | 0.863 | 0.827 | **0.8444** | 0.808 | 0.859 / 0.899 / 0.878 | 0.928 / 0.810 / 0.865 |
| BM25 term weight, k1 2.0, b 0.75 (`bm25`; k1 1.2 with b 0.75 or 0.3: 0.8226, 0.8239) | 0.14 | 170 | 0.858 | 0.801 | 0.8285 | 0.790 | 0.859 / 0.887 / 0.873 | 0.923 / 0.781 / 0.846 |
| document frequencies of the 124,854 Multi-News training articles added to the stream's (`background-idf`; at a tenth of their weight 0.8364, a hundredth 0.8437) | 0.12 | 111 | 0.805 | 0.856 | 0.8298 | 0.771 | 0.834 / 0.863 / 0.848 | 0.876 / 0.855 / 0.865 |
| LSA document vectors (tf times Multi-News idf, summed over 100-dimensional LSA term vectors of the training split) mixed into the score at 0.3 (`lsa`; at 0.5: 0.7253; 256 dimensions at 0.3 and 0.5: 0.7933, 0.7277) | 0.32 | 191 | 0.828 | 0.768 | 0.7965 | 0.744 | 0.858 / 0.879 / 0.868 | 0.909 / 0.742 / 0.817 |
| pairs of adjacent names (capitalized words inside a sentence, "Mahane_Yehuda") as terms at weight 1 (`name-bigrams`; at 0.5: 0.8318) | 0.12 | 134 | 0.844 | 0.846 | 0.8449 | 0.804 | 0.833 / 0.905 / 0.867 | 0.907 / 0.832 / 0.868 |
| centroid terms weighted by the share of members holding them, to the power 1 (`sharpen`; 0.5: 0.8340) | 0.14 | 147 | 0.836 | 0.833 | 0.8344 | 0.788 | 0.836 / 0.876 / 0.855 | 0.892 / 0.823 / 0.856 |
| members' weight decays as exp(-days / 720) (`decay`; 180 days: 0.8191, 30 days: 0.7454) | 0.14 | 155 | 0.863 | 0.829 | 0.8455 | 0.810 | 0.859 / 0.899 / 0.878 | 0.928 / 0.812 / 0.866 |
| below the threshold, join anyway at 0.08 or more when the best story scores 3 times the runner-up (`margin`; at 2 times: 0.8323) | 0.14 | 155 | 0.852 | 0.832 | 0.8418 | 0.801 | 0.859 / 0.899 / 0.878 | 0.915 / 0.816 / 0.863 |
| bursts leave old stories: when an article joins a story begun 30 or more days before it and 2 of the story's 10 latest members, of the last 3 days, are each 1.5 times closer to it than the story is (and at least 0.3), the three start a story (`bursts`; one such member: 0.8179) | 0.14 | 160 | 0.871 | 0.819 | 0.8443 | 0.816 | 0.895 / 0.857 / 0.875 | 0.928 / 0.810 / 0.865 |
| every 100 articles, live stories whose average link (mean cosine between their members, the peer's linkage) reaches 0.14 are merged, closest first (`merge`; at 0.12: 0.8294, every 25 at 0.12: 0.8248, at 0.10: 0.7992) | 0.14 | 157 | 0.857 | 0.817 | 0.8366 | 0.800 | 0.859 / 0.890 / 0.874 | 0.928 / 0.800 / 0.859 |
| the same, labels *after merges* (earlier articles follow their story into the merge; not online) | 0.14 | 151 | 0.852 | 0.833 | 0.8428 | 0.804 | 0.859 / 0.911 / 0.884 | 0.927 / 0.815 / 0.867 |

The logistic assign model of the second round, trained instead on one half of the development stream (gold stories as the stories so far) and run on the other (`learned-halves`; each half is scored alone, so compare with the model as it is on the same half: 0.8290 on the first, 0.8305 on the second):

| trained on | run on | p | stories | B3 P | B3 R | B3 F1 | the model as it is on that half |
|---|---|---:|---:|---:|---:|---:|---:|
| first half | second half | 0.2 | 87 | 0.861 | 0.819 | 0.8394 | 0.8305 |
| second half | first half | 0.4 | 111 | 0.825 | 0.837 | 0.8309 | 0.8290 |
| first half, with time (log days since the story's last article, log of its span) | second half | 0.2 | 93 | 0.851 | 0.805 | 0.8275 | 0.8305 |
| second half, with time | first half | 0.3 | 97 | 0.781 | 0.875 | 0.8256 | 0.8290 |

The first row's +0.009 rests on a probability threshold chosen on the half it is scored on, and the best threshold is not the same on the two halves (0.2 and 0.4); at one threshold for both, 0.3, the two directions give 0.831 and 0.830 (a scratch run with the same features), no better than the model as it is.
Time features make it worse.

None of these is a gain beyond the noise (0.005), so nothing was ported to the Rust clusterer and `precis cluster` is unchanged (0.8357, above).
A general-news corpus does not help this stream: its document frequencies make the stream's own distinctive words weaker (more DUC 2006 recall, less precision everywhere), and its LSA space puts same-subject stories together, which is the error the clusterer already makes (the LSA vectors alone, in the supervised nearest-centroid rule, reach 0.80 at 256 dimensions and 0.74 at 100, against 0.93 for tf-idf; a scratch run, not in the script).
Periodic average-link merging does not recover the peer's figure: merges come too late to change the labels already given, and even applied retroactively they gain nothing (0.8428).
Where the losses are, with the model at 0.14 (scratch analysis, not in the scripts): of the 1,528 articles read after the first, 79 are the first of their gold story, for 1,272 the best-scoring story is one made mostly of their own gold story (at the end of the run), and for 177 it is one made mostly of another although their own has begun: those are errors in the ranking of stories, which no threshold or margin rule changes.
Of the 70 articles left alone in a story of their own, 65 are DUC 2006 articles and for 47 the nearest story was their own topic, at cosines of 0.04 to 0.14, too low to join without also taking in unrelated articles.
Relabelling each of the model's stories by its majority gold story (a perfect merge of fragments, after the fact) would give 0.894, and splitting each by gold (perfect precision, after the fact) 0.905: merging alone cannot reach 0.90 from these stories, and splitting reaches it only if every mixed story is split exactly, where the burst rule above raises DUC 2003 precision from 0.859 to 0.895 and loses as much of its recall (0.899 to 0.857).

A fourth round, in the same Python model (`python3 scripts/stream_variants.py ../shared/data/stream-dev.jsonl.gz VARIANT...`, the variants of its `cluster4`; `--half 1` or `--half 2` clusters and scores one half of the stream from scratch, `--only` keeps the settings whose label contains a string, `--all` prints every setting of the grid; the Multi-News column runs the same command on `mn3k.jsonl`, the first 3,000 lines of `stream_multinews.py`'s output, at the setting chosen on the development stream).
Each row is the best of its grid on the whole stream; the halves and Multi-News at that same setting. A variant would count only if it gained 0.01 on the whole stream and on each half, and did not lose on Multi-News; none does.
Multi-News falls fast as the threshold drops (0.6786 at 0.14, 0.6425 at 0.13), so the rows chosen at a lower threshold lose there partly for that.
A row's figures come from its `VARIANT` with `--only` and the setting shown, e.g. the z-score row's second half: `python3 scripts/stream_variants.py ../shared/data/stream-dev.jsonl.gz zscore --half 2 --only "(2.0, 10, 0.11), threshold 0.14"`; the whole grid of a variant is printed with `--all`.

| variant (`VARIANT`, setting) | threshold | stories | B3 P | B3 R | B3 F1 | pairwise F1 | DUC 2003 part | DUC 2006 part | first half | second half | Multi-News 3k B3 F1 |
|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|
| the model as it is (`base4`) | 0.14 | 157 | 0.863 | 0.827 | **0.8444** | 0.808 | 0.859 / 0.899 / 0.878 | 0.928 / 0.810 / 0.865 | 0.8290 | 0.8202 | 0.6786 |
| the same at threshold 0.13 (`base4`) | 0.13 | 143 | 0.854 | 0.842 | **0.8478** | 0.808 | 0.859 / 0.905 / 0.881 | 0.918 / 0.827 / 0.870 | 0.8346 | 0.8212 | 0.6425 |
| coherence-normalized threshold: a story takes an article at cosine th (c / 0.5)^0.5, c its members' mean cosine to its centroid shrunk towards 0.5 with 2 pseudo-members (`coherence`, (0.5, 2, 0.5, 0.0, 'raw'); gamma 1: 0.8206; stories ranked by the normalized score: 0.8348; with the threshold 0.14 as a floor, so only tight stories are stricter: 0.8270) | 0.12 | 130 | 0.816 | 0.857 | **0.8361** | 0.784 | 0.849 / 0.901 / 0.875 | 0.881 / 0.847 / 0.863 | 0.8296 | 0.8111 | 0.6359 |
| z-score: a story of 10 or more articles takes an article at its members' mean join cosine less 2 standard deviations, at least 0.11 (`zscore`, (2.0, 10, 0.11); 6 or more articles: 0.8403, z 1: 0.7738, z 3: 0.8253) | 0.14 | 161 | 0.871 | 0.822 | **0.8457** | 0.813 | 0.893 / 0.899 / 0.896 | 0.926 / 0.804 / 0.861 | 0.8461 | 0.8285 | 0.6690 |
| the same at threshold 0.13 | 0.13 | 150 | 0.864 | 0.835 | **0.8491** | 0.811 | 0.893 / 0.905 / 0.899 | 0.918 / 0.818 / 0.865 | 0.8509 | 0.8316 | 0.6303 |
| specific facts (dateline place, numbers that are not years, adjacent-name pairs) as a bonus: below the threshold, an article at 0.08 or more joins when it shares 5 facts with one of the story's 10 latest members (`facts`, (0.08, 0.14, 5, 10, 'bonus'); 1 or 3 facts from 0.10: 0.7698, 0.8161; as a gate, joining between 0.12 and 0.18 only with a shared fact: 0.7928) | 0.14 | 146 | 0.856 | 0.836 | **0.8460** | 0.809 | 0.845 / 0.906 / 0.874 | 0.925 / 0.820 / 0.869 | 0.8284 | 0.8268 | 0.6786 |
| two tiers: events at cosine 0.3 to an event centroid, an event's articles take its story, a new event joins a story as an article would (`tiers`, (0.3, 0, 0.0, -1); events at 0.4: the model as it is, exactly) | 0.14 | 158 | 0.854 | 0.823 | **0.8385** | 0.798 | 0.859 / 0.899 / 0.878 | 0.918 / 0.806 / 0.858 | 0.8290 | 0.8182 | 0.6791 |
| the same, and an event of 3 articles (events at 0.4) moves, with its weight, to the story whose centroid is nearer to its own centroid than its story without it (`tiers`, (0.4, 3, 0.0, -1); events at 0.3: 0.7930, with a margin of 0.05: 0.8120) | 0.14 | 157 | 0.843 | 0.824 | **0.8334** | 0.791 | 0.859 / 0.888 / 0.873 | 0.910 / 0.809 / 0.857 | 0.8234 | 0.7932 | 0.6693 |
| the same, but an event of 3 articles whose centroid is below 0.2 to its story without it leaves it and starts a story (`tiers`, (0.3, 3, 9, 0.2)) | 0.14 | 186 | 0.857 | 0.771 | **0.8117** | 0.775 | 0.866 / 0.753 / 0.806 | 0.919 / 0.775 / 0.841 | | | |
| story frequency in the idf: half the document idf, half log((stories + 1) / (stories with the word + 1)) + 0.5, so a big story's own words keep their weight (`story-idf`, 0.5; 1.0: 0.8191) | 0.12 | 131 | 0.808 | 0.866 | **0.8358** | 0.768 | 0.819 / 0.912 / 0.863 | 0.866 / 0.855 / 0.861 | 0.8335 | 0.8100 | 0.6133 |
| a language-model score instead of the cosine: log-likelihood ratio per word of the article under the story's counts smoothed with the stream's (Dirichlet, 3,000 words) against the stream's (`lm`, 3000; 1,000 words: 0.7318, 10,000: 0.6975) | 0.1 | 188 | 0.765 | 0.726 | **0.7452** | 0.682 | 0.813 / 0.899 / 0.854 | 0.860 / 0.686 / 0.763 | 0.7457 | 0.7992 | 0.5010 |
| centroids cleaned: every 25 articles, each of the 25 latest moves its vector (not its label) to another story whose centroid it reaches at the threshold and prefers to its own story without it (`rehome`, (25, 25, 0.0); a margin of 0.05: 0.8444) | 0.14 | 155 | 0.864 | 0.828 | **0.8456** | 0.809 | 0.836 / 0.900 / 0.867 | 0.930 / 0.812 / 0.867 | 0.8295 | 0.8202 | 0.6772 |

The z-score rule is the only one with something to show: it separates some DUC 2003 events absorbed into broad topics (DUC 2003 precision 0.859 to 0.893 with no loss of their recall; in the second half, which has no DUC 2003 articles, DUC 2006 precision rises instead) and gains 0.017 and 0.008 on the halves at 0.14 (0.016 and 0.010 at 0.13), but on the whole stream it is within the noise (+0.0013 at 0.14 and at 0.13, against the model at the same threshold), it loses DUC 2006 recall (0.810 to 0.804), and it loses on Multi-News (0.010 at 0.14, precision 0.619 to 0.601; 0.012 at 0.13), so it fails the rule and was not ported.
Coherence-normalized thresholds do what they were meant to (DUC 2006 recall 0.810 to 0.847), but broad topics then take in more of the articles that are not theirs (DUC 2006 precision 0.928 to 0.881).
Two tiers without moves lose a little; moving whole events is a merge again and loses precision, and splitting events off breaks DUC 2003 events rather than freeing them (DUC 2003 recall 0.899 to 0.753, their precision 0.859 to 0.866 only).
Specific facts do not tell an article's story from another of the same subject here. Shared facts with one of the best story's 10 latest members (`facts-diagnostic`, the model at 0.14), by the best story's centroid cosine:

| best cosine | articles | right | sharing >= 1 fact: n, right | >= 3: n, right | >= 5: n, right | a dateline: n, right |
|---|---:|---:|---|---|---|---|
| [0.04, 0.08) | 39 | 0.28 | 27, 0.37 | 6, 0.33 | 2, 0.50 | 5, 0.20 |
| [0.08, 0.11) | 50 | 0.34 | 38, 0.37 | 13, 0.38 | 3, 0.33 | 7, 0.00 |
| [0.11, 0.14) | 61 | 0.56 | 50, 0.56 | 25, 0.48 | 8, 0.38 | 12, 0.50 |
| [0.14, 0.18) | 77 | 0.77 | 57, 0.72 | 20, 0.55 | 6, 0.33 | 19, 0.63 |
| [0.18, 0.25) | 223 | 0.79 | 204, 0.78 | 120, 0.75 | 47, 0.77 | 61, 0.66 |
| [0.25, 1.01) | 1072 | 0.91 | 1048, 0.91 | 848, 0.91 | 557, 0.91 | 609, 0.91 |

Sharing facts does not make it likelier that the best story is the article's own: in the ambiguous band the share of right stories rises by at most 0.04 with shared facts (at 0.08 to 0.11, where two thirds are wrong anyway) and falls with 3 or 5 of them from 0.11 up (0.77 to 0.33 with 5 at 0.14 to 0.18), and a shared dateline is right for none of 7 articles at 0.08 to 0.11. On Multi-News (lowercased, no datelines) the rule changes nothing.
A story-frequency idf buys DUC 2006 recall with more precision than it gains (and loses 0.065 on Multi-News); the language-model score comes nowhere near the cosine (0.7452 at best, precision and recall both lower there).
Nothing of this round was ported: `precis cluster` is unchanged (0.8357).
TEXT
echo
