"""What the Spark and Ray recipes share: configurations, native state, output rows."""

from __future__ import annotations

from typing import Any, Optional

from . import METHODS, _budget, _documents, _native

# One native summarizer per configuration and worker process, made on first
# use: tasks ship only the configuration tuple.
_NATIVE: dict[tuple[Any, ...], Any] = {}


def _config(
    method: str = "auto",
    words: Optional[int] = None,
    bytes: Optional[int] = None,
    sentences: Optional[int] = None,
    fill: bool = False,
    explain: bool = False,
) -> tuple[str, str, int, bool, bool]:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    unit, limit = _budget(words, bytes, sentences)
    # Fail on the driver, not in every task.
    _native.Summarizer(method, unit, limit, bool(fill), bool(explain))
    return (method, unit, limit, bool(fill), bool(explain))


def _summarizer(config: tuple[Any, ...]) -> Any:
    native = _NATIVE.get(config)
    if native is None:
        native = _NATIVE[config] = _native.Summarizer(*config)
    return native


def _rows(config: tuple[Any, ...], ids: list[Any], documents: list[Any]) -> dict[str, list[Any]]:
    """Summarize clusters into the columns of :data:`OUTPUT_SCHEMA`."""
    native = _summarizer(config)
    out: dict[str, list[Any]] = {"id": [], "summary": [], "record": [], "error": []}
    items = []
    failed: dict[int, str] = {}
    for i, (cluster_id, docs) in enumerate(zip(ids, documents)):
        cluster_id = "" if cluster_id is None else str(cluster_id)
        try:
            documents_in = _documents(docs if docs is not None else [], "documents")
            items.append((cluster_id, documents_in, None, []))
        except TypeError as e:
            failed[i] = f"cluster {cluster_id!r}: {e}"
            items.append((cluster_id, [], None, []))
    results = native.summarize_many(items, 1)
    for i, ((cluster_id, *_), result) in enumerate(zip(items, results)):
        error = failed.get(i) or (str(result) if isinstance(result, BaseException) else None)
        out["id"].append(cluster_id)
        out["summary"].append(None if error else result.text)
        out["record"].append(None if error else result.to_jsonl().rstrip("\n"))
        out["error"].append(error)
    return out
