#!/usr/bin/env python3
"""Turns the JSON lines the benchmark scripts collect into Markdown tables.

    bench_report.py peers DIR      DIR/results.jsonl from scripts/bench-peers.sh
    bench_report.py scaling DIR    DIR/results.jsonl from scripts/bench-scaling.sh
    bench_report.py rouge DIR      DIR/results.jsonl from scripts/bench-rouge.sh

Repeated whole-process runs are reduced to their median; every ratio is
between numbers of the same run of the script. Each table is followed by the
targets it is checked against, each "met" or "missed" with the figure.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_util import median, slope  # noqa: E402


def load(directory):
    with open(os.path.join(directory, "results.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    env_path = os.path.join(directory, "env.json")
    env = json.load(open(env_path)) if os.path.exists(env_path) else {}
    return rows, env


def header(env, rows):
    loads = sorted({r["load"] for r in rows if "load" in r})
    print("Machine: %s CPUs, %s." % (env.get("nproc", "?"), env.get("cpu", "?")))
    if loads:
        print("Load average (1, 5, 15 min) at the start of each measurement: %s to %s." % (
            loads[0], loads[-1]))
    print()


def verdict(ok):
    return "**met**" if ok else "**missed**"


def table(head, body):
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")
    for row in body:
        print("| " + " | ".join(str(c) for c in row) + " |")
    print()


def grouped(rows, key):
    """label-less runs grouped by `key(row)`, reduced to medians."""
    groups = {}
    for r in rows:
        groups.setdefault(key(r), []).append(r)
    out = {}
    for k, rs in groups.items():
        out[k] = {
            "wall_s": median([r["wall_s"] for r in rs]),
            "cpu_s": median([r["cpu_s"] for r in rs]),
            "peak_kib": median([r["peak_kib"] for r in rs]),
            "runs": len(rs),
            "walls": sorted(r["wall_s"] for r in rs),
        }
    return out


def peers(directory):
    rows, env = load(directory)
    header(env, rows)
    inproc = [r for r in rows if r.get("table") == "inprocess"]
    targets = []
    for name in ("duc2003", "multinews-val"):
        rs = [r for r in inproc if r["set"] == name]
        if not rs:
            continue
        by = {"%s %s" % (r["system"], r["method"].replace("sumy-", "")): r for r in rs}
        base = by.get("sumy lexrank")
        print("In process, one thread, %s (%d clusters, %.0f sentences per cluster as precis "
              "segments them):" % (name, rs[0]["clusters"], by.get("precis auto", rs[0])["mean_sentences"]))
        print()
        body = []
        for label, r in by.items():
            ratio = base["mean_ms"] / r["mean_ms"] if base else float("nan")
            body.append([label, "%.3f" % r["mean_ms"], "%.3f" % r["median_ms"], "%.3f" % r["p90_ms"],
                         "%.3f" % r["max_ms"], "%.1f" % r["us_per_sentence"],
                         "%.0fx" % ratio if ratio >= 10 else "%.2fx" % ratio])
        table(["system, method", "mean ms/cluster", "median", "p90", "max", "µs/sentence",
               "sumy LexRank mean ÷ this mean"], body)
        if base and "precis lexrank" in by and name == "duc2003":
            lex = by["precis lexrank"]
            ratio = base["mean_ms"] / lex["mean_ms"]
            targets.append("precis lexrank ≥ 300x faster than sumy LexRank per DUC-size cluster: "
                           "%.0fx (%s); under 2 ms: %.2f ms mean, %.2f ms max (%s)" % (
                               ratio, verdict(ratio >= 300), lex["mean_ms"], lex["max_ms"],
                               verdict(lex["mean_ms"] < 2)))
        if "precis auto" in by:
            auto = by["precis auto"]
            limit = 20 if name == "duc2003" else 0.3
            targets.append("default (auto) ≤ %g ms per %s cluster, one thread: %.3f ms mean, "
                           "%.3f ms median, %.3f ms p90 (%s%s)" % (
                               limit, name, auto["mean_ms"], auto["median_ms"], auto["p90_ms"],
                               verdict(auto["mean_ms"] <= limit),
                               "" if auto["mean_ms"] <= limit else
                               ", %.1fx over" % (auto["mean_ms"] / limit)))
    batch = [r for r in rows if r.get("table") == "batch"]
    if batch:
        count_path = os.path.join(directory, "batch-count.json")
        count = json.load(open(count_path)) if os.path.exists(count_path) else {}
        size = os.path.getsize(count["file"]) if count.get("file") and os.path.exists(count["file"]) else 0
        n = count.get("clusters", 0)
        g = grouped(batch, lambda r: r["system"])
        auto = g.get("precis auto")
        wc = g.get("wc -w")
        print("Whole process over %d Multi-News training clusters (%.1f MB of JSONL, %d sentences, "
              "%d words), one thread, 250 words (sumy: 10 sentences):" % (
                  n, size / 1e6, count.get("sentences", 0), count.get("words", 0)))
        print()
        body = []
        for label, v in g.items():
            body.append([
                label, v["runs"], "%.3f" % v["wall_s"], "%.3f" % v["cpu_s"],
                "%.3f" % (1e3 * v["wall_s"] / n) if n else "-",
                "%.0f" % (n / v["wall_s"]) if v["wall_s"] else "-",
                "%.1f" % (size / 1e6 / v["wall_s"]) if v["wall_s"] and size else "-",
                "%.1f" % (v["peak_kib"] / 1024),
                "%.2fx" % (v["wall_s"] / auto["wall_s"]) if auto else "-",
                "%.2fx" % (v["wall_s"] / wc["wall_s"]) if wc else "-",
            ])
        table(["command", "runs", "wall s (median)", "CPU s", "ms/cluster", "clusters/s", "MB/s",
               "peak MiB", "÷ precis auto", "÷ wc -w"], body)
        if auto:
            for peer in ("sumy lexrank", "sumy textrank"):
                if peer in g:
                    ratio = g[peer]["wall_s"] / auto["wall_s"]
                    cpu_ratio = g[peer]["cpu_s"] / auto["cpu_s"]
                    targets.append("whole batch of %d Multi-News clusters ≥ 30x faster than %s's "
                                   "whole process: %.1fx wall, %.1fx CPU (%s)" % (
                                       n, peer, ratio, cpu_ratio, verdict(ratio >= 30)))
            if wc:
                ratio = auto["wall_s"] / wc["wall_s"]
                targets.append("whole pipeline within 20x of `wc -w` on the same text: %.0fx "
                               "(%.3f s vs %.3f s; %s%s)" % (
                                   ratio, auto["wall_s"], wc["wall_s"], verdict(ratio <= 20),
                                   "" if ratio <= 20 else ", %.1fx over the target" % (ratio / 20)))
    print("Targets:")
    print()
    for t in targets:
        print("- " + t)
    print()


def scaling(directory):
    rows, env = load(directory)
    header(env, rows)
    targets = []
    sizes = [r for r in rows if r.get("table") == "cluster"]
    if sizes:
        print("One cluster of N sentences (Multi-News training documents concatenated), one "
              "thread, 100 words; time is the median of repeated runs in one process, peak "
              "memory that of the whole process:")
        print()
        body = []
        methods = []
        for r in sizes:
            if r["method"] not in methods:
                methods.append(r["method"])
        for method in methods:
            rs = sorted((r for r in sizes if r["method"] == method), key=lambda r: r["sentences"])
            for r in rs:
                body.append([method, r["target"], r["sentences"], r["documents"], r["runs"],
                             "%.3f" % r["ms"], "%.3f" % r["prepare_ms"],
                             "%.2f" % r["us_per_sentence"], "%.1f" % (r["peak_kib"] / 1024)])
            pts = [(r["sentences"], r["ms"]) for r in rs if r["sentences"] >= 100]
            if len(pts) >= 2:
                s = slope(pts)
                per = [r["us_per_sentence"] for r in rs if r["sentences"] >= 100]
                spread = max(per) / min(per)
                targets.append("%s: cost per sentence flat from 100 to %d sentences: time grows "
                               "as N^%.2f (log-log slope, 100 and up), µs/sentence from %.1f to "
                               "%.1f (max/min %.1fx) (%s)" % (
                                   method, pts[-1][0], s, per[0], per[-1], spread,
                                   verdict(s <= 1.15)))
        table(["method", "target", "sentences", "documents", "runs", "ms (median)", "prepare ms",
               "µs/sentence", "peak MiB"], body)
        print("Flat is taken as a log-log slope of at most 1.15 between 100 and 10,000 sentences.")
        print()
    batches = [r for r in rows if r.get("table") == "batch"]
    if batches:
        print("Batches of Multi-News training clusters (cycled with distinct ids), `precis "
              "summarize --threads 1 --format jsonl --words 250`, whole process:")
        print()
        body = []
        pts = []
        mem = []
        for r in sorted(batches, key=lambda r: r["clusters"]):
            body.append([r["clusters"], r["sentences"], "%.2f" % r["wall_s"], "%.2f" % r["cpu_s"],
                         "%.3f" % (1e3 * r["wall_s"] / r["clusters"]),
                         "%.2f" % (1e6 * r["wall_s"] / r["sentences"]),
                         "%.1f" % (r["peak_kib"] / 1024), r.get("order", "?")])
            pts.append((r["sentences"], r["wall_s"]))
            mem.append((r["clusters"], r["peak_kib"]))
        table(["clusters", "sentences", "wall s", "CPU s", "ms/cluster", "µs/sentence",
               "peak MiB", "output order"], body)
        if len(pts) >= 2:
            s = slope(pts)
            ms = slope(mem)
            targets.append("batch time grows as sentences^%.2f (log-log slope over %s clusters)" % (
                s, ", ".join(str(c) for c, _ in mem)))
            growth = mem[-1][1] / mem[0][1]
            last = mem[-1][1] / mem[-2][1]
            targets.append("batch peak memory independent of the number of clusters: %.1f MiB at "
                           "%d clusters, %.1f MiB at %d, %.1f MiB at %d (x%.2f overall, x%.2f over "
                           "the last step; log-log slope %.3f): %s" % (
                               mem[0][1] / 1024, mem[0][0], mem[-2][1] / 1024, mem[-2][0],
                               mem[-1][1] / 1024, mem[-1][0], growth, last, ms,
                               "**met**" if growth <= 1.1 else
                               "**met from %d clusters up** (x%.2f), **missed** below" % (
                                   mem[-2][0], last) if last <= 1.1 else "**missed**"))
            targets.append("output order kept in every batch: %s" % verdict(
                all(r.get("order") == "kept" for r in batches)))
    print("Targets:")
    print()
    for t in targets:
        print("- " + t)
    print()


def rouge(directory):
    rows, env = load(directory)
    header(env, rows)
    targets = []
    for name, peer, target in (("multinews", "rouge-score", 100), ("duc", "ROUGE-1.5.5.pl", 50)):
        rs = [r for r in rows if r.get("protocol") == name]
        if not rs:
            continue
        g = grouped(rs, lambda r: r["system"])
        ours = g.get("precis")
        theirs = g.get(peer)
        scores = {r["system"]: r.get("scores") for r in rs if r.get("scores")}
        what = next((r["what"] for r in rs if r.get("what")), "")
        print("ROUGE, %s protocol (%s), whole process, one thread:" % (name, what))
        print()
        body = []
        for label, v in g.items():
            body.append([label, v["runs"], "%.3f" % v["wall_s"], "%.3f" % v["cpu_s"],
                         "%.1f" % (v["peak_kib"] / 1024),
                         "%.2fx" % (v["wall_s"] / ours["wall_s"]) if ours else "-",
                         scores.get(label, "")])
        table(["scorer", "runs", "wall s (median)", "CPU s", "peak MiB", "÷ precis",
               "scores (same predictions)"], body)
        if ours and theirs:
            ratio = theirs["wall_s"] / ours["wall_s"]
            floor = next((v for k, v in g.items() if k.startswith("/bin/true")), None)
            net = ""
            if floor and ours["wall_s"] > floor["wall_s"]:
                net = "; %.0fx with the launch floor (%.1f ms) taken off both" % (
                    (theirs["wall_s"] - floor["wall_s"]) / (ours["wall_s"] - floor["wall_s"]),
                    1e3 * floor["wall_s"])
            cpu = "%.0fx CPU" % (theirs["cpu_s"] / ours["cpu_s"]) if ours["cpu_s"] else "CPU below time's 10 ms resolution"
            targets.append("precis ROUGE ≥ %dx faster than %s (%s): %.0fx wall, %s%s (%s%s)" % (
                target, peer, name, ratio, cpu, net, verdict(ratio >= target),
                "" if ratio >= target else ", %.1fx short" % (target / ratio)))
    print("Targets:")
    print()
    for t in targets:
        print("- " + t)
    print()


def main(argv):
    if len(argv) != 2 or argv[0] not in ("peers", "scaling", "rouge"):
        raise SystemExit(__doc__)
    {"peers": peers, "scaling": scaling, "rouge": rouge}[argv[0]](argv[1])


if __name__ == "__main__":
    main(sys.argv[1:])
