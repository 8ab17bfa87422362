#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target into corpus/<target>/.

Seeds are text written for precis's tests plus the bundled example cluster
(examples/kerry-lavrov-syria); no research data. The pipeline targets read a
4-byte header first (method, unit and flags, limit): see fuzz/src/lib.rs.
Run from the repository root or from fuzz/: python3 fuzz/seeds.py
"""
import hashlib
import json
import pathlib

here = pathlib.Path(__file__).resolve().parent
example = sorted((here.parent / "examples" / "kerry-lavrov-syria").glob("*.txt"))
docs = [p.read_bytes() for p in example]

prose = [
    b"The river rose two metres in a day. Volunteers filled sandbags near the old bridge all night. Schools closed.",
    b"U.S. Secretary of State John Kerry arrived in Moscow on Tuesday. Russia launched air strikes on Sept. 30. \"We are not playing 'Let's Make a Deal' here,\" the official said. Mr. Kerry met Putin.",
    b"WASHINGTON (AP) -- The Senate voted 52-48 on Friday.\n\nAdvertisement\n\nThe bill now goes to the House, aides said.",
    "東京で地震があった。被害は小さい。住民は避難した！本当か？".encode(),
    b"no punctuation at all just words running on and on without any end in sight",
    b"Image copyright AFP Image caption The minister left. Share this on Facebook. Read more at example.com",
    b"the firm closed on wednesday after the scandal. during the call, the chairman said rebranding was futile.",
    b"He said: \"No comment!\" And then he left... Gov. Smith (R-Tex.) left at 5 p.m. Friday.",
    "Caf\u00e9 au lait co\u00fbte 3,50 \u20ac. \u00abC'est cher\u00bb, dit-il.".encode(),
    b"",
    b"   \n\n\t ",
]
html = [
    b"<!DOCTYPE html><html><head><title>Storm hits coast</title></head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>Storm hits coast</h1><p>A powerful storm struck the northern coast on Monday, flooding hundreds of homes and cutting power to thousands of residents.</p><p>Officials said rescue teams worked through the night to reach villages cut off by the water.</p><div class='share'>Share on Facebook Share on Twitter</div></article><section id='comments'><p>great article!!!</p></section><footer>Copyright 2026</footer></body></html>",
    b"<html><body><nav>Home News Sport</nav><footer>Contact us</footer></body></html>",
    b"<html><head><script>var x = '<p>not text</p>';</script></head><body><script>document.write('hi')</script></body></html>",
    b"<p>One paragraph with <b>bold</b> and <i>italic &amp; entities &#8212; here</i>.</p><p>Another one.",
]

def header(method, flags, limit):
    return bytes([method, flags]) + limit.to_bytes(2, "little")

def write(target, data):
    d = here / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

for m in range(8):
    for flags, limit in [(0, 99), (1, 599), (2, 2), (8, 49), (9, 199), (0x10, 29), (0x40, 99)]:
        write("pipeline_one", header(m, flags, limit) + docs[m % len(docs)])
        write("pipeline_many", header(m, flags, limit) + b"\xff".join(docs))
for i, p in enumerate(prose):
    write("pipeline_one", header(i, i, 40 + i) + p)
    write("pipeline_many", header(i, i, 40 + i) + b"\xff".join(prose[i:i + 3]))
    write("split_sentences", p)
    write("rouge_score", p + b"\x01" + prose[(i + 1) % len(prose)])
    write("rouge155", p + b"\x01" + prose[(i + 1) % len(prose)] + b"\x02" + p)
for d in docs:
    write("split_sentences", d)
for h in html:
    write("html", h)

story = [p.decode() for p in prose[:3]]
records = [
    json.dumps({"id": "c1", "documents": [{"id": "a", "text": " ".join(story)}, {"id": "b", "text": story[0]}]}),
    '{"id": 1e2, "documents": [{"id": 18446744073709551617, "text": %s}]}' % json.dumps(story[1]),
    json.dumps({"id": "dup", "documents": [{"id": "a", "text": story[0]}, {"id": "a", "text": story[2]}]}),
    '{"id": "x", "documents": [}',
    '{"id": null, "documents": [{"text": "A."}]}',
    "[1,2]",
    '{"id": "e", "documents": []}',
    json.dumps({"id": "m", "source": "s", "summaries": ["x"], "documents": [
        {"text": story[2], "title": "T", "date": "2026-01-02", "url": "http://x", "source": "w"}]}),
    '{"id": true}',
    '{"id": "n", "documents": [{"id": {"a": 1}, "text": "x"}]}',
]
for i in range(len(records)):
    write("jsonl_record", "\n".join(records[i:i + 3]).encode())
