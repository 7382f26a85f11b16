"""Does one file hold several documents? Find where each starts and split it (pure, no Streamlit).

Web pages saved one after another, or several articles pasted into one file, each bring their own
header: a title line and a publication line (``发布时间：2023-12-01 14:24``, ``2024-12-21 09:06:30
来源: 大众网``, ``發布時間:2023-02-23 16:12:00來源: 中國新聞網``). ``document_starts`` finds those
publication lines, moves each start back over the title lines just above it and keeps only starts
with enough body text between them (a "related reading" list of dated titles at the end of a
page is not a document). ``split_documents`` cuts the text there. The cues are in
``core/data/split_cues.json``.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

CUES = Path(__file__).parent / "data" / "split_cues.json"


@functools.lru_cache(maxsize=1)
def _cues() -> dict:
    cfg = json.loads(CUES.read_text(encoding="utf-8"))
    cfg["_publication"] = re.compile(cfg["publication_line"])
    cfg["_date"] = re.compile(cfg["full_date"])
    cfg["_title_end"] = re.compile(cfg["title_rejects"])
    cfg["_html_start"] = re.compile(cfg["html_start"], re.I)
    return cfg


@dataclass(frozen=True)
class Part:
    """One document found in a file: where it starts and ends, and its publication line."""

    start: int
    end: int
    header: str   # the publication line that starts it ("" for text before the first one)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


def _is_publication(line: str, cfg: dict) -> bool:
    s = line.strip()
    return (0 < len(s) <= cfg["max_header_chars"] and bool(cfg["_date"].search(s))
            and bool(cfg["_publication"].search(s)))


def _title_start(lines: list[tuple[int, str]], i: int, floor: int, pages: list[int], cfg: dict) -> int:
    """Line index where the document whose publication line is ``lines[i]`` starts: the first
    ``<!DOCTYPE``/``<html>`` line since ``floor`` (a saved web page), else the short title lines
    right above it (blank lines between allowed), never above line ``floor``."""
    k = bisect.bisect_left(pages, floor)
    if k < len(pages) and pages[k] < i:
        return pages[k]
    start, taken, j = i, 0, i - 1
    while j >= floor and taken < cfg["max_title_lines"]:
        s = lines[j][1].strip()
        if not s:
            j -= 1
            continue
        if len(s) > cfg["max_title_chars"] or cfg["_title_end"].search(s) or not _CJK.search(s):
            break
        start, taken, j = j, taken + 1, j - 1
    return start


_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?]")


def document_starts(text: str) -> list[Part]:
    """The documents a text holds, in order: one ``Part`` when it looks like a single document.

    A new document starts at a publication line (a date with a 发布/来源/时间 label or a clock
    time) when the text since the previous start is prose (``min_body_cjk`` Chinese characters
    and ``min_body_sentences`` sentence ends: not a footer of timestamps, not an HTML head);
    text before the first publication line is a document of its own only when it is prose too.
    Linear in the text: prefix counts per line, the page starts found by bisection.
    """
    cfg = _cues()
    text = text or ""
    lines = _lines(text)
    n = len(lines)
    cjk, ends = [0] * (n + 1), [0] * (n + 1)  # counts in lines[:k]
    for k, (_, line) in enumerate(lines):
        cjk[k + 1] = cjk[k] + len(_CJK.findall(line))
        ends[k + 1] = ends[k] + len(_SENTENCE_END.findall(line))

    def prose(a: int, b: int) -> bool:  # lines[a:b]
        return cjk[b] - cjk[a] >= cfg["min_body_cjk"] and ends[b] - ends[a] >= cfg["min_body_sentences"]

    pages = [k for k, (_, line) in enumerate(lines) if cfg["_html_start"].match(line.lstrip())]
    pubs = [k for k, (_, line) in enumerate(lines) if _is_publication(line, cfg)]
    starts: list[tuple[int, str]] = []  # (line index, publication line)
    floor = 0  # the line after the last accepted publication line: a start never goes above it
    for i in pubs:
        begin = _title_start(lines, i, floor, pages, cfg)
        if not starts:
            if prose(0, begin):
                starts.append((0, ""))  # a document without a publication line comes first
            else:
                begin = 0
        elif not prose(starts[-1][0], begin):
            continue  # no body since the last start: another date line of the same header or footer
        starts.append((begin, lines[i][1].strip()))
        floor = i + 1
    if len(starts) >= 2 and not prose(starts[-1][0], n):
        starts.pop()  # dated lines near the end with no body after them: a footer, not a document
    if not starts:
        return [Part(0, len(text), "")]
    bounds = [lines[k][0] if k < n else len(text) for k, _ in starts] + [len(text)]
    return [Part(bounds[k], bounds[k + 1], starts[k][1]) for k in range(len(starts))]


def looks_like_several(text: str) -> bool:
    """True when ``document_starts`` finds more than one document."""
    return len(document_starts(text)) > 1


def split_documents(text: str) -> list[str]:
    """The documents of ``text`` (see ``document_starts``), each stripped of surrounding blank lines;
    joined back they are the whole text."""
    return [text[p.start:p.end].strip("\r\n") for p in document_starts(text)]
