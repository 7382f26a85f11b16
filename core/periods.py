"""Resolve period phrases (1—10月, 前三季度, 去年, 今年, 2023年) against a document date.

Formats: ``"2024"``, ``"2024-01..2024-10"``, ``"2024-Q1..Q3"``, ``"2024-H1"``, ``"2024-10"`` (a month end),
``"2021..2025"`` (several years: 2016年以来, 五年来, “十四五”时期). ``parse_period`` turns any of them
(and simple Chinese forms) into (first day, last day).
"""
from __future__ import annotations

import calendar
import functools
import json
import re
from datetime import date
from pathlib import Path
from typing import Any, Optional

PHRASES = Path(__file__).parent / "data" / "periods.json"

DASH = r"[—–\-~～至到－]"
_CN = "一二三四"
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_YEAR = r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年|上年|明年|前年|年内|全年|本年|当年|过去一年|过去的一年))"
_PART = (r"(?:(?P<m1>\d{1,2})月?" + DASH + r"(?P<m2>\d{1,2})月份?"
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


@functools.lru_cache(maxsize=1)
def _span_res() -> dict[str, re.Pattern]:
    spans = json.loads(PHRASES.read_text(encoding="utf-8"))["spans"]
    return {k: re.compile(v) for k, v in spans.items() if not k.startswith("_")}


def plan_span(nth: int) -> tuple[int, int]:
    """First and last year of the ``nth`` five-year plan (14 -> 2021, 2025)."""
    cfg = json.loads(PHRASES.read_text(encoding="utf-8"))["five_year_plans"]
    first = cfg["third_first_year"] + cfg["years"] * (nth - 3)
    return first, first + cfg["years"] - 1


def _small(s: str) -> Optional[int]:
    from core.numerals import parse_chinese
    v = int(s) if s.isdigit() else parse_chinese(s.replace("两", "二"))
    return int(v) if v else None


def span_periods(text: str, end_year: Optional[int], doc_year_: Optional[int] = None) -> list[tuple[int, int, str]]:
    """Multi-year periods in ``text`` (data: ``spans`` of ``core/data/periods.json``) as
    (start, end, "A..B"); ``end_year`` is the year a span up to now ends in (the year reported),
    ``doc_year_`` the document's year (过去N年 ends the year before it)."""
    out = []
    rx = _span_res()
    for m in rx["since"].finditer(text):
        y = int(m["sy"])
        if end_year is not None and y <= end_year:
            out.append((m.start(), m.end(), f"{y}..{end_year}" if y < end_year else str(y)))
    for m in rx["last_n"].finditer(text):
        n = _small(m["n"] or m["n2"] or "")
        past = m["past"] == "过去"
        if past and n == 1:
            continue                        # 过去一年: the year before, read as a year phrase
        end = doc_year_ - 1 if past and doc_year_ is not None else end_year
        if n and end is not None and n <= 30:
            out.append((m.start(), m.end(), f"{end - n + 1}..{end}" if n > 1 else str(end)))
    for m in rx["term"].finditer(text):
        n = _small(m["n"])
        end = doc_year_ - 1 if doc_year_ is not None else end_year
        if n and end is not None:
            out.append((m.start(), m.end(), f"{end - n + 1}..{end}"))
    for m in rx["plan"].finditer(text):
        first, last = plan_span(10 + (_small(m["pn"]) or 0) if m["pn"] else 10)
        if m["pp"] in ("末", "期末", "收官"):
            out.append((m.start(), m.end(), str(last)))
        elif m["pp"] == "以来":
            if end_year is not None and end_year >= first:
                out.append((m.start(), m.end(), f"{first}..{min(end_year, last)}"))
        else:
            out.append((m.start(), m.end(), f"{first}..{last}"))
    return out


def find_periods(text: str, doc_date: Optional[str],
                 end_year: Optional[int] = None) -> list[tuple[int, int, str]]:
    """All period phrases in ``text`` as (start, end, resolved period): years, months, quarters
    and halves against ``doc_date``, and multi-year spans (2016年以来, 五年来, “十四五”时期) ending
    in ``end_year`` (default: the document's year). A span wins over the year it starts with."""
    spans = span_periods(text, end_year if end_year is not None else doc_year(doc_date), doc_year(doc_date))
    out = list(spans)
    named = None
    for m in PERIOD_RE.finditer(text):
        if m.end() == m.start():
            continue
        if any(s <= m.start() < e for s, e, _ in spans):
            continue
        if text[max(0, m.start() - 1):m.start()] in ("较", "比", "于") or text[m.end():m.end() + 2] == "同期":
            continue                        # a comparison base (较上年同期), not the period
        p = _format(m, doc_date, named)
        if (m["y"] or (m["rel"] and m["rel"] not in _SAME_YEAR)) and p and not m["m1"] \
                and text[max(0, m.start() - 1):m.start()] not in ("到", "至"):
            named = int(p[:4])
        if p:
            out.append((m.start(), m.end(), p))
    return sorted(out)


def resolve_period(left: str, doc_date: Optional[str], end_year: Optional[int] = None) -> Optional[str]:
    """The period nearest before a number: the last period phrase in ``left`` (same sentence)."""
    found = find_periods(left, doc_date, end_year)
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


# ---------------------------------------------------------------- normalized periods -> dates

@functools.lru_cache(maxsize=1)
def _phrases() -> dict:
    """Chinese period phrases after a year -> [first month, last month] (``core/data/periods.json``)."""
    return json.loads(PHRASES.read_text(encoding="utf-8"))["phrases"]


def _text(v: Any) -> Optional[str]:
    if v is None or isinstance(v, float) and v != v:
        return None
    s = str(v).strip()
    return s if s and s.lower() not in ("nan", "none", "<na>") else None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _token(tok: str, year: Optional[int]) -> Optional[tuple[date, date]]:
    """One period token -> (first day, last day); ``year`` fills in tokens without a year."""
    tok = tok.strip()
    try:
        if m := re.fullmatch(r"(\d{4})", tok):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})", tok):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", tok):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(?:(\d{4})-?)?(?:Q([1-4])|H([12]))", tok, re.I):
            y = int(m[1]) if m[1] else year
            if y is None:
                return None
            months = 3 if m[2] else 6                  # a quarter or a half-year
            n = int(m[2] or m[3])
            return date(y, months * (n - 1) + 1, 1), _month_end(y, months * n)
        if year is not None and (m := re.fullmatch(r"(\d{1,2})", tok)):
            mo = int(m[1])
            return date(year, mo, 1), _month_end(year, mo)
        if year is not None and (m := re.fullmatch(r"(\d{1,2})-(\d{1,2})", tok)):
            d = date(year, int(m[1]), int(m[2]))
            return d, d
    except ValueError:  # month 13, 30 Feb ...
        return None
    return None


