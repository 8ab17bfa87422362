"""A Python model of `precis cluster`, for trying ideas on a labelled stream.

Not the clusterer: a prototype of it (its own tokenizer, a crude suffix
stemmer, scikit-learn's English stopwords, every live story scored), which
gives B-cubed F1 0.844 on the development stream where the Rust clusterer
gives 0.836. Each variant below changes one thing; every variant is run at
each threshold of --thresholds and the best is printed with its scores on
each part of the stream (articles grouped by the prefix of their gold story
before ':'). The variants are those of the "what was tried" table of
docs/results.md.

    python3 scripts/stream_explore.py STREAM.jsonl.gz [VARIANT ...]

Variants: base, bigrams, names-down, idf-offset-0, idf-offset-1, terms-1000,
min-df-2, size-bonus, average-link, geometric, split-bursts, ceiling, and
learned (a logistic assign model trained on --train, e.g. the Multi-News
stream of scripts/stream_multinews.py).
"""

import argparse
import itertools
import math
import re
import sys
from collections import Counter

from stream_peer import read, scores

STOP = None


def stem(w):
    for suf in (
        "ational",
        "ization",
        "ations",
        "ation",
        "ments",
        "ment",
        "ings",
        "ing",
        "ness",
        "ies",
        "ied",
        "es",
        "ed",
        "ly",
        "s",
    ):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def tokens(text):
    """(stem, is a name) of each content word: a name is a capitalized word
    inside a sentence."""
    out, initial = [], True
    for m in re.finditer(r"[A-Za-z0-9]+|[.!?:;\n]", text):
        t = m.group()
        if t in ".!?:;\n":
            initial = True
            continue
        name = t[0].isupper() and not initial
        initial = False
        if t.isdigit() or len(t) < 2 or t.lower() in STOP:
            continue
        out.append((stem(t.lower()), name))
    return out


def counts(toks, bigrams=0.0, name_weight=1.0):
    tf = Counter()
    for t, name in toks:
        tf[t] += name_weight if name else 1.0
    if bigrams:
        for (a, _), (b, _) in itertools.pairwise(toks):
            tf[a + "_" + b] += bigrams
    return tf


def dot(a, b):
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def norm(a):
    return math.sqrt(sum(w * w for w in a.values())) or 1e-9


def top(v, k):
    return v if len(v) <= k else dict(sorted(v.items(), key=lambda x: -x[1])[:k])


def cluster(
    tfs, th, idf_offset=0.5, article_terms=100, story_terms=300, min_df=1, link="centroid", size_bonus=0.0, split=None
):
    """One pass: each article joins the best-scoring live story if the score
    reaches `th`, or starts a story. `split=(hi, ratio)`: an article much
    closer to one recent weak member of its story than to the story itself
    starts a story with that member (later articles only)."""
    df, stories, pred = Counter(), [], []
    for n, tf in enumerate(tfs, 1):
        for t in tf:
            df[t] += 1
        v = {t: (1 + math.log(c)) * max(0.0, math.log((n + 1) / (df[t] + 1)) + idf_offset) for t, c in tf.items()}
        v = top(v, article_terms)
        nv = norm(v)
        v = {t: w / nv for t, w in v.items()}
        q = {t: w for t, w in v.items() if df[t] >= min_df}
        nq = norm(q) if q else 1.0
        best = None
        for i, s in enumerate(stories):
            d = dot(q, s["c"]) / nq
            if link == "centroid":
                c = d / s["n"]
            elif link == "average":
                c = d / s["k"]
            else:
                c = d / math.sqrt(s["k"] * s["n"])
            c += size_bonus * math.log(s["k"])
            if best is None or c > best[0]:
                best = (c, i)
        if best is None or best[0] < th:
            stories.append({"c": dict(v), "n": 1.0, "k": 1, "mem": [(v, 1.0)]})
            pred.append(len(stories) - 1)
            continue
        s = stories[best[1]]
        if split and s["k"] > 2:
            hi, ratio = split
            mate = max(((dot(v, m), m, ms) for m, ms in s["mem"][-10:]), key=lambda x: x[0])
            if mate[0] >= hi and mate[0] >= ratio * best[0] and mate[2] < mate[0] / ratio:
                m = mate[1]
                for t, w in m.items():
                    s["c"][t] = s["c"].get(t, 0.0) - w
                s["n"], s["k"] = norm(s["c"]), s["k"] - 1
                s["mem"] = [x for x in s["mem"] if x[0] is not m]
                c = Counter(m)
                c.update(v)
                c = top(dict(c), story_terms)
                stories.append({"c": c, "n": norm(c), "k": 2, "mem": [(m, mate[2]), (v, mate[0])]})
                pred.append(len(stories) - 1)
                continue
        for t, w in v.items():
            s["c"][t] = s["c"].get(t, 0.0) + w
        s["c"] = top(s["c"], story_terms)
        s["n"], s["k"] = norm(s["c"]), s["k"] + 1
        s["mem"].append((v, best[0]))
        pred.append(best[1])
    return pred


