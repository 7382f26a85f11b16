"""Speakers of a press conference or interview: '局长王林艳', '新闻发言人王茂庆', Q&A lines '王林艳：'."""
from __future__ import annotations

import functools
import re

from core.metadata.cues import load


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, frozenset, tuple[str, ...], frozenset]:
    cfg = load("speaker_cues")
    titles = "|".join(sorted(map(re.escape, cfg["titles"]), key=len, reverse=True))
    titled = re.compile(rf"(?:{titles})([\u4e00-\u9fff]{{2,3}}?)(?={cfg['after_name']})")
    qa = re.compile(cfg["qa_line"], re.M)
    return titled, qa, frozenset(cfg["surnames"]), tuple(cfg["double_surnames"]), frozenset(cfg["not_names"])


def _is_name(s: str, surnames: frozenset, doubles: tuple[str, ...], not_names: frozenset) -> bool:
    if s in not_names:
        return False
    if s.startswith(doubles):
        return len(s) in (3, 4)
    return s[0] in surnames and len(s) in (2, 3)


def infer_speakers(body: str) -> list[str]:
    """Names of the people speaking, in order of first appearance, without duplicates."""
    if not body:
        return []
    titled, qa, surnames, doubles, not_names = _patterns()
    found: list[tuple[int, str]] = []
    for m in titled.finditer(body):
        found.append((m.start(1), m.group(1)))
    for m in qa.finditer(body):
        found.append((m.start(1), m.group(1)))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out and _is_name(name, surnames, doubles, not_names):
            out.append(name)
    return out
