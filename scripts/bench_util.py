#!/usr/bin/env python3
"""Small helpers shared by the benchmark scripts (standard library only).

    bench_util.py take IN N OUT            the first N clusters of IN, decompressed
    bench_util.py cycle IN N OUT           N clusters cycling through IN, ids made distinct
    bench_util.py text IN OUT              the documents' text only, one blank line between
    bench_util.py check-order IN OUT       OUT's records have IN's ids, in IN's order
    bench_util.py run OUT TIME [K=V ...] -- CMD...
                                           CMD under /usr/bin/time -v, stdout to OUT;
                                           prints the JSON line of `timev`, wall time
                                           taken here with a finer clock
    bench_util.py timev FILE [K=V ...]     /usr/bin/time -v output -> JSON (seconds, peak KiB)
    bench_util.py median X...              the median of the numbers
    bench_util.py slope X1 Y1 X2 Y2 ...    least-squares slope of log Y on log X
    bench_util.py env                      machine and load as JSON

IN may be gzipped (by name). Nothing here is timed; the scripts time the
programs they compare with /usr/bin/time -v.
"""

import gzip
import json
import math
import os
import re
import subprocess
import sys
import time


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def take(src, n, out):
    written = 0
    with open_text(src) as f, open(out, "w", encoding="utf-8") as g:
        for line in f:
            if written >= n:
                break
            g.write(line)
            written += 1
    if written < n:
        raise SystemExit("%s holds only %d clusters, %d asked for" % (src, written, n))


def cycle(src, n, out):
    """Repeats src's clusters until n are written; pass k > 0 renames ids to
    `<id>~k` so every id in the batch is distinct."""
    written = 0
    passes = 0
    with open(out, "w", encoding="utf-8") as g:
        while written < n:
            with open_text(src) as f:
                for line in f:
                    if written >= n:
                        break
                    if passes:
                        record = json.loads(line)
                        record["id"] = "%s~%d" % (record["id"], passes)
                        line = json.dumps(record, ensure_ascii=False) + "\n"
                    g.write(line)
                    written += 1
            passes += 1
            if written == 0:
                raise SystemExit("%s is empty" % src)


def text(src, out):
    with open_text(src) as f, open(out, "w", encoding="utf-8") as g:
        for line in f:
            for d in json.loads(line)["documents"]:
                g.write(d["text"])
                g.write("\n\n")


def check_order(src, out):
    """Exits 1 unless out has one record per input cluster, in input order."""
    with open_text(src) as f, open_text(out) as g:
        n = 0
        for a, b in zip(f, g):
            want = json.loads(a)["id"]
            got = json.loads(b)["id"]
            if want != got:
                raise SystemExit("record %d: id %r, input has %r" % (n, got, want))
            n += 1
        if next(f, None) is not None or next(g, None) is not None:
            raise SystemExit("record counts differ after %d" % n)
    print(n)


def run(out, time_file, extra, cmd):
    """/usr/bin/time -v prints wall time in hundredths of a second, too coarse
    for `wc -w`; the wall time reported is measured around the whole
    /usr/bin/time process instead (about a millisecond more than the command
    alone), and time's own figure is kept as `wall_time_v`."""
    with open(out, "wb") as f, open(out + ".err", "wb") as err:
        start = time.perf_counter()
        status = subprocess.call(["/usr/bin/time", "-v", "-o", time_file] + cmd, stdout=f, stderr=err)
        wall = time.perf_counter() - start
    record = timev(time_file, extra, echo=False)
    record["wall_time_v"] = record["wall_s"]
    record["wall_s"] = wall
    print(json.dumps(record))
    return status


def timev(path, extra, echo=True):
    """Parses `/usr/bin/time -v` output: wall seconds, user+system seconds,
    peak resident KiB; `extra` holds K=V pairs to add (numbers when they parse)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        s = f.read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", s)
    if not wall:
        raise SystemExit("%s: no /usr/bin/time -v output" % path)
    seconds = 0.0
    for part in wall.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    user = float(re.search(r"User time \(seconds\): (\S+)", s).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", s).group(1))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", s).group(1))
    status = int(re.search(r"Exit status: (\d+)", s).group(1))
    record = {}
    for kv in extra:
        k, _, v = kv.partition("=")
        try:
            record[k] = json.loads(v)
        except ValueError:
            record[k] = v
    record.update({"wall_s": seconds, "cpu_s": user + system, "peak_kib": peak, "status": status})
    if echo:
        print(json.dumps(record))
    return record


def median(xs):
    xs = sorted(xs)
    if not xs:
        raise SystemExit("median of nothing")
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def slope(points):
    """Least-squares slope of log y against log x."""
    lx = [math.log(x) for x, _ in points]
    ly = [math.log(y) for _, y in points]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    den = sum((a - mx) ** 2 for a in lx)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / den


def env():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(json.dumps({"nproc": os.cpu_count(), "cpu": model, "loadavg": load}))


def main(argv):
    if not argv:
        raise SystemExit(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == "take":
        take(args[0], int(args[1]), args[2])
    elif cmd == "cycle":
        cycle(args[0], int(args[1]), args[2])
    elif cmd == "text":
        text(args[0], args[1])
    elif cmd == "check-order":
        check_order(args[0], args[1])
    elif cmd == "run":
        split = args.index("--")
        sys.exit(run(args[0], args[1], args[2:split], args[split + 1:]))
    elif cmd == "timev":
        timev(args[0], args[1:])
    elif cmd == "median":
        print(median([float(x) for x in args]))
    elif cmd == "slope":
        xs = [float(x) for x in args]
        print("%.3f" % slope(list(zip(xs[0::2], xs[1::2]))))
    elif cmd == "env":
        env()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
