"""precis on Ray: a callable class for Ray Data's ``map_batches``.

::

    import ray
    from precis.ray import Summarize

    ds = ray.data.read_json("clusters.jsonl")          # rows: id, documents
    out = ds.map_batches(Summarize, fn_constructor_kwargs={"words": 100},
                         concurrency=2, batch_format="pyarrow")
    out.write_json("summaries/")

Each actor makes one native summarizer when it starts and summarizes its
batches on one thread (Ray runs one actor per CPU it is given). The output
rows have the columns of :data:`precis.spark.OUTPUT_SCHEMA`: ``id``,
``summary``, ``record`` (the line ``precis summarize --format jsonl``
writes) and ``error`` (for a cluster that could not be summarized, with
``summary`` and ``record`` null).
"""

from __future__ import annotations

from typing import Any

from ._batch import _config, _rows

__all__ = ["Summarize"]


def _column(batch: Any, name: str) -> list[Any]:
    """A batch column as a Python list, for the pyarrow, pandas and numpy batch formats."""
    if hasattr(batch, "column_names"):  # pyarrow.Table
        return batch.column(name).to_pylist()
    column = batch[name]  # pandas.DataFrame or dict of numpy arrays
    return [v.tolist() if hasattr(v, "tolist") else v for v in list(column)]


class Summarize:
    """Summarize batches of clusters: ``ds.map_batches(Summarize, fn_constructor_kwargs=...)``.

    Args:
        id_column: The cluster id column.
        documents_column: The documents column: per row a list of
            ``{"id", "text"}`` records or of texts.
        config: ``method``, ``words``, ``bytes``, ``sentences``, ``fill``,
            ``explain``, as for :class:`precis.Summarizer`.
    """

    def __init__(
        self, *, id_column: str = "id", documents_column: str = "documents", **config: Any
    ) -> None:
        self._config = _config(**config)
        self._id_column = id_column
        self._documents_column = documents_column

    def __call__(self, batch: Any) -> Any:
        """Summarize one batch; returns a ``pyarrow.Table`` with one row per cluster."""
        import pyarrow as pa

        ids = _column(batch, self._id_column)
        documents = _column(batch, self._documents_column)
        return pa.table(_rows(self._config, ids, documents))
