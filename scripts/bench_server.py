"""The measurements of scripts/bench-server.sh (read that script's header first).

Writes the request bodies and JSONL inputs under --out, starts `precis serve`
(release build) on 127.0.0.1 port 0, drives it with wrk, and times the CLI on
the same clusters. Research data is read here and written only under --out
(out/ is ignored by git).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

LUA = """
-- POST one body per request, cycling through the lines of a file.
local bodies = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  -- each wrk thread starts at another place in the list
  i = (tonumber(args[2] or "0") * 7919) % #bodies
end
function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/v1/summarize", {["Content-Type"] = "application/json"}, bodies[i])
end
"""


def load() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def example_cluster(path: Path) -> dict:
    names = sorted(p.name for p in path.glob("*.txt"))
    docs = [{"id": n, "text": (path / n).read_text(encoding="utf-8")} for n in names]
    return {"id": path.name, "documents": docs}


def multinews(path: Path, limit: int) -> list[dict]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs = [{"id": str(d["id"]), "text": d["text"]} for d in r["documents"]]
            out.append({"id": str(r["id"]), "documents": docs})
            if len(out) == limit:
                break
    return out


def accepted(precis: str, records: list[dict], words: int, scratch: Path) -> list[dict]:
    """The records the CLI summarizes (the core refuses a few, e.g. empty ones)."""
    path = scratch / "all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run(
        [precis, "summarize", str(path), "--format", "jsonl", "--words", str(words)],
        capture_output=True,
        text=True,
        check=False,
    )
    ok = {json.loads(line)["id"] for line in done.stdout.splitlines() if '"error"' not in line}
    path.unlink()
    return [r for r in records if r["id"] in ok]


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def in_process(precis: str, jsonl: Path, clusters: int, words: int, threads: int) -> dict:
    """The CLI's rate over a JSONL file: median of 3 whole-process runs, and CPU per cluster."""
    walls, cpus = [], []
    for _ in range(3):
        cpu = children_cpu()
        start = time.perf_counter()
        subprocess.run(
            [precis, "summarize", str(jsonl), "--format", "jsonl", "--words", str(words)]
            + ["--threads", str(threads), "-o", os.devnull],
            check=True,
        )
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
    wall = statistics.median(walls)
    return {
        "clusters": clusters,
        "wall_s": round(wall, 3),
        "per_s": round(clusters / wall, 1),
        "cpu_ms": round(1000 * statistics.median(cpus) / clusters, 3),
    }


