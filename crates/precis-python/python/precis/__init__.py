"""precis: multi-document news summarization, and exact ROUGE, from Rust.

A *cluster* is a list of news articles about one story; precis picks the
sentences that summarize it best, in the reporters' own words, each pointing
back to the document (and the character offsets) it came from::

    import precis

    summary = precis.summarize(["First article ...", "Second article ..."], words=100)
    for sentence in summary.sentences:
        print(sentence.text, sentence.document, sentence.start, sentence.end)

- :func:`summarize` summarizes one cluster; :class:`Summarizer` is a reusable
  configuration with :meth:`Summarizer.summarize` and
  :meth:`Summarizer.summarize_many` (all cores, the GIL released).
- :class:`Summary` and :class:`Sentence` are immutable results;
  ``Summary.to_dict()`` is exactly the JSON ``precis summarize --format json``
  prints.
- :mod:`precis.rouge` is a drop-in for Google's ``rouge-score`` (same numbers
  to the last digit, much faster) and holds ``rouge155``, ROUGE-1.5.5 without
  Perl.
- :mod:`precis.spark` and :mod:`precis.ray` run precis on a cluster of machines.

Errors derive from :class:`PrecisError` (a ``ValueError``) and carry the
``cluster``, ``document`` and ``index`` they concern.

Input is limited as the CLI limits it by default, so the same cluster is
summarized or refused alike everywhere: a document with more than
:data:`MAX_DOCUMENT_BYTES` (4 MiB) of UTF-8 text, or a cluster with more than
:data:`MAX_CLUSTER_BYTES` (16 MiB) in all, raises :class:`PrecisError`
naming it (about 35 times a cluster's text is needed to summarize it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal, Union

from . import _native
from ._native import (
    MAX_CLUSTER_BYTES,
    MAX_DOCUMENT_BYTES,
    BinaryDocumentError,
    ConfigError,
    DateError,
    EmptyClusterError,
    HtmlError,
    NoSentencesError,
    PrecisError,
    Sentence,
    Summary,
    __version__,
)

__all__ = [
    "MAX_CLUSTER_BYTES",
    "MAX_DOCUMENT_BYTES",
    "METHODS",
    "BinaryDocumentError",
    "ConfigError",
    "DateError",
    "Documents",
    "EmptyClusterError",
    "HtmlError",
    "NoSentencesError",
    "PrecisError",
    "Sentence",
    "Summarizer",
    "Summary",
    "__version__",
    "summarize",
]

# Exceptions raised on the Python side have no cluster, document or index.
PrecisError.cluster = None
PrecisError.document = None
PrecisError.index = None

#: The summarization methods, as the CLI's ``--method`` spells them.
METHODS = ("auto", "lead", "centroid", "lexrank", "textrank", "submodular", "ilp", "learned")

#: What a cluster's documents may be given as: a list of texts (ids
#: ``doc-1``, ``doc-2``, ...), a dict of id to text, or a list of mappings
#: with ``"text"`` and optionally ``"id"`` and metadata.
Documents = Union[Sequence[str], Mapping[str, str], Sequence[Mapping[str, Any]]]

_DOCUMENTS_HELP = (
    "give a list of texts, a dict of id to text, or a list of {'id': ..., 'text': ...} mappings"
)


def _check_id(value: object, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"{where} is {type(value).__name__}; ids must be str (or int)")
    return str(value)


def _documents(documents: object, where: str) -> list[tuple[str, str, str | None]]:
    """Turn documents into (id, text, other fields as JSON) triples for the native side."""
    if isinstance(documents, (str, bytes, bytearray)):
        raise TypeError(f"{where} is a single {type(documents).__name__}; {_DOCUMENTS_HELP}")
    if isinstance(documents, Mapping):
        out = []
        for key, text in documents.items():
            doc_id = _check_id(key, f"{where}: a document id")
            if not isinstance(text, str):
                raise TypeError(
                    f"{where}[{key!r}] is {type(text).__name__}; document texts must be str"
                    + (
                        " (decode bytes first, e.g. data.decode('utf-8'))"
                        if isinstance(text, (bytes, bytearray))
                        else ""
                    )
                )
            out.append((doc_id, text, None))
        return out
    if not isinstance(documents, Iterable):
        raise TypeError(f"{where} is {type(documents).__name__}; {_DOCUMENTS_HELP}")
    out = []
    for i, doc in enumerate(documents):
        default_id = f"doc-{i + 1}"
        if isinstance(doc, str):
            out.append((default_id, doc, None))
        elif isinstance(doc, Mapping):
            text = doc.get("text")
            if not isinstance(text, str):
                raise TypeError(
                    f"{where}[{i}] has no str 'text' (got {type(text).__name__}); {_DOCUMENTS_HELP}"
                )
            doc_id = _check_id(doc.get("id", default_id), f"{where}[{i}]['id']")
            extra = {k: v for k, v in doc.items() if k not in ("id", "text")}
            try:
                meta = json.dumps(extra) if extra else None
            except (TypeError, ValueError) as e:
                raise TypeError(f"{where}[{i}] ({doc_id!r}): metadata is not JSON data: {e}") from e
            out.append((doc_id, text, meta))
        elif isinstance(doc, (bytes, bytearray)):
            raise TypeError(
                f"{where}[{i}] is bytes; decode it to str first (e.g. data.decode('utf-8'))"
            )
        else:
            raise TypeError(f"{where}[{i}] is {type(doc).__name__}; {_DOCUMENTS_HELP}")
    return out


def _budget(words: object, bytes: object, sentences: object) -> tuple[str, int]:
    given = [
        (unit, value)
        for unit, value in (("words", words), ("bytes", bytes), ("sentences", sentences))
        if value is not None
    ]
    if len(given) > 1:
        names = " and ".join(f"{unit}={value!r}" for unit, value in given)
        raise ConfigError(f"{names}: give one budget (words, bytes or sentences), not several")
    if not given:
        return ("words", 100)
    unit, value = given[0]
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{unit} must be an int, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ConfigError(f"{unit}={value}: the budget must be at least 1")
    return (unit, value)


def _threads(threads: object) -> int:
    if threads is None:
        return 0  # all cores
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a positive int or None (all cores), got {threads!r}")
    return threads


_NativeDocument = tuple[str, str, Union[str, None]]
_NativeCluster = tuple[str, list[_NativeDocument], Union[str, None], list[_NativeDocument]]


def _query(query: object, where: str) -> str | None:
    if query is None or isinstance(query, str):
        return query
    raise TypeError(f"{where} is {type(query).__name__}; give the question as a str, or None")


def _earlier(earlier: object, where: str) -> list[_NativeDocument]:
    return [] if earlier is None else _documents(earlier, where)


def _cluster(item: object, i: int) -> _NativeCluster:
    """Read one cluster of ``summarize_many``: a record, an (id, documents) tuple, or documents."""
    where = f"clusters[{i}]"
    if isinstance(item, Mapping) and "documents" in item:
        cluster_id = _check_id(item.get("id", str(i)), f"{where}['id']")
        return (
            cluster_id,
            _documents(item["documents"], f"{where}['documents']"),
            _query(item.get("query"), f"{where}['query']"),
            _earlier(item.get("earlier_documents"), f"{where}['earlier_documents']"),
        )
    if isinstance(item, tuple) and len(item) == 2 and not isinstance(item[1], str):
        cluster_id = _check_id(item[0], f"{where}[0]")
        return (cluster_id, _documents(item[1], f"{where}[1]"), None, [])
    return (str(i), _documents(item, where), None, [])


class Summarizer:
    """A summarizer configuration, reusable, immutable and safe to share across threads.

    Args:
        method: One of :data:`METHODS`. ``"auto"`` (the default) uses exact
            concept coverage (``ilp``) on large multi-document clusters and
            the ``learned`` method on the others.
        words: Budget in whitespace-separated words (the default is 100 words).
        bytes: Budget in UTF-8 bytes, counting one separator between sentences.
        sentences: Budget in whole sentences.
        fill: Let the last sentence run past the budget and cut it there
            (``Sentence.cut`` is then true); by default a summary holds only
            whole sentences and never exceeds the budget.
        explain: Give each sentence an explanation of its score
            (``Sentence.explain``).

    Give at most one of ``words``, ``bytes`` and ``sentences``. A bad
    configuration raises :class:`ConfigError` (or ``TypeError`` for a value
    of the wrong type).

    Summarizers pickle (they hold only their configuration), so they can be
    shipped to Spark or Ray workers.

    """

    __slots__ = ("_config", "_native")

    def __init__(
        self,
        *,
        method: str = "auto",
        words: int | None = None,
        bytes: int | None = None,
        sentences: int | None = None,
        fill: bool = False,
        explain: bool = False,
    ) -> None:
        if not isinstance(method, str):
            raise TypeError(f"method must be a str (one of {', '.join(METHODS)}), got {method!r}")
        unit, limit = _budget(words, bytes, sentences)
        self._config = {"method": method, unit: limit, "fill": bool(fill), "explain": bool(explain)}
        self._native = _native.Summarizer(method, unit, limit, bool(fill), bool(explain))

    @property
    def config(self) -> dict[str, Any]:
        """The keyword arguments this summarizer was made with."""
        return dict(self._config)

    def summarize(
        self,
        documents: Documents,
        *,
        id: str = "cluster",
        query: str | None = None,
        earlier: Documents | None = None,
    ) -> Summary:
        """Summarizes one cluster.

        Args:
            documents: The cluster's articles (see :data:`Documents`). A
                mapping may carry the metadata precis reads: ``"title"``,
                ``"date"`` (ISO 8601; dated articles are read earliest
                first), ``"url"`` and ``"source"``.
            id: The cluster id, used in the result and in error messages.
            query: A question the summary should answer (a query-focused
                summary); ``None`` (the default) for a generic summary. An
                empty or blank query raises :class:`PrecisError`.
            earlier: Articles the reader has already seen, in the same shapes
                as ``documents`` (an update summary): what they say is worth
                nothing, and a sentence that only repeats one of theirs is
                never chosen.

        Returns:
            The :class:`Summary`.

        Raises:
            EmptyClusterError: No document has any text.
            NoSentencesError: Nothing but boilerplate is left after cleaning.
            BinaryDocumentError: A document looks like binary data.
            PrecisError: A document has more than :data:`MAX_DOCUMENT_BYTES`
                of UTF-8 text, or all of them (``earlier`` included) more
                than :data:`MAX_CLUSTER_BYTES`: the CLI's default limits.
            TypeError: ``documents`` is not one of the accepted shapes.

        """
        cluster_id = _check_id(id, "id")
        return self._native.summarize(
            cluster_id,
            _documents(documents, "documents"),
            _query(query, "query"),
            _earlier(earlier, "earlier"),
        )

    def summarize_many(
        self,
        clusters: Iterable[Any],
        *,
        threads: int | None = None,
        errors: Literal["raise", "return"] = "raise",
    ) -> list[Any]:
        """Summarizes many clusters on several threads, with the GIL released.

        Args:
            clusters: Each a mapping ``{"id": ..., "documents": ...}`` (the
                JSONL batch record, with its optional ``"query"`` and
                ``"earlier_documents"``), an ``(id, documents)`` tuple, or
                just the documents (its id is then its position, as a str).
            threads: Threads to use; ``None`` (the default) uses all cores.
            errors: ``"raise"`` raises the first failure (in input order);
                every result, summaries and exceptions in place, is on the
                exception's ``results`` attribute, so nothing is lost.
                ``"return"`` returns the exception instances in place of the
                summaries that failed.

        Returns:
            One item per cluster, in input order: a :class:`Summary`, or (with
            ``errors="return"``) the :class:`PrecisError` saying why that
            cluster failed, with its ``index`` and ``cluster`` set.

        """
        if errors not in ("raise", "return"):
            raise ValueError(f"errors must be 'raise' or 'return', got {errors!r}")
        items = [_cluster(item, i) for i, item in enumerate(clusters)]
        results = self._native.summarize_many(items, _threads(threads))
        if errors == "raise":
            for result in results:
                if isinstance(result, BaseException):
                    result.results = results
                    raise result
        return results

    def __reduce__(self) -> tuple[Any, ...]:
        return (_make_summarizer, (self._config,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Summarizer) and self._config == other._config

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._config.items())))

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._config.items())
        return f"Summarizer({args})"


def _make_summarizer(config: dict[str, Any]) -> Summarizer:
    return Summarizer(**config)


@lru_cache(maxsize=16)
def _cached(method: str, unit: str, limit: int, fill: bool, explain: bool) -> Summarizer:
    return Summarizer(method=method, **{unit: limit}, fill=fill, explain=explain)


def summarize(
    documents: Documents,
    *,
    words: int | None = None,
    bytes: int | None = None,
    sentences: int | None = None,
    method: str = "auto",
    fill: bool = False,
    explain: bool = False,
    id: str = "cluster",
    query: str | None = None,
    earlier: Documents | None = None,
) -> Summary:
    """Summarizes one cluster of news articles.

    ``precis.summarize(docs, words=100, query=q)`` is
    ``precis.Summarizer(words=100).summarize(docs, query=q)``; see
    :class:`Summarizer` and :meth:`Summarizer.summarize` for the arguments.

    The result's sentences give ``start`` and ``end`` as *character* offsets
    into the string passed for their document, so
    ``" ".join(text[s.start:s.end].split()) == s.text``: the sentence as the
    reporter wrote it, with whitespace runs collapsed as the CLI prints it.
    """
    if not isinstance(method, str):
        raise TypeError(f"method must be a str (one of {', '.join(METHODS)}), got {method!r}")
    unit, limit = _budget(words, bytes, sentences)
    return _cached(method, unit, limit, bool(fill), bool(explain)).summarize(
        documents, id=id, query=query, earlier=earlier
    )
