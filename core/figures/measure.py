"""What a number measures: level, growth, share, difference, progress or a count of new things;
its sign (declines are negative growth) and what it is compared with."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from core.figures.clauses import ClausePos, clause_start, is_noun_phrase
from core.figures.draft import Draft
from core.figures.lexicon import Cues
from core.figures.numbers import Number


@dataclass(frozen=True)
class Measure:
    """The measure stage's decision for one number."""

    measure: str
    value: float
    compared_to: Optional[str]
    comparison: Optional[re.Match]   # the comparison cue before the number (高于全省), for the phrase stage
    multiple_of: Optional[str]       # 是X的N倍: the base of a multiple
    rules: tuple[str, ...]


def _new_cue(text: str, c: Cues) -> tuple[Optional[bool], str]:
    """(whether the last new cue of ``text`` counts new things, the cue); (None, "") without a cue.
    A not-new cue (累计, 已有) after the cue or just before it cancels it."""
    hits = [(text.rfind(w), w) for w in c.new_cues if w in text]
    if not hits:
        return None, ""
    at, word = max(hits)
    return not any(w in text[at:] or w in text[:at][-4:] for w in c.not_new_cues), word


def new_count_rule(s: str, cs: int, ls: int, near_left: str, tp: ClausePos, c: Cues) -> str:
    """The rule that makes a count a count of new things, "" when it is not one: a new cue before it
    in its clause (``new_cue``), or a verbless "NP N家" clause continuing a list that a new cue
    opened earlier in the sentence part (``list_continues``: 新认定A 1家，B 23家)."""
    own, word = _new_cue(near_left, c)
    if own is not None:
        return f"new_cue={word}" if own else ""
    bound = max(s.rfind(ch, 0, cs) for ch in c.list_bounds)
    end = cs - 1
    if not is_noun_phrase(tp.tags(near_left, cs, ls)):
        return ""
    while end > bound + 1:
        pcs = clause_start(s, end)
        left = s[pcs:end]
        digit = re.search(r"\d", left)
        if not digit:
            return ""
        found, word = _new_cue(left, c)
        if found is not None:
            return f"list_continues={word}" if found else ""
        if not is_noun_phrase(tp.tags(left[:digit.start()], pcs, end)):
            return ""
        end = pcs - 1
    return ""


def _base_measure(s: str, num: Number, cs: int, left_seg: str, near_left: str, tp: ClausePos,
                  c: Cues) -> tuple[str, Optional[str], str]:
    """(measure, base of a multiple, rule) from the unit and the cues around the number."""
    unit = num.unit
    if unit in c.point_units:
        return "difference", None, "measure:difference:points_unit"
    if unit in c.share_units:
        return "share", None, "measure:share:unit"          # 近4成企业: a share of the whole
    if unit in c.rank_move_units:
        return "difference", None, "measure:difference:rank_move"     # 提升3个位次
    if c.progress_re.search(near_left):
        return "progress", None, "measure:progress:cue"
    if unit in c.percent_units or unit in c.ratio_units or num.fraction:
        after = s[num.end:num.end + 10]
        if c.growth_re.search(near_left):
            return "growth", None, "measure:growth:cue_before"
        if c.growth_after_re.search(after):
            return "growth", None, "measure:growth:cue_after"
        if c.growth_goal_re.search(s[max(0, num.start - 30):num.start]):
            return "growth", None, "measure:growth:goal"
        if unit == c.multiple_unit and c.multiple_of_re.search(near_left):
            return "growth", c.multiple_of_re.search(near_left)["base"], "measure:growth:multiple_of"
        if c.share_words_re.search(left_seg):
            return "share", None, "measure:share:share_word"
        if c.share_of_whole_re.search(near_left):
            return "share", None, "measure:share:of_whole"
        if unit != c.multiple_unit and c.share_after_re.search(after):
            return "share", None, "measure:share:after"
        if num.fraction:
            return "share", None, "measure:share:fraction"
        return "level", None, "measure:level:default"
    if unit.lstrip(c.magnitude_chars) in c.count_units:
        rule = new_count_rule(s, cs, num.start, near_left, tp, c)
        if rule:
            return "count_new", None, f"measure:count_new:{rule}"
    return "level", None, "measure:level:default"


def decide_measure(s: str, num: Number, hint: Optional[str], cs: int, left_seg: str, near_left: str,
                   prev: Optional[Draft], tp: ClausePos, c: Cues) -> Measure:
    """Measure, signed value and comparison base of ``num``.

    ``hint`` fixes the measure (a fixed-value figure); ``prev`` is the figure before it in its
    clause: a bare list item after it ("A增长5%、B增长3%和6%") takes its share/growth measure and sign.
    """
    value = num.value
    multiple_of = None
    if hint is not None:
        measure, rules = hint, [f"measure:{hint}:fixed"]
    else:
        measure, multiple_of, rule = _base_measure(s, num, cs, left_seg, near_left, tp, c)
        rules = [rule]
        if (measure == "level" and prev is not None and left_seg.strip() in c.list_joiners
                and prev.fig.unit == num.unit and prev.fig.measure in ("share", "growth")):
            measure = prev.fig.measure
            rules.append(f"measure:{measure}:list_item")
            if prev.fig.value < 0:
                value = -abs(value)
                rules.append("value:negative:list_item")
    cm = c.compare_re.search(near_left)
    compare = None
    if cm and measure in ("difference", "growth", "level"):
        compare = cm.group(1)
        rules.append("compare:cue")
    if multiple_of:
        compare = multiple_of
        rules.append("compare:multiple_of")
    if c.decline_re.search(near_left) and measure in ("growth", "difference"):
        value = -abs(value)
        rules.append("value:negative:decline")
    return Measure(measure, value, compare, cm, multiple_of, tuple(rules))
