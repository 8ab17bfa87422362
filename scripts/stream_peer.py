"""The scikit-learn peer of `precis cluster`: batch clustering of a story stream.

Reads a stream (one article a line, {"id", "text", "story", ...}, gzip or not),
builds tf-idf vectors (three settings: scikit-learn's defaults; English
stopwords and sublinear tf; the same keeping only words of at least two
articles, `min_df=2`; idf over the whole stream: the batch peer sees every
article at once), and clusters them with
agglomerative clustering (cosine distance, average link) at each distance
threshold of a grid, and with HDBSCAN (cosine distances). Prints B-cubed
precision, recall and F1 and pairwise F1 against `story` for every setting,
then the best of each family, with its scores on each part of the stream
(articles grouped by the prefix of their gold story before ':', e.g.
duc2003 and duc2006). The threshold is chosen on the stream itself, which
favours the peer.
"""

import argparse
import gzip
import json
import sys
import time
from collections import Counter


def read(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    opener = gzip.open if magic == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def scores(pred, gold):
    n = len(pred)
    pc, gc, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    p = sum(both[(a, b)] / pc[a] for a, b in zip(pred, gold)) / n
    r = sum(both[(a, b)] / gc[b] for a, b in zip(pred, gold)) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    pairs = lambda c: c * (c - 1) / 2
    tp = sum(pairs(c) for c in both.values())
    pp = sum(pairs(c) for c in pc.values())
    gp = sum(pairs(c) for c in gc.values())
    pp_ = tp / pp if pp else 1.0
    pr = tp / gp if gp else 1.0
    pf = 2 * pp_ * pr / (pp_ + pr) if pp_ + pr else 0.0
    return {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f, "pairwise_f1": pf, "clusters": len(pc)}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("stream")
    ap.add_argument("--thresholds", default="0.7,0.75,0.8,0.85,0.88,0.9,0.92,0.94,0.96")
    ap.add_argument("--min-cluster-sizes", default="2,3,5,8")
    args = ap.parse_args()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    docs = read(args.stream)
    gold = [d["story"] for d in docs]
    texts = [((d.get("title") or "") + "\n" + d["text"]) for d in docs]
    print(f"{args.stream}: {len(docs)} articles, {len(set(gold))} stories")
    rows = []
    # Three tf-idf settings: scikit-learn's defaults, sublinear tf without
    # stopwords, and the same without the words of a single article (the
    # best: the data README's 0.848 at threshold 0.9 is this one).
    for vec_name, vec in [
        ("default tf-idf", TfidfVectorizer()),
        ("sublinear tf-idf, English stopwords", TfidfVectorizer(stop_words="english", sublinear_tf=True)),
        (
            "sublinear tf-idf, English stopwords, min_df 2",
            TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2),
        ),
    ]:
        x = vec.fit_transform(texts)
        dist = cosine_distances(x)
        rows += agglomerative(args, dist, gold, vec_name)
        rows += hdbscan(args, dist, gold, vec_name)
    print_rows(rows, gold)


def agglomerative(args, dist, gold, vec_name):
    from sklearn.cluster import AgglomerativeClustering

    rows = []
    for th in [float(t) for t in args.thresholds.split(",")]:
        start = time.perf_counter()
        model = AgglomerativeClustering(
            n_clusters=None, distance_threshold=th, metric="precomputed", linkage="average"
        )
        labels = model.fit_predict(dist)
        secs = time.perf_counter() - start
        s = scores(list(labels), gold)
        s["labels"] = list(labels)
        rows.append(("agglomerative average", f"{vec_name}, threshold {th}", s, secs))
    return rows


def hdbscan(args, dist, gold, vec_name):
    from sklearn.cluster import HDBSCAN

    rows = []
    for m in [int(v) for v in args.min_cluster_sizes.split(",")]:
        start = time.perf_counter()
        labels = HDBSCAN(min_cluster_size=m, metric="precomputed", copy=True).fit_predict(dist)
        # Noise (-1) points are singletons.
        labels = [l if l >= 0 else f"noise-{i}" for i, l in enumerate(labels)]
        secs = time.perf_counter() - start
        s = scores(labels, gold)
        s["labels"] = labels
        rows.append(("hdbscan", f"{vec_name}, min_cluster_size {m}", s, secs))
    return rows


def parts(labels, gold):
    """Scores on each part of the stream: the articles whose gold story
    has a given prefix (before ':'), with the labels of the whole run."""
    prefixes = sorted({g.split(":", 1)[0] for g in gold if ":" in g})
    out = []
    for p in prefixes:
        idx = [i for i, g in enumerate(gold) if g.split(":", 1)[0] == p]
        out.append((p, scores([labels[i] for i in idx], [gold[i] for i in idx])))
    return out


def print_rows(rows, gold):
    print("| method | setting | clusters | B3 P | B3 R | B3 F1 | pairwise F1 | seconds |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, setting, s, secs in rows:
        print(
            f"| {name} | {setting} | {s['clusters']} | {s['bcubed_p']:.4f} | {s['bcubed_r']:.4f} "
            f"| {s['bcubed_f1']:.4f} | {s['pairwise_f1']:.4f} | {secs:.2f} |"
        )
    for family in ["agglomerative average", "hdbscan"]:
        best = max((r for r in rows if r[0] == family), key=lambda r: r[2]["bcubed_f1"])
        print(f"best {family}: {best[1]}: B-cubed F1 {best[2]['bcubed_f1']:.4f}, pairwise F1 {best[2]['pairwise_f1']:.4f}")
        for p, s in parts(best[2]["labels"], gold):
            print(
                f"  part {p}: B-cubed P {s['bcubed_p']:.4f} R {s['bcubed_r']:.4f} F1 {s['bcubed_f1']:.4f}, "
                f"pairwise F1 {s['pairwise_f1']:.4f}"
            )


if __name__ == "__main__":
    sys.exit(main())
