"""Which region a document is about: the issuing government, not every place it mentions.

Each gazetteer place found in the text is scored: official names count more than short
forms, mentions near the start count more, and a mention followed by an issuer word
(威海市 + 政府新闻办 / 工业和信息化局 / 委副书记、市长) counts most. Districts add a little
to their city. The score is then weighted by the level words of the text: a document that
says 全市/市委/市政府 is about a 市, one that says 全省/省委 about a 省 (comparisons such as
全省第1 or 高于全省 do not count).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from core.gazetteer import Place, find_mentions, lookup, parent_of
from core.metadata.cues import load, rx


@dataclass
class RegionGuess:
    region: Optional[str] = None
    region_en: Optional[str] = None
    level: Optional[str] = None
    evidence: list[str] = field(default_factory=list)


def level_markers(body: str) -> Counter:
    """Counts of 全省/我市/市委… by admin word (省, 市, 区, 县), comparisons left out."""
    cfg = load("metadata_cues")["region"]
    before_skip, after_skip = rx(cfg["marker_before_skip"]), rx(cfg["marker_after_skip"])
    out: Counter = Counter()
    for m in rx(cfg["marker"]).finditer(body):
        word = m.group(1) or m.group(2)
        if before_skip.search(body[max(0, m.start() - 3):m.start()]):
            continue
        if after_skip.search(body[m.end():m.end() + 3]):
            continue
        out[word] += 1
    return out


def score_places(body: str) -> dict[Place, float]:
    """Mention score of every place named in the text (before level weighting)."""
    cfg = load("metadata_cues")["region"]
    early = load("metadata_cues")["early_chars"]
    issuer = rx(cfg["issuer_after"])
    scores: dict[Place, float] = defaultdict(float)
    for m in find_mentions(body):
        w = cfg["official_weight"] if m.form == "official" else cfg["short_weight"]
        if issuer.search(body[m.end:m.end + 16]):
            w += cfg["issuer_weight"]
        if m.start < early:
            w *= cfg["early_factor"]
        scores[m.place] += w
        if m.place.level == "district":
            parent = parent_of(m.place)
            if parent is not None:
                scores[parent] += cfg["child_weight"] * w
    return scores


def infer_region(body: str) -> RegionGuess:
    """The issuing region of a document, with its level and English name, or an empty guess."""
    cfg = load("metadata_cues")["region"]
    if not body:
        return RegionGuess()
    scores = score_places(body)
    markers = level_markers(body)
    total = sum(markers.values())
    ranked = sorted(
        ((s * (markers[p.suffix] + 1) / (total + 1), s, p) for p, s in scores.items()),
        key=lambda t: (-t[0], -t[1], p_rank(t[2])),
    )
    if ranked and ranked[0][1] >= _threshold(ranked[0][2], markers, cfg):
        final, raw, place = ranked[0]
        ev = [f"{place.full_name}: mention score {raw:g}, level words {dict(markers)}"]
        return RegionGuess(place.full_name, place.full_name_en, place.level, ev)
    return _unknown_issuer(body, cfg)


def _threshold(place: Place, markers: Counter, cfg: dict) -> float:
    """Minimum mention score; one short mention is enough when the level words agree.

    (聊城 said twice in a text full of 全市/市委/市政府 is the city speaking.)
    """
    if markers:
        word, n = markers.most_common(1)[0]
        if word == place.suffix and n >= cfg["marker_quorum"] and n / sum(markers.values()) >= 0.6:
            return cfg["short_weight"]
    return cfg["min_score"]


def p_rank(place: Place) -> int:
    """Tie-break: prefer the higher administrative level."""
    return {"province": 0, "city": 1, "district": 2}.get(place.level, 3)


def _unknown_issuer(body: str, cfg: dict) -> RegionGuess:
    """A place missing from the gazetteer, named as issuer: ``十堰市政府新闻办``."""
    m = rx(cfg["unknown_issuer"]).search(body)
    if not m:
        return RegionGuess()
    name = m.group(1)
    known = lookup(name)
    if known is not None:
        return RegionGuess(known.full_name, known.full_name_en, known.level, [f"issuer {name}"])
    level = next((lv for suf, lv in sorted(cfg["suffix_level"].items(), key=lambda kv: -len(kv[0]))
                  if name.endswith(suf)), None)
    return RegionGuess(name, None, level, [f"issuer {name} (not in gazetteer)"])
