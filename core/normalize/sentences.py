"""Split clean text into sentences with offsets (``clean[s.start:s.end] == s.text``)."""
from __future__ import annotations

import functools
import re
from typing import Sequence

from core.models import Sentence
from core.normalize.rules import text_rules

_OPENERS = {"“": "”", "‘": "’", "「": "」", "『": "』"}


@functools.lru_cache(maxsize=1)
def _sets() -> tuple[frozenset, frozenset, re.Pattern]:
    r = text_rules()
    term = frozenset(r["sentence_terminators"])
    closers = frozenset(r["sentence_closers"])
    # fast path for lines without quotes: text up to a run of terminators and closing marks
    fast = re.compile("[^" + re.escape("".join(term)) + "]*[" + re.escape("".join(term)) + "]+["
                      + re.escape("".join(closers)) + "]*|[^" + re.escape("".join(term)) + "]+")
    return term, closers, fast


def _matched_openers(line: str) -> set[int]:
    """Positions of opening quotes that have a matching closing quote later in the line."""
    stack: list[int] = []
    matched: set[int] = set()
    for i, ch in enumerate(line):
        if ch in _OPENERS:
            stack.append(i)
        elif stack and ch == _OPENERS[line[stack[-1]]]:
            matched.add(stack.pop())
    return matched


def _split_line(line: str) -> list[tuple[int, int]]:
    term, closers, fast = _sets()
    if not any(q in line for q in _OPENERS):
        return [m.span() for m in fast.finditer(line)]
    matched = _matched_openers(line)
    out, start, depth = [], 0, []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if i in matched:
            depth.append(_OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch in term and not depth:
            j = i + 1
            while j < n and (line[j] in term or line[j] in closers):
                j += 1
            out.append((start, j))
            start = i = j
            continue
        i += 1
    if start < n:
        out.append((start, n))
    return out


def split_sentences(clean: str, damaged_spans: Sequence[tuple[int, int]] = ()) -> list[Sentence]:
    """Sentences of ``clean``: split after 。！？； (with closing quotes kept) and at newlines.

    Terminators inside a balanced “…” on the same line do not split. Leading/trailing spaces
    are trimmed and empty or punctuation-only pieces are dropped. A sentence overlapping one of
    ``damaged_spans`` (mojibake spots) is marked ``damaged``.
    """
    term, closers, _ = _sets()
    junk = term | closers | set(" \t")
    spots = sorted(damaged_spans)
    out: list[Sentence] = []
    pos = 0
    k = 0
    for line in clean.split("\n"):
        for a, b in _split_line(line):
            s, e = pos + a, pos + b
            while s < e and clean[s].isspace():
                s += 1
            while e > s and clean[e - 1].isspace():
                e -= 1
            if s == e or all(ch in junk for ch in clean[s:e]):
                continue
            while k < len(spots) and spots[k][1] <= s:
                k += 1
            damaged = k < len(spots) and spots[k][0] < e
            out.append(Sentence(len(out), s, e, clean[s:e], damaged))
        pos += len(line) + 1
    return out
