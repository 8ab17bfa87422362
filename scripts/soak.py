#!/usr/bin/env python3
"""Batch soak: a whole JSONL(.gz) file of clusters through one
`precis summarize - --format jsonl`, with a bad record injected after every
N good ones, checking that every good record comes out, in order, that each
bad record gets an error record in its place, and that memory stays flat.

    python3 scripts/soak.py PRECIS_BIN DATA.jsonl.gz [--every N] [--limit K]

The faults cycle through four kinds: malformed JSON, a document of binary
text (NUL bytes), a line of invalid UTF-8, and a cluster with no documents.
The resident set size (VmRSS) of precis is sampled every half second.
Prints a Markdown report; exits 1 when a record is lost, out of order or
wrongly answered. Nothing of the data is written anywhere.
"""
import argparse
import gzip
import json
import re
import subprocess
import sys
import threading
import time

FAULTS = ["malformed JSON", "binary text", "invalid UTF-8", "empty cluster"]


def fault_line(kind, k):
    fid = f"soak-fault-{k}"
    if kind == "malformed JSON":
        return fid, ('{"id": "%s", "documents": [{"id": "d", "text": "unterminated' % fid).encode() + b"\n"
    if kind == "binary text":
        return fid, json.dumps({"id": fid, "documents": [{"id": "d", "text": "ELF\u0000\u0001\u0002\u0000 binary"}]}).encode() + b"\n"
    if kind == "invalid UTF-8":
        return fid, b'{"id": "%s", "documents": [{"id": "d", "text": "caf\xe9 \xff\xfe au lait."}]}\n' % fid.encode()
    return fid, json.dumps({"id": fid, "documents": []}).encode() + b"\n"


ID = re.compile(rb'^\s*\{\s*"id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("precis")
    ap.add_argument("data")
    ap.add_argument("--every", type=int, default=97, help="inject a fault after every N records")
    ap.add_argument("--limit", type=int, default=0, help="stop after K records of the file (0: all)")
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()

    cmd = [args.precis, "summarize", "-", "--format", "jsonl"]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    expected = []  # (kind, id, line number); kind None for a good record
    stderr_lines = []
    problems = []
    counts = {"good": 0, "good_failed": 0, "faults": 0, "out": 0}
    good_failures = []

    def feed():
        line_no = 0
        faults = 0
        opener = gzip.open if args.data.endswith(".gz") else open
        try:
            with opener(args.data, "rb") as f:
                for n, raw in enumerate(f, 1):
                    if args.limit and n > args.limit:
                        break
                    if not raw.strip():
                        continue
                    m = ID.match(raw)
                    rid = json.loads(b'"' + m.group(1) + b'"') if m else json.loads(raw)["id"]
                    line_no += 1
                    expected.append((None, str(rid), line_no))
                    proc.stdin.write(raw if raw.endswith(b"\n") else raw + b"\n")
                    if line_no % (args.every + 1) == args.every:
                        kind = FAULTS[faults % len(FAULTS)]
                        fid, bad = fault_line(kind, faults)
                        faults += 1
                        line_no += 1
                        expected.append((kind, fid, line_no))
                        proc.stdin.write(bad)
        finally:
            proc.stdin.close()

    def drain_stderr():
        for raw in proc.stderr:
            stderr_lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def check_stdout():
        for i, raw in enumerate(proc.stdout):
            counts["out"] += 1
            try:
                rec = json.loads(raw)
            except ValueError as e:
                problems.append(f"output line {i + 1} is not JSON: {e}")
                continue
            if i >= len(expected):
                problems.append(f"output line {i + 1}: more records out than in")
                continue
            kind, rid, line_no = expected[i]
            if kind is None:
                counts["good"] += 1
                if "error" in rec:
                    counts["good_failed"] += 1
                    good_failures.append(f"{rid} (line {line_no}): {rec['error']}")
                    if rec.get("id") != rid:
                        problems.append(f"output line {i + 1}: error record for {rid!r} names {rec.get('id')!r}")
                elif rec.get("id") != rid:
                    problems.append(f"output line {i + 1}: expected {rid!r}, got {rec.get('id')!r}")
                elif not isinstance(rec.get("summary"), str):
                    problems.append(f"output line {i + 1}: {rid!r} has no summary")
            else:
                counts["faults"] += 1
                if "error" not in rec:
                    problems.append(f"output line {i + 1}: injected {kind} {rid!r} gave no error record")
                elif rec.get("line") != line_no:
                    problems.append(f"output line {i + 1}: error record says line {rec.get('line')}, input line {line_no}")
                elif rec.get("id") not in (rid, None):
                    problems.append(f"output line {i + 1}: error record names {rec.get('id')!r}, not {rid!r}")

    threads = [threading.Thread(target=t, daemon=True) for t in (feed, drain_stderr, check_stdout)]
    start = time.time()
    for t in threads:
        t.start()
    samples = []  # (seconds, records out, RSS in MB)
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
            samples.append((time.time() - start, counts["out"], rss / 1024))
        except (OSError, StopIteration):
            pass
        time.sleep(0.5)
    for t in threads:
        t.join()
    elapsed = time.time() - start
    if counts["out"] != len(expected):
        problems.append(f"{len(expected)} records in, {counts['out']} out")

    good_in = sum(1 for e in expected if e[0] is None)
    print(f"- input: {good_in} records of `{args.data.split('/')[-1]}` with {len(expected) - good_in} faults injected, "
          f"one after every {args.every} ({', '.join(FAULTS)}, in turn)")
    print(f"- output: {counts['out']} records in {elapsed:.0f} s, exit status {proc.returncode}; "
          f"{counts['good'] - counts['good_failed']} summaries, {counts['faults']} error records for the faults, "
          f"{counts['good_failed']} error records for records of the file")
    for g in good_failures[:10]:
        print(f"  - file record failed: {g}")
    if samples:
        n = len(samples)
        picks = [samples[min(n - 1, int(n * q))] for q in (0.1, 0.25, 0.5, 0.75, 0.99)]
        print("- resident memory (VmRSS) of precis, sampled every 0.5 s: "
              + ", ".join(f"{mb:.0f} MB at {out} records" for _, out, mb in picks)
              + f"; peak {max(s[2] for s in samples):.0f} MB")
        first = max((s[2] for s in samples[: max(1, n // 4)]), default=0)
        last = max((s[2] for s in samples[n // 2:]), default=0)
        print(f"- peak in the first quarter {first:.0f} MB, in the second half {last:.0f} MB")
        if first and last > 1.5 * first + 50:
            problems.append(f"memory grew: {first:.0f} MB early, {last:.0f} MB late")
    errs = [l for l in stderr_lines if l.startswith("error:")]
    print(f"- stderr: {len(stderr_lines)} lines, {len(errs)} of them errors; the last: `{stderr_lines[-1] if stderr_lines else ''}`")
    if proc.returncode != (1 if len(expected) > good_in or counts["good_failed"] else 0):
        problems.append(f"exit status {proc.returncode}")
    for p in problems[:20]:
        print(f"- PROBLEM: {p}")
    print(f"- verdict: {'FAIL' if problems else 'pass'} ({len(problems)} problems)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
