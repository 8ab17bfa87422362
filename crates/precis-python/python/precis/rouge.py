"""ROUGE, exactly as the reference scorers compute it, without Perl and fast.

- :class:`RougeScorer` is a drop-in for Google's ``rouge-score``
  (``from rouge_score.rouge_scorer import RougeScorer``): the same
  constructor, ``score`` and ``score_multi``, and results equal to the last
  digit, plus :meth:`RougeScorer.score_many`, which scores many pairs in Rust
  on all cores.
- :func:`rouge155` reproduces the ROUGE-1.5.5.pl script (DUC's convention)
  with the options precis supports.

All scores are fractions between 0 and 1, as rouge-score and the Perl
script's averages give them (multiply by 100 for the usual tables).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Union

from . import _native
from . import _threads as _threads_arg

__all__ = [
    "Estimate",
    "Rouge155Average",
    "Rouge155Result",
    "Rouge155Score",
    "RougeScorer",
    "Score",
    "rouge155",
]


class Score(NamedTuple):
    """Precision, recall and F1 of one ROUGE type, as ``rouge_score.scoring.Score``.

    It is a tuple, so it compares equal to rouge-score's ``Score`` with the
    same numbers.
    """

    precision: float
    recall: float
    fmeasure: float


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{where} must be str, got {type(value).__name__}")
    return value


class RougeScorer:
    """Google rouge-score's ``RougeScorer``, computed in Rust.

    Args:
        rouge_types: The types to compute: ``rouge1`` to ``rouge9``,
            ``rougeL`` (LCS over the whole texts) and ``rougeLsum``
            (summary-level LCS over sentences separated by newlines).
        use_stemmer: Stem tokens longer than 3 characters with NLTK's Porter
            stemmer, as rouge-score does.
        split_summaries: For ``rougeLsum``, split texts into sentences with
            ``nltk.sent_tokenize`` (as rouge-score does; needs ``nltk`` and
            its ``punkt`` data) instead of at newlines.

    rouge-score's ``tokenizer`` argument is not supported: precis reproduces
    its default tokenizer (lowercase, non-alphanumerics to spaces).
    Unlike rouge-score, an invalid type is refused here, at construction.

    """

    def __init__(
        self,
        rouge_types: Sequence[str],
        use_stemmer: bool = False,
        split_summaries: bool = False,
    ) -> None:
        if isinstance(rouge_types, str):
            raise TypeError(f"rouge_types must be a list of names, e.g. [{rouge_types!r}]")
        self.rouge_types = list(rouge_types)
        self.use_stemmer = bool(use_stemmer)
        self.split_summaries = bool(split_summaries)
        self._native = _native.RougeScorer(self.rouge_types, self.use_stemmer)

    def _prepare(self, text: object, where: str) -> str:
        text = _text(text, where)
        if not self.split_summaries:
            return text
        try:
            import nltk  # type: ignore[import-not-found, unused-ignore]
        except ImportError as e:
            raise ImportError(
                "split_summaries=True splits sentences with nltk.sent_tokenize, as rouge-score "
                "does; install nltk and its punkt data, or put sentences on separate lines"
            ) from e
        # Newlines inside a sentence would split it again; they only
        # separate tokens, as spaces do.
        return "\n".join(s.replace("\n", " ") for s in nltk.sent_tokenize(text))

    def _result(self, triples: list[tuple[float, float, float]]) -> dict[str, Score]:
        return {name: Score(*t) for name, t in zip(self.rouge_types, triples)}

    def score(self, target: str, prediction: str) -> dict[str, Score]:
        """Scores ``prediction`` against ``target``: ``{type: Score}``."""
        return self._result(
            self._native.score(
                self._prepare(target, "target"), self._prepare(prediction, "prediction")
            )
        )

    def score_multi(self, targets: Sequence[str], prediction: str) -> dict[str, Score]:
        """Scores against several targets, keeping for each type the target with the best F1.

        Ties go to the first such target, as rouge-score's ``np.argmax``.
        """
        if isinstance(targets, str):
            raise TypeError("targets must be a list of str; for one target use score()")
        prepared = [self._prepare(t, f"targets[{i}]") for i, t in enumerate(targets)]
        return self._result(
            self._native.score_multi(prepared, self._prepare(prediction, "prediction"))
        )

    def score_many(
        self,
        targets: Sequence[Union[str, Sequence[str]]],
        predictions: Sequence[str],
        *,
        threads: int | None = None,
    ) -> list[dict[str, Score]]:
        """Scores many pairs at once in Rust, on all cores, with the GIL released.

        ``score_many(targets, predictions)[i]`` equals
        ``score(targets[i], predictions[i])``, or ``score_multi(targets[i],
        predictions[i])`` when ``targets[i]`` is a list of references.

        Args:
            targets: One reference (str) or a list of references per prediction.
            predictions: The texts to score.
            threads: Threads to use; ``None`` (the default) uses all cores.

        """
        prepared_targets = [
            [self._prepare(t, f"targets[{i}]")]
            if isinstance(t, str)
            else [self._prepare(x, f"targets[{i}][{j}]") for j, x in enumerate(t)]
            for i, t in enumerate(targets)
        ]
        prepared_predictions = [
            self._prepare(p, f"predictions[{i}]") for i, p in enumerate(predictions)
        ]
        rows = self._native.score_many(
            prepared_targets, prepared_predictions, _threads_arg(threads)
        )
        return [self._result(row) for row in rows]

    def __reduce__(self) -> tuple[Any, ...]:
        return (RougeScorer, (self.rouge_types, self.use_stemmer, self.split_summaries))

    def __repr__(self) -> str:
        return (
            f"RougeScorer({self.rouge_types!r}, use_stemmer={self.use_stemmer}, "
            f"split_summaries={self.split_summaries})"
        )


class Estimate(NamedTuple):
    """An average with its bootstrap confidence interval."""

    mean: float
    low: float
    high: float


class Rouge155Average(NamedTuple):
    """One metric's averages over all clusters, as the Perl script prints them."""

    recall: Estimate
    precision: Estimate
    f1: Estimate


