"""Counted industry chains and clusters: "10条优势产业链", "七大优势产业集群" with their named members.

Also home of three small helpers shared with ``core.slogans`` and ``core.themes``:
``cn_to_int`` (Chinese numerals), ``split_enumeration`` (an "A、B、C等" list) and
``sentence_at`` (the sentence holding an offset).

One ``Chain`` per (count, label) in a document: the occurrence naming the most members,
else the first one.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from core.models import Sentence

DATA = Path(__file__).parent / "data"

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


@dataclass
class Chain:
    """A counted set of industry chains or clusters named in one sentence."""

    count: int
    label: str                       # as written after the count: "优势产业链", "千亿产业集群"
    names: list[str] = field(default_factory=list)
    sentence: str = ""
    start: int = 0                   # offsets of "count + measure word + label" in clean
    end: int = 0


@functools.lru_cache(maxsize=1)
def _patterns() -> dict:
    return json.loads((DATA / "chains_patterns.json").read_text(encoding="utf-8"))


def cn_to_int(text: str) -> Optional[int]:
    """Convert "12", "１２", "十二", "二十", "两", "一百" to an int; None when it is not a number."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        try:
            return int(text)
        except ValueError:
            return None
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current


def sentence_at(sentences: list[Sentence], pos: int, starts: Optional[list[int]] = None) -> Optional[Sentence]:
    """The sentence whose span holds ``pos`` (or the nearest one before it).

    ``starts`` (the sentences' start offsets) can be passed by callers that look up many offsets."""
    if not sentences:
        return None
    if starts is None:
        starts = [s.start for s in sentences]
    i = bisect.bisect_right(starts, pos) - 1
    return sentences[max(i, 0)]


def sentence_text(clean: str, sentences: list[Sentence], start: int, end: int,
                  starts: Optional[list[int]] = None) -> str:
    """Text of the sentence holding ``start``; falls back to the line around the span."""
    s = sentence_at(sentences, start, starts)
    if s is not None and s.start <= start < max(s.end, s.start + 1):
        return s.text
    a = clean.rfind("\n", 0, start) + 1
    b = clean.find("\n", end)
    return clean[a: b if b >= 0 else len(clean)]


def strip_lead(first: str) -> str:
    """Drop the clause's lead verbs from the first list item ("就是培育绿色石化" -> "绿色石化").

    Words come from ``lead_words`` in ``core/data/chains_patterns.json`` (longest first) and are
    stripped while at least two characters remain.
    """
    words = sorted(_patterns()["lead_words"], key=len, reverse=True)
    while True:
        w = next((w for w in words if first.startswith(w) and len(first) - len(w) >= 2), None)
        if w is None:
            return first
        first = first[len(w):]


def split_enumeration(segment: str) -> tuple[list[str], bool]:
    """Split "聚焦A、B、C等" into (["A", "B", "C"], partial=True). Items are stripped of the lead verb."""
    seg = segment.strip().rstrip("的").strip()
    partial = False
    for tail in ("等等", "等"):
        if seg.endswith(tail):
            seg, partial = seg[: -len(tail)], True
            break
    items = [x.strip() for x in seg.split("、")]
    items = [x for x in items if x]
    if not items:
        return [], partial
    items[0] = strip_lead(items[0])
    return items, partial


def _preceding_segment(clean: str, pos: int, limit: int = 160) -> str:
    """Text before ``pos`` back to the previous clause boundary."""
    bounds = _patterns()["boundary_chars"]
    i = pos
    lo = max(0, pos - limit)
    while i > lo and clean[i - 1] not in bounds:
        i -= 1
    return clean[i:pos]


# A Chinese count starts where its numeral run starts (or one later, when a mark before the run
# forbids its first character, as before): trying every position of a long run, each scanning to
# the run's end, was quadratic. Same matches as "(?<![0-9.\-—–~～至])(?P<count>[0-9]+|[一…百]+)".
_F, _CN = r"0-9.\-—–~～至", "一二两三四五六七八九十百"
_COUNT = (rf"(?P<count>(?<![{_F}])[0-9]+|(?<![{_F}{_CN}])[{_CN}]+|(?<=[{_F}][{_CN}])[{_CN}]+)"
          r"\s*(?P<mw>{mw})(?:左右)?")
_AFTER = re.compile(r"\s*(?:[:：（(]|[,，]?\s*(?:即|包括|分别是|分别为)[:：]?)([^。；;)）\n]{2,150})")


@functools.lru_cache(maxsize=1)
def _count_re() -> re.Pattern:
    mw = "|".join(map(re.escape, _patterns()["measure_words"]))
    return re.compile(_COUNT.format(mw=mw))


def _label_at(clean: str, pos: int, mw: str) -> Optional[str]:
    p = _patterns()
    stop = set(p["label_stop_chars"])
    run = []
    for ch in clean[pos: pos + p["max_label_len"]]:
        if ch in stop or not ("\u4e00" <= ch <= "\u9fff" or ch.isdigit()):
            break
        run.append(ch)
    run_s = "".join(run)
    for k in range(len(run_s), 1, -1):
        cand = run_s[:k]
        suffix = next((s for s in p["label_suffixes"] if cand.endswith(s)), None)
        if suffix is None or p["label_must_contain"] not in cand:
            continue
        if suffix == p["bare_suffix"] and mw != "大":
            nxt = clean[pos + k: pos + k + 1]
            if nxt and nxt not in p["bare_suffix_followers"]:
                continue
        return cand
    return None


def extract_chains(clean: str, sentences: list[Sentence]) -> list[Chain]:
    """Counted chains/clusters in a document, one per (count, label), in text order."""
    clean, sentences = clean or "", sentences or []
    found: dict[tuple[int, str], Chain] = {}
    starts = [s.start for s in sentences]
    for m in _count_re().finditer(clean):
        count = cn_to_int(m.group("count"))
        if not count:
            continue
        label = _label_at(clean, m.end(), m.group("mw"))
        if not label:
            continue
        start, end = m.start(), m.end() + len(label)
        names: list[str] = []
        before = _preceding_segment(clean, start)
        if before and not before.endswith("、"):
            items, partial = split_enumeration(before)
            if len(items) >= 2 or (partial and items):
                names = items
        if not names:
            after = _AFTER.match(clean, end)
            if after:
                items, _ = split_enumeration(after.group(1))
                if len(items) >= 2:
                    names = items
        chain = Chain(count, label, names, sentence_text(clean, sentences, start, end, starts), start, end)
        key = (count, label)
        old = found.get(key)
        if old is None or len(chain.names) > len(old.names):
            found[key] = chain
    return sorted(found.values(), key=lambda c: c.start)
