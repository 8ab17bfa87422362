"""More variants of the Python model of `precis cluster` (a third round).

The model is that of scripts/stream_explore.py (its tokenizer, suffix
stemmer, online idf with offset 0.5, sublinear tf, 100 terms an article,
300 a centroid, every live story scored); each variant changes one thing
and is run at each threshold of its grid, the best printed with its scores
on each part of the stream. Labels are those given when an article is read
(as `precis eval --protocol stream` scores them), except the `final` rows
of `merge`, which apply later merges to earlier articles too.

    python3 scripts/stream_variants.py STREAM.jsonl.gz VARIANT ... [--background DIR]

Variants: base, bm25, background-idf, lsa, name-bigrams, sharpen, decay,
margin, bursts, merge, learned-halves. `background-idf` and `lsa` need
DIR (a scratch directory, never committed) filled from the Multi-News
training split first:

    python3 scripts/stream_variants.py MULTINEWS-TRAIN.jsonl.gz build --background DIR

which writes DIR/df.json (document frequency of each stem over its
124,854 articles) and DIR/lsa.npz (256-dimensional LSA term vectors:
truncated SVD of its sublinear tf-idf article-term matrix, stems in 5 or
more articles). Needs scikit-learn and numpy.

A fourth round (cluster4, the same model with one change each; FOURTH
lists each variant's grid): base4, coherence, zscore, facts, tiers,
story-idf, lm, rehome, and facts-diagnostic (a table, not a clustering).
Their rows print the best of the grid, or every setting with --all;
--only LABEL-PART keeps the settings whose label contains it, and
--half 1 or 2 clusters and scores only that half of the stream, e.g.

    python3 scripts/stream_variants.py STREAM zscore --half 1 --only "(2.0, 10, 0.11)"
"""

import argparse
import datetime
import gzip
import json
import math
import os
import re
import sys
from collections import Counter

import stream_explore as se
from stream_peer import read

BASE_TH = [0.12, 0.14, 0.16, 0.18]


