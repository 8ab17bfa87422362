"""precis on Apache Spark: summarize millions of clusters on a cluster of machines.

Three entry points, all running the Rust core inside Spark's Python workers
(one native summarizer per worker process, made on first use):

- :func:`summarize_jsonl` and the command line
  ``python -m precis.spark INPUT OUTPUT --words N [--master local[2]]``: the
  JSONL batch format ``precis summarize`` reads (gzip too, by the ``.gz``
  extension), written as Spark part files whose lines, in part order, are
  exactly what ``precis summarize INPUT --format jsonl`` writes, record for
  record, error records included.
- :func:`summarize_dataframe`: a DataFrame with a cluster id column and a
  documents column (``array<struct<id: string, text: string>>`` or
  ``array<string>``), through ``mapInArrow``.
- :func:`summarize_stories`: a DataFrame of articles, one row each, grouped
  by a story column, through ``groupBy(...).applyInPandas``.

The last two return one row per cluster: its id, the summary text, the
JSONL record (as the CLI writes it) and, for a cluster that could not be
summarized, the error (with ``summary`` and ``record`` null).

Needs ``pyspark`` (and ``pyarrow``, plus ``pandas`` for
:func:`summarize_stories`) on the driver and the workers. See
``docs/scale.md`` for running it with ``spark-submit``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Optional

from . import METHODS
from ._batch import _config, _rows, _summarizer

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "OUTPUT_SCHEMA",
    "main",
    "session",
    "summarize_dataframe",
    "summarize_jsonl",
    "summarize_stories",
]

#: The columns :func:`summarize_dataframe` and :func:`summarize_stories` return.
OUTPUT_SCHEMA = "id string, summary string, record string, error string"

#: Lines summarized per call into the native module inside a partition.
_CHUNK = 256


def session(master: Optional[str] = "local[2]", app_name: str = "precis") -> SparkSession:
    """Start (or get) a SparkSession; a ``local[...]`` master stays on 127.0.0.1, without web UI.

    With ``master=None`` the master comes from ``spark-submit`` (or the
    environment), and nothing is bound to loopback.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    if master is None or master.startswith("local"):
        builder = (
            builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        )
    if master is not None and master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
    return builder.getOrCreate()


def _summarize_lines(
    config: tuple[Any, ...], lines: Iterable[tuple[int, str]]
) -> Iterator[tuple[int, str]]:
    """Summarize ``(index, line)`` pairs of a partition into ``(index, record)`` pairs."""
    native = _summarizer(config)
    chunk: list[tuple[int, str]] = []

    def flush() -> Iterator[tuple[int, str]]:
        records = native.summarize_lines([(i + 1, line) for i, line in chunk], 1)
        for (i, _), record in zip(chunk, records):
            if record is not None:  # a blank line: no record, as in the CLI
                yield (i, record.rstrip("\n"))
        chunk.clear()

    for item in lines:
        chunk.append(item)
        if len(chunk) >= _CHUNK:
            yield from flush()
    yield from flush()


def summarize_jsonl(
    spark: SparkSession,
    input: str,
    output: str,
    *,
    partitions: Optional[int] = None,
    **config: Any,
) -> int:
    """Summarize a JSONL batch file with Spark, in the CLI's record format.

    Args:
        spark: The session.
        input: The JSONL(.gz) file or directory (any path Spark reads: local,
            HDFS, S3, ...); one cluster record per line.
        output: The directory to write, as ``saveAsTextFile`` does. Its part
            files, concatenated in name order, are exactly what ``precis
            summarize INPUT --format jsonl`` writes.
        partitions: How many tasks to split the lines into (default: the
            session's default parallelism). A gzip file is read by one task,
            then split.
        config: ``method``, ``words``, ``bytes``, ``sentences``, ``fill``,
            ``explain``, as for :class:`precis.Summarizer`.

    Returns:
        The number of input lines (blank ones included).
    """
    cfg = _config(**config)
    sc = spark.sparkContext
    indexed = sc.textFile(input).zipWithIndex().map(lambda pair: (pair[1], pair[0]))
    total = indexed.count()
    if total == 0:
        raise ValueError(f"{input} holds no cluster records; give one JSON object per line")
    parts = max(1, min(partitions or sc.defaultParallelism, total))
    # Contiguous ranges of lines, sorted within each: part files in name
    # order are the input order.
    ranged = indexed.repartitionAndSortWithinPartitions(
        parts, partitionFunc=lambda index: index * parts // total
    )
    records = ranged.mapPartitions(lambda lines: _summarize_lines(cfg, lines))
    records.map(lambda pair: pair[1]).saveAsTextFile(output)
    return total


