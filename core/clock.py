"""The document clock: the reference date a document speaks from, and where a period lies on it.

Every figure's period is read from its own words against this clock (``core.figures.timing``),
and its modality (actual, estimate or target: ``core.figures.modality``) depends on whether that
period is over at the reference date. The clock is built once per document from its metadata
(``DocMeta.date`` and ``date_source``: ``core.metadata.dates``) and the text (the year whose
results it mainly reports).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from core.metadata.cues import load
from core.periods import doc_month, doc_year, parse_period


@functools.lru_cache(maxsize=1)
def clock_cues() -> dict:
    """``core/data/clock_cues.json`` (read by the one cue loader, compiled once)."""
    c = dict(load("clock_cues"))
    c["_last_year_results"] = re.compile(c["last_year_results"])
    c["_review_heading"] = re.compile(c["review_heading"])
    return c


@dataclass(frozen=True)
class Clock:
    """When a document speaks: its reference date (``YYYY[-MM[-DD]]`` or None) with its source,
    and the year whose results it mainly reports (the year before, for a report of early next year)."""

    date: Optional[str] = None
    source: Optional[str] = None
    reported_year: Optional[int] = None
    reported_why: str = ""
    lower_bound: bool = False        # the date is only the earliest the text allows

    @property
    def year(self) -> Optional[int]:
        return doc_year(self.date)

    @property
    def month(self) -> Optional[int]:
        return doc_month(self.date)

    @property
    def span(self) -> Optional[tuple[date, date]]:
        """The days the reference date may be (a year, a month or one day)."""
        return parse_period(self.date)

    def relation(self, period: Optional[str]) -> Optional[str]:
        """Where ``period`` lies on the clock: "past" (over before the reference date), "future"
        (starts after it), "current" (the reference date falls in it), or None when either is
        unknown, or when the clock is only a lower bound and the period is not over by it."""
        p, ref = parse_period(period), self.span
        if p is None or ref is None:
            return None
        if p[1] < ref[0]:
            return "past"
        if self.lower_bound:
            return None                   # the document may be later: not "current" or "future"
        if p[0] > ref[1]:
            return "future"
        return "current"

    def nearly_over(self, period: Optional[str]) -> bool:
        """The period ends within ``nearly_over_days`` of the (earliest) reference date: 预计全年
        said on 20 December estimates the year's result; a clock known only to the year is
        never nearly at a year's end."""
        p, ref = parse_period(period), self.span
        if p is None or ref is None:
            return False
        return p[1] <= ref[0] + timedelta(days=clock_cues()["nearly_over_days"])


def reporting_year(clean: str, date_: Optional[str]) -> tuple[Optional[int], str]:
    """The year whose results the document mainly reports: the year before its date when it is
    published early in the year and reports last year's results (2024年… / 过去一年 / 去年…), else
    the year of its date."""
    year, month = doc_year(date_), doc_month(date_)
    if year is None:
        return None, ""
    c = clock_cues()
    if month is None or month <= c["early_months"]:
        head = clean[:c["results_scan_chars"]]
        if re.search(rf"{year - 1}年", head) or c["_last_year_results"].search(head):
            return year - 1, f"results of {year - 1} reported early in {year}"
        for m in c["_review_heading"].finditer(clean):
            if m.group("y") is None or int(m.group("y")) == year - 1:
                return year - 1, f"review of {year - 1} in a report of {year}"
    return year, f"year of the document ({year})"


def clock_of(clean: str, date_: Optional[str], source: Optional[str] = None) -> Clock:
    """The clock of a document of text ``clean`` dated ``date_``."""
    rep, why = reporting_year(clean, date_)
    bound = bool(source) and clock_cues()["lower_bound_source"] in source
    return Clock(date_, source, rep, why, bound)
