#!/usr/bin/env python3
"""A hostile user's trial of the `precis` binary: about sixty bad and odd
inputs it writes itself (empty files, binary, UTF-16, BOMs, broken gzip,
huge budgets, CJK, no punctuation, duplicate ids, a closed stdout, ...),
each run once, and a Markdown table of what each got: exit status, the first
line of stderr, and the records written.

    python3 scripts/trial.py PRECIS_BIN [--write docs/reliability.md]

With --write, the table replaces the text between the `trial:start` and
`trial:end` markers of that file; otherwise it is printed. Every run is
bounded (60 s); a run that takes longer is reported as a hang.
"""
import argparse
import gzip
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

STORY = [
    "The river Aske burst its banks on Tuesday night and flooded about two hundred homes in Marlowe.",
    "Rescue boats worked through the night to reach families trapped on the upper floors of their houses.",
    "Engineers closed the old stone bridge at dawn after finding cracks in two of its piers.",
    "The mayor said the town had not seen water this high since the great flood of 1932.",
    "Forecasters expect more heavy rain over the hills before the weekend is out.",
]


def prose(n=5, shift=0):
    return " ".join(STORY[(i + shift) % len(STORY)] for i in range(n))


def record(rid, docs):
    return json.dumps({"id": rid, "documents": [{"id": d, "text": t} for d, t in docs]})


def good_jsonl(n=3):
    return "".join(record(f"c{i}", [("a", prose(5, i)), ("b", prose(4, i + 1))]) + "\n" for i in range(n))


CASES = []


def case(name, args, stdin=None, files=None, shell=None):
    """`args` may name files as {dir}/NAME; `files` maps NAME to bytes (or None for a directory)."""
    CASES.append((name, args, stdin, files or {}, shell))