class Rouge155Score(NamedTuple):
    """One metric on one cluster (``-d`` output), rounded to 5 decimals as the script does."""

    recall: float
    precision: float
    f1: float
    model_count: float
    peer_count: float
    hits: float


class Rouge155Result(NamedTuple):
    """What :func:`rouge155` returns."""

    #: Metric name (``ROUGE-1``, ``ROUGE-L``, ``ROUGE-SU4``, ...) to its averages.
    averages: dict[str, Rouge155Average]
    #: Per cluster, in input order: metric name to its score.
    clusters: list[dict[str, Rouge155Score]]


def _flags(
    n: int,
    stem: bool,
    remove_stopwords: bool,
    words: int | None,
    bytes: int | None,
    rouge_l: bool,
    rouge_w: float | None,
    skip_gap: int | None,
    skip_unigrams: bool,
    scoring: str,
    alpha: float,
    counting: int,
    confidence: float,
    resamples: int,
) -> str:
    flags = ["-a"]
    if n:
        flags.append(f"-n {int(n)}")
    if stem:
        flags.append("-m")
    if remove_stopwords:
        flags.append("-s")
    if words is not None:
        flags.append(f"-l {int(words)}")
    if bytes is not None:
        flags.append(f"-b {int(bytes)}")
    if not rouge_l:
        flags.append("-x")
    if rouge_w is not None:
        flags.append(f"-w {float(rouge_w)!r}")
    if skip_gap is not None:
        flags.append(f"-2 {int(skip_gap)}")
        if skip_unigrams:
            flags.append("-u")
    elif skip_unigrams:
        raise ValueError("skip_unigrams=True needs skip_gap (ROUGE-SU is -2 GAP -u)")
    if scoring not in ("A", "B"):
        raise ValueError(
            f"scoring must be 'A' (average over models) or 'B' (best model), got {scoring!r}"
        )
    flags.append(f"-f {scoring}")
    flags.append(f"-p {float(alpha)!r}")
    flags.append(f"-t {int(counting)}")
    flags.append(f"-c {float(confidence)!r}")
    flags.append(f"-r {int(resamples)}")
    return " ".join(flags)


