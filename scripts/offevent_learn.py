#!/usr/bin/env python3
"""Fits the off-event detector's logistic regression (the constants `WEIGHTS`
and `BIAS` in crates/precis/src/off_event.rs) on synthetic training sets, and
scores it on a development set with the threshold of best F1 among those that
flag at most one clean cluster.

  python3 scripts/offevent_learn.py --train A.tok ... [--folds F0.tok F1.tok] [--dev DEV.tok]
      [--judge X.tok ...] [--crossfit Y.tok ...]

--folds are training sets built from the two halves of DUC 2006's topics
(every other topic in file order); --crossfit sets, built from DUC 2006 too
(scripts/offevent-set.py), are also scored by the models trained without
the half of the topics each cluster comes from, so that their figures are
held out.

Each .tok file is what `cargo run --release -p precis --example
offevent_features -- SET.jsonl` prints; scripts/offevent-learn.sh builds the
sets (scripts/offevent-train-set.py) and runs everything. The features are
those of `features` in off_event.rs, computed here from the same tokens: for
each of the two signals (named things in common, phrases the others repeat)
its value, its ratio to the cluster's median, its z-score in the cluster, its
ratio to the mean of the other documents, whether no document is lower, and
the gap below the next lowest (over the median); then the old detector's
combined ratio and whether both ratios are below the median.
Needs numpy and scikit-learn.
"""
import argparse
import json
import math

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

FEATURES = [f"{s}_{k}" for s in ("names", "phrases") for k in ("value", "ratio", "z", "rest", "lowest", "gap")] + [
    "combined", "below_both"]


def unit(v):
    n = math.sqrt(sum(x * x for x in v.values()))
    return {k: x / n for k, x in v.items()} if n > 0 else {}


def bigram_set(doc):
    """The content-word bigrams of a document (its sentences of tokens)."""
    out = set()
    for sentence in doc:
        prev = None
        for term, stop, _cap, _digit, _word in sentence:
            if stop:
                continue
            if prev is not None:
                out.add((prev, term))
            prev = term
    return out


def signals(docs):
    """The detector's two raw signals for each document (lists of sentences of tokens)."""
    n = len(docs)
    counts = []
    for d in docs:
        c = {}
        for s in d:
            for term, stop, cap, _digit, word in s:
                if not stop and word != 0 and cap:
                    c[term] = c.get(term, 0) + 1
        counts.append(c)
    df = {}
    for c in counts:
        for t in c:
            df[t] = df.get(t, 0) + 1
    vecs = [unit({t: 1 + math.log(k) for t, k in c.items() if df[t] >= 2}) for c in counts]
    names = []
    for i in range(n):
        total = sum(sum(x * vecs[j].get(t, 0.0) for t, x in vecs[i].items()) for j in range(n) if j != i)
        names.append(total / (n - 1) if n > 1 else 0.0)
    bigrams = [bigram_set(d) for d in docs]
    bdf = {}
    for b in bigrams:
        for g in b:
            bdf[g] = bdf.get(g, 0) + 1
    phrases = [sum(1 for g in b if bdf[g] > 2) / len(b) if b else 0.0 for b in bigrams]
    return names, phrases


def median(v):
    s = sorted(v)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def relative(x):
    """value, ratio to median, z-score, ratio to the others' mean, lowest, gap."""
    n = len(x)
    med = median(x)
    mean = sum(x) / n
    std = math.sqrt(sum((v - mean) ** 2 for v in x) / n)
    rows = []
    for i, v in enumerate(x):
        ratio = v / med if med > 0 else 1.0
        z = (v - mean) / std if std > 1e-12 else 0.0
        rest = (sum(x) - v) / (n - 1)
        rr = v / rest if rest > 0 else 1.0
        others = min(x[j] for j in range(n) if j != i)
        lowest = v <= others
        gap = (others - v) / (med if med > 0 else 1.0) if lowest else 0.0
        rows.append([v, ratio, z, rr, float(lowest), gap])
    return rows


def features(docs):
    names, phrases = signals(docs)
    rn, rp = relative(names), relative(phrases)
    out = []
    for a, b in zip(rn, rp):
        combined = a[1] ** 0.75 * b[1] ** 0.25
        out.append(a + b + [combined, float(a[1] < 1 and b[1] < 1)])
    return out


