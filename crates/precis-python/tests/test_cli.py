"""The package and the `precis` CLI give the same output for the same input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import precis
import pytest
from conftest import EXAMPLE, HARBOR, run_cli
from precis import _native
from test_offsets import NON_ASCII


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ([], {}),
        (["--words", "60", "--method", "lexrank"], {"words": 60, "method": "lexrank"}),
        (["--bytes", "400", "--fill"], {"bytes": 400, "fill": True}),
        (
            ["--sentences", "2", "--method", "lead", "--explain"],
            {"sentences": 2, "method": "lead", "explain": True},
        ),
    ],
)
def test_example_cluster_equals_cli_json(
    cli: Path, example: dict[str, str], args: list[str], kwargs: dict
) -> None:
    expected = run_cli(cli, "summarize", EXAMPLE, "--format", "json", *args)
    summary = precis.summarize(example, id=EXAMPLE.name, **kwargs)
    assert summary.to_json() == expected
    assert summary.to_dict() == json.loads(expected)


def batch_lines() -> list[str]:
    """A batch with good records and each kind of bad record the CLI handles."""
    good = [
        {
            "id": "harbor",
            "source": "test",
            "documents": [{"id": f"h{i}", "text": t} for i, t in enumerate(HARBOR)],
            "summaries": ["x"],
        },
        {"id": 17, "documents": [{"text": t} for t in NON_ASCII]},
        {"id": "one-doc", "documents": [{"id": "only", "text": HARBOR[2]}]},
        {
            "id": "meta",
            "documents": [
                {
                    "id": "m1",
                    "text": HARBOR[0],
                    "title": "Harbor wall",
                    "date": "2026-03-02",
                    "url": "https://example.org/a",
                    "source": "Northport Herald",
                },
                {"id": "m2", "text": HARBOR[1], "date": "2026-03-01T09:30:00Z"},
            ],
        },
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in good]
    lines += [
        "",  # blank lines are skipped but counted
        json.dumps({"id": "empty", "documents": [{"id": "e", "text": "  "}]}),
        json.dumps({"id": "nodocs", "documents": []}),
        json.dumps({"documents": [{"text": HARBOR[0]}]}),
        json.dumps({"id": "notext", "documents": [{"id": "d"}]}),
        json.dumps({"id": "bin", "documents": [{"id": "b.bin", "text": "\u0000\u0001ab"}]}),
        '{"id": "broken", "documents": [',
        '{"id": "wrongtype", "documents": 5}',
        "[1, 2]",
        json.dumps({"id": "baddate", "documents": [{"text": HARBOR[0], "date": "yesterday"}]}),
        json.dumps({"id": "dup", "documents": [{"id": "x", "text": t} for t in HARBOR[:2]]}),
        json.dumps({"id": True, "documents": [{"text": HARBOR[0]}]}),
        "\ufeff" + json.dumps({"id": "bom", "documents": [{"text": HARBOR[1]}]}),
        json.dumps({"id": 1e2, "documents": [{"id": 12345678901234567890, "text": HARBOR[2]}]}),
        json.dumps({"id": "last", "documents": [{"text": t} for t in HARBOR[:2]]}),
    ]
    return lines


@pytest.mark.parametrize("compress", [False, True])
def test_batch_records_equal_cli_jsonl(cli: Path, tmp_path: Path, compress: bool) -> None:
    lines = batch_lines()
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / ("batch.jsonl.gz" if compress else "batch.jsonl")
    path.write_bytes(gzip.compress(data) if compress else data)
    expected = run_cli(cli, "summarize", path, "--format", "jsonl", "--words", "50", check=False)
    native = _native.Summarizer("auto", "words", 50, False, False)
    records = native.summarize_lines([(i + 1, line) for i, line in enumerate(lines)], 2)
    got = "".join(r for r in records if r is not None)
    assert got == expected
    assert expected.count("\n") == len(lines) - 1  # one record per non-blank line


def test_summarize_many_equals_cli_batch(cli: Path, tmp_path: Path) -> None:
    lines = batch_lines()[:3]
    path = tmp_path / "good.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = run_cli(cli, "summarize", path, "--format", "jsonl", "--words", "70")
    records = [json.loads(line) for line in lines]
    summaries = precis.Summarizer(words=70).summarize_many(records, threads=2)
    assert "".join(s.to_jsonl() for s in summaries) == expected


def update_record(example: dict[str, str]) -> dict:
    """The example cluster as an update: three new articles with metadata, two read before."""
    names = sorted(example)
    documents = [
        {
            "id": name,
            "text": example[name],
            "title": f"Headline {i}",
            "date": f"2015-12-{17 - i:02}",
            "url": f"https://example.org/{i}",
            "source": "Wire",
        }
        for i, name in enumerate(names[:3])
    ]
    earlier = [{"id": name, "text": example[name]} for name in names[3:]]
    return {
        "id": "update",
        "documents": documents,
        "query": "What did Kerry and Lavrov say about the Syrian opposition?",
        "earlier_documents": earlier,
    }


@pytest.mark.parametrize("method", ["auto", "lead", "lexrank"])
def test_query_earlier_and_metadata_equal_cli(
    cli: Path, tmp_path: Path, example: dict[str, str], method: str
) -> None:
    record = update_record(example)
    path = tmp_path / "update.jsonl"
    generic = {"id": "generic", "documents": record["documents"]}
    path.write_text(json.dumps(record) + "\n" + json.dumps(generic) + "\n", encoding="utf-8")
    expected = run_cli(
        cli, "summarize", path, "--format", "jsonl", "--words", "60", "--method", method
    ).splitlines(keepends=True)
    summarizer = precis.Summarizer(words=60, method=method)
    summary = summarizer.summarize(
        record["documents"],
        id="update",
        query=record["query"],
        earlier=record["earlier_documents"],
    )
    assert summary.to_jsonl() == expected[0]
    assert summary.off_event == json.loads(expected[0])["off_event"]
    assert (
        precis.summarize(
            record["documents"],
            words=60,
            method=method,
            id="update",
            query=record["query"],
            earlier={d["id"]: d["text"] for d in record["earlier_documents"]},
        )
        == summary
    )
    # summarize_many reads each record's own query and earlier documents.
    many = summarizer.summarize_many([record, generic], threads=2)
    assert [s.to_jsonl() for s in many] == expected
    if method == "auto":
        # The test can fail: the query and the earlier reading change this summary.
        assert expected[0].replace('"update"', '"generic"', 1) != expected[1]


def test_batch_size_limits_equal_cli(cli: Path, tmp_path: Path) -> None:
    # Spark and Ray jobs refuse exactly the lines `precis summarize` refuses
    # with its default limits, with the same error records.
    sentence = "The harbor wall will be rebuilt next spring. "
    at_limit = sentence + " " * (precis.MAX_DOCUMENT_BYTES - len(sentence))
    lines = [
        json.dumps({"id": "at", "documents": [{"id": "a", "text": at_limit}]}),
        json.dumps({"id": "doc", "documents": [{"id": "b", "text": at_limit + " "}]}),
        # Each document is within its limit, the line is not.
        json.dumps({"id": "line", "documents": [{"text": at_limit}] * 4}),
        json.dumps({"id": "ok", "documents": [{"text": t} for t in HARBOR]}),
    ]
    path = tmp_path / "sizes.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = run_cli(cli, "summarize", path, "--format", "jsonl", "--sentences", "1", check=False)
    native = _native.Summarizer("auto", "sentences", 1, False, False)
    got = native.summarize_lines([(i + 1, line) for i, line in enumerate(lines)], 2)
    assert "".join(r for r in got if r is not None) == expected
    errors = [json.loads(r).get("error", "") for r in got if r is not None]
    assert errors[0] == "" and errors[3] == ""
    assert errors[1].startswith('document 1 ("b") has 4.0 MiB of text, more than the limit')
    assert errors[2].startswith("the line has 16.0 MiB, more than the limit of 16.0 MiB per line")
