"""Bad input fails with an exception that says what was wrong and where."""

from __future__ import annotations

import precis
import pytest
from conftest import HARBOR


def test_empty_cluster() -> None:
    message = 'cluster "c7" has no document with text'
    with pytest.raises(precis.EmptyClusterError, match=message) as e:
        precis.summarize(["", "  \n"], id="c7")
    assert e.value.cluster == "c7" and e.value.index is None
    assert isinstance(e.value, ValueError) and isinstance(e.value, precis.PrecisError)
    with pytest.raises(precis.EmptyClusterError):
        precis.summarize([])


def test_binary_text_names_the_document() -> None:
    with pytest.raises(precis.BinaryDocumentError, match='document "scan.pdf" looks binary') as e:
        precis.summarize({"ok": HARBOR[0], "scan.pdf": "%PDF\x00\x01\x02\x03binary"})
    assert e.value.document == "scan.pdf"


def test_bad_date_names_the_document() -> None:
    docs = [{"id": "a", "text": HARBOR[0], "date": "last Tuesday"}]
    with pytest.raises(precis.DateError, match='"a"') as e:
        precis.summarize(docs, id="dated")
    assert e.value.document == "a"


def test_no_sentences() -> None:
    with pytest.raises(precis.NoSentencesError, match="no sentence left"):
        precis.summarize(["...", "!!"], id="punct")


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"words": 0}, precis.ConfigError, "words=0: the budget must be at least 1"),
        ({"words": -5}, precis.ConfigError, "words=-5"),
        ({"bytes": 0}, precis.ConfigError, "bytes=0"),
        ({"words": 10, "bytes": 100}, precis.ConfigError, "words=10 and bytes=100"),
        ({"words": 2.5}, TypeError, "words must be an int, got float"),
        ({"words": True}, TypeError, "words must be an int, got bool"),
        ({"sentences": "3"}, TypeError, "sentences must be an int, got str"),
        ({"method": "bogus"}, precis.ConfigError, 'unknown method "bogus"; choose one of lead'),
        ({"method": 3}, TypeError, "method must be a str"),
    ],
)
def test_bad_configuration(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(")):
        precis.summarize(HARBOR, **kwargs)
    with pytest.raises(error):
        precis.Summarizer(**kwargs)


@pytest.mark.parametrize(
    ("documents", "message"),
    [
        ("just one string", "documents is a single str; give a list of texts"),
        (b"bytes", "documents is a single bytes"),
        (42, "documents is int"),
        ([HARBOR[0], 7], r"documents\[1\] is int"),
        ([HARBOR[0], b"raw"], r"documents\[1\] is bytes; decode it to str first"),
        ([{"id": "a"}], r"documents\[0\] has no str 'text' \(got NoneType\)"),
        ([{"id": ["x"], "text": "t"}], r"documents\[0\]\['id'\] is list; ids must be str"),
        ({"a": b"bytes"}, r"documents\['a'\] is bytes; document texts must be str"),
        ([{"text": "t", "when": object()}], r"documents\[0\] \('doc-1'\): metadata is not JSON"),
    ],
)
def test_wrong_types(documents: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        precis.summarize(documents)  # type: ignore[arg-type]


def test_summarize_many_bad_arguments() -> None:
    summarizer = precis.Summarizer(words=30)
    with pytest.raises(ValueError, match="errors must be 'raise' or 'return'"):
        summarizer.summarize_many([HARBOR], errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads must be a positive int"):
        summarizer.summarize_many([HARBOR], threads=0)
    with pytest.raises(TypeError, match=r"clusters\[1\]\['documents'\]\[0\] is int"):
        summarizer.summarize_many([HARBOR, {"id": "x", "documents": [5]}])


def test_blank_query_and_bad_earlier_documents() -> None:
    with pytest.raises(precis.PrecisError, match='cluster "q": the query is empty') as e:
        precis.summarize(HARBOR, id="q", query="  ")
    assert e.value.cluster == "q"
    with pytest.raises(TypeError, match="query is int; give the question as a str"):
        precis.summarize(HARBOR, query=5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"earlier\[0\] is bytes"):
        precis.summarize(HARBOR, earlier=[b"seen"])  # type: ignore[list-item]
    bad = [{"id": "e1", "text": HARBOR[0], "date": "soon"}]
    with pytest.raises(precis.DateError, match='"e1"'):
        precis.summarize(HARBOR[1:], earlier=bad)
    results = precis.Summarizer().summarize_many(
        [{"id": "ok", "documents": HARBOR}, {"id": "blank", "documents": HARBOR, "query": ""}],
        errors="return",
    )
    assert isinstance(results[0], precis.Summary)
    assert isinstance(results[1], precis.PrecisError) and results[1].index == 1


def test_size_limits_are_the_clis() -> None:
    # The CLI's default --max-document-mb and --max-line-mb (README.md).
    assert (precis.MAX_DOCUMENT_BYTES, precis.MAX_CLUSTER_BYTES) == (4 << 20, 16 << 20)
    sentence = "The harbor wall will be rebuilt next spring. "
    # A document of exactly the limit is summarized (the spaces cost little);
    # one byte more is refused, counted in UTF-8 bytes, not characters.
    at_limit = sentence + " " * (precis.MAX_DOCUMENT_BYTES - len(sentence))
    assert precis.summarize({"a": at_limit}, sentences=1).sentences
    over = "\u00e9" * (precis.MAX_DOCUMENT_BYTES // 2) + "."
    message = (
        r'cluster "big": documents\[1\] \("b"\) has 4\.0 MiB of text, more than the limit '
        r"of 4\.0 MiB per document; split the document, or raise the limit with "
        r"`precis summarize --max-document-mb`"
    )
    with pytest.raises(precis.PrecisError, match=message) as e:
        precis.summarize({"a": sentence, "b": over}, id="big")
    assert e.value.cluster == "big"
    with pytest.raises(precis.PrecisError, match=r'earlier_documents\[0\] \("doc-1"\)'):
        precis.summarize([sentence], earlier=[over])
    # All the documents together, earlier ones included, against the cluster limit.
    four = [at_limit] * 4
    with pytest.raises(precis.PrecisError, match=r'cluster "all" has 16\.0 MiB of text in all'):
        precis.summarize(four, earlier=["x"], id="all")
    results = precis.Summarizer(sentences=1).summarize_many(
        [four, {"id": "over", "documents": [sentence, over]}], errors="return"
    )
    assert isinstance(results[0], precis.Summary)
    assert isinstance(results[1], precis.PrecisError) and results[1].index == 1
    assert str(results[1]).startswith('clusters[1] ("over"): cluster "over": documents[1]')
