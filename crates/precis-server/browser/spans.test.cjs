// The page's byte-offset conversion (assets/spans.js) against Node's own
// UTF-8 encoder, on text with 2-, 3- and 4-byte characters.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const { byteOffsetsToUtf16, spanToUtf16 } = require("../assets/spans.js");

// Every UTF-16 offset that is a character boundary, with its byte offset.
function boundaries(text) {
  const out = [[0, 0]];
  let unit = 0;
  for (const ch of text) {
    unit += ch.length;
    out.push([Buffer.byteLength(text.slice(0, unit), "utf8"), unit]);
  }
  return out;
}

test("every character boundary converts to its UTF-16 offset", () => {
  for (const text of ["", "plain ascii", "Zürich — naïve café", "emoji 😀 and 𝔘𝔫𝔦 and 中文", "😀😀😀"]) {
    const pairs = boundaries(text);
    const got = byteOffsetsToUtf16(text, pairs.map(([b]) => b));
    assert.deepStrictEqual(got, pairs.map(([, u]) => u), text);
  }
});

test("a byte span selects the same text as the server's byte slice", () => {
  const text = "Ä 😀 Kerry met Lavrov — in Moscow. Next sentence ü.";
  const bytes = Buffer.from(text, "utf8");
  const sentence = "Kerry met Lavrov — in Moscow.";
  const start = bytes.indexOf(Buffer.from(sentence, "utf8"));
  const end = start + Buffer.byteLength(sentence, "utf8");
  assert.notStrictEqual(start, text.indexOf(sentence), "the test needs bytes and units to differ");
  const [s, e] = spanToUtf16(text, { start, end });
  assert.strictEqual(text.slice(s, e), sentence);
});

test("offsets in any order, and past the end", () => {
  const text = "é😀x";
  assert.deepStrictEqual(byteOffsetsToUtf16(text, [7, 0, 2, 6, 99]), [4, 0, 1, 3, 4]);
});
