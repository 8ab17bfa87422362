"""The shapes of the summarization API: inputs, results, configuration, pickling."""

from __future__ import annotations

import pickle

import precis
import pytest
from conftest import HARBOR


def test_summary_and_sentence_shapes() -> None:
    summary = precis.summarize(HARBOR, words=60, id="harbor")
    assert isinstance(summary, precis.Summary)
    assert summary.id == "harbor"
    assert summary.method in precis.METHODS
    assert summary.budget == {"unit": "words", "limit": 60, "fill": False}
    assert isinstance(summary.sentences, tuple) and summary.sentences
    assert isinstance(summary.warnings, tuple)
    assert 0 < summary.word_count <= 60
    assert summary.text == "\n".join(s.text for s in summary.sentences)
    assert len(summary) == len(summary.sentences)
    for s in summary.sentences:
        assert isinstance(s, precis.Sentence)
        assert s.document in {"doc-1", "doc-2", "doc-3"}
        assert isinstance(s.start, int) and isinstance(s.end, int) and s.start < s.end
        assert isinstance(s.score, float)
        assert isinstance(s.sources, tuple) and s.document not in s.sources
        assert s.cut is False and s.explain is None
        assert s.byte_span == (s.start, s.end)  # ASCII text: bytes are characters


def test_results_are_immutable() -> None:
    summary = precis.summarize(HARBOR, words=40)
    with pytest.raises(AttributeError):
        summary.id = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        summary.sentences[0].text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        summary.sentences[0] = summary.sentences[0]  # type: ignore[index]


def test_to_dict_is_the_wire_format() -> None:
    summary = precis.summarize(HARBOR, words=40, explain=True, id="h")
    wire = summary.to_dict()
    assert list(wire) == ["id", "title", "method", "budget", "sentences", "off_event"]
    assert wire["title"]
    assert summary.title == wire["title"]
    assert wire["off_event"] == []
    first = wire["sentences"][0]
    s = summary.sentences[0]
    assert first["text"] == s.text and first["document"] == s.document
    assert first["span"] == {"start": s.byte_span[0], "end": s.byte_span[1]}
    assert first["provenance"] == list(s.sources)
    # The wire format's explanation is structured; `explain` is its words.
    assert first["explain"]["text"] == s.explain and s.explain
    assert first["explain"]["place"]["position"] == 1
    assert s.to_dict() == first
    # Wire fields without a typed attribute are still reachable.
    assert summary.sentences[0].provenance == list(s.sources)
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        _ = summary.nonexistent


def test_document_shapes_give_the_same_summary() -> None:
    as_list = precis.summarize(HARBOR, words=50)
    as_dict = precis.summarize({f"doc-{i + 1}": t for i, t in enumerate(HARBOR)}, words=50)
    as_records = precis.summarize(
        [{"id": f"doc-{i + 1}", "text": t, "source": "test"} for i, t in enumerate(HARBOR)],
        words=50,
    )
    without_ids = precis.summarize([{"text": t} for t in HARBOR], words=50)
    assert as_list == as_dict == as_records == without_ids
    numeric = precis.summarize({1: HARBOR[0], 2: HARBOR[1]}, words=30)
    assert {s.document for s in numeric.sentences} <= {"1", "2"}


@pytest.mark.parametrize("method", precis.METHODS)
def test_every_method_runs(method: str) -> None:
    summary = precis.summarize(HARBOR, words=45, method=method)
    assert summary.sentences and summary.word_count <= 45


def test_budgets() -> None:
    assert precis.summarize(HARBOR, sentences=1).budget["unit"] == "sentences"
    assert len(precis.summarize(HARBOR, sentences=1).sentences) == 1
    by_bytes = precis.summarize(HARBOR, bytes=200)
    assert len("\n".join(s.text for s in by_bytes.sentences).encode()) <= 200
    filled = precis.summarize(HARBOR, words=25, fill=True)
    assert filled.word_count == 25
    # The one sentence cut at the budget (not necessarily the last in reading order).
    assert [s.cut for s in filled.sentences].count(True) == 1
    assert [s.get("cut", False) for s in filled.to_dict()["sentences"]].count(True) == 1


def test_summarizer_is_reusable_and_equals_summarize() -> None:
    summarizer = precis.Summarizer(method="lexrank", words=40)
    assert summarizer.summarize(HARBOR) == precis.summarize(HARBOR, method="lexrank", words=40)
    assert summarizer.config == {"method": "lexrank", "words": 40, "fill": False, "explain": False}
    assert "lexrank" in repr(summarizer)


def test_pickling() -> None:
    summarizer = precis.Summarizer(method="centroid", bytes=300, fill=True)
    copy = pickle.loads(pickle.dumps(summarizer))
    assert copy == summarizer and copy.config == summarizer.config
    assert copy.summarize(HARBOR) == summarizer.summarize(HARBOR)
    summary = summarizer.summarize(HARBOR, id="p")
    again = pickle.loads(pickle.dumps(summary))
    assert again == summary
    assert again.to_dict() == summary.to_dict()
    spans = [(s.start, s.end) for s in summary.sentences]
    assert [(s.start, s.end) for s in again.sentences] == spans
    sentence = pickle.loads(pickle.dumps(summary.sentences[0]))
    assert sentence == summary.sentences[0]


def test_warnings_name_the_document() -> None:
    summary = precis.summarize({"a": HARBOR[0], "blank": "   "}, words=30)
    assert any('"blank"' in w for w in summary.warnings)
    assert summary.to_dict()["warnings"] == list(summary.warnings)
