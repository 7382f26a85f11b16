"""Canonical indicator taxonomy (core/data/indicators.csv) and phrase -> indicator id matching."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Optional

import pandas as pd

TAXONOMY = Path(__file__).parent / "data" / "indicators.csv"
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


@functools.lru_cache(maxsize=4096)
def match_indicator(phrase: str) -> Optional[str]:
    """Canonical id for an indicator phrase, or None.

    Among names and synonyms found inside the phrase, the one ending last wins (the head of a
    Chinese noun phrase is at its end), then the longest: "专精特新小巨人" -> little_giant,
    "数字经济核心产业增加值占GDP比重" -> digital_core_share_gdp.
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
    return best[1] if best else None


def indicator_name(ind_id: str, lang: str = "en") -> str:
    """English (``lang="en"``) or Chinese name of an indicator id; the id itself when unknown."""
    df = taxonomy()
    row = df[df["id"] == ind_id]
    if row.empty:
        return ind_id
    return row.iloc[0]["name_zh" if lang == "zh" else "name_en"]
