"""precis.rouge against the real rouge-score package, and rouge155 against the CLI."""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import pytest
from conftest import HARBOR, run_cli
from precis.rouge import RougeScorer, Score, rouge155
from rouge_score import rouge_scorer
from test_offsets import NON_ASCII

ALL_TYPES = ["rouge1", "rouge2", "rouge3", "rouge4", "rouge9", "rougeL", "rougeLsum"]

WORDS = (
    "the a of to in and said council harbor wall storm running runs ran runner "
    "generously generous connection connected connecting happiness happy rebuilt "
    "city cities 12 1998 3.5 U.S. Ruiz Mayor MAYOR don't it's e-mail co-operate "
    "café naïve Straße İstanbul \u212aelvin 東京 😀 — “quoted” ( ) , . ! ? ; :"
).split()


def generated_pairs(seed: int, n: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)

    def text() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 60))]
        for i in range(len(words)):
            if rng.random() < 0.08:
                words[i] += "\n"
        return " ".join(words)

    pairs = [(text(), text()) for _ in range(n)]
    # Edge cases: empty, whitespace, punctuation only, identical texts.
    pairs += [
        ("", ""),
        ("", "word"),
        ("word", ""),
        ("\n\n", "a\n\nb"),
        ("?!", "..."),
        ("same text here", "same text here"),
    ]
    return pairs


def fixture_pairs() -> list[tuple[str, str]]:
    texts = HARBOR + NON_ASCII
    return [(a, b) for a in texts for b in texts]


@pytest.mark.parametrize("use_stemmer", [False, True])
def test_score_equals_rouge_score(use_stemmer: bool) -> None:
    ours = RougeScorer(ALL_TYPES, use_stemmer=use_stemmer)
    theirs = rouge_scorer.RougeScorer(ALL_TYPES, use_stemmer=use_stemmer)
    for target, prediction in generated_pairs(7, 300) + fixture_pairs():
        expected = theirs.score(target, prediction)
        got = ours.score(target, prediction)
        assert list(got) == list(expected)
        assert got == expected, (target, prediction)
        # Not just equal as tuples: equal field by field, to the last bit.
        for key in expected:
            assert tuple(got[key]) == tuple(expected[key])
            assert isinstance(got[key], Score)


def test_score_multi_equals_rouge_score() -> None:
    ours = RougeScorer(["rouge1", "rouge2", "rouge3", "rougeLsum"], use_stemmer=True)
    theirs = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rouge3", "rougeLsum"], use_stemmer=True)
    pairs = generated_pairs(11, 120)
    for i in range(0, len(pairs) - 3, 3):
        targets = [pairs[i][0], pairs[i + 1][0], pairs[i + 2][0], pairs[i][0]]  # a tie too
        prediction = pairs[i][1]
        assert ours.score_multi(targets, prediction) == theirs.score_multi(targets, prediction)


@pytest.mark.parametrize("threads", [None, 1, 2])
def test_score_many_equals_rouge_score(threads: int | None) -> None:
    ours = RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    theirs = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    pairs = generated_pairs(3, 200) + fixture_pairs()
    targets = [t for t, _ in pairs]
    predictions = [p for _, p in pairs]
    expected = [theirs.score(t, p) for t, p in pairs]
    assert ours.score_many(targets, predictions, threads=threads) == expected
    multi = [[t, p] for t, p in pairs]
    assert ours.score_many(multi, predictions, threads=threads) == [
        theirs.score_multi(m, p) for m, p in zip(multi, predictions)
    ]


