#!/usr/bin/env python3
"""The reference scorers' side of scripts/bench-rouge.sh.

    bench_rouge.py duc-gold DATA OUT             DUC references, one sentence a line
    bench_rouge.py perl-setup GOLD PRED DIR      ROUGE-1.5.5.pl's SPL files and config.xml
    bench_rouge.py rouge-score GOLD PRED         score with Google's rouge-score (the
                                                 process bench-rouge.sh times)
    bench_rouge.py annotate DIR                  add each run's scores to DIR/results.jsonl

GOLD is `{"id", "summaries"}` JSONL (optionally gzipped), PRED is precis's
`{"id", "summary"}` JSONL with one sentence a line. The DUC references are
split into sentences with verify_rouge.py's splitter, as
scripts/verify-rouge.sh feeds them, and both scorers read the same split
files. Run with the .venv-rouge interpreter.
"""

import gzip
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verify_rouge  # noqa: E402


def records(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def duc_gold(data, out):
    with open(out, "w", encoding="utf-8") as f:
        for c in records(data):
            models = ["\n".join(verify_rouge.sentences(s)) for s in c["summaries"]]
            f.write(json.dumps({"id": c["id"], "summaries": models}) + "\n")


def perl_setup(gold, pred, directory):
    """Writes peers/, models/ and config.xml as verify_rouge.run_perl does,
    without running the script, so the shell can time perl alone."""
    predictions = {r["id"]: r.get("summary", "") for r in records(pred)}
    peers_dir = os.path.join(directory, "peers")
    models_dir = os.path.join(directory, "models")
    os.makedirs(peers_dir, exist_ok=True)
    os.makedirs(models_dir, exist_ok=True)
    xml = ['<ROUGE_EVAL version="1.55">']
    for c in records(gold):
        cid = c["id"]
        peer = "%s.precis.txt" % cid
        with open(os.path.join(peers_dir, peer), "wb") as f:
            f.write(predictions.get(cid, "").encode("utf-8"))
        xml += ['<EVAL ID="%s">' % cid, "<PEER-ROOT>%s</PEER-ROOT>" % peers_dir,
                "<MODEL-ROOT>%s</MODEL-ROOT>" % models_dir,
                '<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>',
                '<PEERS>', '<P ID="precis">%s</P>' % peer, "</PEERS>", "<MODELS>"]
        for k, model in enumerate(c["summaries"]):
            name = "%s.%d.txt" % (cid, k)
            with open(os.path.join(models_dir, name), "wb") as f:
                f.write(model.encode("utf-8"))
            xml.append('<M ID="%d">%s</M>' % (k, name))
        xml += ["</MODELS>", "</EVAL>"]
    xml.append("</ROUGE_EVAL>")
    config = os.path.join(directory, "config.xml")
    with open(config, "w", encoding="utf-8") as f:
        f.write("\n".join(xml))
    print(config)


def rouge_score(gold, pred):
    # Imported here so that the import is part of the timed process, as
    # loading the `precis` binary is part of its.
    from rouge_score import rouge_scorer

    predictions = {r["id"]: r.get("summary", "") for r in records(pred)}
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"],
                                      use_stemmer=True)
    sums = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    clusters = records(gold)
    for c in clusters:
        s = scorer.score_multi(c["summaries"], predictions.get(c["id"], ""))
        for k in sums:
            sums[k] += s[k].fmeasure
    n = max(1, len(clusters))
    print(json.dumps(dict({"%s_f" % k: v / n for k, v in sums.items()}, clusters=len(clusters))))


def scores_of(path):
    """A short line of the headline scores in a scorer's output, or ''."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return ""
    perl = dict(re.findall(r"^\S+ (ROUGE-(?:1|2|SU4)) Average_R: (\S+)", text, re.M))
    if perl:
        return " ".join("%s R %s" % (k, perl[k]) for k in ("ROUGE-1", "ROUGE-2", "ROUGE-SU4") if k in perl)
    for line in text.splitlines():
        try:
            v = json.loads(line)
        except ValueError:
            continue
        if isinstance(v, dict):
            if "rouge-lsum" in v:
                return "rouge1 F %.5f rouge2 F %.5f rougeLsum F %.5f" % (
                    v["rouge-1"]["f1"], v["rouge-2"]["f1"], v["rouge-lsum"]["f1"])
            if "rouge-su4" in v:
                return "ROUGE-1 R %.5f ROUGE-2 R %.5f ROUGE-SU4 R %.5f" % (
                    v["rouge-1"]["recall"], v["rouge-2"]["recall"], v["rouge-su4"]["recall"])
            if "rouge1_f" in v:
                return "rouge1 F %.5f rouge2 F %.5f rougeLsum F %.5f" % (
                    v["rouge1_f"], v["rouge2_f"], v["rougeLsum_f"])
            keys = [k for k in ("ROUGE-1_r", "ROUGE-2_r", "ROUGE-SU4_r") if k in v]
            if keys:
                return " ".join("%s R %.5f" % (k[:-2], v[k][0]) for k in keys)
    return text.strip().splitlines()[0][:120] if text.strip() else ""


def annotate(directory):
    path = os.path.join(directory, "results.jsonl")
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    for r in rows:
        r["scores"] = scores_of(os.path.join(directory, r["label"] + ".out"))
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def main(argv):
    if not argv:
        raise SystemExit(__doc__)
    cmd, args = argv[0], argv[1:]
    if cmd == "duc-gold":
        duc_gold(*args)
    elif cmd == "perl-setup":
        perl_setup(*args)
    elif cmd == "rouge-score":
        rouge_score(*args)
    elif cmd == "annotate":
        annotate(*args)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
