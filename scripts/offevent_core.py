#!/usr/bin/env python3
"""Two checks of a *core* view of a cluster for the off-event detector, which
were tried and not adopted (docs/results.md, section "Off-event documents").

The detector puts each document's two signals (named things in common,
phrases the others repeat) relative to the whole cluster. The bundled example
has two documents of five off its event, so the cluster's medians sit between
the groups. A core view instead finds the cluster's most tightly knit
documents by peeling: repeatedly remove the document with the lowest mean
pairwise affinity to those left, at most (n - 1) / 2 of them, and compare each
document's mean affinity to the core with the core's own cohesion (mean
pairwise affinity). Affinity is the cosine of two documents' sets of
content-word bigrams, or of their name vectors (`1 + ln count`).

1. Separability: the peeling ratios of the example (its first peeled
   document, then its first two) against the clean clusters of a set: how
   many clean clusters hold a document, or a pair, at least as weakly tied to
   the rest as the example's. Any rule on these ratios that flags the
   example's pair flags at least those clean clusters.
2. Learning: the detector's 14 features plus six core features (for each
   affinity: ratio to the core's cohesion, whether peeled, its square root),
   fitted as scripts/offevent_learn.py fits the detector, scored on the
   development set (threshold of best F1 among those that flag at most one
   clean cluster) and held out on DUC 2006 by topic halves.

  python3 scripts/offevent_core.py --train A.tok ... --folds F0.tok F1.tok --dev DEV.tok \
      --example EX.tok --crossfit Y.tok ...

The .tok files are those scripts/offevent-learn.sh builds (it runs this
script last). Needs numpy and scikit-learn.
"""

import argparse
import json
import math

import numpy as np
import offevent_learn as detector
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def name_vector(doc):
    counts = {}
    for sentence in doc:
        for term, stop, cap, _digit, word in sentence:
            if not stop and word != 0 and cap:
                counts[term] = counts.get(term, 0) + 1
    return {t: 1 + math.log(k) for t, k in counts.items()}


def cosine(a, b):
    if isinstance(a, set):
        return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0
    na = math.sqrt(sum(x * x for x in a.values()))
    nb = math.sqrt(sum(x * x for x in b.values()))
    return sum(x * b.get(t, 0.0) for t, x in a.items()) / (na * nb) if na and nb else 0.0


def affinity(items):
    n = len(items)
    return [[cosine(items[i], items[j]) if i != j else 0.0 for j in range(n)] for i in range(n)]


def cohesion(m, members):
    pairs = [(a, b) for a in members for b in members if a < b]
    return sum(m[a][b] for a, b in pairs) / len(pairs) if pairs else 0.0


def peel(m):
    """The peeled documents in order, and after each the worst-tied peeled
    document's mean affinity to the rest over the rest's cohesion."""
    rest, order, ratios = list(range(len(m))), [], []
    while len(rest) > 2 and len(order) < (len(m) - 1) // 2:
        mean = {d: sum(m[d][e] for e in rest if e != d) / (len(rest) - 1) for d in rest}
        d = min(rest, key=lambda x: (mean[x], x))
        rest.remove(d)
        order.append(d)
        c = cohesion(m, rest)
        tie = max(sum(m[s][e] for e in rest) / len(rest) for s in order)
        ratios.append(tie / c if c > 0 else 1.0)
    return order, rest, ratios


def core_features(m):
    order, core, _ = peel(m)
    out = []
    for i in range(len(m)):
        others = [e for e in core if e != i]
        mean = sum(m[i][e] for e in others) / len(others)
        c = cohesion(m, others) if len(others) > 1 else cohesion(m, core)
        r = mean / c if c > 0 else 1.0
        out.append([r, float(i in order), math.sqrt(min(r, 3.0))])
    return out


def clusters(path):
    with open(path) as f:
        for line in f:
            row = json.loads(line)
            docs = [(i, d) for i, d in zip(row["ids"], row["docs"]) if d]
            if len(docs) >= 3:
                yield row, docs