def learned(tfs, gold=None, model=None, th=0.5, idf_offset=0.5, story_terms=300, candidates=10, recent=400):
    """One pass where a logistic model decides: each article's `candidates`
    best stories by centroid cosine (among the `recent` latest) are
    described by five features (centroid cosine, mean cosine to the
    members, best cosine to one of the 10 latest members, log size, gap to
    the best centroid cosine) and the article joins the most probable if
    its probability reaches `th`. With `gold`, the stories are the gold ones
    (teacher forcing) and the pass returns the training pairs instead."""
    df, stories, pred, x, y = Counter(), [], [], [], []
    first = {}
    for n, tf in enumerate(tfs, 1):
        for t in tf:
            df[t] += 1
        v = {t: (1 + math.log(c)) * max(0.0, math.log((n + 1) / (df[t] + 1)) + idf_offset) for t, c in tf.items()}
        v = top(v, 100)
        nv = norm(v)
        v = {t: w / nv for t, w in v.items()}
        lo = max(0, len(stories) - recent)
        near = sorted(((dot(v, stories[i]["c"]) / stories[i]["n"], i) for i in range(lo, len(stories))), reverse=True)
        near = near[:candidates]
        rows = []
        for cos, i in near:
            st = stories[i]
            d = dot(v, st["c"])
            best_member = max(dot(v, m) for m in st["mem"][-10:])
            rows.append(([cos, d / st["k"], best_member, math.log1p(st["k"]), cos - near[0][0]], i))
        target = None
        if gold is not None:
            x += [f for f, _ in rows]
            y += [int(stories[i]["g"] == gold[n - 1]) for _, i in rows]
            target = first.get(gold[n - 1])
        elif rows:
            p = model.predict_proba([f for f, _ in rows])[:, 1]
            j = max(range(len(rows)), key=lambda k: p[k])
            if p[j] >= th:
                target = rows[j][1]
        if target is None:
            stories.append({"c": dict(v), "n": 1.0, "k": 1, "mem": [v], "g": gold[n - 1] if gold else None})
            if gold is not None:
                first[gold[n - 1]] = len(stories) - 1
            pred.append(len(stories) - 1)
            continue
        st = stories[target]
        for t, w in v.items():
            st["c"][t] = st["c"].get(t, 0.0) + w
        st["c"] = top(st["c"], story_terms)
        st["n"], st["k"] = norm(st["c"]), st["k"] + 1
        st["mem"].append(v)
        pred.append(target)
    return (x, y) if gold is not None else pred


def parts(pred, gold):
    if not all(":" in g for g in gold):
        return []
    out = []
    for p in sorted({g.split(":", 1)[0] for g in gold}):
        idx = [i for i, g in enumerate(gold) if g.split(":", 1)[0] == p]
        out.append((p, scores([pred[i] for i in idx], [gold[i] for i in idx])))
    return out


