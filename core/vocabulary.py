"""Distinctive vocabulary of a region: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5. For a term w with counts
y_a, y_b in the two groups (totals n_a, n_b) and prior pseudo-counts a_w (total a_0):

    delta_w = log((y_a + a_w) / (n_a + a_0 - y_a - a_w)) - log((y_b + a_w) / (n_b + a_0 - y_b - a_w))
    var_w   = 1 / (y_a + a_w) + 1 / (y_b + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior is the term distribution of the whole corpus passed in (every document, every
region), scaled to ``PRIOR_STRENGTH`` pseudo-tokens. Tokens come from the shared jieba
tokenizer (with the domain user dictionary); one-character tokens, numbers, punctuation and the
words in ``core/data/stopwords.txt`` are dropped. Place names are not distinctive terms either
(``place_words``: every official name in the gazetteer and the short forms of provinces and cities,
威海市 and 威海, 山东省 and 山东): a region always names itself most.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Optional

import pandas as pd

from core.tokenizer import lcut

DATA = Path(__file__).parent / "data"
OTHER = "其他地区"            # the "region" label of the rest when region_b is None
PRIOR_STRENGTH = 1000.0       # a_0: total pseudo-counts of the informative prior
MAX_SENTENCES = 3
COLUMNS = ["term", "region", "z", "count_a", "count_b", "sentences"]

_KEEP = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9]+|[0-9]+[A-Za-z]+[A-Za-z0-9]*")


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list."""
    lines = (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@functools.lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Words that name a place: official and full names of every division in the gazetteer, the
    short forms of provinces and cities (威海, 山东), province abbreviations (鲁) and long zone
    abbreviations. County short forms are left out: they are too often ordinary words (新平, 大新)."""
    from core.gazetteer import load_gazetteer
    out: set[str] = set()
    for p in load_gazetteer():
        out.update(x for x in (p.name, p.full_name) if x)
        if p.level in ("province", "city") and p.short and p.scan_short:
            out.add(p.short)
        if p.level == "province":
            out.update(a for a in p.aliases if a)
        if p.level == "zone":
            out.update(a for a in p.aliases if len(a) >= 4)
    return frozenset(out)


def _without_places(counts: Counter) -> Counter:
    places = place_words()
    return Counter({w: n for w, n in counts.items() if w not in places})


def terms(text: str) -> list[str]:
    """Content tokens of ``text``: jieba words of 2+ characters (or Latin words such as 5G),
    without stopwords."""
    stop = stopwords()
    return [t for t in lcut(text or "") if _KEEP.fullmatch(t) and t not in stop]


@functools.lru_cache(maxsize=256)
def _sentence_terms(key: str, sentences: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((s, tuple(terms(s))) for s in sentences)


def _doc_terms(doc) -> tuple[tuple[str, tuple[str, ...]], ...]:
    sents = tuple(s.text for s in doc.normalized.sentences)
    return _sentence_terms(getattr(doc, "sha256", "") or str(hash(sents)), sents)


def log_odds_z(counts_a: Counter, counts_b: Counter, prior: Counter,
               strength: float = PRIOR_STRENGTH) -> dict[str, float]:
    """z-scores of the weighted log-odds ratio a vs b for every term counted in a or b."""
    n_a, n_b, n_p = sum(counts_a.values()), sum(counts_b.values()), sum(prior.values())
    if not n_p or not (n_a and n_b):
        return {}
    out: dict[str, float] = {}
    for w in set(counts_a) | set(counts_b):
        a_w = strength * prior.get(w, 0) / n_p
        if a_w <= 0:
            continue
        y_a, y_b = counts_a.get(w, 0), counts_b.get(w, 0)
        delta = (math.log((y_a + a_w) / (n_a + strength - y_a - a_w))
                 - math.log((y_b + a_w) / (n_b + strength - y_b - a_w)))
        out[w] = delta / math.sqrt(1 / (y_a + a_w) + 1 / (y_b + a_w))
    return out


def _examples(groups: list, term: str) -> list[str]:
    found: list[str] = []
    for doc_terms in groups:
        for sent, toks in doc_terms:
            if term in toks and sent not in found:
                found.append(sent)
                if len(found) >= MAX_SENTENCES:
                    return found
    return found


def distinctive_vocabulary(docs: Iterable, region_a: str, region_b: Optional[str] = None,
                           top: int = 20) -> pd.DataFrame:
    """Terms that set ``region_a`` apart from ``region_b`` (or from all other regions).

    Returns up to ``top`` terms favouring each side: columns term, region (the side it favours:
    ``region_a``, ``region_b`` or ``OTHER``), z (positive favours region_a), count_a, count_b and
    sentences (up to three example sentences from the favoured side). Rows favouring region_a
    come first by descending z, then the other side by ascending z. Empty frame when a side has
    no documents.
    """
    docs = list(docs)
    side_a, side_b, everything = [], [], []
    for doc in docs:
        dt = _doc_terms(doc)
        everything.append(dt)
        region = getattr(doc.meta, "region", None)
        if region == region_a:
            side_a.append(dt)
        elif (region_b is None and region != region_a) or (region_b is not None and region == region_b):
            side_b.append(dt)

    def count(groups: list) -> Counter:
        c: Counter = Counter()
        for dt in groups:
            for _, toks in dt:
                c.update(toks)
        return c

    sides = {True: side_a, False: side_b}
    return rank_terms(count(side_a), count(side_b), count(everything), region_a, region_b, top,
                      lambda term, favours_a: _examples(sides[favours_a], term))


def rank_terms(counts_a: Counter, counts_b: Counter, prior: Counter, region_a: str,
               region_b: Optional[str], top: int,
               examples: Callable[[str, bool], list[str]]) -> pd.DataFrame:
    """The table of ``distinctive_vocabulary`` from term counts of the two sides and the prior
    (place names dropped: ``place_words``); ``examples(term, favours_a)`` gives the example
    sentences of the favoured side."""
    counts_a, counts_b, prior = (_without_places(c) for c in (counts_a, counts_b, prior))
    z = log_odds_z(counts_a, counts_b, prior)
    label_b = region_b if region_b is not None else OTHER
    rows = []
    pos = sorted((w for w in z if z[w] > 0), key=lambda w: (-z[w], w))[:top]
    neg = sorted((w for w in z if z[w] < 0), key=lambda w: (z[w], w))[:top]
    for words, label, favours_a in ((pos, region_a, True), (neg, label_b, False)):
        for w in words:
            rows.append({"term": w, "region": label, "z": round(z[w], 4),
                         "count_a": counts_a.get(w, 0), "count_b": counts_b.get(w, 0),
                         "sentences": examples(w, favours_a)})
    return pd.DataFrame(rows, columns=COLUMNS)
