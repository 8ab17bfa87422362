#!/usr/bin/env python3
"""Builds an off-event evaluation set from any cluster file, the way
offevent-duc2003.jsonl.gz was built (see ../shared/data/README.md): every
cluster twice, `<id>-clean` as it is and `<id>-intr` with one document of
the most similar other cluster (tf-idf centroid cosine) inserted at a
random place; document ids renamed x0..xN in a shuffled order; the answer
in `off_event`. Seeded, so the same input gives the same set.

  python3 scripts/offevent-set.py IN.jsonl.gz OUT.jsonl [--seed N] [--max-docs N]

Used to judge the detector on data it was not tuned on (DUC 2006).
"""
import argparse
import gzip
import json
import math
import random
import re
from collections import Counter

WORD = re.compile(r"[a-z0-9]+")


def tokens(text):
    return [w for w in WORD.findall(text.lower()) if len(w) > 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--max-docs", type=int, default=0, help="keep at most this many documents of each cluster (0: all)")
    a = ap.parse_args()
    opener = gzip.open if a.input.endswith(".gz") else open
    with opener(a.input, "rt") as f:
        clusters = [json.loads(line) for line in f if line.strip()]
    rng = random.Random(a.seed)
    if a.max_docs:
        for c in clusters:
            c["documents"] = c["documents"][: a.max_docs]
    df = Counter()
    for c in clusters:
        for d in c["documents"]:
            df.update(set(tokens(d["text"])))
    n = sum(len(c["documents"]) for c in clusters)
    idf = {w: math.log(n / k) for w, k in df.items()}
    centroids = []
    for c in clusters:
        tf = Counter()
        for d in c["documents"]:
            tf.update(tokens(d["text"]))
        v = {w: k * idf[w] for w, k in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        centroids.append({w: x / norm for w, x in v.items()})

    def cos(u, v):
        if len(u) > len(v):
            u, v = v, u
        return sum(x * v.get(w, 0.0) for w, x in u.items())

    with open(a.output, "w") as out:
        for i, c in enumerate(clusters):
            sims = [(cos(centroids[i], centroids[j]), j) for j in range(len(clusters)) if j != i]
            best, j = max(sims)
            intruder = rng.choice(clusters[j]["documents"])
            for kind in ("clean", "intr"):
                docs = [dict(d) for d in c["documents"]]
                if kind == "intr":
                    docs.insert(rng.randrange(len(docs) + 1), dict(intruder, _intruder=True))
                names = [f"x{k}" for k in range(len(docs))]
                rng.shuffle(names)
                answer = []
                renamed = []
                for d, name in zip(docs, names):
                    if d.pop("_intruder", False):
                        answer.append(name)
                    renamed.append({"id": name, "text": d["text"]})
                rec = {"id": f"{c['id']}-{kind}", "source": c.get("source"), "documents": renamed,
                       "summaries": c.get("summaries", []), "off_event": answer}
                if kind == "intr":
                    rec["intruder_from"] = clusters[j]["id"]
                    rec["centroid_cosine"] = round(best, 4)
                out.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
