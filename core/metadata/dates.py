"""When a document was issued: an explicit date, a dateline month-day plus an inferred year, or a year.

Year evidence (see ``core/data/date_cues.json``): every ``YYYY年`` votes for the document year
by what surrounds it — plans (2024年…谋划, 2023年度工作思路) and in-year periods (2020年前三季度,
2020年内) vote for YYYY; full-year results (2023年，全省…增长7.1%) vote for YYYY+1, because a
year's results are reported early in the next year; deadlines (到2025年) are ignored; other
mentions only bound the year from below, as do era terms (新质生产力 ≥ 2023).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from core.metadata.cues import load, rx
from core.numerals import DIGITS, parse_chinese

YEAR = re.compile(r"(?<![\d])((?:19|20)\d{2})\s*年")
MONTH_DAY = re.compile(r"(?<![\d])(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})(?=\s*年)")
_CN_MONTH_DAY = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_SEGMENT_END = re.compile(r"[，,。；;！？!?\n]")


@dataclass(frozen=True)
class YearVote:
    year: int            # the document year this mention argues for
    weight: float
    kind: str            # "plan" | "in_year" | "result" | "since"
    snippet: str


def arabize_dates(text: str) -> str:
    """Write Chinese-numeral years and month-days in digits: 二〇二四年三月八日 -> 2024年3月8日."""
    text = _CN_YEAR.sub(lambda m: "".join(str(DIGITS[c]) for c in m.group(1)), text)

    def md(m: re.Match) -> str:
        mo, d = parse_chinese(m.group(1)), parse_chinese(m.group(2))
        return f"{int(mo)}月{int(d)}日" if mo and d else m.group(0)
    return _CN_MONTH_DAY.sub(md, text)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _snippet(body: str, start: int, n: int = 14) -> str:
    s = body[start:start + n]
    cut = _CLAUSE_END.search(s)
    return (s[:cut.start()] if cut else s) + "…"


def year_evidence(body: str) -> tuple[list[YearVote], int, Optional[tuple[int, str]]]:
    """Votes for the document year, the latest plain mention, and (year, term) of the era term
    with the latest first year (or None)."""
    cfg = load("date_cues")
    votes: list[YearVote] = []
    lower = 0
    plan, result = rx(cfg["plan_words"]), rx(cfg["result_words"])
    w = cfg["weights"]
    for m in YEAR.finditer(body):
        y = int(m.group(1))
        before, after = body[max(0, m.start() - 6):m.start()], body[m.end():m.end() + 40]
        if rx(cfg["in_year_after"]).search(after):
            votes.append(YearVote(y, w["in_year"], "in_year", _snippet(body, m.start())))
            continue
        if rx(cfg["deadline_before"]).search(before) or rx(cfg["deadline_after"]).search(after):
            continue
        if rx(cfg["program_before"]).search(before):
            lower = max(lower, y)
            continue
        if rx(cfg["since_after"]).search(after):
            votes.append(YearVote(y, w["since"], "since", _snippet(body, m.start())))
            continue
        if rx(cfg["lower_bound_after"]).search(after):
            lower = max(lower, y)
            continue
        seg = _SEGMENT_END.split(after, maxsplit=2)
        clause = seg[0] or (seg[1] if len(seg) > 1 else "")
        if plan.search(clause):
            votes.append(YearVote(y, w["plan"], "plan", _snippet(body, m.start())))
        elif result.search(clause):
            votes.append(YearVote(y + 1, w["result"], "result", _snippet(body, m.start())))
        else:
            lower = max(lower, y)
    era_year, era_term = 0, None
    for term, year in cfg["era_terms"].items():
        if term.startswith("_"):
            continue
        if term in body and year > era_year:
            era_year, era_term = year, term
    return votes, lower, (era_year, era_term) if era_term else None


def infer_year(body: str) -> tuple[Optional[int], str]:
    """The document year and a short reason, or (None, "").

    Votes decide; an era term can only raise the voted year (a phrase cannot predate its
    coinage). Without votes, the later of the latest plain mention and the era bound is used.
    """
    votes, lower, era = year_evidence(body)
    era_year, era_term = era if era else (0, None)
    if votes:
        tally: dict[int, float] = defaultdict(float)
        for v in votes:
            tally[v.year] += v.weight
        year = max(tally, key=lambda y: (tally[y], y))
        best = max((v for v in votes if v.year == year), key=lambda v: v.weight)
        why = {"plan": "plan for", "in_year": "in-year period", "since": "period since",
               "result": "results reported as last year's"}[best.kind]
        reason = f"year from {why} '{best.snippet}'"
        if era_year > year:
            year, reason = era_year, f"year raised to {era_year} by era term '{era_term}'"
        return year, reason
    if era_year > lower:
        return era_year, f"no year cue; earliest year of era term '{era_term}'"
    if lower:
        return lower, "latest year mentioned"
    return None, ""


def dateline(body: str) -> Optional[tuple[Optional[int], int, int, str]]:
    """(year or None, month, day, how) of the document's own date, if the text states one."""
    cfg = load("date_cues")
    m = rx(cfg["labelled_date"]).search(body)
    if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return int(m.group(1)), int(m.group(2)), int(m.group(3)), "labelled date"
    head = body[:cfg["dateline_chars"]]
    event = rx(cfg["event_after_monthday"])
    candidates = [(m, "dateline") for m in MONTH_DAY.finditer(head)]
    candidates += [(m, "event date") for m in MONTH_DAY.finditer(body)
                   if m.start() >= len(head) and event.search(body[m.end():m.end() + 120])]
    reject = rx(cfg["monthday_reject_after"])
    for m, how in candidates:
        if reject.search(body[m.end():m.end() + 4]):
            continue
        y = int(m.group(1)) if m.group(1) else None
        mo, d = int(m.group(2)), int(m.group(3))
        if _valid(y or 2000, mo, d):
            return y, mo, d, how
    return None


def infer_date(body: str) -> tuple[Optional[str], Optional[str]]:
    """Most specific date the text supports ("YYYY-MM-DD" | "YYYY" | None) and how it was found."""
    if not body:
        return None, None
    body = arabize_dates(body)
    found = dateline(body)
    if found and found[0]:
        y, mo, d, how = found
        return f"{y:04d}-{mo:02d}-{d:02d}", f"explicit date in text ({how})"
    year, reason = infer_year(body)
    if found and year and _valid(year, found[1], found[2]):
        _, mo, d, how = found
        return f"{year:04d}-{mo:02d}-{d:02d}", f"month-day in text ({how} {mo}月{d}日); {reason}"
    if year:
        return f"{year:04d}", reason
    return None, None
