"""Canonical indicator taxonomy (core/data/indicators.csv) and phrase -> indicator id matching."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Optional

import pandas as pd

TAXONOMY = Path(__file__).parent / "data" / "indicators.csv"
CUES = Path(__file__).parent / "data" / "figure_cues.json"
_STRIP = re.compile(r"[“”「」『』‘’\"'《》\s（）()]")


def _norm(s: str) -> str:
    return _STRIP.sub("", s or "").replace("＆", "&").upper()


@functools.lru_cache(maxsize=1)
def taxonomy() -> pd.DataFrame:
    """The indicator taxonomy: id, name_zh, name_en, synonyms, unit_class, measure, higher_is_better."""
    df = pd.read_csv(TAXONOMY, dtype=str, keep_default_na=False)
    df["higher_is_better"] = df["higher_is_better"].str.lower().eq("true")
    return df


@functools.lru_cache(maxsize=1)
def _terms() -> tuple[tuple[str, str, int], ...]:
    """(normalised term, id, row order) for every name and synonym."""
    out = []
    for order, row in enumerate(taxonomy().itertuples(index=False)):
        for term in [row.name_zh, *row.synonyms.split("|")]:
            t = _norm(term)
            if t:
                out.append((t, row.id, order))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _tail_heads() -> tuple[tuple[str, ...], dict[str, str]]:
    """Head words that change what a phrase counts, longest first; and each id's name_zh."""
    heads = json.loads(CUES.read_text(encoding="utf-8")).get("indicator_tail_heads", [])
    names = dict(zip(taxonomy()["id"], taxonomy()["name_zh"].map(_norm)))
    return tuple(sorted(heads, key=len, reverse=True)), names


def _head_disagrees(tail: str, ind_id: str) -> bool:
    """True when ``tail`` (the phrase after the matched term) ends the phrase on a head of its own
    that the indicator's name does not end with: "人才|引领型企业" is a firm count, not talent."""
    heads, names = _tail_heads()
    name = names.get(ind_id, "")
    last = max(((tail.rfind(h) + len(h), len(h), h) for h in heads if h in tail), default=None)
    return last is not None and not name.endswith(last[2])


@functools.lru_cache(maxsize=4096)
def match_indicator(phrase: str) -> Optional[str]:
    """Canonical id for an indicator phrase, or None.

    Among names and synonyms found inside the phrase, the one ending last wins (the head of a
    Chinese noun phrase is at its end), then the longest: "专精特新小巨人" -> little_giant,
    "数字经济核心产业增加值占GDP比重" -> digital_core_share_gdp. None when the phrase goes on past
    the term to a head of its own ("人才引领型企业", "产业链上下游项目", "产值增长的贡献").
    """
    p = _norm(phrase)
    if not p:
        return None
    best = None
    for term, ind_id, order in _terms():
        i = p.rfind(term)
        if i < 0:
            continue
        key = (i + len(term), len(term), -order)
        if best is None or key > best[0]:
            best = (key, ind_id)
    if best is None or _head_disagrees(p[best[0][0]:], best[1]):
        return None
    return best[1]


def indicator_name(ind_id: str, lang: str = "en") -> str:
    """English (``lang="en"``) or Chinese name of an indicator id; the id itself when unknown."""
    df = taxonomy()
    row = df[df["id"] == ind_id]
    if row.empty:
        return ind_id
    return row.iloc[0]["name_zh" if lang == "zh" else "name_en"]
