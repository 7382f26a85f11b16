"""Canonical indicator taxonomy (core/data/indicators.csv) and phrase -> indicator id matching.

``match(phrase)`` is the full matcher: it takes the level off the phrase (国家级/省级/市级…, from
``core/data/indicator_levels.json``), finds the taxonomy term the phrase ends on (exact), else the
closest term by rapidfuzz ratio whose head agrees (fuzzy, with a threshold), and returns the id,
level, subset modifier, confidence and method. ``match_indicator`` is its id alone.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pandas as pd
from rapidfuzz import fuzz, process

TAXONOMY = Path(__file__).parent / "data" / "indicators.csv"
LEVELS = Path(__file__).parent / "data" / "indicator_levels.json"
_STRIP = re.compile(r"[“”「」『』‘’\"'《》\s（）()]")


def _norm(s: str) -> str:
    return _STRIP.sub("", s or "").replace("＆", "&").upper()


@functools.lru_cache(maxsize=1)
def taxonomy() -> pd.DataFrame:
    """The indicator taxonomy: id, name_zh, name_en, synonyms, unit_class, measure, higher_is_better."""
    df = pd.read_csv(TAXONOMY, dtype=str, keep_default_na=False)
    df["higher_is_better"] = df["higher_is_better"].str.lower().eq("true")
    if "parent" not in df:
        df["parent"] = ""
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
    """Head words that change what a phrase counts (``tail_heads`` of ``indicator_levels.json``),
    longest first; and each id's name_zh."""
    heads = level_rules()["tail_heads"]
    names = dict(zip(taxonomy()["id"], taxonomy()["name_zh"].map(_norm)))
    return tuple(sorted(heads, key=len, reverse=True)), names


def _head_disagrees(tail: str, ind_id: str) -> bool:
    """True when ``tail`` (the phrase after the matched term) ends the phrase on a head of its own
    that the indicator's name does not end with: "人才|引领型企业" is a firm count, not talent."""
    heads, names = _tail_heads()
    name = names.get(ind_id, "")
    last = max(((tail.rfind(h) + len(h), len(h), h) for h in heads if h in tail), default=None)
    return last is not None and not name.endswith(last[2])


@dataclass(frozen=True)
class IndicatorMatch:
    """What a phrase measures: taxonomy id (None when unmatched), level, subset, how sure."""

    indicator_id: Optional[str]
    level: Optional[str]          # 国家级 | 省级以上 | 省级 | 市级以上 | 市级 | 县级 | None
    subset: Optional[str]         # 重点支持的 … : the figure counts a part of the indicator
    confidence: float             # 1.0 exact term ending the phrase; the fuzzy score otherwise; 0 unmatched
    method: str                   # "exact" | "fuzzy" | "none"
    core: str                     # the phrase without level and subset words
    qualifier: str = ""           # words of the core before the matched term (实施工业领域|设备更新项目)


@functools.lru_cache(maxsize=1)
def level_rules() -> dict:
    """``core/data/indicator_levels.json`` with its level patterns compiled."""
    cfg = json.loads(LEVELS.read_text(encoding="utf-8"))
    cfg["_levels"] = [(re.compile(p), lv) for p, lv in cfg["levels"]]
    cfg["_subset"] = re.compile("|".join(re.escape(w) for w in sorted(cfg["subset"], key=len, reverse=True)))
    return cfg


def split_level(phrase: str) -> tuple[Optional[str], str]:
    """(level, phrase without the level word): "省级以上绿色制造示范单位" -> ("省级以上", "绿色制造示范单位")."""
    for rx, level in level_rules()["_levels"]:
        m = rx.search(phrase)
        if m:
            return level, (phrase[:m.start()] + phrase[m.end():]).strip("的 ")
    return None, phrase


def level_covers(target_level: Optional[str], actual_level: Optional[str]) -> bool:
    """True when an actual at ``actual_level`` counts toward a target at ``target_level``
    (省级以上 covers 省级 and 国家级; equal levels cover each other)."""
    if target_level == actual_level:
        return True
    return actual_level in level_rules()["level_covers"].get(target_level or "", [])


@functools.lru_cache(maxsize=1)
def _fuzzy_terms() -> tuple[list[str], list[str]]:
    terms = _terms()
    return [t for t, _, _ in terms], [i for _, i, _ in terms]


