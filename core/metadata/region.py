"""Which region a document is about: the issuing government, not every place it mentions.

Each place named in the text is scored: official names count more than short forms,
mentions near the start count more, and a mention followed by an issuer word (威海市 +
政府新闻办 / 工业和信息化局 / 委副书记、市长) counts most. Districts add a little to their
city. Places missing from the gazetteer take part when the text names them as issuer
(十堰市政府新闻办). Scores are then weighted by the level words of the text: a document
that says 全市/市委/市政府 is about a 市, one that says 全省/省委 about a 省 (comparisons
such as 全省第1 or 高于全省 do not count).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from core.gazetteer import find_mentions, lookup, nation, parent_of
from core.metadata.cues import load, rx

LEVEL_RANK = {"national": -1, "province": 0, "city": 1, "county": 2, "zone": 2}


@dataclass
class RegionGuess:
    region: Optional[str] = None
    region_en: Optional[str] = None
    level: Optional[str] = None
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    region: str            # 威海市, 济南市莱芜区, 十堰市
    region_en: Optional[str]
    level: Optional[str]
    suffix: str            # admin word used in level words: 省 市 区 县 州 …


def level_markers(body: str) -> Counter:
    """Counts of 全省/我市/市委… by admin word (省, 市, 区, 县 …), comparisons left out."""
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


def _unknown_candidate(name: str, cfg: dict) -> Candidate:
    suffixes = sorted(cfg["suffix_level"].items(), key=lambda kv: -len(kv[0]))
    suffix, level = next(((s, lv) for s, lv in suffixes if name.endswith(s)), (name[-1], None))
    return Candidate(name, None, level, cfg["suffix_word"].get(suffix, suffix))


def score_candidates(body: str) -> dict[Candidate, float]:
    """Mention score of every place named in the text (before level weighting)."""
    cfg = load("metadata_cues")["region"]
    early = load("metadata_cues")["early_chars"]
    issuer = rx(cfg["issuer_after"])
    scores: dict[Candidate, float] = defaultdict(float)

    def weigh(start: int, end: int, base: float) -> float:
        w = base + (cfg["issuer_weight"] if issuer.search(body[end:end + 16]) else 0)
        return w * (cfg["early_factor"] if start < early else 1)

    for m in find_mentions(body):
        p = m.place
        w = weigh(m.start, m.end, cfg["official_weight"] if m.form == "official" else cfg["short_weight"])
        scores[Candidate(p.full_name, p.full_name_en, p.level, p.suffix)] += w
        parent = parent_of(p) if p.level in ("county", "zone") else None
        if parent is not None:
            scores[Candidate(parent.full_name, parent.full_name_en, parent.level, parent.suffix)] += \
                cfg["child_weight"] * w
    reject = rx(cfg["unknown_issuer_reject"])
    for m in rx(cfg["unknown_issuer"]).finditer(body):
        name = m.group(1)
        if lookup(name) is None and not reject.search(name):
            scores[_unknown_candidate(name, cfg)] += weigh(m.start(1), m.end(1), cfg["official_weight"])
    return scores


def _threshold(cand: Candidate, markers: Counter, cfg: dict) -> float:
    """Minimum mention score; one short mention is enough when the level words agree.

    (聊城 said twice in a text full of 全市/市委/市政府 is the city speaking.)
    """
    if markers:
        word, n = markers.most_common(1)[0]
        if word == cand.suffix and n >= cfg["marker_quorum"] and n / sum(markers.values()) >= 0.6:
            return cfg["short_weight"]
    return cfg["min_score"]


def header_issuers(header: str) -> dict[Candidate, float]:
    """Places the page header names as publisher (发布机构…, 来源：…人民政府, 主办单位…)."""
    cfg = load("metadata_cues")["region"]
    out: dict[Candidate, float] = defaultdict(float)
    line_rx = rx(cfg["header_issuer_line"])
    for line in (header or "").splitlines():
        m = line_rx.search(line)
        if not m:
            continue
        for mention in find_mentions(line[m.end():]):
            p = mention.place
            out[Candidate(p.full_name, p.full_name_en, p.level, p.suffix)] += cfg["header_issuer_weight"]
            break
    return out


def national_issuer(text: str) -> Optional[str]:
    """The words that show the central government issues the text (我代表国务院 …), or None."""
    for pattern in load("metadata_cues")["region"]["national_issuer"]["patterns"]:
        m = rx(pattern).search(text)
        if m:
            return m.group(0)
    return None


def infer_region(body: str, header: str = "") -> RegionGuess:
    """The issuing region of a document, with its level and English name, or an empty guess."""
    cfg = load("metadata_cues")["region"]
    if not body:
        return RegionGuess()
    national = national_issuer(header + "\n" + body)
    if national:
        n = nation()
        return RegionGuess(n.name, n.name_en, n.level, [f"national issuer: '{national}'"])
    scores = score_candidates(body)
    for cand, w in header_issuers(header).items():
        scores[cand] = scores.get(cand, 0.0) + w
    markers = level_markers(body)
    total = sum(markers.values())
    ranked = sorted(
        ((s * (markers[c.suffix] + 1) / (total + 1), s, c) for c, s in scores.items()),
        key=lambda t: (-t[0], -t[1], LEVEL_RANK.get(t[2].level, 3)),
    )
    if not ranked:
        return RegionGuess(evidence=["no place of the gazetteer is named in the text"])
    _, raw, best = ranked[0]
    if raw < _threshold(best, markers, cfg):
        return RegionGuess(evidence=[f"no issuer: the best candidate {best.region} has mention score "
                                     f"{raw:g}, below {_threshold(best, markers, cfg):g}"])
    ev = [f"{best.region}: mention score {raw:g}, level words {dict(markers)}"]
    return RegionGuess(best.region, best.region_en, best.level, ev)
