"""What a number measures: level, growth, share, difference, progress or a count of new things."""
from __future__ import annotations

import re
from typing import Optional

from core.figures.clauses import ClausePos, clause_start, is_noun_phrase
from core.figures.lexicon import Cues


def is_new_count(s: str, cs: int, ls: int, near_left: str, tp: "ClausePos", c: Cues) -> bool:
    """A count of new things: a new cue before it in its clause (no 累计-like cue after the cue),
    or a verbless "NP N家" clause continuing a list opened by a new cue ("新认定A 1家，B 23家")."""
    new = c.raw["new_cues"]
    not_new = c.raw["not_new_cues"]

    def cue_in(text: str) -> Optional[bool]:
        hits = [(text.rfind(w), w) for w in new if w in text]
        if not hits:
            return None
        at = max(hits)[0]
        return not any(w in text[at:] or w in text[:at][-4:] for w in not_new)

    own = cue_in(near_left)
    if own is not None:
        return own
    bound = max(s.rfind("；", 0, cs), s.rfind(";", 0, cs), s.rfind("。", 0, cs))
    end = cs - 1
    if not is_noun_phrase(tp.tags(near_left, cs, ls)):
        return False
    while end > bound + 1:
        pcs = clause_start(s, end)
        left = s[pcs:end]
        if not re.search(r"\d", left):
            return False
        found = cue_in(left)
        if found is not None:
            return found
        if not is_noun_phrase(tp.tags(left[:re.search(r"\d", left).start()], pcs, end)):
            return False
        end = pcs - 1
    return False
