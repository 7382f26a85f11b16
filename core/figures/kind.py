"""The claim's frame: kind (actual or target), paragraph mode, qualifier (hedges) and scope."""
from __future__ import annotations

import re
from typing import Optional

from core.figures.lexicon import Cues


def paragraph_modes(clean: str, c: Cues) -> tuple[list[int], list[str]]:
    """Each paragraph's mode: "plan" (target cues, no actual cues), "actual", or inherited."""
    starts, modes = [], []
    prev = "actual"
    pos = 0
    for para in clean.split("\n"):
        has_t = any(m.group() not in ("预计", "有望") for m in c.target_re.finditer(para))
        has_a = bool(c.actual_re.search(para))
        if has_a:
            mode = "actual"
        elif has_t:
            mode = "plan"
        elif para.strip():
            mode = prev
        else:
            mode = prev
        starts.append(pos)
        modes.append(mode)
        prev = mode
        pos += len(para) + 1
    return starts, modes


def claim_scope(left: str, c: Cues) -> Optional[str]:
    best = None
    for m in c.scope_re.finditer(left):
        pre = left[max(0, m.start() - 2):m.start()]
        if re.search(r"(?:高于|低于|快于|慢于|超过|领先|比|较|居|列)$", pre):
            continue
        best = c.raw["scope_words"][m.group()]
    return best


def decide_kind(sent: str, left: str, para_mode: str, period: Optional[str], year: Optional[int],
          c: Cues) -> str:
    py = int(period[:4]) if period and period[:4].isdigit() else None
    if year is not None and py is not None:
        if py < year:
            return "actual"
        if py > year:
            return "target"
    if c.target_re.search(left):
        return "target"
    if c.actual_re.search(sent):
        return "actual"
    return "target" if para_mode == "plan" else "actual"


def qualifier_words(sent_left: str, near_left: str, m: Optional[re.Match], c: Cues,
               kind: str) -> list[str]:
    q = []
    if kind == "target":
        th = [w for w in c.raw["target_hedges"] if w in sent_left]
        if th:
            q.append(min(th, key=lambda w: -sent_left.rfind(w)))
    for w in sorted(c.raw["hedges_before"], key=len, reverse=True):
        if near_left.endswith(w) or near_left.endswith(w + "了"):
            q.append(w)
            break
    if m is not None:
        if m["inner0"] or m["inner"]:
            q.append(m["inner0"] or m["inner"])
        if m["after"]:
            q.append(m["after"])
        if m["num2"]:
            q.append("至" + m["num2"])
    return q
