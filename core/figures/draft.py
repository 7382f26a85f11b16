"""A figure while its sentence is read: the record plus where it sits and how its phrase was found."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Optional

from core.models import Figure


@dataclass
class Draft:
    """One figure of the sentence being read, with what the later stages of the sentence need."""

    fig: Figure
    clause_start: int
    local_start: int           # offsets in the sentence
    local_end: int
    phrase_source: str         # "left" | "right" | "inherit" | "group"
    group: Optional[tuple[int, int]] = None   # the 分别 clause it belongs to: (clause start, cue offset)
    group_subjects: tuple[str, ...] = ()       # the subjects listed before that cue
    inherit_suffix: str = ""   # appended to an inherited phrase: X + 占全省…比重


def amend(fig: Figure, rules: Iterable[str] = (), **changes) -> Figure:
    """``fig`` with ``changes`` and ``rules`` appended to its trace."""
    return replace(fig, rules=fig.rules + tuple(rules), **changes)