def line(label, pred, gold):
    s = scores(pred, gold)
    out = (
        f"| {label} | {s['clusters']} | {s['bcubed_p']:.3f} | {s['bcubed_r']:.3f} | **{s['bcubed_f1']:.4f}** "
        f"| {s['pairwise_f1']:.3f} |"
    )
    for p, ps in parts(pred, gold):
        out += f" {p}: {ps['bcubed_p']:.3f} / {ps['bcubed_r']:.3f} / {ps['bcubed_f1']:.3f} |"
    return s["bcubed_f1"], out


def ceiling(docs, gold):
    """Supervised, batch: each article put in the gold story whose centroid
    (of the other articles, sublinear tf-idf, min_df 2) is nearest."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2).fit_transform([d["text"] for d in docs])
    labels = sorted(set(gold))
    g = np.array([labels.index(s) for s in gold])
    m = sp.csr_matrix((np.ones(len(g)), (g, np.arange(len(g)))), shape=(len(labels), len(g)))
    c = np.asarray((m @ x).todense())
    dots = np.asarray(x @ c.T)
    cos = dots / np.linalg.norm(c, axis=1)[None, :]
    own = c[g] - x.toarray()
    self_sq = np.asarray(x.multiply(x).sum(1)).ravel()
    cos[np.arange(len(g)), g] = (dots[np.arange(len(g)), g] - self_sq) / np.maximum(np.linalg.norm(own, axis=1), 1e-9)
    return [labels[i] for i in cos.argmax(1)]


VARIANTS = {
    "base": ({}, {}),
    "bigrams": ({"bigrams": 0.5}, {}),
    "names-down": ({"name_weight": 0.5}, {}),
    "idf-offset-0": ({}, {"idf_offset": 0.0}),
    "idf-offset-1": ({}, {"idf_offset": 1.0}),
    "terms-1000": ({}, {"story_terms": 1000}),
    "min-df-2": ({}, {"min_df": 2}),
    "size-bonus": ({}, {"size_bonus": 0.01}),
    "average-link": ({}, {"link": "average"}),
    "geometric": ({}, {"link": "geometric"}),
    "split-bursts": ({}, {"split": (0.3, 2.0)}),
}


def main():
    global STOP
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stream")
    ap.add_argument("variants", nargs="*", default=["base"])
    ap.add_argument("--thresholds", default="0.12,0.14,0.16,0.18")
    ap.add_argument("--train", help="labelled stream the `learned` variant is trained on (Multi-News)")
    ap.add_argument("--train-limit", type=int, default=8000, help="its first N articles")
    args = ap.parse_args()
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    STOP = ENGLISH_STOP_WORDS
    docs = read(args.stream)
    gold = [d["story"] for d in docs]
    toks = [tokens((d.get("title") or "") + "\n" + d["text"]) for d in docs]
    print("| variant | stories | B3 P | B3 R | B3 F1 | pairwise F1 | per part: B3 P / R / F1 |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name in args.variants:
        if name == "learned":
            from sklearn.linear_model import LogisticRegression

            train = read(args.train)[: args.train_limit]
            ttoks = [counts(tokens((d.get("title") or "") + "\n" + d["text"])) for d in train]
            tx, ty = learned(ttoks, gold=[d["story"] for d in train])
            model = LogisticRegression(max_iter=1000).fit(tx, ty)
            tfs = [counts(t) for t in toks]
            runs = (line(f"learned, p >= {p}", learned(tfs, model=model, th=p), gold) for p in (0.3, 0.5, 0.7))
            print(max(runs, key=lambda r: r[0])[1], flush=True)
            continue
        if name == "ceiling":
            print(line("ceiling: nearest gold centroid (supervised, batch)", ceiling(docs, gold), gold)[1], flush=True)
            continue
        feat, kw = VARIANTS[name]
        tfs = [counts(t, **feat) for t in toks]
        ths = [float(t) for t in args.thresholds.split(",")]
        if kw.get("link") == "average":
            ths = [t / 2 for t in ths]
        best = max((line(f"{name}, threshold {th}", cluster(tfs, th, **kw), gold) for th in ths), key=lambda r: r[0])
        print(best[1], flush=True)


if __name__ == "__main__":
    sys.exit(main())
