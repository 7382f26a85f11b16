"""The claim's frame: kind (actual or target, with the paragraph's mode as the fallback), hedge
words (the qualifier), scope (全市, 全省 …) and a target's deadline."""
from __future__ import annotations

import re
from typing import Optional

from core.figures.lexicon import Cues
from core.periods import resolve_deadline


def paragraph_modes(clean: str, c: Cues) -> tuple[list[int], list[str]]:
    """(start offset, mode) of each paragraph: "plan" (target cues, no actual cues), "actual", or the
    mode of the paragraph before."""
    starts, modes = [], []
    prev = "actual"
    pos = 0
    for para in clean.split("\n"):
        has_t = any(m.group() not in c.plan_paragraph_ignores for m in c.target_re.finditer(para))
        if c.actual_re.search(para):
            mode = "actual"
        elif has_t:
            mode = "plan"
        else:
            mode = prev
        starts.append(pos)
        modes.append(mode)
        prev = mode
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
                c: Cues) -> tuple[str, str]:
    """(kind, rule): by the period against the document's year, else a target cue before the number,
    else an actual cue in the sentence, else the paragraph's mode."""
    py = int(period[:4]) if period and period[:4].isdigit() else None
    if year is not None and py is not None:
        if py < year:
            return "actual", "kind:actual:period_before_document_year"
        if py > year:
            return "target", "kind:target:period_after_document_year"
    m = c.target_re.search(left)
    if m:
        return "target", f"kind:target:cue={m.group()}"
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
