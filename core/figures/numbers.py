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
    role: str = ""             # "lower"/"upper" end of a range, "part" of a ratio, "" otherwise


QUOTED, PATTERN = 1, 2     # why a character is excluded (a mask value is truthy either way)


def excluded_mask(text: str, c: Cues) -> list[int]:
    """Characters inside short quotes/titles (``QUOTED``) or exclusion patterns (``PATTERN``: slogan
    codes, policy names); 0 elsewhere."""
    mask = [0] * len(text)
    for rx in c.quote_res:
        for m in rx.finditer(text):
            mask[m.start():m.end()] = [QUOTED] * (m.end() - m.start())
    for rx in c.exclude_spans:
        for m in rx.finditer(text):
            mask[m.start():m.end()] = [PATTERN] * (m.end() - m.start())
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
        if v is None or (v < c.chinese_min_value and not m["pct"] and m["unit"] not in c.small_chinese_units):
            return None
    if v is None:
        return None
    if m["small"]:
        v *= c.small_factor[m["small"]]
    return v if math.isfinite(v) else None


def fraction_value(m: re.Match) -> Optional[tuple[float, str]]:
    """(value, unit) of a proper fraction: written a/b a percentage (2/3 -> 66.67 %), written in
    words a ratio (四分之一 -> 0.25, unit ''); None unless it is a proper fraction."""
    if m["a"]:
        a, b = float(m["a"]), float(m["b"])
    else:
        a, b = parse_chinese(m["ca"]) or 0.0, parse_chinese(m["cb"]) or 0.0
    if not b or a > b:
        return None
    return (round(a / b * 100, 2), "%") if m["a"] else (round(a / b, 4), "")