class Server:
    def __init__(self, precis: str, threads: int, scratch: Path) -> None:
        self.log = open(scratch / "server.log", "w")
        self.proc = subprocess.Popen(
            [precis, "serve", "--addr", "127.0.0.1:0", "--workers", str(threads)],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        self.addr = ""
        for _ in range(300):
            text = (scratch / "server.log").read_text()
            m = re.search(r"listening on (http://[0-9.:]+)", text)
            if m:
                self.addr = m.group(1)
                break
            if self.proc.poll() is not None:
                sys.exit(f"precis serve exited: {text}")
            time.sleep(0.1)
        if not self.addr:
            sys.exit("precis serve did not start")

    def cpu(self) -> float:
        """CPU seconds (user + system) the server has used so far."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_mib(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        kib = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
        return round(kib / 1024, 1)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)
        self.log.close()


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def ms(text: str) -> float:
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text)
    return round(float(m.group(1)) * UNITS[m.group(2)], 2)


def wrk(server: Server, bodies: Path, lua: Path, connections: int, seconds: int) -> dict:
    threads = min(2, connections)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    cmd += ["--timeout", "30s", "-s", str(lua), f"{server.addr}/v1/summarize", "--", str(bodies)]
    server_cpu, client_cpu = server.cpu(), children_cpu()
    text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    server_cpu, client_cpu = server.cpu() - server_cpu, children_cpu() - client_cpu
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", text, re.M))
    if "50" not in pct or "99" not in pct:
        server.stop()
        sys.exit(f"cannot read wrk's latency distribution:\n{text}")
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "connections": connections,
        "requests": requests,
        "per_s": float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1)),
        "p50_ms": ms(pct["50"]),
        "p99_ms": ms(pct["99"]),
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(map(int, sock.groups())) if sock else 0,
        "server_cpu_ms": round(1000 * server_cpu / max(requests, 1), 3),
        "client_cpu_ms": round(1000 * client_cpu / max(requests, 1), 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--precis", required=True)
    ap.add_argument("--example", type=Path, required=True)
    ap.add_argument("--multinews", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--clusters", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    out: Path = a.out
    results = open(out / "results.jsonl", "w")
    lua = out / "bodies.lua"
    lua.write_text(LUA)

    def record(row: dict) -> None:
        row["load"] = load()
        print(json.dumps(row), file=sys.stderr, flush=True)
        results.write(json.dumps(row) + "\n")

    example = example_cluster(a.example)
    mn = accepted(a.precis, multinews(a.multinews, a.clusters), 250, out)
    # (name, records, words, copies of the records in the in-process file)
    workloads = [("example", [example], 100, 1000), ("multinews-val", mn, 250, 5)]
    table = []
    for name, records, words, copies in workloads:
        bodies = out / f"{name}.bodies"
        bodies.write_text(
            "".join(json.dumps({**r, "parameters": {"words": words}}) + "\n" for r in records)
        )
        jsonl = out / f"{name}.jsonl"
        jsonl.write_text(
            "".join(
                json.dumps({**r, "id": f"{r['id']}#{k}"}) + "\n"
                for k in range(copies)
                for r in records
            )
        )
        n = len(records) * copies
        before = in_process(a.precis, jsonl, n, words, a.threads)
        record({"workload": name, "what": "in-process before", **before})
        server = Server(a.precis, a.threads, out)
        rows = []
        for c in (1, 16, 64):
            row = wrk(server, bodies, lua, c, a.seconds)
            row["peak_mib"] = server.peak_mib()
            record({"workload": name, "what": "server", **row})
            rows.append(row)
        assert server.alive(), "precis serve died under load"
        server.stop()
        after = in_process(a.precis, jsonl, n, words, a.threads)
        record({"workload": name, "what": "in-process after", **after})
        base = (before["per_s"] + after["per_s"]) / 2
        base_cpu = (before["cpu_ms"] + after["cpu_ms"]) / 2
        for row in rows:
            table.append((name, row, base, base_cpu))
        jsonl.unlink()

    # The flood: 64 connections sending 2 MB bodies.
    floods = []
    for label, words in (("just under 2 MiB (422)", 399_990), ("just over 2 MiB (413)", 440_000)):
        body = json.dumps({"documents": [{"text": "word " * words}]})
        bodies = out / "flood.bodies"
        bodies.write_text(body + "\n")
        server = Server(a.precis, a.threads, out)
        row = wrk(server, bodies, lua, 64, a.seconds)
        row["peak_mib"] = server.peak_mib()
        row["body_bytes"] = len(body)
        assert server.alive(), "precis serve died under the flood"
        server.stop()
        record({"workload": "flood " + label, "what": "server", **row})
        floods.append((label, row))
        bodies.unlink()

    print(
        "| clusters | connections | server requests/s | p50 | p99 | non-2xx / socket errors"
        " | server peak RSS | in-process clusters/s | wall ratio"
        " | CPU ms: server (+wrk) per request, CLI per cluster | CPU ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, row, base, base_cpu in table:
        print(
            f"| {name} | {row['connections']} | {row['per_s']:.1f} | {row['p50_ms']} ms"
            f" | {row['p99_ms']} ms | {row['non_2xx']} / {row['socket_errors']}"
            f" | {row['peak_mib']} MiB | {base:.1f} | {100 * row['per_s'] / base:.0f}%"
            f" | {row['server_cpu_ms']} (+{row['client_cpu_ms']}), {base_cpu:.3f}"
            f" | {100 * base_cpu / row['server_cpu_ms']:.0f}% |"
        )
    print()
    print("| flood, 64 connections | body | requests/s | answers | peak RSS |")
    print("|---|---:|---:|---|---:|")
    for label, row in floods:
        print(
            f"| {label} | {row['body_bytes']:,} B | {row['per_s']:.1f} |"
            f" {row['requests']} requests, {row['non_2xx']} refused,"
            f" {row['socket_errors']} socket errors | {row['peak_mib']} MiB |"
        )


if __name__ == "__main__":
    main()
