"""Resolve period phrases (1—10月, 前三季度, 去年, 今年, 2023年) against a document date.

Formats: ``"2024"``, ``"2024-01..2024-10"``, ``"2024-Q1..Q3"``, ``"2024-H1"``, ``"2024-10"`` (a month end).
"""
from __future__ import annotations

import re
from typing import Optional

DASH = r"[—–\-~～至到－]"
_CN = "一二三四"
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_YEAR = r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年|上年|明年|前年|年内|全年|本年|当年|过去一年|过去的一年))"
_PART = (r"(?:(?P<m1>\d{1,2})" + DASH + r"(?P<m2>\d{1,2})月份?"
         r"|前(?P<qn>[一二三1-3])季度"
         r"|(?:第)?(?P<q>[一二三四1-4])季度"
         r"|(?P<half>上半年|下半年)"
         r"|(?P<mend>\d{1,2})月(?:底|末|份)"
         r"|(?P<yend>年底|年末|底))")
# Both parts are optional, so the pattern alone matches "" at every position and finditer hands
# each empty match to Python (quadratic when called on every prefix of a sentence). The lookahead
# (the same parts without group names) lets only the positions where a period starts through.
_UNNAMED = re.compile(r"\(\?P<\w+>")
PERIOD_RE = re.compile(f"(?={_UNNAMED.sub('(?:', _YEAR)}|{_UNNAMED.sub('(?:', _PART)}){_YEAR}?{_PART}?")


def doc_year(doc_date: Optional[str]) -> Optional[int]:
    """Year of a ``YYYY[-MM[-DD]]`` date, or None."""
    if doc_date and re.match(r"\d{4}", doc_date):
        return int(doc_date[:4])
    return None


def doc_month(doc_date: Optional[str]) -> Optional[int]:
    m = re.match(r"\d{4}-(\d{2})", doc_date or "")
    return int(m.group(1)) if m else None


def _rel_year(rel: Optional[str], base: Optional[int]) -> Optional[int]:
    if base is None:
        return None
    return {"今年": base, "年内": base, "全年": base, "本年": base, "当年": base,
            "去年": base - 1, "上年": base - 1, "过去一年": base - 1, "过去的一年": base - 1,
            "明年": base + 1, "前年": base - 2}.get(rel or "", base)


# relative words that mean "the year just named" when a year was written before them in the text
_SAME_YEAR = ("全年", "当年", "年内")


def _format(m: re.Match, doc_date: Optional[str], named_year: Optional[int] = None) -> Optional[str]:
    base = doc_year(doc_date)
    if m["y"]:
        year = int(m["y"])
    elif m["rel"] in _SAME_YEAR and named_year is not None:
        year = named_year                   # "2024年，…全年规上工业增加值增长8.3%": 2024
    else:
        year = _rel_year(m["rel"], base)
    explicit = bool(m["y"] or m["rel"])
    if m["m1"]:
        m1, m2 = int(m["m1"]), int(m["m2"])
        if not (1 <= m1 <= m2 <= 12):
            return None
        month = doc_month(doc_date)
        if not explicit and year is not None and month is not None and m2 >= month:
            year -= 1                       # "1—11月" said in January is last year's
        return None if year is None else f"{year}-{m1:02d}..{year}-{m2:02d}"
    if m["qn"]:
        return None if year is None else f"{year}-Q1..Q{_QUARTERS[m['qn']]}"
    if m["q"]:
        return None if year is None else f"{year}-Q{_QUARTERS[m['q']]}"
    if m["half"]:
        return None if year is None else f"{year}-H{1 if m['half'] == '上半年' else 2}"
    if m["mend"]:
        mm = int(m["mend"])
        return None if year is None or not 1 <= mm <= 12 else f"{year}-{mm:02d}"
    if m["y"] or m["rel"]:
        return None if year is None else str(year)
    return None


def find_periods(text: str, doc_date: Optional[str]) -> list[tuple[int, int, str]]:
    """All period phrases in ``text`` as (start, end, resolved period)."""
    out = []
    named = None
    for m in PERIOD_RE.finditer(text):
        if m.end() == m.start():
            continue
        if text[max(0, m.start() - 1):m.start()] in ("较", "比", "于") or text[m.end():m.end() + 2] == "同期":
            continue                        # a comparison base (较上年同期), not the period
        p = _format(m, doc_date, named)
        if (m["y"] or (m["rel"] and m["rel"] not in _SAME_YEAR)) and p and not m["m1"] \
                and text[max(0, m.start() - 1):m.start()] not in ("到", "至"):
            named = int(p[:4])
        if p:
            out.append((m.start(), m.end(), p))
    return out


def resolve_period(left: str, doc_date: Optional[str]) -> Optional[str]:
    """The period nearest before a number: the last period phrase in ``left`` (same sentence)."""
    found = find_periods(left, doc_date)
    return found[-1][2] if found else None


DEADLINE_RE = re.compile(r"(?:到|至|在|于)?(?P<y>20\d\d)年(?:底|末|前)?|(?P<rel>今年|年内|全年|明年|本年)")


def resolve_deadline(sentence: str, doc_date: Optional[str]) -> Optional[str]:
    """Deadline year of a target: 到2025年 -> "2025"; 今年/年内/全年 -> document year."""
    base = doc_year(doc_date)
    best = None
    for m in DEADLINE_RE.finditer(sentence):
        if m["y"]:
            y = int(m["y"])
            if base is None or y >= base:
                best = str(y)
        elif base is not None:
            best = str(_rel_year(m["rel"], base))
    return best