def rouge155(
    predictions: Sequence[str],
    references: Sequence[Union[str, Sequence[str]]],
    *,
    ids: Sequence[str] | None = None,
    n: int = 0,
    stem: bool = False,
    remove_stopwords: bool = False,
    words: int | None = None,
    bytes: int | None = None,
    rouge_l: bool = True,
    rouge_w: float | None = None,
    skip_gap: int | None = None,
    skip_unigrams: bool = False,
    scoring: str = "A",
    alpha: float = 0.5,
    counting: int = 0,
    confidence: float = 95.0,
    resamples: int = 1000,
    flags: str | None = None,
    threads: int | None = None,
) -> Rouge155Result:
    """ROUGE-1.5.5.pl, reproduced: the same numbers without Perl or files.

    Each prediction is scored against its references (one sentence a line,
    as the script's SPL files). Keyword arguments map to the script's flags;
    the defaults are the script's own (ROUGE-L only). The DUC 2003/2004
    convention is ``n=4, stem=True, words=100, rouge_l=False, skip_gap=4,
    skip_unigrams=True``.

    Args:
        predictions: The peer summaries, one per cluster.
        references: Per cluster, one model summary (str) or a list of them.
        ids: Cluster ids. The script averages its evaluations sorted by id
            (byte order), and the bootstrap's resamples depend on that order;
            with ids the clusters are averaged in that order, without them in
            input order.
        n: ``-n N``: ROUGE-1 to ROUGE-N (0: none).
        stem: ``-m``: the script's Porter stemmer with WordNet exceptions.
        remove_stopwords: ``-s``.
        words: ``-l N``: truncate peers and models to N words.
        bytes: ``-b N``: truncate to N bytes.
        rouge_l: ROUGE-L (``-x`` turns it off).
        rouge_w: ``-w W``: ROUGE-W with weight W.
        skip_gap: ``-2 GAP``: ROUGE-S with at most GAP words between a pair
            (a negative GAP for no limit).
        skip_unigrams: ``-u``: ROUGE-SU (with ``skip_gap``).
        scoring: ``-f A`` (average over models) or ``-f B`` (best model).
        alpha: ``-p ALPHA``: the F weight (0.5 is F1).
        counting: ``-t 0`` (average per-cluster scores) or ``-t 1`` (pool counts).
        confidence: ``-c CF``: confidence level of the intervals, in percent.
        resamples: ``-r N``: bootstrap resamples. The resampling is seeded
            as the script seeds it, so intervals are reproducible and equal
            the script's.
        flags: The script's flags as one string (e.g. ``"-n 4 -m -a -l 100
            -x -2 4 -u"``), instead of the keyword arguments above.
        threads: Threads to use; ``None`` (the default) uses all cores.

    Returns:
        A :class:`Rouge155Result`: the averages with their intervals, and
        each cluster's scores. Scores are fractions between 0 and 1.

    """
    if isinstance(predictions, str):
        raise TypeError("predictions must be a list of str, one per cluster")
    refs = [
        [_text(r, f"references[{i}]")]
        if isinstance(r, str)
        else [_text(x, f"references[{i}][{j}]") for j, x in enumerate(r)]
        for i, r in enumerate(references)
    ]
    preds = [_text(p, f"predictions[{i}]") for i, p in enumerate(predictions)]
    if len(refs) != len(preds):
        raise ValueError(
            f"rouge155 needs one list of references per prediction; got {len(preds)} "
            f"predictions and {len(refs)} reference lists"
        )
    if flags is None:
        flags = _flags(
            n,
            stem,
            remove_stopwords,
            words,
            bytes,
            rouge_l,
            rouge_w,
            skip_gap,
            skip_unigrams,
            scoring,
            alpha,
            counting,
            confidence,
            resamples,
        )
    elif not isinstance(flags, str):
        raise TypeError(f"flags must be a str of ROUGE-1.5.5 flags, got {type(flags).__name__}")
    order = list(range(len(preds)))
    if ids is not None:
        if len(ids) != len(preds):
            raise ValueError(f"ids has {len(ids)} entries for {len(preds)} predictions")
        order.sort(key=lambda i: str(ids[i]).encode("utf-8"))
    averages, clusters = _native.rouge155(
        [preds[i] for i in order], [refs[i] for i in order], flags, _threads_arg(threads)
    )
    per_cluster: list[dict[str, Rouge155Score]] = [{} for _ in preds]
    for position, scores in zip(order, clusters):
        per_cluster[position] = {name: Rouge155Score(*values) for name, values in scores}
    return Rouge155Result(
        averages={
            name: Rouge155Average(Estimate(*v[0:3]), Estimate(*v[3:6]), Estimate(*v[6:9]))
            for name, v in averages
        },
        clusters=per_cluster,
    )