def not_a_figure(s: str, m: re.Match, v: float, unit: str, prev_end: int, c: Cues) -> bool:
    """Thresholds (N万元以上的项目), layout counts (a clause led by 围绕/依托), list restatements
    (A、B、C 3种) are numbers in the text but not claims."""
    ls = m.start()
    if (m["after"] and unit not in c.count_units and unit not in c.share_units
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


def _shared_unit(s: str, m: re.Match, following: list[re.Match], c: Cues) -> Optional[str]:
    """The full unit a bare number borrows from the next number of its list (6.6和4.6个百分点; 2万、
    3万亿元 = 2万亿元), or None."""
    sp = c.special
    j = sp["shared_unit_joiners_re"].match(s, m.end())
    if not j:
        return None
    nxt = next((x for x in following if x.start() == j.end()), None)
    if nxt is None or not written_unit(nxt):
        return None
    mag, nmag = m["mag"] or "", nxt["mag"] or ""
    if mag and not nmag.startswith(mag):
        return None
    return nmag + written_unit(nxt) if (mag or nmag) else written_unit(nxt)


def _bare_magnitude(s: str, m: re.Match, c: Cues) -> Optional[tuple[float, str]]:
    """突破万亿元 / 超千亿元 / 破万亿: a magnitude word alone after a verb of reaching is 1 of it."""
    sp = c.special
    raw = m["num"]
    if raw not in sp["bare_words"] or not sp["bare_before_re"].search(s[max(0, m.start() - 3):m.start()]):
        return None
    return 1.0, raw + (m["mag"] or "") + written_unit(m)


def _special_matches(s: str, c: Cues) -> list[tuple[int, int, str, re.Match]]:
    """(start, order, kind, match) of ratios (结构为9.3:37.0:53.7) and unitless scores (指数89.0)."""
    sp = c.special
    out = []
    for m in sp["ratio_re"].finditer(s):
        if sp["ratio_lead_re"].search(s[max(0, m.start() - 8):m.start()]):
            out.append((m.start(), 2, "ratio", m))
    for m in sp["index_re"].finditer(s):
        if sp["index_lead_re"].search(s[max(0, m.start() - 8):m.start()]):
            out.append((m.start(), 3, "index", m))
    for m in sp["double_digit_re"].finditer(s):
        out.append((m.start(), 2, "double", m))
    return out


def numbers(s: str, mask: list[int], c: Cues) -> Iterator[Number]:
    """Numbers (and fractions) of sentence ``s`` that may be figures, in reading order.

    A number overlapping an earlier one, starting in the exclusion ``mask`` (inside quotes only
    money, percent and physical quantities count), without a unit, or rejected by the checks above
    is skipped; a range gives both of its ends."""
    sp = c.special
    plain = list(c.number_re.finditer(s))
    matches = [(m.start(), 0, "num", m) for m in plain]
    matches += [(m.start(), 1, "frac", m) for m in c.fraction_re.finditer(s)]
    matches += [(m.start(), 1, "halfword", m) for m in _fraction_words(s, c)]
    matches += _special_matches(s, c)
    matches.sort(key=lambda t: (t[0], t[1]))
    taken_end = 0
    prev_end = -1                      # end of the last number taken
    for ls, _, kind, m in matches:
        le = m.end()
        if ls < taken_end:  # matches come in start order: overlap = starts before the last end
            continue
        near_start = prev_end if prev_end >= clause_start(s, ls) else -1
        if kind in ("frac", "halfword"):
            if mask[ls]:
                continue
            got = fraction_value(m) if kind == "frac" else (sp["fraction_words"][m.group()], "")
            if got is None:
                continue
            v, unit = got
            yield Number(v, unit, m.group(), ls, le, le, near_start, None, True,
                         ("number:fraction",) + unit_rules(None, unit or "%", c))
        elif kind == "ratio":
            if mask[ls]:
                continue
            for part in re.finditer(r"\d+(?:\.\d+)?", m.group()):
                a = ls + part.start()
                yield Number(float(part.group()), "", part.group(), a, a + len(part.group()),
                             a + len(part.group()), -1, None, rules=("number:ratio_part",), role="part")
        elif kind == "double":
            if mask[ls]:
                continue
            dd = sp["double_digit"]
            yield Number(float(dd["value"]), dd["unit"], m.group(), ls, le, le, near_start, None,
                         rules=("number:double_digit",))
        elif kind == "index":
            if mask[ls]:
                continue
            v = parse_numeral(m.group())
            if v is None:
                continue
            yield Number(v, "", m.group(), ls, le, le, near_start, None, rules=("number:index_score",))
        else:
            out = _one_number(s, m, mask, plain, prev_end, near_start, c)
            if not out:
                continue
            yield from out
        taken_end = max(taken_end, le)
        prev_end = le


def _fraction_words(s: str, c: Cues) -> list[re.Match]:
    rx = c.special["fraction_words_re"]
    return list(rx.finditer(s)) if rx is not None else []


def _one_number(s: str, m: re.Match, mask: list[int], plain: list[re.Match], prev_end: int,
                near_start: int, c: Cues) -> list[Number]:
    """The figure(s) of one match of the number pattern: [] when it is not one; a range gives two."""
    ls, le = m.span()
    sp = c.special
    unit = written_unit(m)
    rules: tuple[str, ...] = ()
    bare = _bare_magnitude(s, m, c)
    if mask[ls]:
        if mask[ls] != QUOTED or not unit or c.unit_classes.get(m["unit"] or "%") not in sp["quoted_units"]:
            return []
        rules += ("number:quoted_quantity",)
    if bare is not None:
        v, full = bare
        return [Number(v, full, m.group()[: m.start("after") - ls] if m["after"] else m.group(), ls,
                       le if not m["after"] else m.start("after"), le, near_start, m, False,
                       ("number:bare_magnitude", f"unit:magnitude={m['num']}"))]
    full = None
    if not unit:
        full = _shared_unit(s, m, [x for x in plain if x.start() > ls], c)
        if full is not None:
            rules += ("unit:shared_by_list",)
        elif (m["mag"] or "") in sp["magnitude_units"]:
            full = m["mag"]
            rules += (f"unit:magnitude_only={m['mag']}",)
        else:
            return []
    elif _excluded_at(s, m, c):
        return []
    elif unit_is_other_word(s, m, c):
        mag = m["mag"] or next((w for w in sp["magnitude_units"] if not m["num"][0].isdigit()
                                and m["num"].endswith(w)), "")
        if not mag or (m["mag"] or "") not in sp["magnitude_units"] and not m["num"].endswith(mag):
            return []
        unit, full = "", m["mag"] or ""          # 4万亿台阶, 三万亿台阶: the magnitude is the unit
        rules += (f"unit:magnitude_only={mag}",)
        le = m.start("unit")
    v = num_value(m, c)
    if v is None or (unit and not_a_figure(s, m, v, unit, prev_end, c)):
        return []
    full = full if full is not None else full_unit(m, unit)
    text = m.group()[: m.start("after") - ls] if m["after"] else m.group()[:le - ls]
    base_rules = _number_rules(m) + (unit_rules(m, unit, c) if unit else ()) + rules
    if not m["num2"]:
        return [Number(v, full, text, ls, ls + len(text), le, near_start, m, False, base_rules)]
    upper = _range_upper(m, c)
    lower_text = m["num"]
    out = [Number(v, full, lower_text, ls, ls + len(lower_text), le, near_start, m, False, base_rules, "lower")]
    if upper is not None:
        a = m.start("num2")
        out.append(Number(upper, full, text[a - ls:], a, ls + len(text), le, ls, m, False, base_rules, "upper"))
    return out


def _range_upper(m: re.Match, c: Cues) -> Optional[float]:
    """Value of the upper end of a range (6-8亿元 -> 8), with the small magnitude applied."""
    raw = m["num2"]
    v = parse_numeral(raw) if raw[0].isdigit() else parse_chinese(raw)
    if v is None or not math.isfinite(v):
        return None
    if m["small"]:
        v *= c.small_factor[m["small"]]
    return v