def summarize_dataframe(
    df: DataFrame,
    *,
    id_column: str = "id",
    documents_column: str = "documents",
    **config: Any,
) -> DataFrame:
    """Summarize a DataFrame of clusters, one row each, with ``mapInArrow``.

    Args:
        df: Rows with a cluster id and its documents, an
            ``array<struct<id: string, text: string>>`` (the JSONL record's
            ``documents``) or an ``array<string>``.
        id_column: The cluster id column.
        documents_column: The documents column.
        config: ``method``, ``words``, ``bytes``, ``sentences``, ``fill``,
            ``explain``, as for :class:`precis.Summarizer`.

    Returns:
        A DataFrame with :data:`OUTPUT_SCHEMA`, one row per input row.
    """
    cfg = _config(**config)

    def summarize(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            columns = _rows(cfg, batch.column(0).to_pylist(), batch.column(1).to_pylist())
            yield pa.RecordBatch.from_pydict(columns)

    return df.select(id_column, documents_column).mapInArrow(summarize, OUTPUT_SCHEMA)


def summarize_stories(
    df: DataFrame,
    *,
    story_column: str = "story",
    id_column: str = "id",
    text_column: str = "text",
    **config: Any,
) -> DataFrame:
    """Summarize a DataFrame of articles, one row each, grouped by story.

    Each story's articles are summarized as one cluster, in the order of
    their ids (Spark gives a group's rows in no set order), through
    ``groupBy(story_column).applyInPandas``.

    Args:
        df: Rows with a story key, an article id and the article's text.
        story_column: The column that groups articles into clusters; its
            value becomes the output ``id``.
        id_column: The article id column.
        text_column: The article text column.
        config: As for :func:`summarize_dataframe`.

    Returns:
        A DataFrame with :data:`OUTPUT_SCHEMA`, one row per story.
    """
    cfg = _config(**config)

    def summarize(articles: Any) -> Any:
        import pandas as pd

        articles = articles.sort_values(id_column, kind="stable")
        story = articles[story_column].iloc[0]
        docs = [
            {"id": str(i), "text": "" if t is None else str(t)}
            for i, t in zip(articles[id_column], articles[text_column])
        ]
        return pd.DataFrame(_rows(cfg, [story], [docs]))

    selected = df.select(story_column, id_column, text_column)
    return selected.groupBy(story_column).applyInPandas(summarize, OUTPUT_SCHEMA)


def main(argv: Optional[list[str]] = None) -> int:
    """Run ``python -m precis.spark INPUT OUTPUT --words N [--master local[2]]``."""
    parser = argparse.ArgumentParser(
        prog="python -m precis.spark",
        description="Summarize a JSONL batch of clusters with Spark; OUTPUT is a directory of "
        "part files whose lines equal `precis summarize INPUT --format jsonl`.",
    )
    parser.add_argument(
        "input", help="JSONL(.gz) file of cluster records (or Parquet, see --parquet)"
    )
    parser.add_argument("output", help="output directory (must not exist)")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--words", type=int)
    budget.add_argument("--bytes", type=int)
    budget.add_argument("--sentences", type=int)
    parser.add_argument("--method", default="auto", choices=METHODS)
    parser.add_argument("--fill", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument(
        "--master", default=None, help="Spark master, e.g. local[2]; default: from spark-submit"
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=None,
        help="tasks to split the input into (default: Spark's parallelism)",
    )
    parser.add_argument(
        "--parquet",
        action="store_true",
        help="read Parquet rows (id, documents) and write Parquet rows "
        f"({OUTPUT_SCHEMA}) instead of JSONL",
    )
    args = parser.parse_args(argv)
    config = {
        "method": args.method,
        "words": args.words,
        "bytes": args.bytes,
        "sentences": args.sentences,
        "fill": args.fill,
        "explain": args.explain,
    }
    try:
        _config(**config)
    except (ValueError, TypeError) as e:
        parser.error(str(e))
    spark = session(args.master)
    try:
        if args.parquet:
            frame = spark.read.parquet(args.input)
            if args.partitions:
                frame = frame.repartition(args.partitions)
            summarize_dataframe(frame, **config).write.parquet(args.output)
        else:
            summarize_jsonl(spark, args.input, args.output, partitions=args.partitions, **config)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
