"""The claim's frame: kind (actual or target, with the paragraph's mode as the fallback), hedge
words (the qualifier), scope (全市, 全省 …) and a target's deadline."""
from __future__ import annotations

import re
from typing import Optional

from core.figures.lexicon import Cues
from core.periods import resolve_deadline


def _last_cue_mode(para: str, c: Cues) -> Optional[str]:
    """The mode of the last cue in ``para`` (a lead like "今年，将…重点做好四方面工作：" ends in a plan)."""
    last, mode = -1, None
    for m in c.target_re.finditer(para):
        if m.group() not in c.plan_paragraph_ignores and m.start() > last:
            last, mode = m.start(), "plan"
    for m in c.actual_re.finditer(para):
        if m.start() > last:
            last, mode = m.start(), "actual"
    return mode


def paragraph_modes(clean: str, c: Cues) -> tuple[list[int], list[str]]:
    """(start offset, mode) of each paragraph: "plan" (target cues, no actual cues), "actual", or the
    mode a cue-less paragraph inherits.

    A cue-less paragraph inherits from a plan section (a lead such as 下一步… or 2023年工作思路是：, or
    the answer to a question about plans: 将如何…？); the items of a list (一是…, 二、…) inherit the
    mode of the last cue of the paragraph that introduces them; a pledge quoted in a report (a plan
    paragraph outside a section) does not carry over."""
    starts, modes = [], []
    carry = "actual"                    # the mode a cue-less paragraph takes
    list_mode: Optional[str] = None     # the mode of the list being read, set by its lead
    prev_last: Optional[str] = None     # last cue mode of the paragraph before
    pos = 0
    for para in clean.split("\n"):
        body = c.speaker_label_re.sub("", para, count=1)
        has_t = any(m.group() not in c.plan_paragraph_ignores for m in c.target_re.finditer(para))
        section = bool(c.plan_section_lead_re.search(body))
        item = bool(c.list_item_re.match(body))
        if item and list_mode is None and prev_last is not None:
            list_mode = prev_last
        elif not item and para.strip():
            list_mode = None
        if c.actual_re.search(para) and not section:
            mode = "actual"
            if not item:
                carry = "actual"
        elif has_t or section:
            mode = "plan"
            if not item:
                carry = "plan" if section or carry == "plan" else "actual"   # a pledge does not carry
        else:
            mode = list_mode or carry
        if para.strip():
            if c.forward_question_re.search(body) and not c.retro_question_re.search(body):
                carry = "plan"          # the answer to 将如何…？ is a plan section
            prev_last = _last_cue_mode(para, c)
        starts.append(pos)
        modes.append(mode)
        pos += len(para) + 1
    return starts, modes


def claim_scope(left: str, c: Cues) -> tuple[Optional[str], str]:
    """(scope named last in ``left`` that is not a comparison's object (高于全省), rule)."""
    best, rule = None, ""
    for m in c.scope_re.finditer(left):
        pre = left[max(0, m.start() - 2):m.start()]
        if c.scope_not_after_re.search(pre):
            continue
        best, rule = c.scope_words[m.group()], f"scope:word={m.group()}"
    return best, rule


def decide_kind(sent: str, left: str, para_mode: str, period: Optional[str], year: Optional[int],
                c: Cues, after: str = "") -> tuple[str, str]:
    """(kind, rule): by the period against the document's year, else a target cue before the number,
    else an actual cue in the sentence, else the paragraph's mode."""
    py = int(period[:4]) if period and period[:4].isdigit() else None
    d = c.deadline_phrase_re.search(left)
    if d and d.end() >= len(left) - c.deadline_reach:
        return "target", "kind:target:deadline_phrase"    # 提出到2020年…达40%: a plan's target, even past
    if year is not None and py is not None:
        if py < year:
            return "actual", "kind:actual:period_before_document_year"
        if py > year:
            return "target", "kind:target:period_after_document_year"
    m = c.target_re.search(left)
    if m:
        return "target", f"kind:target:cue={m.group()}"
    if after and c.target_after_re.match(after):
        return "target", "kind:target:goal_after"
    m = c.actual_re.search(sent)
    if m:
        return "actual", f"kind:actual:cue={m.group()}"
    if para_mode == "plan":
        return "target", "kind:target:plan_paragraph"
    return "actual", "kind:actual:default"


def qualifier_words(sent_left: str, near_left: str, m: Optional[re.Match], c: Cues,
                    kind: str, role: str = "") -> tuple[list[str], list[str]]:
    """(hedge words in reading order, rules): a target's own hedge (the last one before the number)
    first, then the hedge right before the number, the inner and after hedges of the number pattern,
    and which end of a range the number is (区间下限 / 区间上限)."""
    q, rules = [], []
    if kind == "target":
        th = [w for w in c.target_hedges if w in sent_left]
        if th:
            q.append(min(th, key=lambda w: -sent_left.rfind(w)))
            rules.append(f"hedge:target={q[-1]}")
    for w in c.hedges_before:
        if near_left.endswith(w) or near_left.endswith(w + c.aspect_particle):
            q.append(w)
            rules.append(f"hedge:before={w}")
            break
    if m is not None:
        if m["inner0"] or m["inner"]:
            q.append(m["inner0"] or m["inner"])
            rules.append(f"hedge:inner={q[-1]}")
        if m["after"]:
            q.append(m["after"])
            rules.append(f"hedge:after={m['after']}")
    if role in ("lower", "upper"):
        q.append(c.special["range_lower" if role == "lower" else "range_upper"])
        rules.append(f"hedge:range:{role}")
    return q, rules


def target_deadline(before: str, after: str, date: Optional[str], year: Optional[int]) -> tuple[Optional[str], str]:
    """(deadline of a target, rule): a deadline phrase before the number, else after it in its
    clause, else the document's year."""
    d = resolve_deadline(before, date)
    if d:
        return d, "deadline:before"
    d = resolve_deadline(after, date) if after else None
    if d:
        return d, "deadline:after"
    if year:
        return str(year), "deadline:document_year"
    return None, ""


def period_or_deadline(period: Optional[str], deadline: Optional[str], rules: list[str]) -> Optional[str]:
    """The figure's period: the sentence's own, else a target's deadline (the rule is logged)."""
    if period:
        rules.append("period:sentence")
        return period
    if deadline:
        rules.append("period:deadline")
    return deadline
