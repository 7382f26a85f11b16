"""Flag mojibake spots in the clean text (they are kept visible, never dropped)."""
from __future__ import annotations

import re
from typing import Optional

from core.models import Repair
from core.normalize.rules import MOJIBAKE_MARK, text_rules

_SPOT = re.compile(f"[{MOJIBAKE_MARK}\ufffd]+")
_BREAK = re.compile(r"[\n。！？]")


def flag_mojibake(text: str) -> tuple[str, Optional[Repair]]:
    """Turn internal markers back into '?' and log every damaged spot (offsets into the result).

    Spots closer than ``mojibake_merge_gap`` characters on the same sentence are merged, so
    ``??萍紕?`` is one spot rather than two. The text length does not change.
    """
    gap = int(text_rules()["mojibake_merge_gap"])
    spots: list[list[int]] = []
    for m in _SPOT.finditer(text):
        if spots and m.start() - spots[-1][1] <= gap and not _BREAK.search(text, spots[-1][1], m.start()):
            spots[-1][1] = m.end()
        else:
            spots.append([m.start(), m.end()])
    if MOJIBAKE_MARK in text:
        text = text.replace(MOJIBAKE_MARK, "?")
    if not spots:
        return text, None
    spans = tuple((a, b) for a, b in spots)
    return text, Repair("mojibake", len(spans), spans, tuple(text[max(0, a - 4):b + 4] for a, b in spans),
                        "flag only: damaged characters kept as '?'/U+FFFD; samples show 4 chars of context")
