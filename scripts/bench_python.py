"""Figures of the Python package (docs/performance.md, "Python package"): run by bench-python.sh.

Subcommands, each printing one JSON object:

- ``summarize DATA --words N --repeat R``: one thread, in process, from
  parsed records: ``Summarizer.summarize`` per cluster, the median of R runs
  per cluster, then the mean over clusters (as examples/bench_inprocess.rs
  measures the Rust side); then ``summarize_many`` over all clusters on 1
  and 2 threads (best of R).
- ``rouge DATA PRED --repeat R``: rouge-score's ``RougeScorer(["rouge1",
  "rouge2", "rougeLsum"], use_stemmer=True).score`` over every (reference,
  prediction) pair against ``precis.rouge.RougeScorer.score_many`` (all cores
  and one thread), checking that every score is identical.
- ``spark DATA OUT --words N --cli PRECIS --cli-out FILE``: ``precis
  summarize --threads 2 --format jsonl`` (median of 3 runs), then the Spark
  job on local[2]: session start, ``summarize_jsonl`` and stop, timed
  separately.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time


def records(path: str) -> list[dict]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cmd_summarize(args: argparse.Namespace) -> dict:
    import precis

    clusters = records(args.data)
    summarizer = precis.Summarizer(words=args.words)
    docs = [(str(c["id"]), c["documents"]) for c in clusters]
    per_cluster = []
    failed = 0
    for cluster_id, documents in docs:
        times = []
        try:
            for _ in range(args.repeat):
                start = time.perf_counter()
                summary = summarizer.summarize(documents, id=cluster_id)
                times.append(time.perf_counter() - start)
                assert summary.id == cluster_id
        except precis.PrecisError:
            # As bench_inprocess: a cluster the core refuses is not timed.
            failed += 1
            continue
        per_cluster.append(statistics.median(times))
    many = {}
    for threads in (1, 2):
        best, best_cpu = float("inf"), float("inf")
        for _ in range(args.repeat):
            start, cpu = time.perf_counter(), time.process_time()
            out = summarizer.summarize_many(docs, threads=threads, errors="return")
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - cpu)
            assert len(out) == len(docs)
        many[threads] = best
        many[f"{threads}_cpu"] = best_cpu
    return {
        "clusters": len(docs),
        "timed": len(per_cluster),
        "failed": failed,
        "mean_ms": 1000 * statistics.mean(per_cluster),
        "median_ms": 1000 * statistics.median(per_cluster),
        "many_1_thread_s": many[1],
        "many_2_threads_s": many[2],
        "many_1_thread_cpu_s": many["1_cpu"],
        "many_2_threads_cpu_s": many["2_cpu"],
        "load": os.getloadavg(),
    }


def cmd_rouge(args: argparse.Namespace) -> dict:
    from precis.rouge import RougeScorer
    from rouge_score import rouge_scorer

    gold = {str(r["id"]): r["summaries"][0] for r in records(args.data)}
    # Error records (clusters the core refused) have no summary: scored as empty.
    predictions = {str(r["id"]): r.get("summary", "") for r in records(args.pred)}
    ids = sorted(gold)
    targets = [gold[i] for i in ids]
    preds = [predictions.get(i, "") for i in ids]
    types = ["rouge1", "rouge2", "rougeLsum"]
    theirs = rouge_scorer.RougeScorer(types, use_stemmer=True)
    start, cpu = time.perf_counter(), time.process_time()
    expected = [theirs.score(t, p) for t, p in zip(targets, preds)]
    reference_wall, reference_cpu = (
        time.perf_counter() - start,
        time.process_time() - cpu,
    )
    timings = {}
    for threads in (None, 1):
        best = float("inf")
        for _ in range(args.repeat):
            # A fresh scorer each time: nothing is cached from an earlier run.
            ours = RougeScorer(types, use_stemmer=True)
            start = time.perf_counter()
            got = ours.score_many(targets, preds, threads=threads)
            best = min(best, time.perf_counter() - start)
            if got != expected:
                bad = next(i for i, (a, b) in enumerate(zip(got, expected)) if a != b)
                sys.exit(
                    f"score_many differs from rouge-score on {ids[bad]}: {got[bad]} "
                    f"!= {expected[bad]}"
                )
        timings["all_cores" if threads is None else "1_thread"] = best
    return {
        "pairs": len(ids),
        "identical": True,
        "rouge_score_wall_s": reference_wall,
        "rouge_score_cpu_s": reference_cpu,
        "score_many_all_cores_s": timings["all_cores"],
        "score_many_1_thread_s": timings["1_thread"],
        "speedup_all_cores": reference_wall / timings["all_cores"],
        "speedup_1_thread": reference_wall / timings["1_thread"],
        "load": os.getloadavg(),
    }


def cmd_spark(args: argparse.Namespace) -> dict:
    import subprocess

    from precis.spark import session, summarize_jsonl

    cli = []
    for _ in range(3):
        start = time.perf_counter()
        with open(args.cli_out, "wb") as f:
            subprocess.run(
                [
                    args.cli,
                    "summarize",
                    args.data,
                    "--threads",
                    "2",
                    "--format",
                    "jsonl",
                    "--words",
                    str(args.words),
                ],
                stdout=f,
                check=False,
            )
        cli.append(time.perf_counter() - start)
    start = time.perf_counter()
    spark = session("local[2]", app_name="precis-bench")
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter()
    lines = summarize_jsonl(spark, args.data, args.out, words=args.words)
    job = time.perf_counter()
    spark.stop()
    stopped = time.perf_counter()
    return {
        "lines": lines,
        "session_start_s": started - start,
        "job_s": job - started,
        "stop_s": stopped - job,
        "total_s": stopped - start,
        "cli_2_threads_s": statistics.median(cli),
        "load": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("summarize")
    p.add_argument("data")
    p.add_argument("--words", type=int, default=250)
    p.add_argument("--repeat", type=int, default=5)
    p = sub.add_parser("rouge")
    p.add_argument("data")
    p.add_argument("pred")
    p.add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("spark")
    p.add_argument("data")
    p.add_argument("out")
    p.add_argument("--words", type=int, default=250)
    p.add_argument("--cli", required=True, help="the precis binary")
    p.add_argument("--cli-out", required=True, help="where the CLI's output goes")
    args = parser.parse_args()
    result = {"summarize": cmd_summarize, "rouge": cmd_rouge, "spark": cmd_spark}[
        args.cmd
    ](args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
