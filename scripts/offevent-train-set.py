#!/usr/bin/env python3
"""Builds synthetic off-event training sets, the way offevent-duc2003.jsonl.gz
was built (see scripts/offevent-set.py), from data the detector is not judged
on: every cluster twice, `<id>-clean` as it is and `<id>-intr` with one
document of a similar other cluster (tf-idf centroid cosine) inserted at a
random place, ids renamed x0..xN in a shuffled order, the answer in
`off_event`.

  python3 scripts/offevent-train-set.py multinews IN.jsonl.gz OUT.jsonl [--seed N]
      every cluster of at least 4 documents; the intruder comes from the most
      similar other cluster of the whole file whose centroid cosine is below
      --max-cosine (Multi-News holds several clusters of one story, whose
      documents would not be off-event)
  python3 scripts/offevent-train-set.py topics IN.jsonl.gz OUT.jsonl --fold K/2 [--seed N]
      DUC 2006: the topics of fold K (every other topic in file order), each
      --variants times as a random subset of 5 to 12 documents, the intruder
      from one of the 3 most similar other topics

Needs scikit-learn (tf-idf and the nearest clusters).
"""
import argparse
import gzip
import json
import random

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        return [json.loads(line) for line in f if line.strip()]


def centroids(clusters):
    vec = TfidfVectorizer(lowercase=True, token_pattern=r"[a-z0-9]{3,}", sublinear_tf=False, min_df=2)
    x = vec.fit_transform(" ".join(d["text"] for d in c["documents"]) for c in clusters)
    return x  # rows are l2-normalized


def write(out, rng, cid, docs, intruder, extra):
    for kind in ("clean", "intr"):
        ds = [dict(id=d["id"], text=d["text"]) for d in docs]
        answer_at = None
        if kind == "intr":
            answer_at = rng.randrange(len(ds) + 1)
            ds.insert(answer_at, dict(id=intruder["id"], text=intruder["text"]))
        names = [f"x{k}" for k in range(len(ds))]
        rng.shuffle(names)
        renamed = [{"id": n, "text": d["text"]} for n, d in zip(names, ds)]
        answer = [names[answer_at]] if answer_at is not None else []
        rec = {"id": f"{cid}-{kind}", "documents": renamed, "off_event": answer}
        if kind == "intr":
            rec.update(extra)
        out.write(json.dumps(rec) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["multinews", "topics"])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--min-docs", type=int, default=4)
    ap.add_argument("--max-cosine", type=float, default=0.5)
    ap.add_argument("--fold", default="0/2")
    ap.add_argument("--variants", type=int, default=8)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    clusters = load(a.input)
    x = centroids(clusters)
    with open(a.output, "w") as out:
        if a.kind == "multinews":
            chosen = [i for i, c in enumerate(clusters) if len(c["documents"]) >= a.min_docs]
            for start in range(0, len(chosen), 512):
                rows = chosen[start:start + 512]
                sims = (x[rows] @ x.T).toarray()
                for r, i in enumerate(rows):
                    s = sims[r]
                    s[i] = -1.0
                    s[s >= a.max_cosine] = -1.0
                    j = int(np.argmax(s))
                    intruder = rng.choice(clusters[j]["documents"])
                    write(out, rng, clusters[i]["id"], clusters[i]["documents"], intruder,
                          {"intruder_from": clusters[j]["id"], "centroid_cosine": round(float(s[j]), 4)})
        else:
            k, n = map(int, a.fold.split("/"))
            sims = (x @ x.T).toarray()
            for i, c in enumerate(clusters):
                if i % n != k:
                    continue
                s = sims[i].copy()
                s[i] = -1.0
                near = list(np.argsort(-s)[:3])
                for v in range(a.variants):
                    size = min(len(c["documents"]), rng.randint(5, 12))
                    docs = rng.sample(c["documents"], size)
                    j = int(rng.choice(near))
                    intruder = rng.choice(clusters[j]["documents"])
                    write(out, rng, f"{c['id']}.{v}", docs, intruder,
                          {"intruder_from": clusters[j]["id"], "centroid_cosine": round(float(s[j]), 4)})


if __name__ == "__main__":
    main()
