"""Character offsets: text[start:end] gives each sentence back, whatever the script."""

from __future__ import annotations

import precis
import pytest

NON_ASCII = [
    # Curly quotes, accents and dashes.
    "Le ministre français Jérôme Dupré a annoncé “une réforme profonde” du système de santé lundi. "
    "Selon lui, les hôpitaux de Besançon et de Créteil recevront 40 millions d’euros dès l’été. "
    "Les syndicats — très méfiants — ont déjà prévu une grève générale pour le mois prochain.",
    # Emoji (4-byte UTF-8, one character each) and CJK mixed into English.
    "The café 🍰 on Main Street reopened on Friday after a fire 🔥 closed it in June. "
    "Owner Zoë Ng said the new menu includes dishes from Tōkyō and 東京 street stalls. "
    "Hundreds of neighbours queued for hours 😀 to get a table on the first evening.",
    # Irregular whitespace: tabs, several spaces, non-breaking spaces, line breaks.
    "Residents of Åre  said the\tnew ski lift would bring\u00a0tourists back to the valley. "
    "The lift cost 30 million kronor and\nopens in December, the company said.\n\n"
    "Critics in Östersund warned that   traffic on the narrow road would double.",
    "北京市政府周一宣布，将在明年开放三条新的地铁线路。官员说，新线路将连接机场和市中心。"
    "市民对这一消息表示欢迎，但也有人担心票价上涨。",
]


@pytest.mark.parametrize("method", ["auto", "lead", "lexrank"])
def test_offsets_round_trip(method: str) -> None:
    docs = {f"d{i}": t for i, t in enumerate(NON_ASCII)}
    summary = precis.summarize(docs, words=80, method=method)
    assert summary.sentences
    for s in summary.sentences:
        text = docs[s.document]
        assert " ".join(text[s.start : s.end].split()) == s.text
        start, end = s.byte_span
        assert text.encode("utf-8")[start:end].decode("utf-8") == text[s.start : s.end]


def test_non_ascii_offsets_differ_from_bytes() -> None:
    docs = {"emoji": NON_ASCII[1], "accents": NON_ASCII[0]}
    summary = precis.summarize(docs, sentences=6, method="lead")
    later = [s for s in summary.sentences if s.byte_span[0] > 0]
    assert later and any(s.start != s.byte_span[0] for s in later)


def test_fill_cut_keeps_offsets() -> None:
    docs = {f"d{i}": t for i, t in enumerate(NON_ASCII[:3])}
    summary = precis.summarize(docs, words=23, fill=True, method="lead")
    assert summary.word_count == 23
    for s in summary.sentences:
        assert " ".join(docs[s.document][s.start : s.end].split()) == s.text