def load(path):
    """Features, labels and cluster ids of the clusters of 3 or more documents with text."""
    X, y, g, ids = [], [], [], []
    with open(path) as f:
        for line in f:
            row = json.loads(line)
            docs = [(i, d) for i, d in zip(row["ids"], row["docs"]) if d]
            if len(docs) < 3:
                continue
            gold = set(row["gold"])
            for (i, _), feats in zip(docs, features([d for _, d in docs])):
                X.append(feats)
                y.append(int(i in gold))
                g.append(row["cluster"])
                ids.append(i)
    return np.array(X), np.array(y), g, ids


def score(y, g, s, t):
    flag = s > t
    tp = int((flag & (y == 1)).sum())
    fp = int((flag & (y == 0)).sum())
    fn = int((~flag & (y == 1)).sum())
    clean = {c for c in g if c.endswith("-clean")}
    flagged = {c for c, f in zip(g, flag) if f and c in clean}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), len(flagged), len(clean)


def fit(paths):
    parts = [load(p) for p in paths]
    X = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    scaler = StandardScaler().fit(X)
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(X), y)
    # Folded into one linear function of the raw features.
    w = lr.coef_[0] / scaler.scale_
    b = lr.intercept_[0] - float(np.sum(lr.coef_[0] * scaler.mean_ / scaler.scale_))
    return w, b, len(y), int(y.sum())


def line(r):
    return f"P {r[0]:.3f} R {r[1]:.3f} F1 {r[2]:.3f} clean flagged {r[3]}/{r[4]}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="+", required=True)
    ap.add_argument("--folds", nargs=2, default=[])
    ap.add_argument("--dev")
    ap.add_argument("--judge", nargs="*", default=[])
    ap.add_argument("--crossfit", nargs="*", default=[])
    a = ap.parse_args()
    w, b, n, pos = fit(a.train + a.folds)
    print(f"trained on {n} documents, {pos} off-event")
    print("pub const BIAS: f64 = %r;" % float(b))
    print("pub const WEIGHTS: [f64; N_FEATURES] = [")
    for name, x in zip(FEATURES, w):
        print(f"    {float(x)!r}, // {name}")
    print("];")
    if not a.dev:
        return
    Xd, yd, gd, _ = load(a.dev)
    s = Xd @ w + b
    cands = sorted(set(s))
    best = None
    for lo, hi in zip(cands, cands[1:] + [cands[-1] + 2]):
        t = (lo + hi) / 2
        r = score(yd, gd, s, t)
        if r[3] <= 1 and (best is None or r[2] > best[1][2]):
            best = (t, r, lo, hi)
    t, r, lo, hi = best
    # The model's score is the probability of the cluster's event, 1 - p.
    on_lo, on_hi = 1 / (1 + math.exp(hi)), 1 / (1 + math.exp(lo))
    print(f"dev {a.dev}: best F1 with at most one clean cluster flagged: {line(r)}, "
          f"flagging below a score (probability of the cluster's event) in ({on_lo:.4f}, {on_hi:.4f})")
    for j in a.judge + a.crossfit:
        Xj, yj, gj, idj = load(j)
        sj = Xj @ w + b
        print(f"judge {j}: {line(score(yj, gj, sj, t))}; scores "
              + " ".join(f"{g}/{i}:{1 / (1 + math.exp(v)):.3f}" for g, i, v in list(zip(gj, idj, sj))[:6]))
    if a.folds:
        models = [fit(a.train + [f]) for f in a.folds]
        for j in a.crossfit:
            Xj, yj, gj, _ = load(j)
            topics = list(dict.fromkeys(c.rsplit("-", 1)[0] for c in gj))
            fold = np.array([topics.index(c.rsplit("-", 1)[0]) % 2 for c in gj])
            sj = np.zeros(len(yj))
            for k, (wk, bk, _, _) in enumerate(models):
                other = fold != k  # scored by the model that never saw these topics
                sj[other] = Xj[other] @ wk + bk
            print(f"held out {j} (each topic scored by the model trained without its half): "
                  f"{line(score(yj, gj, sj, t))}")


if __name__ == "__main__":
    main()