def days_of(docs):
    out = []
    for i, d in enumerate(docs):
        if d.get("date"):
            out.append((datetime.date.fromisoformat(d["date"][:10]) - datetime.date(1970, 1, 1)).days)
        else:
            out.append(i // 300)
    return out


def words_and_names(text):
    """The words of `text`, each with whether it is a name (capitalized
    inside a sentence), and None at each punctuation mark, where pairs of
    adjacent names break."""
    initial = True
    for m in re.finditer(r"[A-Za-z0-9]+|[.!?:;\n,]", text):
        t = m.group()
        if t in ".!?:;\n,":
            initial = initial or t != ","
            yield None, False
            continue
        yield t, t[0].isupper() and not initial
        initial = False


def name_bigram_counts(text, weight):
    """Word counts plus pairs of adjacent names (capitalized words inside a
    sentence, e.g. "Mahane_Yehuda") at `weight`."""
    tf, prev = Counter(), None
    for t, name in words_and_names(text):
        if t is None or t.isdigit() or len(t) < 2 or t.lower() in se.STOP:
            prev = None
            continue
        s = se.stem(t.lower())
        tf[s] += 1.0
        if name and prev:
            tf[prev + "_" + s] += weight
        prev = s if name else None
    return tf


def cluster(
    tfs,
    th,
    days,
    weighting="log",
    k1=1.2,
    b=0.75,
    bg=None,
    dense=None,
    alpha=0.0,
    gamma=0.0,
    tau=0.0,
    margin=None,
    bursts=None,
    merge=None,
):
    """One pass of the centroid clusterer with one change switched on.

    weighting "bm25": tf saturated as tf (k1 + 1) / (tf + k1 (1 - b + b len / mean len)),
    the mean length that of the articles read so far. bg=(n, df, lam): a
    background corpus's document frequencies (times lam) added to the
    stream's. dense (a function article -> unit vector), alpha: score =
    (1 - alpha) tf-idf cosine + alpha dense cosine to the story's summed
    dense vectors. gamma: the centroid's terms weighted by (share of the
    members holding them)^gamma. tau: older members' weight decays as
    exp(-days / tau). margin=(lo, r): an article below the threshold still
    joins when its best score reaches lo and is r times the runner-up's.
    bursts=(m, ratio, age): when an article joins a story begun at least
    `age` days before it and m - 1 of the story's 10 latest members, of
    the last 3 days, are each at least ratio times closer to it (and at
    least 0.3) than the story is, they leave with it for a new story.
    merge=(every, tm): every `every` articles, live stories whose average
    link (mean cosine between their members) reaches tm are merged,
    closest first. Returns (labels when read, labels after merges)."""
    df, stories, pred, parent = Counter(), [], [], {}
    total_len = 0.0
    n_bg, df_bg, lam = bg if bg else (0, {}, 0.0)
    for n, tf in enumerate(tfs, 1):
        for t in tf:
            df[t] += 1
        length = sum(tf.values())
        total_len += length
        avg = total_len / n

        def tfw(c, length=length, avg=avg):
            if weighting == "bm25":
                return c * (k1 + 1) / (c + k1 * (1 - b + b * length / avg))
            return 1 + math.log(c)

        nn = lam * n_bg + n
        v = {
            t: tfw(c) * max(0.0, math.log((nn + 1) / (lam * df_bg.get(t, 0) + df[t] + 1)) + 0.5) for t, c in tf.items()
        }
        v = se.top(v, 100)
        nv = se.norm(v)
        v = {t: w / nv for t, w in v.items()}
        dv = dense(n - 1) if dense else None
        d = days[n - 1]
        scored = []
        for i, s in enumerate(stories):
            if not s["live"]:
                continue
            c, cn = (s["eff"], s["effn"]) if gamma else (s["c"], s["n"])
            sc = se.dot(v, c) / cn
            if dense:
                sc = (1 - alpha) * sc + alpha * sum(x * y for x, y in zip(dv, s["d"])) / (
                    math.sqrt(sum(x * x for x in s["d"])) or 1e-9
                )
            scored.append((sc, i))
        scored.sort(reverse=True)
        best = scored[0] if scored else (-1.0, None)
        second = scored[1][0] if len(scored) > 1 else 0.0
        join = best[0] >= th or (margin and best[0] >= margin[0] and best[0] >= margin[1] * max(second, 1e-9))
        if join and bursts and stories[best[1]]["k"] >= bursts[0]:
            m, ratio, age = bursts
            s = stories[best[1]]
            if d - s["first"] >= age:
                mates = [
                    x for x in s["mem"][-10:] if abs(d - x[1]) <= 3 and se.dot(v, x[0]) >= max(0.3, ratio * best[0])
                ]
                if len(mates) >= m - 1:
                    gone = {id(x[0]) for x in mates}
                    s["mem"] = [x for x in s["mem"] if id(x[0]) not in gone]
                    for mv, _ in mates:
                        for t, w in mv.items():
                            s["full"][t] = s["full"].get(t, 0.0) - w
                        s["k"] -= 1
                    s["c"] = se.top({t: w for t, w in s["full"].items() if w > 1e-9}, 300)
                    s["n"] = se.norm(s["c"])
                    new = new_story(v, d, dv)
                    for mv, md in mates:
                        add(new, mv, md, None, 0.0)
                    stories.append(new)
                    pred.append(len(stories) - 1)
                    finish(stories, n, merge, parent, gamma)
                    continue
        if not join:
            stories.append(new_story(v, d, dv))
            pred.append(len(stories) - 1)
        else:
            add(stories[best[1]], v, d, dv, tau)
            pred.append(best[1])
        if gamma:
            s = stories[pred[-1]]
            s["eff"] = {t: w * (s["cnt"][t] / s["k"]) ** gamma for t, w in s["c"].items()}
            s["effn"] = se.norm(s["eff"])
        finish(stories, n, merge, parent, gamma)

    def root(p):
        while p in parent:
            p = parent[p]
        return p

    return pred, [root(p) for p in pred]


def new_story(v, d, dv):
    s = {
        "c": dict(v),
        "full": dict(v),
        "n": 1.0,
        "k": 1,
        "cnt": Counter(v.keys()),
        "first": d,
        "last": d,
        "mem": [(v, d)],
        "d": list(dv) if dv is not None else None,
        "live": True,
    }
    s["eff"], s["effn"] = s["c"], 1.0
    return s


def add(s, v, d, dv, tau):
    if tau and d > s["last"]:
        f = math.exp(-(d - s["last"]) / tau)
        s["c"] = {t: w * f for t, w in s["c"].items()}
        s["full"] = {t: w * f for t, w in s["full"].items()}
    for t, w in v.items():
        s["c"][t] = s["c"].get(t, 0.0) + w
        s["full"][t] = s["full"].get(t, 0.0) + w
    s["c"] = se.top(s["c"], 300)
    s["n"] = se.norm(s["c"])
    s["k"] += 1
    s["cnt"].update(v.keys())
    s["first"], s["last"] = min(s["first"], d), max(s["last"], d)
    s["mem"].append((v, d))
    if dv is not None:
        s["d"] = [x + y for x, y in zip(s["d"], dv)]


def finish(stories, n, merge, parent, gamma):
    """The periodic average-link merge of live stories."""
    if not merge or n % merge[0]:
        return
    while True:
        live = [i for i, s in enumerate(stories) if s["live"]]
        best = None
        for x, i in enumerate(live):
            for j in live[x + 1 :]:
                a, b = stories[i], stories[j]
                sim = se.dot(a["full"], b["full"]) / (a["k"] * b["k"])
                if sim >= merge[1] and (best is None or sim > best[0]):
                    best = (sim, i, j)
        if best is None:
            return
        _, i, j = best
        keep, gone = stories[i], stories[j]
        for t, w in gone["full"].items():
            keep["full"][t] = keep["full"].get(t, 0.0) + w
        keep["c"] = se.top(dict(keep["full"]), 300)
        keep["n"] = se.norm(keep["c"])
        keep["k"] += gone["k"]
        keep["cnt"].update(gone["cnt"])
        keep["mem"] += gone["mem"]
        keep["first"], keep["last"] = min(keep["first"], gone["first"]), max(keep["last"], gone["last"])
        gone["live"] = False
        parent[j] = i


# ---------------------------------------------------------------------------
# A fourth round: coherence-normalized scoring, specific facts in an
# ambiguous band, and two tiers (events grouped into stories).

DATELINE = re.compile(r"^\s*([A-Z][A-Z.'\- ]{2,40}?)(?:,[^()\n_]{0,40}?)?\s*(?:\(|_|--)")


def facts_of(text):
    """An article's specific facts: the place of its dateline ("JERUSALEM
    (AP) --" gives DL:jerusalem), its numbers of two or more digits that
    are not years (N:...), and pairs of adjacent names inside a sentence
    (P:mahane_yehuda)."""
    out = set()
    m = DATELINE.match(text)
    if m:
        out.add("DL:" + " ".join(m.group(1).lower().split()))
    for t in re.findall(r"\b\d[\d,.]*\d\b", text):
        t = t.replace(",", "")
        if not re.fullmatch(r"(19|20)\d\d", t):
            out.add("N:" + t)
    prev = None
    for t, name in words_and_names(text):
        if t is None:
            prev = None
            continue
        name = name and len(t) > 1 and t.lower() not in se.STOP
        if name and prev:
            out.add("P:" + prev + "_" + t.lower())
        prev = t.lower() if name else None
    return out


def cluster4(
    tfs,
    th,
    days,
    facts=None,
    coh=None,
    band=None,
    tiers=None,
    sfidf=0.0,
    lm=None,
    z=None,
    rehome=None,
    trace=None,
):
    """One pass of the centroid clusterer with one fourth-round change.

    coh=(gamma, k0, c0, lo, rank): coherence-normalized scoring. A story's
    coherence is the mean cosine of its members to its centroid,
    |sum of members . centroid| / (|centroid| k), shrunk towards c0 with
    the weight of k0 pseudo-members; the article joins when
    cos >= th * (coherence / c0)^gamma and cos >= lo (both must hold), so a
    broad story accepts articles at its own typical distance and a tight
    one demands a tight match. rank "norm": stories ranked by
    cos / (coherence / c0)^gamma; "raw": by cos.

    band=(lo, hi, need, recent, mode): specific facts (facts_of) shared
    with one of the story's `recent` latest members decide only when the
    best centroid cosine is in [lo, hi): mode "gate" joins such an article
    iff it shares at least `need` facts with one of those members (below
    lo: new story; at hi or more: join); mode "bonus" keeps the threshold
    and, below it, joins anyway at `need` shared facts.

    tiers=(th_event, k_check, th_move, th_split): fine event clusters (join when the
    cosine to the event centroid reaches th_event) grouped into coarse
    stories; an article that starts an event is placed in the coarse story
    whose centroid is nearest if the cosine reaches th (the base rule),
    otherwise a new story; an article joining an event takes the event's
    story. When an event reaches k_check articles, its centroid is scored
    against every other story's centroid (without the event) and moves to
    the best if that beats its own story by th_move (later articles only);
    if it does not and its cosine to its own story is below th_split, it
    leaves that story and starts one of its own.
    The label is the coarse story.

    z=(z, k_min, lo): a z-score against the story's members: a story of
    k_min or more articles takes an article when its cosine reaches the
    mean minus z standard deviations of the cosines at which its members
    joined (and lo); smaller stories keep the threshold.

    rehome=(every, recent, margin): every `every` articles, each of the
    `recent` latest articles whose cosine to another story's centroid
    reaches th and beats its cosine to its own story without it by
    `margin` is moved there: its vector leaves one centroid for the other
    (labels already given stay; later articles see cleaner centroids).

    sfidf=mu: story frequency in the term weight: the article's idf is
    (1 - mu) times its document idf plus mu times log((S + 1) / (sf + 1))
    + 0.5, sf the number of stories so far (S) with the term in one of
    their articles, so a big story's own words, frequent in documents but
    rare among stories, keep their weight.

    lm=mu: a language-model score instead of the centroid cosine: the
    log-likelihood ratio per word of the article's words (the 100 of its
    vector, raw counts) under the story's word counts smoothed with the
    stream's (Dirichlet, mu words) against the stream's alone,
    sum tf log(1 + c_s / (mu p)) / |a| + log(mu / (L_s + mu)); th is then
    a threshold on that ratio.

    trace: a list that receives (article, best story, its cosine, shared
    facts) for each article when `band` is set."""
    df, stories, pred = Counter(), [], []
    events = []
    sf = Counter()
    bg, total = Counter(), 0
    home = []
    for n, tf in enumerate(tfs, 1):
        for t in tf:
            df[t] += 1
        if sfidf:
            ns = len(stories)
            v = {
                t: (1 + math.log(c))
                * (
                    (1 - sfidf) * max(0.0, math.log((n + 1) / (df[t] + 1)) + 0.5)
                    + sfidf * (math.log((ns + 1) / (sf[t] + 1)) + 0.5)
                )
                for t, c in tf.items()
            }
        else:
            v = {t: (1 + math.log(c)) * max(0.0, math.log((n + 1) / (df[t] + 1)) + 0.5) for t, c in tf.items()}
        v = se.top(v, 100)
        nv = se.norm(v)
        v = {t: w / nv for t, w in v.items()}
        fa = facts[n - 1] if facts else set()
        if tiers:
            th_e, k_check, th_move, th_split = tiers
            be = max(((se.dot(v, e["c"]) / e["n"], j) for j, e in enumerate(events)), default=(-1.0, None))
            if be[0] >= th_e:
                e = events[be[1]]
                grow(e, v)
                e["k"] += 1
                sid = e["story"]
                s = stories[sid]
                grow(s, v)
                s["k"] += 1
                if e["k"] == k_check and len(stories) > 1:
                    # the event's centroid against its own story without it
                    # and against every other story
                    own = {t: w - e["full"].get(t, 0.0) for t, w in s["full"].items()}
                    own = se.top({t: w for t, w in own.items() if w > 1e-9}, 300)
                    ec = e["c"]
                    en = e["n"]
                    # an event that is its whole story moves only to a
                    # story it would join as an article (th)
                    own_sc = se.dot(ec, own) / (en * se.norm(own)) if own else th
                    other = max(
                        ((se.dot(ec, o["c"]) / (en * o["n"]), j) for j, o in enumerate(stories) if j != sid),
                        default=(-1.0, None),
                    )
                    if other[0] >= own_sc + th_move:
                        take_out(s, e)
                        o = stories[other[1]]
                        for t, w in e["full"].items():
                            o["full"][t] = o["full"].get(t, 0.0) + w
                        o["c"] = se.top(dict(o["full"]), 300)
                        o["n"], o["k"] = se.norm(o["c"]), o["k"] + e["k"]
                        e["story"] = other[1]
                    elif own_sc < th_split:
                        take_out(s, e)
                        c = se.top(dict(e["full"]), 300)
                        stories.append({"c": c, "full": dict(e["full"]), "n": se.norm(c), "k": e["k"]})
                        e["story"] = len(stories) - 1
                pred.append(e["story"])
                continue
            bs = max(((se.dot(v, s["c"]) / s["n"], j) for j, s in enumerate(stories)), default=(-1.0, None))
            if bs[0] >= th:
                sid = bs[1]
                grow(stories[sid], v)
                stories[sid]["k"] += 1
            else:
                stories.append({"c": dict(v), "full": dict(v), "n": 1.0, "k": 1})
                sid = len(stories) - 1
            events.append({"c": dict(v), "full": dict(v), "n": 1.0, "k": 1, "story": sid})
            pred.append(sid)
            continue
        if lm:
            bg.update(tf)
            total += sum(tf.values())
            la = sum(tf[t] for t in v) or 1.0
            bgp = {t: lm * bg[t] / total for t in v}
            best = None
            for i, s in enumerate(stories):
                w = s["w"]
                sc = sum(tf[t] * math.log(1 + w[t] / bgp[t]) for t in v if t in w) / la
                sc += math.log(lm / (s["len"] + lm))
                if best is None or sc > best[0]:
                    best = (sc, i)
            if best is None or best[0] < th:
                stories.append({"w": Counter(tf), "len": sum(tf.values())})
                pred.append(len(stories) - 1)
            else:
                s = stories[best[1]]
                s["w"].update(tf)
                s["len"] += sum(tf.values())
                pred.append(best[1])
            continue
        best = None
        for i, s in enumerate(stories):
            cos = se.dot(v, s["c"]) / s["n"]
            key = cos
            need = th
            if coh:
                gamma, k0, c0, lo, rank = coh
                c = (s["coh"] * s["k"] + c0 * k0) / (s["k"] + k0)
                f = (c / c0) ** gamma
                need = max(th * f, lo)
                if rank == "norm":
                    key = cos / f
            if z and s["k"] >= z[1]:
                js = s["joins"]
                mean = sum(js) / len(js)
                sd = math.sqrt(sum((x - mean) ** 2 for x in js) / len(js))
                need = max(z[2], mean - z[0] * sd)
            if best is None or key > best[0]:
                best = (key, i, cos, need)
        join = best is not None and best[2] >= best[3]
        if band and best is not None:
            lo, hi, need_f, recent, mode = band
            cos = best[2]
            s = stories[best[1]]
            shared = max((len(fa & m) for m in s["facts"][-recent:]), default=0)
            if trace is not None:
                trace.append((n - 1, best[1], cos, shared))
            if mode == "gate":
                join = cos >= hi or (cos >= lo and shared >= need_f)
            elif not join and cos >= lo and shared >= need_f:
                join = True
        if not join:
            stories.append({"c": dict(v), "full": dict(v), "n": 1.0, "k": 1, "coh": 1.0, "facts": [fa], "joins": []})
            pred.append(len(stories) - 1)
            if rehome:
                home.append([v, len(stories) - 1])
                rehome_recent(stories, home, n, th, rehome)
            sf.update(tf.keys())
            continue
        s = stories[best[1]]
        sf.update(t for t in tf if t not in s["full"])
        grow(s, v)
        s["k"] += 1
        s["coh"] = se.dot(s["full"], s["c"]) / (s["n"] * s["k"])
        s["facts"].append(fa)
        s["joins"].append(best[2])
        pred.append(best[1])
        if rehome:
            home.append([v, best[1]])
            rehome_recent(stories, home, n, th, rehome)
    return pred


def rehome_recent(stories, home, n, th, rehome):
    """The `rehome` rule of cluster4."""
    every, recent, margin = rehome
    del home[:-recent]
    if n % every:
        return
    for item in home:
        v, sid = item
        s = stories[sid]
        if s["k"] < 2:
            own = 0.0
        else:
            d = se.dot(v, s["full"])
            rest = math.sqrt(max(sum(w * w for w in s["full"].values()) - 2 * d + 1.0, 1e-12))
            own = (d - 1.0) / rest
        other = max(((se.dot(v, o["c"]) / o["n"], j) for j, o in enumerate(stories) if j != sid and o["k"]))
        if other[0] >= th and other[0] >= own + margin:
            for t, w in v.items():
                s["full"][t] = s["full"].get(t, 0.0) - w
            s["c"] = se.top({t: w for t, w in s["full"].items() if w > 1e-9}, 300)
            s["n"], s["k"] = se.norm(s["c"]), s["k"] - 1
            o = stories[other[1]]
            for t, w in v.items():
                o["full"][t] = o["full"].get(t, 0.0) + w
            o["c"] = se.top(dict(o["full"]), 300)
            o["n"], o["k"] = se.norm(o["c"]), o["k"] + 1
            item[1] = other[1]


def take_out(s, e):
    """Removes an event's articles from its story's sums."""
    for t, w in e["full"].items():
        s["full"][t] = s["full"].get(t, 0.0) - w
    s["c"] = se.top({t: w for t, w in s["full"].items() if w > 1e-9}, 300)
    s["n"], s["k"] = se.norm(s["c"]), s["k"] - e["k"]


def grow(s, v):
    for t, w in v.items():
        s["c"][t] = s["c"].get(t, 0.0) + w
        s["full"][t] = s["full"].get(t, 0.0) + w
    s["c"] = se.top(s["c"], 300)
    s["n"] = se.norm(s["c"])


def facts_diagnostic(tfs, days, facts, gold, th=0.14):
    """Do shared facts tell whether the best story is the article's own?
    For each article with a story before it (the model as it is, at th),
    its best centroid cosine and the most facts it shares with one of that
    story's 10 latest members; "right" when the article's gold story is the
    one most of the story's members (so far) belong to."""
    trace = []
    pred = cluster4(tfs, th, days, facts=facts, band=(9.0, 9.0, 0, 10, "bonus"), trace=trace)
    at = {t[0]: t for t in trace}
    members, rows = {}, []
    for i, lab in enumerate(pred):
        if i in at:
            _, sid, cos, shared = at[i]
            major = Counter(gold[j] for j in members[sid]).most_common(1)[0][0]
            recent = set().union(*(facts[j] for j in members[sid][-10:]))
            dateline = any(f.startswith("DL:") for f in facts[i] & recent)
            rows.append((cos, shared, gold[i] == major, dateline))
        members.setdefault(lab, []).append(i)
    print(
        "| best cosine | articles | right | sharing >= 1 fact: n, right | >= 3: n, right | >= 5: n, right | a dateline: n, right |"
    )
    print("|---|---:|---:|---|---|---|---|")
    for lo, hi in ((0.04, 0.08), (0.08, 0.11), (0.11, 0.14), (0.14, 0.18), (0.18, 0.25), (0.25, 1.01)):
        band = [r for r in rows if lo <= r[0] < hi]
        cells = []
        for keep in (lambda r: r[1] >= 1, lambda r: r[1] >= 3, lambda r: r[1] >= 5, lambda r: r[3]):
            sel = [r for r in band if keep(r)]
            cells.append(f"{len(sel)}, {sum(r[2] for r in sel) / len(sel):.2f}" if sel else "0")
        right = sum(r[2] for r in band) / len(band) if band else 0.0
        print(f"| [{lo}, {hi}) | {len(band)} | {right:.2f} | " + " | ".join(cells) + " |")


def fourth_grid(name, ths, settings, key):
    return [(f"{name} {x}, threshold {th}", th, {key: x}) for x in settings for th in ths]


# The fourth round's variants and their grids: (label, threshold, cluster4 arguments).
FOURTH = {
    "base4": lambda: [(f"base, threshold {th}", th, {}) for th in [0.12, 0.13, 0.14, 0.16, 0.18]],
    "coherence": lambda: fourth_grid(
        "coherence (gamma, k0, c0, lo, rank)",
        [0.08, 0.1, 0.12, 0.14, 0.16],
        [(g, 2, 0.5, lo, rank) for g in (0.5, 1.0) for lo in (0.0, 0.1, 0.14) for rank in ("raw", "norm")],
        "coh",
    ),
    "facts": lambda: fourth_grid(
        "facts (lo, hi, need, recent, mode)",
        [0.14],
        [
            (0.1, 0.14, 1, 10, "bonus"),
            (0.1, 0.14, 3, 10, "bonus"),
            (0.1, 0.14, 5, 10, "bonus"),
            (0.08, 0.14, 5, 10, "bonus"),
            (0.06, 0.14, 5, 10, "bonus"),
            (0.08, 0.14, 8, 10, "bonus"),
            (0.12, 0.18, 1, 10, "gate"),
            (0.12, 0.18, 3, 10, "gate"),
            (0.12, 0.25, 2, 10, "gate"),
        ],
        "band",
    ),
    "tiers": lambda: fourth_grid(
        "tiers (th_event, k_check, th_move, th_split)",
        [0.12, 0.14, 0.16],
        [
            (0.3, 0, 0.0, -1),
            (0.4, 0, 0.0, -1),
            (0.3, 3, 0.0, -1),
            (0.3, 3, 0.05, -1),
            (0.4, 3, 0.0, -1),
            (0.3, 5, 0.0, -1),
            (0.3, 3, 9, 0.1),
            (0.3, 3, 9, 0.2),
            (0.3, 5, 9, 0.2),
        ],
        "tiers",
    ),
    "zscore": lambda: (
        fourth_grid(
            "z-score (z, k_min, lo)",
            [0.14],
            [(z, k, lo) for z in (1.0, 2.0, 3.0) for k in (3, 6) for lo in (0.08, 0.11)]
            + [(z, k, lo) for z in (2.0, 2.5) for k in (10, 20) for lo in (0.11, 0.14)],
            "z",
        )
        + fourth_grid("z-score (z, k_min, lo)", [0.13], [(2.0, 10, 0.11)], "z")
    ),
    "rehome": lambda: fourth_grid(
        "rehome (every, recent, margin)",
        [0.14],
        [(25, 25, 0.0), (25, 25, 0.05), (10, 50, 0.05)],
        "rehome",
    ),
    "story-idf": lambda: fourth_grid("story idf mu", BASE_TH, [0.5, 1.0], "sfidf"),
    "lm": lambda: fourth_grid("language model mu", [-0.15, 0.0, 0.1, 0.25], [1000, 3000, 10000], "lm"),
}


def best_row(label, runs, gold, final=False):
    rows = [se.line(f"{label}, threshold {th}", labels[1] if final else labels[0], gold) for th, labels in runs]
    return max(rows, key=lambda r: r[0])[1]


def learned_halves(tfs, days, gold):
    """A logistic assign model (stream_explore's five features of an
    article and each of its 10 nearest stories, plus log days since the
    story's last article and log of its span in days) trained on one half
    of the stream with the gold stories as the stories so far, and run on
    the other half, joining the most probable story at p >= 0.1 to 0.5."""
    from sklearn.linear_model import LogisticRegression

    def run(idx, model=None, th=0.5, time=False):
        df, stories, pred, xs, ys, first = Counter(), [], [], [], [], {}
        for n, i in enumerate(idx, 1):
            for t in tfs[i]:
                df[t] += 1
            v = {t: (1 + math.log(c)) * max(0.0, math.log((n + 1) / (df[t] + 1)) + 0.5) for t, c in tfs[i].items()}
            v = se.top(v, 100)
            nv = se.norm(v)
            v = {t: w / nv for t, w in v.items()}
            d = days[i]
            near = sorted(((se.dot(v, s["c"]) / s["n"], j) for j, s in enumerate(stories)), reverse=True)[:10]
            rows = []
            for cos, j in near:
                s = stories[j]
                f = [cos, se.dot(v, s["full"]) / s["k"], max(se.dot(v, m) for m, _ in s["mem"][-10:])]
                f += [math.log1p(s["k"]), cos - near[0][0]]
                if time:
                    f += [math.log1p(abs(d - s["last"])), math.log1p(s["last"] - s["first"])]
                rows.append((f, j))
            target = None
            if model is None:
                xs += [f for f, _ in rows]
                ys += [int(stories[j]["g"] == gold[i]) for _, j in rows]
                target = first.get(gold[i])
            elif rows:
                p = model.predict_proba([f for f, _ in rows])[:, 1]
                k = max(range(len(rows)), key=lambda k: p[k])
                if p[k] >= th:
                    target = rows[k][1]
            if target is None:
                s = new_story(v, d, None)
                s["g"] = gold[i]
                stories.append(s)
                first[gold[i]] = len(stories) - 1
                pred.append(len(stories) - 1)
            else:
                add(stories[target], v, d, None, 0.0)
                pred.append(target)
        return (xs, ys) if model is None else pred

    half = len(tfs) // 2
    halves = [list(range(half)), list(range(half, len(tfs)))]
    for time in (False, True):
        for a, b in ((0, 1), (1, 0)):
            x, y = run(halves[a], time=time)
            model = LogisticRegression(max_iter=2000).fit(x, y)
            gb = [gold[i] for i in halves[b]]
            rows = [
                se.line(
                    f"learned on half {a + 1}, run on half {b + 1}{', time' if time else ''}, p {p}",
                    run(halves[b], model, p, time),
                    gb,
                )
                for p in (0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
            ]
            print(max(rows, key=lambda r: r[0])[1], flush=True)
    for b in (0, 1):
        gb = [gold[i] for i in halves[b]]
        runs = [(th, (se.cluster([tfs[i] for i in halves[b]], th),) * 2) for th in BASE_TH]
        print(best_row(f"base on half {b + 1}", runs, gb), flush=True)


def build(path, out):
    """Document frequencies and LSA term vectors of a background corpus
    (the Multi-News training split: one cluster a line with "documents")."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.decomposition import TruncatedSVD

    os.makedirs(out, exist_ok=True)
    arts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            for d in json.loads(line)["documents"]:
                arts.append(Counter(t for t, _ in se.tokens(d["text"])))
    df = Counter()
    for a in arts:
        df.update(a.keys())
    with open(os.path.join(out, "df.json"), "w") as f:
        json.dump({"n": len(arts), "df": df}, f)
    voc = {t: i for i, t in enumerate(sorted(t for t, c in df.items() if 5 <= c < len(arts) / 2))}
    idf = np.zeros(len(voc), dtype=np.float32)
    for t, i in voc.items():
        idf[i] = math.log((len(arts) + 1) / (df[t] + 1))
    rows, cols, vals = [], [], []
    for r, a in enumerate(arts):
        for t, c in a.items():
            if t in voc:
                rows.append(r)
                cols.append(voc[t])
                vals.append((1 + math.log(c)) * idf[voc[t]])
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(arts), len(voc)), dtype=np.float32)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(1)).ravel())
    x = sp.diags(1 / np.maximum(norms, 1e-9)) @ x
    svd = TruncatedSVD(256, algorithm="randomized", n_iter=4, random_state=0).fit(x)
    terms = np.array(sorted(voc, key=voc.get))
    np.savez(os.path.join(out, "lsa.npz"), terms=terms, idf=idf, vectors=svd.components_.T.astype(np.float32))


def main():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    se.STOP = ENGLISH_STOP_WORDS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stream")
    ap.add_argument("variants", nargs="*", default=["base"])
    ap.add_argument("--background", help="scratch directory of `build`")
    ap.add_argument("--half", type=int, choices=(1, 2), help="cluster and score only this half of the stream")
    ap.add_argument("--all", action="store_true", help="fourth-round variants: every setting, not only the best")
    ap.add_argument("--only", help="fourth-round variants: only the settings whose label contains this")
    args = ap.parse_args()
    if args.variants == ["build"]:
        return build(args.stream, args.background)
    docs = read(args.stream)
    if args.half:
        docs = docs[: len(docs) // 2] if args.half == 1 else docs[len(docs) // 2 :]
    gold = [d["story"] for d in docs]
    texts = [(d.get("title") or "") + "\n" + d["text"] for d in docs]
    tfs = [se.counts(se.tokens(t)) for t in texts]
    days = days_of(docs)
    facts = [facts_of(d["text"]) for d in docs]
    if args.variants != ["facts-diagnostic"]:
        print("| variant | stories | B3 P | B3 R | B3 F1 | pairwise F1 | per part: B3 P / R / F1 |")
        print("|---|---:|---:|---:|---:|---:|---|")

    def sweep(label, ths=BASE_TH, arts=tfs, final=False, **kw):
        runs = [(th, cluster(arts, th, days, **kw)) for th in ths]
        print(best_row(label, runs, gold), flush=True)
        if final:
            print(best_row(label + ", labels after merges", runs, gold, final=True), flush=True)

    for name in args.variants:
        if name == "facts-diagnostic":
            facts_diagnostic(tfs, days, facts, gold)
            continue
        if name in FOURTH:
            rows = [
                se.line(label, cluster4(tfs, th, days, facts=facts, **kw), gold)
                for label, th, kw in FOURTH[name]()
                if not args.only or args.only in label
            ]
            for r in rows if args.all else [max(rows, key=lambda r: r[0])]:
                print(r[1], flush=True)
            continue
        if name == "base":
            sweep("base")
        elif name == "bm25":
            for k1, b in ((1.2, 0.75), (1.2, 0.3), (2.0, 0.75)):
                sweep(f"bm25 k1 {k1} b {b}", [0.08, 0.1, 0.12, 0.14, 0.16], weighting="bm25", k1=k1, b=b)
        elif name == "background-idf":
            with open(os.path.join(args.background, "df.json")) as f:
                bg = json.load(f)
            for lam in (1.0, 0.1, 0.01):
                sweep(f"Multi-News df x {lam} added", [0.1] + BASE_TH, bg=(bg["n"], bg["df"], lam))
        elif name == "lsa":
            import numpy as np

            z = np.load(os.path.join(args.background, "lsa.npz"))
            row = {t: i for i, t in enumerate(z["terms"])}
            vec = z["vectors"] * z["idf"][:, None]

            def dense_of(dims, row=row, vec=vec):
                out = []
                for tf in tfs:
                    x = np.zeros(dims, dtype=np.float32)
                    for t, c in tf.items():
                        if t in row:
                            x += (1 + math.log(c)) * vec[row[t], :dims]
                    out.append(list(x / max(float(np.linalg.norm(x)), 1e-9)))
                return out

            for dims in (100, 256):
                dv = dense_of(dims)
                for alpha in (0.3, 0.5):
                    sweep(
                        f"LSA {dims} dims mixed at {alpha}",
                        [0.2, 0.24, 0.28, 0.32, 0.36, 0.4, 0.44, 0.48],
                        dense=lambda i, dv=dv: dv[i],
                        alpha=alpha,
                    )
        elif name == "name-bigrams":
            for w in (0.5, 1.0):
                arts = [name_bigram_counts(t, w) for t in texts]
                sweep(f"pairs of adjacent names at weight {w}", arts=arts)
        elif name == "sharpen":
            for g in (0.5, 1.0):
                sweep(f"centroid terms times member share^{g}", [0.1, 0.12, 0.14, 0.16, 0.18, 0.2], gamma=g)
        elif name == "decay":
            for tau in (30, 180, 720):
                sweep(f"members decay exp(-days / {tau})", tau=tau)
        elif name == "margin":
            for hi in (0.14, 0.16):
                for lo in (0.08, 0.11):
                    for r in (2.0, 3.0):
                        sweep(f"threshold {hi}, or >= {lo} and {r} x runner-up", [hi], margin=(lo, r))
        elif name == "bursts":
            for m, ratio, age in ((2, 1.5, 30), (2, 1.5, 100), (3, 1.5, 30), (3, 1.2, 30), (3, 1.0, 30)):
                sweep(f"burst of {m} leaves a story {age}+ days old, ratio {ratio}", [0.14], bursts=(m, ratio, age))
        elif name == "merge":
            for every, tm in ((25, 0.1), (25, 0.12), (100, 0.1), (100, 0.12), (100, 0.14)):
                sweep(f"average-link merge every {every} at {tm}", [0.14, 0.16], final=True, merge=(every, tm))
        elif name == "learned-halves":
            learned_halves(tfs, days, gold)
        else:
            sys.exit(f"unknown variant {name}")


if __name__ == "__main__":
    sys.exit(main())
