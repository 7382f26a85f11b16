"""The unit of a number: the classifier or unit after it (家, 亿元, %, 个百分点), 百分之 as %, and the
words after a unit that make it something else (3个月 is a duration, not a count)."""
from __future__ import annotations

import re
from typing import Optional

from core.figures.lexicon import Cues


def written_unit(m: re.Match) -> str:
    """The unit as written after the number, "%" for 百分之…, "" when there is none."""
    return m["unit"] or ("%" if m["pct"] else "")


def unit_is_other_word(s: str, m: re.Match, c: Cues) -> bool:
    """The unit characters start another word (个月, 年, 一批): not a unit, unless a hedge or
    a bracketed unit follows it."""
    if not m["unit"] or m["after"] or m["suf"]:
        return False
    after = s[m.end("unit"):m.end("unit") + 4]
    other = c.unit_other_words.get(m["unit"])
    return bool(c.unit_not_followed.search(after) or (other and other.match(after)))


def full_unit(m: re.Match, unit: str) -> str:
    """The unit with its magnitude (万, 亿, 万亿 stay in the unit: 2万亿元)."""
    return (m["mag"] or "") + unit


def unit_rules(m: Optional[re.Match], unit: str, c: Cues) -> tuple[str, ...]:
    """Trace of the unit stage: its class and word, and the magnitude kept in it."""
    if m is None:
        return ("unit:fraction_percent",)
    if not m["unit"]:
        return ("unit:percent_words",)
    out = (f"unit:{c.unit_classes.get(m['unit'], 'other')}={m['unit']}",)
    return out + ((f"unit:magnitude={m['mag']}",) if m["mag"] else ())
