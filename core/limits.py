"""Caps that keep every stage linear in the text, and the small helpers that apply them.

The caps live in ``core/data/limits.json`` (``limit(name)``). The expensive extractors (figures:
jieba and many cue patterns per number) work on *pieces*: a sentence longer than
``figure_sentence_max_chars`` is cut at clause marks into pieces no longer than that, and a clause
longer than ``figure_clause_max_chars`` (an unbroken run: a digit string, a list without
punctuation) is cut into chunks of at most that length, never inside a number when a better cut
is near. The work per piece is then bounded, so the total is linear in the text length. Real
documents are far below the caps and pass through unchanged.

``ClauseCuts`` answers "where does the clause around this offset start/end" by bisection over
precomputed clause marks instead of a scan per call.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from pathlib import Path
from typing import Iterable, Optional

from core.models import Sentence

LIMITS_PATH = Path(__file__).parent / "data" / "limits.json"
# a cut between two of these characters would split a number ("12|34", "一|百", "3.|5")
_NUMBERISH = re.compile(r"[\d.,零〇一二两三四五六七八九十百千万亿A-Za-z%％]")


@functools.lru_cache(maxsize=1)
def limits() -> dict:
    """All caps of ``core/data/limits.json`` (loaded once)."""
    return {k: v for k, v in json.loads(LIMITS_PATH.read_text(encoding="utf-8")).items()
            if not k.startswith("_")}


def limit(name: str) -> int:
    """One cap by name (``KeyError`` for an unknown name: a typo must not silently disable a cap)."""
    return limits()[name]


class ClauseCuts:
    """Offsets of the clause marks of one string, for O(log n) clause bounds."""

    __slots__ = ("n", "cuts")

    def __init__(self, s: str, delims: str):
        self.n = len(s)
        self.cuts = [m.start() for m in re.finditer("[" + re.escape(delims) + "]", s)]

    def start(self, pos: int) -> int:
        """Start of the clause holding ``pos``: just after the last mark before ``pos``."""
        k = bisect.bisect_left(self.cuts, pos)
        return self.cuts[k - 1] + 1 if k else 0

    def end(self, pos: int) -> int:
        """End of the clause holding ``pos``: the first mark at or after ``pos`` (or the string end)."""
        k = bisect.bisect_left(self.cuts, pos)
        return self.cuts[k] if k < len(self.cuts) else self.n


def _cut_at(text: str, lo: int, hi: int, back: int) -> int:
    """A cut position in (lo, hi]: ``hi`` unless it splits a number and a clean cut lies within ``back``."""
    for i in range(hi, max(lo, hi - back), -1):
        if not (_NUMBERISH.match(text, i - 1) and i < len(text) and _NUMBERISH.match(text, i)):
            return i
    return hi


def _segments(text: str, delims: str, max_clause: int, back: int) -> Iterable[tuple[int, int, bool]]:
    """(start, end, ends_clause) of the clauses of ``text`` (marks kept at the clause end);
    clauses longer than ``max_clause`` come in chunks, all but the last with ``ends_clause`` False."""
    d = re.escape(delims)
    for m in re.finditer(f"[^{d}]+[{d}]*|[{d}]+", text):
        a, b = m.span()
        while b - a > max_clause:
            c = _cut_at(text, a, a + max_clause, back)
            yield a, c, False
            a = c
        yield a, b, True


def bounded_sentences(sentences: Iterable[Sentence], delims: str, max_chars: Optional[int] = None,
                      max_clause: Optional[int] = None) -> list[Sentence]:
    """``sentences`` with every sentence over ``max_chars`` (or holding a clause over ``max_clause``)
    replaced by consecutive pieces that respect both caps; other sentences are returned as they are.

    A piece is a ``Sentence`` with the same ``index`` and ``damaged`` flag, its own offsets and
    ``clean[piece.start:piece.end] == piece.text``. A chunk cut out of an over-long clause always
    ends its piece, so no clause of a piece exceeds ``max_clause``.
    """
    max_chars = max_chars or limit("figure_sentence_max_chars")
    max_clause = min(max_clause or limit("figure_clause_max_chars"), max_chars)
    back = limit("cut_search_back_chars")
    long_clause = re.compile(f"[^{re.escape(delims)}]{{{max_clause + 1}}}")
    out: list[Sentence] = []
    for s in sentences:
        if len(s.text) <= max_chars and not long_clause.search(s.text):
            out.append(s)
            continue
        pa = pb = 0
        for a, b, ends_clause in _segments(s.text, delims, max_clause, back):
            if b - pa > max_chars and pb > pa:
                out.append(_piece(s, pa, pb))
                pa = pb
            pb = b
            if not ends_clause:
                out.append(_piece(s, pa, pb))
                pa = pb
        if pb > pa:
            out.append(_piece(s, pa, pb))
    return out


def _piece(s: Sentence, a: int, b: int) -> Sentence:
    return Sentence(s.index, s.start + a, s.start + b, s.text[a:b], s.damaged)


def shorten(text: str, max_chars: Optional[int] = None) -> str:
    """``text`` cut to ``max_chars`` (default ``shown_input_max_chars``) with "…" when it was longer."""
    max_chars = max_chars or limit("shown_input_max_chars")
    text = "" if text is None else str(text)
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"
