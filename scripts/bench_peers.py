#!/usr/bin/env python3
"""sumy's LexRank and TextRank on precis's input, for scripts/bench-peers.sh.

    bench_peers.py inprocess FILE --method lexrank [--sentences K] [--limit N] [--repeat R]
    bench_peers.py batch FILE --method lexrank [--sentences K] --output OUT.jsonl

`inprocess` loads every cluster first (not timed), then times each cluster
from its documents' text to the chosen sentences (parse, tokenize, rank,
select), `R` times (default 1), and prints one JSON object with the same
per-cluster statistics as `bench_inprocess methods`.

`batch` is the whole process that `/usr/bin/time -v` measures: it reads the
JSONL file line by line and writes one `{"id", "summary"}` line per cluster.

NLTK's punkt data cannot be downloaded here, so sumy gets a tokenizer that
splits sentences with nupunkt (a pure-Python Punkt with a bundled model) and
words with NLTK's data-free `NLTKWordTokenizer`, filtered by sumy's own word
pattern. Documents are joined with blank lines, so each stays a paragraph.
"""

import argparse
import gzip
import json
import sys
import time

import nupunkt
from nltk.tokenize.destructive import NLTKWordTokenizer
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer as SumyTokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words


class Tokenizer:
    """The interface sumy's parsers use: `language`, `to_sentences`, `to_words`."""

    language = "english"

    def __init__(self):
        self._words = NLTKWordTokenizer()
        # Loads nupunkt's bundled model once, outside any timing.
        nupunkt.sent_tokenize("Warm up. Done.")

    def to_sentences(self, paragraph):
        return tuple(s.strip() for s in nupunkt.sent_tokenize(paragraph))

    def to_words(self, sentence):
        words = self._words.tokenize(sentence)
        return tuple(w for w in words if SumyTokenizer._is_word(w))


def make_summarizer(method):
    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[method]
    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def cluster_text(record):
    return "\n\n".join(d["text"] for d in record["documents"])


def summarize(summarizer, tokenizer, text, k):
    parser = PlaintextParser.from_string(text, tokenizer)
    return parser.document, summarizer(parser.document, k)


def open_text(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def inprocess(args):
    with open_text(args.file) as f:
        texts = []
        for line in f:
            texts.append(cluster_text(json.loads(line)))
            if len(texts) >= args.limit:
                break
    tokenizer = Tokenizer()
    summarizer = make_summarizer(args.method)
    times = []
    sentences = 0
    words = 0
    for text in texts:
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            document, chosen = summarize(summarizer, tokenizer, text, args.sentences)
            runs.append(time.perf_counter() - start)
        runs.sort()
        times.append(runs[len(runs) // 2])
        sentences += len(document.sentences)
        words += sum(len(str(s).split()) for s in chosen)
    ordered = sorted(times)
    k = max(1, len(times))

    def pct(p):
        return ordered[round((len(ordered) - 1) * p)] if ordered else 0.0

    print(json.dumps({
        "file": args.file, "method": "sumy-" + args.method, "sentences_count": args.sentences,
        "clusters": len(times), "mean_sentences": sentences / k,
        "mean_summary_words": words / k,
        "mean_ms": 1e3 * sum(times) / k, "median_ms": 1e3 * pct(0.5),
        "p90_ms": 1e3 * pct(0.9), "max_ms": 1e3 * (ordered[-1] if ordered else 0.0),
        "us_per_sentence": 1e6 * sum(times) / max(1, sentences), "total_s": sum(times),
    }))


def batch(args):
    tokenizer = Tokenizer()
    summarizer = make_summarizer(args.method)
    with open_text(args.file) as f, open(args.output, "w", encoding="utf-8") as out:
        for line in f:
            record = json.loads(line)
            _, chosen = summarize(summarizer, tokenizer, cluster_text(record), args.sentences)
            summary = "\n".join(str(s) for s in chosen)
            out.write(json.dumps({"id": record["id"], "summary": summary}) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["inprocess", "batch"])
    p.add_argument("file")
    p.add_argument("--method", choices=["lexrank", "textrank"], default="lexrank")
    p.add_argument("--sentences", type=int, default=4, help="sentences per summary (default 4)")
    p.add_argument("--limit", type=int, default=sys.maxsize)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--output")
    args = p.parse_args()
    if args.mode == "inprocess":
        inprocess(args)
    else:
        if not args.output:
            p.error("batch needs --output")
        batch(args)


if __name__ == "__main__":
    main()
