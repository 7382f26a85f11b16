"""Prepare clean text for metadata inference: drop pinyin glosses and page chrome lines."""
from __future__ import annotations

from dataclasses import dataclass

from core.metadata.cues import any_of, load
from core.normalize.repairs import strip_glosses


@dataclass(frozen=True)
class Prepared:
    body: str              # text lines without chrome, joined by "\n"
    lines: tuple[str, ...]  # the body's non-empty lines, stripped
    crumbs: str            # breadcrumb lines (kept apart: they name the site section)


def prepare(clean: str) -> Prepared:
    """Strip pinyin glosses, split off breadcrumbs and chrome (footers, timestamps, comment boxes)."""
    text = strip_glosses(clean or "")  # the normalizer's own rule, for text that skipped it
    cues = load("metadata_cues")
    chrome = any_of(tuple(cues["chrome_line"]), 0)
    crumb = any_of(tuple(cues["breadcrumb_line"]), 0)
    body, crumbs = [], []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if crumb.search(s):
            crumbs.append(s)
        elif not chrome.search(s):
            body.append(s)
    return Prepared("\n".join(body), tuple(body), "\n".join(crumbs))