def test_split_summaries_uses_sent_tokenize(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    # nltk's punkt data needs a download; a simple splitter stands in for it
    # in both scorers, which is what is compared.
    def split(text: str) -> list[str]:
        return [s.strip() for s in text.replace("!", ".").split(".") if s.strip()]

    monkeypatch.setattr(nltk, "sent_tokenize", split)
    ours = RougeScorer(["rougeLsum", "rouge1"], split_summaries=True)
    theirs = rouge_scorer.RougeScorer(["rougeLsum", "rouge1"], split_summaries=True)
    for target, prediction in fixture_pairs() + [("a b. c\nd e! f", "c d e. a b f")]:
        assert ours.score(target, prediction) == theirs.score(target, prediction)


def test_rouge_scorer_errors_and_pickle() -> None:
    with pytest.raises(ValueError, match='invalid rouge type "rouge0"'):
        RougeScorer(["rouge0"])
    with pytest.raises(ValueError, match='invalid rouge type "rougeX"; give rouge1 to rouge9'):
        RougeScorer(["rouge1", "rougeX"])
    with pytest.raises(TypeError, match="rouge_types must be a list"):
        RougeScorer("rouge1")
    scorer = RougeScorer(["rouge1"])
    with pytest.raises(TypeError, match="prediction must be str, got bytes"):
        scorer.score("a", b"b")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="2 targets and 1 predictions"):
        scorer.score_many(["a", "b"], ["c"])
    with pytest.raises(ValueError, match=r"targets\[0\] is an empty list"):
        scorer.score_many([[]], ["c"])
    with pytest.raises(ValueError, match="at least one target"):
        scorer.score_multi([], "c")
    copy = pickle.loads(pickle.dumps(RougeScorer(["rouge2", "rougeL"], use_stemmer=True)))
    assert copy.rouge_types == ["rouge2", "rougeL"] and copy.use_stemmer
    assert copy.score("cats sat", "cat sat")["rouge2"].fmeasure == 1.0


def test_rouge155_hand_checked() -> None:
    # As in the core's docs: unigram recall 9/12 under -n 2 -m with two models.
    result = rouge155(
        ["The cats sat on the mat."],
        [["A cat sat on the mat.", "The cat was on a mat."]],
        flags="-n 2 -m -a -x -2 4 -u",
    )
    assert result.averages["ROUGE-1"].recall.mean == 0.75
    assert list(result.averages) == ["ROUGE-1", "ROUGE-2", "ROUGE-SU4"]
    assert result.clusters[0]["ROUGE-1"].recall == 0.75
    keyword = rouge155(
        ["The cats sat on the mat."],
        [["A cat sat on the mat.", "The cat was on a mat."]],
        n=2,
        stem=True,
        rouge_l=False,
        skip_gap=4,
        skip_unigrams=True,
    )
    assert keyword == result
    with pytest.raises(ValueError, match="unsupported flag -3"):
        rouge155(["a"], ["b"], flags="-3 HM")
    with pytest.raises(ValueError, match="1 predictions and 2 reference lists"):
        rouge155(["a"], ["b", "c"])


def test_rouge155_equals_cli(cli: Path, tmp_path: Path) -> None:
    rng = random.Random(5)
    texts = HARBOR + NON_ASCII
    gold, predictions, ids, references = [], [], [], []
    for i in range(12):
        refs = [" ".join(rng.sample(WORDS, 30)), rng.choice(texts)]
        cluster_id = f"c{rng.randint(0, 999):03d}-{i}"
        prediction = "\n".join(rng.sample(texts, 2))
        gold.append({"id": cluster_id, "summaries": refs})
        predictions.append({"id": cluster_id, "summary": prediction})
        ids.append(cluster_id)
        references.append(refs)
    (tmp_path / "gold.jsonl").write_text("\n".join(map(json.dumps, gold)) + "\n")
    (tmp_path / "pred.jsonl").write_text("\n".join(map(json.dumps, predictions)) + "\n")
    report = json.loads(
        run_cli(
            cli,
            "rouge",
            "--data",
            tmp_path / "gold.jsonl",
            "--pred",
            tmp_path / "pred.jsonl",
            "--protocol",
            "duc",
            "--json",
        )
    )
    result = rouge155(
        [p["summary"] for p in predictions],
        references,
        ids=ids,
        n=4,
        stem=True,
        words=100,
        rouge_l=True,
        skip_gap=4,
        skip_unigrams=True,
    )
    for cli_name, name in [
        ("rouge-1", "ROUGE-1"),
        ("rouge-2", "ROUGE-2"),
        ("rouge-su4", "ROUGE-SU4"),
        ("rouge-l", "ROUGE-L"),
    ]:
        average = result.averages[name]
        assert report[cli_name] == {
            "recall": average.recall.mean,
            "precision": average.precision.mean,
            "f1": average.f1.mean,
        }
    assert all(a.recall.low <= a.recall.mean <= a.recall.high for a in result.averages.values())