def define():
    T = {"doc.txt": prose().encode()}
    # Files and directories.
    case("missing INPUT path", ["summarize", "{dir}/nope"])
    case("empty directory", ["summarize", "{dir}/empty"], files={"empty": None})
    case("directory of non-documents only", ["summarize", "{dir}/d"], files={"d/a.pdf": b"%PDF-1.4", "d/b.doc": b"x"})
    case("empty .txt file", ["summarize", "{dir}/e.txt"], files={"e.txt": b""})
    case("whitespace-only .txt", ["summarize", "{dir}/w.txt"], files={"w.txt": b" \n\t\n  \r\n"})
    case("empty file, no extension", ["summarize", "{dir}/e"], files={"e": b""})
    case("binary file (.txt)", ["summarize", "{dir}/b.txt"], files={"b.txt": bytes(range(256)) * 4})
    case("binary file, no extension", ["summarize", "{dir}/b"], files={"b": b"\x7fELF\x02\x01\x01\x00" + bytes(200)})
    case("UTF-16LE with BOM", ["summarize", "{dir}/u.txt"], files={"u.txt": prose().encode("utf-16")})
    case("UTF-16LE without BOM", ["summarize", "{dir}/u.txt"], files={"u.txt": prose().encode("utf-16-le")})
    case("UTF-8 BOM, text", ["summarize", "{dir}/b.txt"], files={"b.txt": b"\xef\xbb\xbf" + prose().encode()})
    case("Latin-1 text", ["summarize", "{dir}/l.txt"], files={"l.txt": (prose() + " Caf\u00e9 cr\u00e8me.").encode("latin-1")})
    case("CRLF line endings", ["summarize", "{dir}/c.txt"], files={"c.txt": prose().replace(". ", ".\r\n").encode()})
    case("control characters in text", ["summarize", "{dir}/c.txt"], files={"c.txt": (prose(2) + " \x01\x02\x1b[31m red \x1b[0m " + prose(2)).encode()})
    case("prose file without extension", ["summarize", "{dir}/story"], files={"story": (prose() + "\n\n" + prose(3, 2)).encode()})
    case("directory: one good .txt, one bad .html", ["summarize", "{dir}/mix"],
         files={"mix/a.txt": T["doc.txt"], "mix/b.html": b"<html><body><nav>Home</nav></body></html>"})
    # HTML.
    case("HTML article with navigation and share bar", ["summarize", "{dir}/a.html"],
         files={"a.html": ("<!DOCTYPE html><html><head><title>Flood</title></head><body><nav><a href='/'>Home</a></nav>"
                           f"<article><h1>Flood in Marlowe</h1><p>{STORY[0]}</p><p>{STORY[1]}</p><p>{STORY[2]}</p>"
                           "<div class='share'>Share on Facebook Share on Twitter</div></article>"
                           "<section class='comments'><p>first!!</p></section><footer>(c) 2026</footer></body></html>").encode()})
    case("HTML page with no article", ["summarize", "{dir}/n.html"], files={"n.html": b"<html><body><nav>Home | News</nav><footer>Contact</footer></body></html>"})
    case("HTML script-only page", ["summarize", "{dir}/s.html"], files={"s.html": b"<html><head><script>var a='<p>x</p>';</script></head><body><script>go()</script></body></html>"})
    # Text shapes.
    case("CJK text", ["summarize", "{dir}/cjk.txt", "--words", "40"],
         files={"cjk.txt": "東京都内で大雨が降り、多くの住宅が浸水した。気象庁は警報を出した。住民は避難所に移った！被害の全容はまだ分からない？".encode() * 3})
    case("no sentence punctuation", ["summarize", "{dir}/np.txt"], files={"np.txt": (" ".join(prose().replace(".", "").split()) + "\n").encode()})
    case("one word", ["summarize", "{dir}/one.txt"], files={"one.txt": b"Flood"})
    case("50,000 words, no punctuation", ["summarize", "{dir}/long.txt"], files={"long.txt": ("water " * 50000).encode()})
    case("emoji only", ["summarize", "{dir}/e.txt"], files={"e.txt": ("\U0001F30A\U0001F3E0 " * 40).encode()})
    case("Arabic text", ["summarize", "{dir}/ar.txt"], files={"ar.txt": "فاض النهر ليلة الثلاثاء وغمر نحو مئتي منزل في المدينة. عملت قوارب الإنقاذ طوال الليل. ".encode() * 4})
    case("10 MB document", ["summarize", "{dir}/big.txt"], files={"big.txt": ((prose() + "\n\n") * 20000).encode()})
    # Budgets and options.
    case("--words 0", ["summarize", "{dir}/doc.txt", "--words", "0"], files=T)
    case("--words 1", ["summarize", "{dir}/doc.txt", "--words", "1"], files=T)
    case("--words 3", ["summarize", "{dir}/doc.txt", "--words", "3"], files=T)
    case("--words 3 --fill", ["summarize", "{dir}/doc.txt", "--words", "3", "--fill"], files=T)
    case("--bytes 1", ["summarize", "{dir}/doc.txt", "--bytes", "1"], files=T)
    case("--sentences 0", ["summarize", "{dir}/doc.txt", "--sentences", "0"], files=T)
    case("--words -5", ["summarize", "{dir}/doc.txt", "--words", "-5"], files=T)
    case("--words 2^32+50 --method ilp", ["summarize", "{dir}/doc.txt", "--words", "4294967346", "--method", "ilp"], files=T)
    case("--words 2^64 (overflows)", ["summarize", "{dir}/doc.txt", "--words", "18446744073709551616"], files=T)
    case("--words 1000000 --method auto", ["summarize", "{dir}/doc.txt", "--words", "1000000"], files=T)
    case("--words and --bytes together", ["summarize", "{dir}/doc.txt", "--words", "10", "--bytes", "10"], files=T)
    case("--method bogus", ["summarize", "{dir}/doc.txt", "--method", "bogus"], files=T)
    case("--format bogus", ["summarize", "{dir}/doc.txt", "--format", "bogus"], files=T)
    case("--threads 0", ["summarize", "{dir}/doc.txt", "--threads", "0"], files=T)
    case("--threads 100000", ["summarize", "{dir}/g.jsonl", "--threads", "100000"], files={"g.jsonl": good_jsonl().encode()})
    # Standard input.
    case("stdin: nothing", ["summarize", "-"], stdin=b"")
    case("stdin: documents separated by |||||", ["summarize", "-"], stdin=(prose() + "\n|||||\n" + prose(4, 1)).encode())
    case("stdin: only separators", ["summarize", "-"], stdin=b"||||| ||||| |||||")
    case("stdin: JSONL with a UTF-8 BOM", ["summarize", "-"], stdin=b"\xef\xbb\xbf" + good_jsonl().encode())
    case("stdin: gzipped JSONL", ["summarize", "-"], stdin=gzip.compress(good_jsonl().encode()))
    # Batches.
    g = good_jsonl(300).encode()
    gz = gzip.compress(g)
    case("JSONL, 300 good records", ["summarize", "{dir}/g.jsonl"], files={"g.jsonl": g})
    case("JSONL file with a UTF-8 BOM", ["summarize", "{dir}/g.jsonl"], files={"g.jsonl": b"\xef\xbb\xbf" + good_jsonl().encode()})
    case("gzip truncated at 60%", ["summarize", "{dir}/t.jsonl.gz"], files={"t.jsonl.gz": gz[: len(gz) * 6 // 10]})
    case("gzip with trailing garbage", ["summarize", "{dir}/t.jsonl.gz"], files={"t.jsonl.gz": gzip.compress(good_jsonl().encode()) + b"garbage\n"})
    case("gzip magic then junk", ["summarize", "{dir}/j.gz"], files={"j.gz": b"\x1f\x8b" + bytes(range(100))})
    case("two gzip members", ["summarize", "{dir}/m.gz"], files={"m.gz": gzip.compress(good_jsonl(2).encode()) + gzip.compress(good_jsonl(1).encode())})
    case("JSONL: one malformed line among good", ["summarize", "{dir}/b.jsonl"],
         files={"b.jsonl": (good_jsonl(2) + '{"id": "bad", "documents": [}\n' + good_jsonl(1)).encode()})
    case("JSONL: record without id", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": (json.dumps({"documents": [{"text": prose()}]}) + "\n").encode()})
    case("JSONL: id null", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": (json.dumps({"id": None, "documents": [{"text": prose()}]}) + "\n").encode()})
    case("JSONL: documents []", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": b'{"id": "x", "documents": []}\n'})
    case("JSONL: document without text", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": b'{"id": "x", "documents": [{"id": "a"}]}\n'})
    case("JSONL: text is a number", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": b'{"id": "x", "documents": [{"id": "a", "text": 5}]}\n'})
    case("JSONL: numeric ids 1e2 and 2^64+1", ["summarize", "{dir}/b.jsonl"],
         files={"b.jsonl": ('{"id": 1e2, "documents": [{"id": 18446744073709551617, "text": "%s"}]}\n' % prose()).encode()})
    case("JSONL: duplicate cluster ids", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": (record("same", [("a", prose())]) + "\n" + record("same", [("a", prose(3, 1))]) + "\n").encode()})
    case("JSONL: duplicate document ids", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": (record("c", [("a", prose()), ("a", prose(4, 2))]) + "\n").encode()})
    case("JSONL: id with a newline, text format", ["summarize", "{dir}/b.jsonl", "--format", "text"], files={"b.jsonl": (record("two\nlines", [("a", prose())]) + "\n").encode()})
    case("JSONL: an array per line", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": b'[1, 2, 3]\n["x"]\n'})
    case("JSON pretty-printed over lines", ["summarize", "{dir}/p.json"], files={"p.json": json.dumps(json.loads(record("p", [("a", prose())])), indent=2).encode()})
    case("JSONL: invalid UTF-8 in one record", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": good_jsonl(1).encode() + b'{"id": "l", "documents": [{"text": "caf\xe9"}]}\n' + good_jsonl(1).encode()})
    case("JSONL: NUL escape in a text", ["summarize", "{dir}/b.jsonl"], files={"b.jsonl": b'{"id": "n", "documents": [{"text": "a\\u0000b"}]}\n'})
    case("JSONL: 20 MB line", ["summarize", "{dir}/big.jsonl"], files={"big.jsonl": (record("big", [("a", (prose() + "\n\n") * 40000)]) + "\n").encode()})
    # Output.
    case("-o into a missing directory", ["summarize", "{dir}/doc.txt", "-o", "{dir}/no/such/out.txt"], files=T)
    case("-o /dev/full", ["summarize", "{dir}/doc.txt", "-o", "/dev/full"], files=T)
    case("stdout is /dev/full", None, files=T, shell='"$PRECIS" summarize "$DIR/doc.txt" > /dev/full')
    case("stdout closed", None, files=T, shell='"$PRECIS" summarize "$DIR/doc.txt" >&-')
    case("stdout closed, batch", None, files={"g.jsonl": good_jsonl(50).encode()}, shell='"$PRECIS" summarize "$DIR/g.jsonl" >&-')
    # rouge and eval.
    gold = (json.dumps({"id": "c0", "documents": [{"text": prose()}], "summaries": [prose(2)]}) + "\n").encode()
    case("rouge: summary field misnamed", ["rouge", "--data", "{dir}/gold.jsonl", "--pred", "{dir}/pred.jsonl", "--protocol", "duc"],
         files={"gold.jsonl": gold, "pred.jsonl": b'{"id": "c0", "summmary": "x"}\n'})
    case("rouge: error record with id null", ["rouge", "--data", "{dir}/gold.jsonl", "--pred", "{dir}/pred.jsonl", "--protocol", "multinews"],
         files={"gold.jsonl": gold, "pred.jsonl": b'{"id": null, "line": 1, "error": "x"}\n{"id": "c0", "summary": "The river burst its banks."}\n'})
    case("rouge --data missing.jsonl", ["rouge", "--data", "{dir}/missing.jsonl", "--pred", "{dir}/p.jsonl", "--protocol", "duc"], files={"p.jsonl": b""})
    case("eval on a file without summaries", ["eval", "--data", "{dir}/g.jsonl", "--protocol", "duc"], files={"g.jsonl": good_jsonl(1).encode()})
    case("unknown subcommand", ["summarise", "{dir}/doc.txt"], files=T)


def run_case(precis, name, args, stdin, files, shell):
    with tempfile.TemporaryDirectory(prefix="precis-trial-") as d:
        for rel, data in files.items():
            p = pathlib.Path(d, rel)
            if data is None:
                p.mkdir(parents=True, exist_ok=True)
                continue
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        if shell:
            cmd = ["bash", "-c", shell]
            shown = shell.replace('"$PRECIS"', "precis").replace('"$DIR/', "").replace('"', "")
            env = dict(os.environ, PRECIS=precis, DIR=d)
        else:
            argv = [a.replace("{dir}", d) for a in args]
            if args and args[0] == "summarize":
                argv += ["--format", "jsonl"] if "--format" not in args else []
            cmd = [precis] + argv
            shown = "precis " + " ".join(a.replace("{dir}/", "") for a in (args + (["--format", "jsonl"] if args[0] == "summarize" and "--format" not in args else [])))
            if stdin is not None:
                shown += " < (stdin)"
            env = None
        start = time.time()
        try:
            p = subprocess.run(cmd, input=stdin if stdin is not None else b"", capture_output=True, timeout=60, env=env)
        except subprocess.TimeoutExpired:
            return shown, "hang (killed after 60 s)", "", "", 60.0
        secs = time.time() - start
        err = p.stderr.decode("utf-8", "replace").replace(d + "/", "").replace(d, "DIR")
        first = next((l for l in err.splitlines() if l.strip()), "")
        out = p.stdout.decode("utf-8", "replace")
        records = []
        for line in out.splitlines():
            try:
                records.append(json.loads(line))
            except ValueError:
                records = None
                break
        if records is None:
            what = f"{len(out.splitlines())} lines of text"
        elif not records:
            what = "nothing"
        else:
            errors = sum(1 for r in records if isinstance(r, dict) and "error" in r)
            sentences = sum(len(r.get("sentences", [])) for r in records if isinstance(r, dict))
            warned = sum(1 for r in records if isinstance(r, dict) and r.get("warnings"))
            what = f"{len(records)} record(s): {len(records) - errors} summaries ({sentences} sentences), {errors} errors"
            if warned:
                what += f", {warned} with warnings"
        return shown, str(p.returncode), first, what, secs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("precis")
    ap.add_argument("--write")
    args = ap.parse_args()
    define()
    rows = ["| # | case | command | exit | stderr, first line | output | time |", "|---|---|---|---|---|---|---|"]
    for i, (name, argv, stdin, files, shell) in enumerate(CASES, 1):
        shown, code, first, what, secs = run_case(args.precis, name, argv, stdin, files, shell)
        cell = lambda s: s.replace("|", "\\|").replace("`", "'")[:220]
        rows.append(f"| {i} | {cell(name)} | `{cell(shown)}` | {code} | {cell(first)} | {what} | {secs:.2f} s |")
        print(f"{i:3} {code:>4} {secs:6.2f}s {name}: {first[:100]}", file=sys.stderr)
    table = "\n".join(rows) + "\n"
    if not args.write:
        print(table)
        return
    path = pathlib.Path(args.write)
    text = path.read_text()
    start, end = "<!-- trial:start -->\n", "<!-- trial:end -->"
    a, b = text.index(start) + len(start), text.index(end)
    path.write_text(text[:a] + table + text[b:])


if __name__ == "__main__":
    main()
