"""Page chrome: website furniture (breadcrumbs, comment boxes, copyright and licence lines,
report phone/e-mail, bare timestamps, bylines, photo captions) removed line by line.

Rules live in ``core/data/chrome_patterns.json``. A line is only a candidate when it is short
(``max_line_chars``) and holds at most one sentence terminator, so body paragraphs and section
headings inside the body are never touched. Bylines and photo captions are only looked for
before the first / after the last body paragraph. Every removed line is kept in the repair's
``samples`` (all of them), so nothing is lost.
"""
from __future__ import annotations

import functools
import re
from typing import Callable, Optional

from core.models import Repair
from core.normalize.log import remove_spans
from core.normalize.rules import chrome_rules

_TERMINATORS = re.compile(r"[。！？!?]")
_EXCLAIM = re.compile(r"[！!]")
_BODY_END = re.compile(r"[。！？!?；;…][”’」』)）]*\s*$")


@functools.lru_cache(maxsize=1)
def _compiled() -> dict:
    r = chrome_rules()
    # one alternation per kind: a single search per line and kind
    kinds = [(k["kind"], k["where"], re.compile("|".join(f"(?:{p})" for p in k["patterns"]), re.I))
             for k in r["kinds"]]
    ts = r["timestamp"]
    return {
        "kinds": kinds,
        "ts_kind": ts["kind"],
        "ts_time": re.compile(ts["with_time"]),
        "ts_date": re.compile(ts["date_only"]),
        "ts_run": int(ts["date_only_min_run"]),
        "max_len": int(r["max_line_chars"]),
        "max_term": int(r["max_terminators"]),
        "max_exclaim": int(r.get("max_exclamations", 0)),
        "body_min": int(r["body_line_min_chars"]),
        "cap_max": int(r["caption_max_chars"]),
        "cap_run": int(r["caption_min_run"]),
        "cap_kind": r["photo_caption_kind"],
        "cap_forbidden": re.compile("[" + re.escape(r["caption_forbidden_chars"]) + "]"),
    }


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    out, pos = [], 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            out.append((pos, len(text)))
            return out
        out.append((pos, nl))
        pos = nl + 1


def remove_front_matter(text: str) -> tuple[str, list[Repair]]:
    """A YAML front-matter block at the top (``---`` … ``---`` with ``key: value`` lines), as
    static-site and RSS mirrors write it, is page metadata, not body: removed and logged whole."""
    r = chrome_rules()["front_matter"]
    m = re.match(r["pattern"], text, re.S)
    if not m or not re.search(r["key_line"], m.group("block"), re.M):
        return text, []
    lines = tuple(x for x in m.group(0).split("\n") if x.strip())
    return text[m.end():], [Repair(r["kind"], 1, ((0, m.end()),), lines, "YAML front matter")]


def page_header(text: str, view: Optional[Callable[[str], str]] = None) -> str:
    """The lines before the first body paragraph (title, timestamp, source and byline lines), in
    the simplified ``view``: where publication dates and issuers are printed. Read before the
    chrome is removed, so metadata can use what the clean text no longer holds."""
    c = _compiled()
    view = view or (lambda s: s)
    r = chrome_rules()["header"]
    out = []
    for a, b in _lines(text):
        raw = text[a:b].strip()
        if not raw:
            continue
        if len(out) >= r["max_lines"] or len(raw) >= c["body_min"] or (
                len(raw) > r["title_max_chars"] and _BODY_END.search(raw)):
            break
        out.append(view(raw).strip())
    return "\n".join(out)


def remove_chrome(text: str, view: Optional[Callable[[str], str]] = None) -> tuple[str, list[Repair]]:
    """Remove page-chrome lines; one Repair per chrome kind, spans cover the removed lines.

    ``view`` maps a line to the form the patterns are written for (simplified Chinese), e.g. an
    OpenCC converter for traditional input; the original line is what gets removed and logged.
    """
    c = _compiled()
    view = view or (lambda s: s)
    lines = _lines(text)
    kind_of: list[Optional[str]] = [None] * len(lines)
    candidate = [False] * len(lines)
    views: dict[int, str] = {}
    for i, (a, b) in enumerate(lines):
        raw = text[a:b]
        if raw.strip() and b - a <= c["max_len"] and len(_TERMINATORS.findall(raw)) <= c["max_term"] + \
                min(len(_EXCLAIM.findall(raw)), c["max_exclaim"]):
            candidate[i] = True
            views[i] = view(raw).strip()

    # anywhere-kinds and timestamps
    date_only = [False] * len(lines)
    for i, v in views.items():
        if c["ts_time"].match(v):
            kind_of[i] = c["ts_kind"]
            continue
        if c["ts_date"].match(v):
            date_only[i] = True
            continue
        for kind, where, pats in c["kinds"]:
            if where == "any" and pats.search(v):
                kind_of[i] = kind
                break
    _mark_date_runs(lines, text, date_only, kind_of, c)

    # body extent: lines that read like paragraphs
    body = [i for i, (a, b) in enumerate(lines)
            if kind_of[i] is None and text[a:b].strip()
            and (b - a >= c["body_min"] or _BODY_END.search(text[a:b]))]
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else -1
    for i, v in views.items():
        if kind_of[i] is None and (i < first_body or i > last_body):
            for kind, where, pats in c["kinds"]:
                if where == "edge" and pats.search(v):
                    kind_of[i] = kind
                    break

    _mark_related_lists(lines, text, kind_of, candidate, c)
    _mark_headlines(lines, text, kind_of, candidate, c)

    # photo captions: a run of short unpunctuated lines after the last body paragraph
    tail = [i for i in range(last_body + 1, len(lines)) if kind_of[i] is None and text[lines[i][0]:lines[i][1]].strip()]
    if len(tail) >= c["cap_run"] and all(
            candidate[i] and lines[i][1] - lines[i][0] <= c["cap_max"]
            and not c["cap_forbidden"].search(text[lines[i][0]:lines[i][1]]) for i in tail) and body:
        for i in tail:
            kind_of[i] = c["cap_kind"]

    return _apply(text, lines, kind_of)


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])(?!\s*年)")   # years are not figures
_TITLE_END = re.compile(r"[。？?；;]")


