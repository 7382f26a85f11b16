"""The claim's frame: hedge words (the qualifier), scope (全市, 全省 …) and a target's deadline.
The kind (actual, estimate, target) is decided by ``core.figures.modality``."""
from __future__ import annotations

import re
from typing import Optional

from core.figures.lexicon import Cues
from core.periods import resolve_deadline


def claim_scope(left: str, c: Cues) -> tuple[Optional[str], str]:
    """(scope named last in ``left`` that is not a comparison's object (高于全省), rule)."""
    best, rule = None, ""
    for m in c.scope_re.finditer(left):
        pre = left[max(0, m.start() - 2):m.start()]
        if c.scope_not_after_re.search(pre):
            continue
        best, rule = c.scope_words[m.group()], f"scope:word={m.group()}"
    return best, rule


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