def _fuzzy(core: str) -> tuple[Optional[str], float]:
    """Closest taxonomy term by rapidfuzz ratio whose last ``head_chars`` agree with the phrase's."""
    cfg = level_rules()["fuzzy"]
    words, ids = _fuzzy_terms()
    tail = core[-cfg["max_phrase_chars"]:]
    h = cfg["head_chars"]
    best = None
    for word, score, i in process.extract(tail, words, scorer=getattr(fuzz, cfg["scorer"]), limit=8,
                                          score_cutoff=cfg["threshold"]):
        if len(word) >= h and tail.endswith(word[-h:]) and (best is None or score > best[1]):
            best = (ids[i], score)
    return (best[0], round(best[1] / 100, 3)) if best else (None, 0.0)


@functools.lru_cache(maxsize=8192)
def match(phrase: str) -> IndicatorMatch:
    """Taxonomy id, level and subset of an indicator phrase, with the confidence of the match.

    A phrase matching nothing (or only below the fuzzy threshold) keeps ``indicator_id=None`` and
    stays its own row in every view, labelled with its own words."""
    p = _norm(phrase)
    level, core = split_level(p)
    subset = None
    sm = level_rules()["_subset"].search(core)
    if sm:
        subset, core = sm.group(0), (core[:sm.start()] + core[sm.end():]).strip("的 ")
        level2, core = split_level(core) if level is None else (level, core)
        level = level or level2
    if not core:
        return IndicatorMatch(None, level, subset, 0.0, "none", core)
    exact = _exact(core)
    if exact:
        ind_id, start, end = exact
        population = _population(core[:start], ind_id)
        return IndicatorMatch(ind_id, level, subset or population, 1.0 if end == len(core) else 0.95,
                              "exact", core, core[:start])
    ind_id, score = _fuzzy(core)
    if ind_id:
        return IndicatorMatch(ind_id, level, subset, score, "fuzzy", core, core)
    return IndicatorMatch(None, level, subset, 0.0, "none", core)


def _population(prefix: str, ind_id: str) -> Optional[str]:
    """The prefix when it names another indicator the figure is measured on: "先进制造业集群|营收利润率"
    is the clusters' margin, not the region's (a subset); None otherwise."""
    prefix = re.sub(level_rules()["population_link"], "", prefix)
    if not prefix:
        return None
    other = _exact(prefix)
    if other is None or other[2] != len(prefix) or other[0] == ind_id:
        return None
    if other[0] in ancestors(ind_id) or ind_id in ancestors(other[0]):
        return None
    return prefix


def _exact(p: str) -> Optional[tuple[str, int, int]]:
    """(id, start, end) of the term the normalised phrase ends on (latest end, then longest), or None."""
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
    (end, length, _), ind_id = best
    return ind_id, end - length, end


@functools.lru_cache(maxsize=1)
def _parents() -> dict[str, str]:
    return dict(zip(taxonomy()["id"], taxonomy()["parent"]))


@functools.lru_cache(maxsize=4096)
def _ancestors(ind_id: str) -> tuple[str, ...]:
    parents = _parents()
    out, cur = [], parents.get(ind_id, "")
    while cur and cur not in out:
        out.append(cur)
        cur = parents.get(cur, "")
    return tuple(out)


def ancestors(ind_id: Optional[str]) -> list[str]:
    """Parent ids of an indicator, nearest first (little_giant -> srdi_sme, quality_firms)."""
    return list(_ancestors(ind_id or ""))


@functools.lru_cache(maxsize=4096)
def match_indicator(phrase: str) -> Optional[str]:
    """Canonical id for an indicator phrase, or None.

    Among names and synonyms found inside the phrase, the one ending last wins (the head of a
    Chinese noun phrase is at its end), then the longest: "专精特新小巨人" -> little_giant,
    "数字经济核心产业增加值占GDP比重" -> digital_core_share_gdp. None when the phrase goes on past
    the term to a head of its own ("人才引领型企业", "产业链上下游项目", "产值增长的贡献").
    """
    return match(phrase).indicator_id


@functools.lru_cache(maxsize=4096)
def indicator_name(ind_id: str, lang: str = "en") -> str:
    """English (``lang="en"``) or Chinese name of an indicator id; the id itself when unknown."""
    df = taxonomy()
    row = df[df["id"] == ind_id]
    if row.empty:
        return ind_id
    return row.iloc[0]["name_zh" if lang == "zh" else "name_en"]
