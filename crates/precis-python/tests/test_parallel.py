"""summarize_many: order, errors in place, the GIL released, safe after fork."""

from __future__ import annotations

import os
import sys
import threading
import time

import precis
import pytest
from conftest import HARBOR
from test_offsets import NON_ASCII


def _clusters(n: int) -> list[dict]:
    texts = HARBOR + NON_ASCII
    return [
        {"id": f"c{i}", "documents": [texts[(i + k) % len(texts)] for k in range(3)]}
        for i in range(n)
    ]


def test_order_and_equality_with_summarize() -> None:
    clusters = _clusters(24)
    summarizer = precis.Summarizer(words=40)
    one = [summarizer.summarize(c["documents"], id=c["id"]) for c in clusters]
    assert summarizer.summarize_many(clusters, threads=1) == one
    assert summarizer.summarize_many(clusters, threads=2) == one
    assert summarizer.summarize_many(clusters) == one
    assert [s.id for s in one] == [c["id"] for c in clusters]


def test_cluster_shapes() -> None:
    summarizer = precis.Summarizer(words=30)
    out = summarizer.summarize_many([HARBOR, ("named", HARBOR), {"documents": HARBOR}])
    assert [s.id for s in out] == ["0", "named", "2"]
    assert out[0].sentences == out[1].sentences == out[2].sentences


def test_errors_in_place_never_lose_a_record() -> None:
    clusters = _clusters(3)
    clusters.insert(1, {"id": "bad", "documents": [""]})
    clusters.append({"id": "bin", "documents": ["\x00\x00"]})
    summarizer = precis.Summarizer(words=30)
    out = summarizer.summarize_many(clusters, errors="return")
    assert len(out) == 5
    assert isinstance(out[1], precis.EmptyClusterError)
    assert (out[1].index, out[1].cluster) == (1, "bad")
    assert str(out[1]).startswith('clusters[1] ("bad"): cluster "bad" has no document')
    assert isinstance(out[4], precis.BinaryDocumentError) and out[4].document == "doc-1"
    assert [s.id for s in out if isinstance(s, precis.Summary)] == ["c0", "c1", "c2"]
    with pytest.raises(precis.EmptyClusterError) as e:
        summarizer.summarize_many(clusters)
    assert e.value.index == 1
    assert [type(r).__name__ for r in e.value.results] == [
        "Summary",
        "EmptyClusterError",
        "Summary",
        "Summary",
        "BinaryDocumentError",
    ]


def test_gil_is_released() -> None:
    # A pure-Python thread keeps counting while summarize_many works.
    clusters = _clusters(400)
    summarizer = precis.Summarizer(words=60)
    summarizer.summarize_many(clusters[:4])
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1.0)  # without the GIL released, the counter would starve
    try:
        counter = threading.Thread(target=count)
        counter.start()
        time.sleep(0.01)
        before = ticks
        started = time.perf_counter()
        summarizer.summarize_many(clusters, threads=1)
        elapsed = time.perf_counter() - started
        during = ticks - before
        done.set()
        counter.join()
    finally:
        sys.setswitchinterval(old)
    assert elapsed > 0.02, "the batch should take long enough to measure"
    assert during > 100, f"the counter thread ran {during} times in {elapsed:.3f} s"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")
def test_safe_after_fork() -> None:
    summarizer = precis.Summarizer(words=40)
    clusters = _clusters(16)
    expected = [s.to_jsonl() for s in summarizer.summarize_many(clusters, threads=2)]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: use the inherited module and summarizer
        os.close(read)
        try:
            got = [s.to_jsonl() for s in summarizer.summarize_many(clusters, threads=2)]
            fresh = precis.Summarizer(words=40).summarize_many(clusters, threads=2)
            ok = got == expected and [s.to_jsonl() for s in fresh] == expected
            os.write(write, b"ok" if ok else b"different")
        finally:
            os._exit(0)
    os.close(write)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the forked child hung in summarize_many")
    assert os.read(read, 100) == b"ok"
    os.close(read)