def load(path):
    X, y, g = [], [], []
    for row, docs in clusters(path):
        texts = [d for _, d in docs]
        base = detector.features(texts)
        by_bigrams = core_features(affinity([detector.bigram_set(d) for d in texts]))
        by_names = core_features(affinity([name_vector(d) for d in texts]))
        gold = set(row["gold"])
        for (i, _), a, b, c in zip(docs, base, by_bigrams, by_names):
            X.append(a + b + c)
            y.append(int(i in gold))
            g.append(row["cluster"])
    return np.array(X), np.array(y), g


def separability(example, sets):
    _, docs = next(clusters(example))
    _, _, ex = peel(affinity([detector.bigram_set(d) for _, d in docs]))
    print(f"example {example}: peeling ratios " + ", ".join(f"{r:.2f}" for r in ex))
    for path in sets:
        total = one = two = 0
        for row, docs in clusters(path):
            if not row["cluster"].endswith("-clean"):
                continue
            _, _, r = peel(affinity([detector.bigram_set(d) for _, d in docs]))
            total += 1
            one += r[0] <= ex[0]
            two += len(r) > 1 and len(ex) > 1 and r[1] <= ex[1]
        print(
            f"{path}: of {total} clean clusters, {one} hold a document and {two} a pair "
            "at least as weakly tied to the rest (shared phrases) as the example's"
        )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="+", required=True)
    ap.add_argument("--folds", nargs=2, required=True)
    ap.add_argument("--dev", required=True)
    ap.add_argument("--example", required=True)
    ap.add_argument("--crossfit", nargs="*", default=[])
    a = ap.parse_args()
    separability(a.example, [a.dev] + a.crossfit)
    cache = {p: load(p) for p in a.train + a.folds + [a.dev, a.example] + a.crossfit}
    base = list(range(len(detector.FEATURES)))
    variants = [
        ("the detector's features", base),
        ("with the core features of both affinities", base + [14, 15, 16, 17, 18, 19]),
        ("with the shared-phrase core features", base + [14, 15]),
        ("with the name core features", base + [17, 18]),
    ]
    for label, cols in variants:

        def fit(paths, cols=cols):
            X = np.concatenate([cache[p][0][:, cols] for p in paths])
            y = np.concatenate([cache[p][1] for p in paths])
            scaler = StandardScaler().fit(X)
            model = LogisticRegression(C=1.0, max_iter=5000).fit(scaler.transform(X), y)
            return lambda Z, cols=cols: model.decision_function(scaler.transform(Z[:, cols]))

        model = fit(a.train + a.folds)
        Xd, yd, gd = cache[a.dev]
        s = model(Xd)
        best = None
        for t in sorted(set(s)):
            r = detector.score(yd, gd, s, t - 1e-9)
            if r[3] <= 1 and (best is None or r[2] > best[1][2]):
                best = (t - 1e-9, r)
        t, r = best
        ex = model(cache[a.example][0])
        print(
            f"{label}: dev {detector.line(r)}; example probabilities of the event "
            + " ".join(f"{1 / (1 + math.exp(v)):.3f}" for v in ex)
            + f" (threshold {1 / (1 + math.exp(t)):.3f})"
        )
        halves = [fit(a.train + [f]) for f in a.folds]
        for j in a.crossfit:
            Xj, yj, gj = cache[j]
            topics = list(dict.fromkeys(c.rsplit("-", 1)[0] for c in gj))
            fold = np.array([topics.index(c.rsplit("-", 1)[0]) % 2 for c in gj])
            sj = np.zeros(len(yj))
            for k, m in enumerate(halves):
                other = fold != k
                sj[other] = m(Xj[other])
            print(f"    held out {j}: {detector.line(detector.score(yj, gj, sj, t))}")


if __name__ == "__main__":
    main()