def _mark_related_lists(lines, text, kind_of, candidate, c) -> None:
    """The short link lines after a 相关阅读/推荐阅读 header are other articles' titles, not body."""
    limit = chrome_rules()["related_follow_max_lines"]
    for i, k in enumerate(kind_of):
        if k != "chrome_related":
            continue
        j, taken = i + 1, 0
        while j < len(lines) and taken < limit:
            raw = text[lines[j][0]:lines[j][1]]
            if raw.strip():
                if kind_of[j] is not None:
                    pass
                elif candidate[j] and not _TERMINATORS.search(raw) and len(raw.strip()) <= c["cap_max"] * 2:
                    kind_of[j] = "chrome_related"
                    taken += 1
                else:
                    break
            j += 1


def _mark_headlines(lines, text, kind_of, candidate, c) -> None:
    """A short line with no sentence end whose every number is stated again in another line that
    shares some of its words (``min_shared_bigrams`` pairs of Han characters) is a headline or
    subheading that restates the body: removed, so that its figures count once. The same number in
    a line about something else (●预计…增长6%左右 / ●经济增长6%左右) is no restatement."""
    h = chrome_rules()["headline"]
    nums: list[list[str]] = []
    total: dict[str, int] = {}
    for i, (a, b) in enumerate(lines):
        found = _NUMBER.findall(text[a:b]) if kind_of[i] is None else []
        nums.append(found)
        for x in set(found):
            total[x] = total.get(x, 0) + 1
    lines_of: dict[str, list[int]] = {}
    for i, found in enumerate(nums):
        for x in set(found):
            lines_of.setdefault(x, []).append(i)
    for i, (a, b) in enumerate(lines):
        raw = text[a:b].strip()
        if (kind_of[i] is not None or not candidate[i] or not nums[i] or len(raw) > h["max_chars"]
                or _TITLE_END.search(raw)):
            continue
        words = _han_bigrams(raw)
        if all(total.get(x, 0) >= 2 and any(
                j != i and len(words & _han_bigrams(text[lines[j][0]:lines[j][1]])) >= h["min_shared_bigrams"]
                for j in lines_of.get(x, ())[:h["max_restating_lines"]]) for x in set(nums[i])):
            kind_of[i] = h["kind"]
            for x in set(nums[i]):
                total[x] -= 1


_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def _han_bigrams(line: str) -> set[str]:
    """The pairs of adjacent Han characters of a line (what two lines about one fact share)."""
    return set(_HAN_PAIR.findall(line[:400]))


def _mark_date_runs(lines, text, date_only, kind_of, c) -> None:
    """Bare date lines count as chrome only in a run (blank lines and other timestamps allowed between)."""
    i, n = 0, len(lines)
    while i < n:
        if not (date_only[i] or kind_of[i] == c["ts_kind"]):
            i += 1
            continue
        j, members = i, []
        while j < n and (date_only[j] or kind_of[j] == c["ts_kind"] or not text[lines[j][0]:lines[j][1]].strip()):
            if date_only[j] or kind_of[j] == c["ts_kind"]:
                members.append(j)
            j += 1
        if len(members) >= c["ts_run"]:
            for k in members:
                kind_of[k] = c["ts_kind"]
        i = j


def _apply(text: str, lines, kind_of) -> tuple[str, list[Repair]]:
    by_kind: dict[str, list[int]] = {}
    for i, k in enumerate(kind_of):
        if k:
            by_kind.setdefault(k, []).append(i)
    if not by_kind:
        return text, []
    repairs, spans_all = [], []
    for kind, idx in by_kind.items():
        spans = []
        for i in idx:
            a, b = lines[i]
            spans.append((a, min(b + 1, len(text))))       # the line and its newline
        repairs.append(Repair(kind, len(idx), tuple(spans), tuple(text[lines[i][0]:lines[i][1]] for i in idx)))
        spans_all.extend(spans)
    spans_all.sort()
    return remove_spans(text, spans_all), sorted(repairs, key=lambda r: r.spans[0])
