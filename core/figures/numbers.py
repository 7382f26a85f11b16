"""Number spans: exclusion masks, numeral values and numbers that are not claims."""
from __future__ import annotations

import math
import re
from typing import Optional

from core.figures.clauses import ClausePos, clause_start
from core.figures.lexicon import Cues
from core.limits import limit
from core.numerals import parse_chinese, parse_numeral


def excluded_mask(text: str, c: Cues) -> list[bool]:
    """Characters inside short quotes/titles or exclusion patterns (slogan codes, policy names)."""
    mask = [False] * len(text)
    maxq = c.raw["max_quote_len"]
    for pair in c.raw["quote_pairs"]:
        o, e = pair[0], pair[1]
        for m in re.finditer(re.escape(o) + "[^" + re.escape(o + e) + "\n]{1,%d}" % maxq + re.escape(e), text):
            for i in range(m.start(), m.end()):
                mask[i] = True
    for rx in c.exclude_spans:
        for m in rx.finditer(text):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


def num_value(m: re.Match, c: Cues) -> Optional[float]:
    raw = m["num"]
    if len(raw) > limit("number_max_digits"):
        return None  # a run of digits, not a quantity (and int() refuses over 4300 digits)
    if raw[0].isdigit():
        v = parse_numeral(raw)
    else:
        if re.fullmatch(c.raw["chinese_bare_magnitude"], raw):
            return None
        v = parse_chinese(raw)
        if v is None or (v < c.raw["chinese_min_value"] and not m["pct"]):
            return None
    if v is None:
        return None
    if m["small"]:
        v *= 1000 if m["small"] == "千" else 100
    return v if math.isfinite(v) else None


def not_a_figure(s: str, m: re.Match, v: float, unit: str, prev_end: int, tp: "ClausePos", c: Cues) -> bool:
    """Thresholds ("500万元以上技改项目"), layout counts ("围绕11条产业链"), list restatements
    ("海运、邮运、空运3种方式") are numbers in the text but not claims."""
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
        items = seg.split("、")
        if (len(items) >= 2 and v == len(items) and all(items)
                and not any(w in near_left for w in c.raw["new_cues"])):
            return True
    return False