def _chinese_period(text: str) -> Optional[str]:
    """"2024年1-10月" -> "2024-01..2024-10"; "2024年上半年" -> "2024-01..2024-06"; else None."""
    m = re.fullmatch(r"(\d{4})年?(.*)", text)
    if not m or ("年" not in text and m[2]):
        return None
    y, rest = m[1], m[2].strip()
    if rest == "":
        return y
    if r := re.fullmatch(r"(\d{1,2})(?:月份?)?\s*[-—–~至到]\s*(\d{1,2})月份?(?:底|末)?", rest):
        return f"{y}-{int(r[1]):02d}..{y}-{int(r[2]):02d}"
    if r := re.fullmatch(r"(\d{1,2})月份?(?:底|末)?", rest):
        return f"{y}-{int(r[1]):02d}"
    if r := re.fullmatch(r"(\d{1,2})月(\d{1,2})日", rest):
        return f"{y}-{int(r[1]):02d}-{int(r[2]):02d}"
    phrases = _phrases()
    for phrase in (rest, "年" + rest):
        if phrase in phrases:
            a, b = phrases[phrase]
            return f"{y}-{a:02d}..{y}-{b:02d}"
    return None


def parse_period(text: Any) -> Optional[tuple[date, date]]:
    """A period as written in the figures frame or by a user -> (first day, last day), or None.

    Accepts "2024", "2024-03", "2024-03-27", "2024-Q1", "2024-H1", ranges "A..B" whose right side
    may omit the year ("2024-01..10", "2024-Q1..Q3", "2021..2025"), and simple Chinese forms
    ("2024年", "2024年1-10月", "2024年上半年", "2023年底"). Never raises.
    """
    s = _text(text)
    if s is None:
        return None
    s = s.replace("～", "~").replace("—", "-").replace("–", "-")
    if "年" in s:
        s = _chinese_period(s.replace(" ", "")) or s
    parts = re.split(r"\s*(?:\.\.|~|/(?=\d{4}))\s*", s)
    if len(parts) == 1:
        return _token(parts[0], None)
    if len(parts) != 2:
        return None
    left = _token(parts[0], None)
    if left is None:
        return None
    right = _token(parts[1], left[0].year)
    if right is None or right[1] < left[0]:
        return None
    return left[0], right[1]


