"""Periods as a reader writes them: "2024-01..2024-10" -> "2024年1–10月" / "Jan–Oct 2024".

Pure functions (no Streamlit): ``format_period(period, lang)`` takes the normalized forms of
``core.periods`` (``2024``, ``2024-10``, ``2024-03-27``, ``2024-01..2024-10``, ``2023-11..2024-02``,
``2024-Q1..Q3``, ``2024-Q2``, ``2024-H1``, ``2021..2025``) and returns text in Chinese or English;
anything else comes back as it was, and a missing period is "".
"""
from __future__ import annotations

import re
from typing import Any

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
QUARTERS_ZH = "一二三四"
DASH = "–"  # en dash, as both languages print a span

_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_QUARTERS = re.compile(r"(\d{4})-Q([1-4])\.\.(?:(\d{4})-)?Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_MONTHS = re.compile(r"(\d{4})-(\d{2})\.\.(?:(\d{4})-)?(\d{2})")
_YEARS = re.compile(r"(\d{4})\.\.(\d{4})")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() in ("", "nan", "None")


def _month_ok(*months: str) -> bool:
    return all(1 <= int(m) <= 12 for m in months)


def format_period(period: Any, lang: str = "zh") -> str:
    """A normalized period in words of ``lang`` ("zh" or "en"); unknown forms unchanged, missing -> ""."""
    if _missing(period):
        return ""
    p = str(period).strip()
    en = lang == "en"
    m = _MONTHS.fullmatch(p)
    if m and _month_ok(m[2], m[4]):
        y1, m1, y2, m2 = int(m[1]), int(m[2]), int(m[3] or m[1]), int(m[4])
        if y1 == y2:
            if m1 == m2:
                return f"{MONTHS_EN[m1 - 1]} {y1}" if en else f"{y1}年{m1}月"
            return f"{MONTHS_EN[m1 - 1]}{DASH}{MONTHS_EN[m2 - 1]} {y1}" if en else f"{y1}年{m1}{DASH}{m2}月"
        return (f"{MONTHS_EN[m1 - 1]} {y1}{DASH}{MONTHS_EN[m2 - 1]} {y2}" if en
                else f"{y1}年{m1}月{DASH}{y2}年{m2}月")
    m = _QUARTERS.fullmatch(p)
    if m:
        y1, q1, y2, q2 = int(m[1]), int(m[2]), int(m[3] or m[1]), int(m[4])
        if y1 == y2:
            if en:
                return f"Q{q1}{DASH}Q{q2} {y1}"
            if q1 == 1:
                return f"{y1}年前{QUARTERS_ZH[q2 - 1]}季度"
            return f"{y1}年第{QUARTERS_ZH[q1 - 1]}至第{QUARTERS_ZH[q2 - 1]}季度"
        return (f"Q{q1} {y1}{DASH}Q{q2} {y2}" if en
                else f"{y1}年第{QUARTERS_ZH[q1 - 1]}季度{DASH}{y2}年第{QUARTERS_ZH[q2 - 1]}季度")
    m = _QUARTER.fullmatch(p)
    if m:
        return f"Q{m[2]} {m[1]}" if en else f"{m[1]}年第{QUARTERS_ZH[int(m[2]) - 1]}季度"
    m = _HALF.fullmatch(p)
    if m:
        return f"H{m[2]} {m[1]}" if en else f"{m[1]}年{'上' if m[2] == '1' else '下'}半年"
    m = _DAY.fullmatch(p)
    if m and _month_ok(m[2]) and 1 <= int(m[3]) <= 31:
        return f"{int(m[3])} {MONTHS_EN[int(m[2]) - 1]} {m[1]}" if en else f"{m[1]}年{int(m[2])}月{int(m[3])}日"
    m = _MONTH.fullmatch(p)
    if m and _month_ok(m[2]):
        return f"{MONTHS_EN[int(m[2]) - 1]} {m[1]}" if en else f"{m[1]}年{int(m[2])}月"
    m = _YEARS.fullmatch(p)
    if m:
        return f"{m[1]}{DASH}{m[2]}" if en else f"{m[1]}{DASH}{m[2]}年"
    if _YEAR.fullmatch(p):
        return p if en else f"{p}年"
    return p
