"""Builds a labelled article stream from the Multi-News training split.

Each of the 44,972 clusters is a story; its articles are placed at the
cluster's line number plus a uniform offset of 0 to SPREAD clusters (seeded),
and the stream is sorted by that position, so a story's articles are
interleaved with those of the stories around it. Writes one article a line,
{"id", "text", "story"} (plus a synthetic "date", PER_DAY clusters a day from
2015-01-01, with --dated), to OUTPUT. Nothing of the data is committed: the
output goes where you say (a scratch directory).

    python3 scripts/stream_multinews.py DATA/multinews-train.jsonl.gz OUT.jsonl [--limit N] [--dated]
"""

import argparse
import datetime
import gzip
import json
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train")
    ap.add_argument("output")
    ap.add_argument("--limit", type=int, default=0, help="keep the first N articles of the stream")
    ap.add_argument("--spread", type=float, default=50.0)
    ap.add_argument("--per-day", type=float, default=300.0)
    ap.add_argument("--dated", action="store_true")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    items = []
    with gzip.open(args.train, "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f):
            rec = json.loads(line)
            for doc in rec["documents"]:
                pos = line_no + rng.uniform(0.0, args.spread)
                items.append((pos, doc["id"], doc["text"], rec["id"]))
    items.sort(key=lambda x: (x[0], x[1]))
    if args.limit:
        items = items[: args.limit]
    start = datetime.date(2015, 1, 1)
    with open(args.output, "w", encoding="utf-8") as out:
        for pos, doc_id, text, story in items:
            row = {"id": doc_id, "text": text, "story": story}
            if args.dated:
                row["date"] = (start + datetime.timedelta(days=int(pos / args.per_day))).isoformat()
            out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
