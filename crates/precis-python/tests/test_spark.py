"""The Spark recipes on local[2], bound to 127.0.0.1, against the CLI."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import precis
import pyspark  # noqa: F401  (installed by scripts/test.d/20-python.sh)
import pytest
from conftest import HARBOR, LOOPBACK_ADDRESSES, listening_addresses, run_cli
from test_cli import batch_lines
from test_offsets import NON_ASCII

LOOPBACK = {"SPARK_LOCAL_IP": "127.0.0.1"}


def part_lines(directory: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(directory.glob("part-*")))


def test_job_equals_cli_record_for_record(cli: Path, tmp_path: Path) -> None:
    lines = batch_lines() * 3  # several partitions' worth, with bad records
    data = ("\n".join(lines) + "\n").encode("utf-8")
    batch = tmp_path / "batch.jsonl.gz"
    batch.write_bytes(gzip.compress(data))
    expected = run_cli(cli, "summarize", batch, "--format", "jsonl", "--words", "60", check=False)
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "precis.spark",
            str(batch),
            str(out),
            "--words",
            "60",
            "--master",
            "local[2]",
            "--partitions",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **LOOPBACK},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(list(out.glob("part-*"))) == 3
    assert part_lines(out) == expected


@pytest.fixture(scope="module")
def spark():
    os.environ.update(LOOPBACK)
    from precis.spark import session

    spark = session("local[2]", app_name="precis-tests")
    assert spark.conf.get("spark.driver.host") == "127.0.0.1"
    listening = listening_addresses()
    assert listening and listening <= LOOPBACK_ADDRESSES, listening
    yield spark
    spark.stop()


def test_summarize_dataframe(spark) -> None:
    from precis.spark import summarize_dataframe

    clusters = [
        ("harbor", [{"id": f"h{i}", "text": t} for i, t in enumerate(HARBOR)]),
        ("mixed", [{"id": f"m{i}", "text": t} for i, t in enumerate(NON_ASCII)]),
        ("empty", [{"id": "e", "text": " "}]),
    ]
    df = spark.createDataFrame(
        clusters, "id string, documents array<struct<id: string, text: string>>"
    ).repartition(2)
    rows = {r["id"]: r for r in summarize_dataframe(df, words=50).collect()}
    summarizer = precis.Summarizer(words=50)
    for cluster_id, docs in clusters[:2]:
        expected = summarizer.summarize(docs, id=cluster_id)
        assert rows[cluster_id]["record"] + "\n" == expected.to_jsonl()
        assert rows[cluster_id]["summary"] == expected.text
        assert rows[cluster_id]["error"] is None
    assert rows["empty"]["record"] is None
    assert 'cluster "empty" has no document with text' in rows["empty"]["error"]


def test_summarize_stories(spark) -> None:
    from precis.spark import summarize_stories

    articles = [("harbor", f"a{i}", t) for i, t in enumerate(HARBOR)]
    articles += [("mixed", f"b{i}", t) for i, t in enumerate(NON_ASCII)]
    df = spark.createDataFrame(articles[::-1], "story string, id string, text string")
    rows = {r["id"]: r for r in summarize_stories(df, sentences=2, method="lexrank").collect()}
    assert set(rows) == {"harbor", "mixed"}
    expected = precis.summarize(
        {f"a{i}": t for i, t in enumerate(HARBOR)}, sentences=2, method="lexrank", id="harbor"
    )
    assert rows["harbor"]["record"] + "\n" == expected.to_jsonl()
