"""Helpers that apply a substitution and log it as a ``models.Repair``."""
from __future__ import annotations

import re
from typing import Callable, Optional, Union

from core.models import Repair

SAMPLE_CAP = 20   # cosmetic repairs keep the first snippets; removals keep all of them

Replacement = Union[str, Callable[[re.Match], Optional[str]]]


def sub_logged(text: str, pattern: re.Pattern, repl: Replacement, kind: str, *,
               keep_all_samples: bool = False, note: str = "") -> tuple[str, Optional[Repair]]:
    """Replace every match of ``pattern``; return the new text and a Repair (None if nothing changed).

    ``repl`` is a string or a function of the match returning the replacement, or ``None``
    to leave that match alone. Spans are offsets into ``text`` (the text before this repair).
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    samples: list[str] = []
    pos = 0
    for m in pattern.finditer(text):
        new = repl(m) if callable(repl) else m.expand(repl)
        if new is None or new == m.group(0):
            continue
        out.append(text[pos:m.start()])
        out.append(new)
        pos = m.end()
        spans.append((m.start(), m.end()))
        if keep_all_samples or len(samples) < SAMPLE_CAP:
            samples.append(m.group(0))
    if not spans:
        return text, None
    out.append(text[pos:])
    return "".join(out), Repair(kind, len(spans), tuple(spans), tuple(samples), note)


def remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the (sorted, non-overlapping) ``spans``."""
    out, pos = [], 0
    for a, b in spans:
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return "".join(out)
