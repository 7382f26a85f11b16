"""A figure while its sentence is read: the record plus where it sits and how its phrase was found."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from core.models import Figure


@dataclass
class Draft:
    fig: Figure
    clause_start: int
    local_start: int          # in sentence
    local_end: int
    phrase_source: str        # "left" | "right" | "inherit" | "group"
    group: Optional[tuple[int, int]] = None
    group_index: int = 0
    group_subjects: tuple[str, ...] = ()
    inherit_suffix: str = ""   # appended to an inherited phrase: X + 占全省规上工业比重
