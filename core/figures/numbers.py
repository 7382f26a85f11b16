"""Number spans of a sentence: the characters no figure may start in (exclusion masks), numeral
values (Arabic, Chinese and mixed numerals, fractions), the numbers that are in the text but are
not claims (thresholds, layouts, list restatements), and ``numbers``, the numbers of a sentence
that pass all of that, in reading order."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Iterator, Optional

from core.figures.clauses import clause_start
from core.figures.lexicon import Cues
from core.figures.units import full_unit, unit_is_other_word, unit_rules, written_unit
from core.limits import limit
from core.numerals import parse_chinese, parse_numeral


@dataclass(frozen=True)
class Number:
    """A number of a sentence that may be a figure, with its unit (magnitude included)."""

    value: float
    unit: str
    text: str                  # as written, hedge words after it left out
    start: int                 # offsets in the sentence; ``end`` is the end of ``text``
    end: int
    tail_end: int              # where the text after the number starts (after an "after" hedge)
    near_start: int            # end of the previous number of its clause, or -1
    match: Optional[re.Match]  # the number pattern's match (None for fractions and fixed values)
    fraction: bool = False
    rules: tuple[str, ...] = ()


def excluded_mask(text: str, c: Cues) -> list[bool]:
    """Characters inside short quotes/titles or exclusion patterns (slogan codes, policy names)."""
    mask = [False] * len(text)
    for pair in c.quote_pairs:
        o, e = pair[0], pair[1]
        rx = re.escape(o) + "[^" + re.escape(o + e) + "\n]{1,%d}" % c.max_quote_len + re.escape(e)
        for m in re.finditer(rx, text):
            for i in range(m.start(), m.end()):
                mask[i] = True
    for rx in c.exclude_spans:
        for m in rx.finditer(text):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


def num_value(m: re.Match, c: Cues) -> Optional[float]:
    """Value of the numeral of a number match (a small magnitude 千/百 applied); None when it is not
    a quantity (too many digits, a bare Chinese magnitude, a small Chinese numeral, not finite)."""
    raw = m["num"]
    if len(raw) > limit("number_max_digits"):
        return None  # a run of digits, not a quantity (and int() refuses over 4300 digits)
    if raw[0].isdigit():
        v = parse_numeral(raw)
    else:
        if c.chinese_bare_magnitude_re.fullmatch(raw):
            return None
        v = parse_chinese(raw)
        if v is None or (v < c.chinese_min_value and not m["pct"]):
            return None
    if v is None:
        return None
    if m["small"]:
        v *= c.small_factor[m["small"]]
    return v if math.isfinite(v) else None


def fraction_value(m: re.Match) -> Optional[float]:
    """A fraction (1/10, 五分之一) as a percentage; None unless it is a proper fraction."""
    if m["a"]:
        a, b = float(m["a"]), float(m["b"])
    else:
        a, b = parse_chinese(m["ca"]) or 0.0, parse_chinese(m["cb"]) or 0.0
    if not b or a > b:
        return None
    return round(a / b * 100, 2)


def not_a_figure(s: str, m: re.Match, v: float, unit: str, prev_end: int, c: Cues) -> bool:
    """Thresholds (N万元以上的项目), layout counts (a clause led by 围绕/依托), list restatements
    (A、B、C 3种) are numbers in the text but not claims."""
    ls = m.start()
    if (m["after"] and unit not in c.count_units
            and c.threshold_after_re.search(s[m.start("after"):m.start("after") + 6])):
        return True
    cs = clause_start(s, ls)
    if unit in c.count_units:
        near_left = s[cs:ls]
        if c.framework_lead_re.search(near_left):
            return True
        seg = s[max(cs, prev_end):ls]
        items = seg.split(c.list_item_sep)
        if (len(items) >= 2 and v == len(items) and all(items)
                and not any(w in near_left for w in c.new_cues)):
            return True
    return False


def _excluded_at(s: str, m: re.Match, c: Cues) -> bool:
    """The characters around the number make it a code, an ordinal or a name (第3, G20, 3大)."""
    ls, le = m.span()
    if c.exclude_before.search(s[max(0, ls - 2):ls]) or c.exclude_after.search(s[le:le + 3]):
        return True
    # a Chinese numeral right before an opening quote counts the quoted thing (三“…”)
    return not m["num"][0].isdigit() and le < len(s) and s[le] in c.quote_open


def _number_rules(m: re.Match) -> tuple[str, ...]:
    out = ["number:arabic" if m["num"][0].isdigit() else "number:chinese"]
    if m["pct"]:
        out.append("number:percent_words")
    if m["small"]:
        out.append("number:small_magnitude")
    if m["num2"]:
        out.append("number:range")
    return tuple(out)


def numbers(s: str, mask: list[bool], c: Cues) -> Iterator[Number]:
    """Numbers (and fractions) of sentence ``s`` that may be figures, in reading order.

    A number overlapping an earlier one, starting in the exclusion ``mask``, without a unit, or
    rejected by the checks above is skipped."""
    matches = [(m.start(), 0, m) for m in c.number_re.finditer(s)]
    matches += [(m.start(), 1, m) for m in c.fraction_re.finditer(s)]
    matches.sort(key=lambda t: (t[0], t[1]))
    taken_end = 0
    prev_end = -1                      # end of the last number taken
    for ls, is_fraction, m in matches:
        le = m.end()
        if ls < taken_end or mask[ls]:  # matches come in start order: overlap = starts before the last end
            continue
        near_start = prev_end if prev_end >= clause_start(s, ls) else -1
        if is_fraction:
            v = fraction_value(m)
            if v is None:
                continue
            yield Number(v, "%", m.group(), ls, le, le, near_start, None, True,
                         ("number:fraction",) + unit_rules(None, "%", c))
        else:
            unit = written_unit(m)
            if not unit or _excluded_at(s, m, c) or unit_is_other_word(s, m, c):
                continue
            v = num_value(m, c)
            if v is None or not_a_figure(s, m, v, unit, prev_end, c):
                continue
            text = m.group()[: m.start("after") - ls] if m["after"] else m.group()
            yield Number(v, full_unit(m, unit), text, ls, ls + len(text), le, near_start, m, False,
                         _number_rules(m) + unit_rules(m, unit, c))
        taken_end = max(taken_end, le)
        prev_end = le
