// Byte offsets (UTF-8, as the server's spans are) to JavaScript string
// offsets (UTF-16 code units). Loaded by the page as a plain script and by
// Node's test runner as a CommonJS module.
(function (root) {
  "use strict";

  // UTF-8 length of the code point `cp`.
  function utf8Length(cp) {
    if (cp < 0x80) return 1;
    if (cp < 0x800) return 2;
    if (cp < 0x10000) return 3;
    return 4;
  }

  // Converts every byte offset of `offsets` into a UTF-16 offset of `text`,
  // walking the text once. An offset inside a character (never produced by
  // the server, whose spans fall on character boundaries) maps to the end
  // of that character; one past the end maps to `text.length`.
  function byteOffsetsToUtf16(text, offsets) {
    const order = offsets.map((b, i) => [b, i]).sort((a, b) => a[0] - b[0]);
    const out = new Array(offsets.length);
    let byte = 0;
    let unit = 0;
    for (const [target, index] of order) {
      while (byte < target && unit < text.length) {
        const cp = text.codePointAt(unit);
        byte += utf8Length(cp);
        unit += cp > 0xffff ? 2 : 1;
      }
      out[index] = unit;
    }
    return out;
  }

  // The UTF-16 [start, end) of a byte span {start, end} of `text`.
  function spanToUtf16(text, span) {
    const [start, end] = byteOffsetsToUtf16(text, [span.start, span.end]);
    return [start, end];
  }

  const api = { byteOffsetsToUtf16, spanToUtf16 };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.PrecisSpans = api;
  }
})(this);
