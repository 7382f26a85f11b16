"""The period stage: when a figure is about, read from its own words against the document clock.

- ``own_period``: the last period phrase before the number in its sentence (``core.periods``:
  years, months, quarters, halves, multi-year spans such as 2016年以来, 五年来, “十四五”时期); in a
  review paragraph of a report published early in the year, 全年/当年 mean the year reported;
- ``compared_span``: growth measured against a named earlier year (比2002年增长65.5%) covers the
  years since it, not one year;
- ``fill_periods`` (once per document, after modality): a figure whose sentence names no period
  takes, by its kind, a target's deadline, else the last period phrase earlier in its paragraph,
  else the year of the review section it stands in, else the document's reporting period (flows
  over the year reported, stocks at the reference date). ``period_source`` says which
  (sentence | paragraph | section | document | deadline) and ``identify`` never decides it again.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Optional

from core.clock import Clock, clock_cues
from core.models import Figure
from core.periods import find_periods



def own_period(left: str, clock: Clock, para_mode: str) -> tuple[Optional[str], int, str]:
    """(period, end offset of its phrase in ``left`` or -1, the phrase) of the number after ``left``."""
    found = find_periods(left, clock.date, clock.reported_year)
    if not found:
        return None, -1, ""
    s, e, p = found[-1]
    words = left[s:e]
    rep, year = clock.reported_year, clock.year
    if para_mode == "actual" and rep is not None and year is not None and rep < year \
            and p == str(year) and words in clock_cues()["full_year_words"]:
        return str(rep), e, words                 # 全年 in last year's review, early this year
    return p, e, words


def is_average(near_left: str) -> bool:
    """年均增长7.1%, 平均每年增长百分之七点九, 城镇新增就业每年超过90万人: an average (or a floor)
    over years, not one year's figure."""
    return bool(re.search(clock_cues()["average_pattern"], near_left))


def compared_span(near_left: str, period: Optional[str]) -> Optional[str]:
    """"2003..2007" for growth 比2002年 stated in a sentence about 2007; None for a growth over the
    year before (比上年, 比2006年 in 2007) or when the sentence names no year."""
    m = re.search(clock_cues()["compared_year_pattern"], near_left)
    if not m or not period or not period[:4].isdigit() or ".." in period:
        return None
    base, year = int(m.group(1)), int(period[:4])
    if base >= year - 1:
        return None
    return f"{base + 1}..{year}"


# ---------------------------------------------------------------- fallbacks, once per document

class _ParagraphPeriods:
    """Period phrases of each paragraph (deadlines left out), looked up by bisection, and the
    year of the heading each paragraph stands under."""

    def __init__(self, clean: str, clock: Clock, deadline_before: re.Pattern, heading_year):
        self.by_para: dict[int, list[tuple[int, str, str]]] = {}
        self.heading: list[tuple[int, Optional[int]]] = []
        pos = 0
        for para in clean.split("\n"):
            for s, e, p in find_periods(para, clock.date, clock.reported_year):
                if deadline_before.search(para[max(0, s - 4):s]):
                    continue
                self.by_para.setdefault(pos, []).append((pos + s, p, para[s:e]))
            y = heading_year(para)
            if y is not None:
                self.heading.append((pos, y))
            pos += len(para) + 1
        self.offsets = {ps: [x[0] for x in v] for ps, v in self.by_para.items()}
        self.para_starts = [0] + [i + 1 for i, ch in enumerate(clean) if ch == "\n"]
        self.heading_offsets = [h[0] for h in self.heading]
        self.year = clock.year

    def before(self, fig: Figure, sent_start: int) -> tuple[Optional[str], str]:
        """The last period phrase of the figure's paragraph before its sentence, and that phrase."""
        para_start = self.para_starts[bisect.bisect_right(self.para_starts, fig.start) - 1]
        rows = self.by_para.get(para_start, [])
        k = bisect.bisect_left(self.offsets.get(para_start, []), sent_start)
        for off, p, words in reversed(rows[:k]):
            if fig.kind in ("actual", "estimate") and self.year is not None and p[:4].isdigit() \
                    and int(p[:4]) > self.year:
                continue                      # a future year is a target's, not an actual's
            return p, words
        return None, ""

    def section_year(self, offset: int) -> Optional[int]:
        """The year of the last heading before ``offset`` that names one (一、2023年工作回顾)."""
        j = bisect.bisect_right(self.heading_offsets, offset) - 1
        return self.heading[j][1] if j >= 0 else None


def _document_period(fig: Figure, clock: Clock, stock_measures) -> Optional[str]:
    """Period of a figure whose text names none: flows over the reporting period, stocks at the date."""
    year, month, rep = clock.year, clock.month, clock.reported_year
    if rep is None:
        return None
    if fig.measure in stock_measures:
        if rep < (year or rep):
            return str(rep)              # year-end stock reported next year
        return f"{year}-{month:02d}" if month else str(year)
    if rep < (year or rep) or month is None or month == 12:
        return str(rep)
    return f"{rep}-01..{rep}-{month:02d}"


def fill_periods(figures: list[Figure], clean: str, clock: Clock, modes: tuple[list[int], list[str]],
                 heading_year, horizons: tuple[list[int], list[Optional[int]]] = ([], [])) -> list[Figure]:
    """Every figure with its period and ``period_source`` (see the module docstring). A target
    whose deadline is only the document's year takes the horizon of its plan section when later
    (``horizons``: paragraph starts and the year a 到2025年，… lead carried to them)."""
    c = clock_cues()
    paras = _ParagraphPeriods(clean, clock, re.compile(c["deadline_before"]), heading_year)
    starts, pmodes = modes
    out = []
    for f in figures:
        if f.period_source:                   # its own words gave it
            out.append(f)
            continue
        j = bisect.bisect_right(horizons[0], f.start) - 1
        if f.kind == "target" and "deadline:document_year" in f.rules and j >= 0:
            h = horizons[1][j]
            if h is not None and f.deadline and f.deadline[:4].isdigit() and h > int(f.deadline[:4]):
                f = replace(f, deadline=str(h), rules=f.rules + ("deadline:section_horizon",))
        if f.kind == "target" or (f.kind == "rank" and f.deadline):
            src = "deadline" if f.deadline else None
            out.append(replace(f, period=f.deadline, period_source=src,
                               rules=f.rules + (("identify:period:deadline",) if src else ())))
            continue
        i = f.sentence.find(f.text)
        sent_start = f.start - (i if i >= 0 else 0)
        period, words = paras.before(f, sent_start)
        source = "paragraph" if period else None
        k = bisect.bisect_right(starts, f.start) - 1
        mode = pmodes[k] if k >= 0 else ""
        if period and mode == "actual" and clock.reported_year is not None and clock.year is not None \
                and clock.reported_year < clock.year and period == str(clock.year) \
                and words in c["full_year_words"]:
            period, source = str(clock.reported_year), "paragraph"
        if not period and mode == "actual":
            y = paras.section_year(f.start)
            if y is not None and (clock.year is None or y < clock.year):
                period, source = str(y), "section"
        if not period:
            period = _document_period(f, clock, c["stock_measures"])
            source = "document" if period else None
        out.append(replace(f, period=period, period_source=source,
                           rules=f.rules + ((f"identify:period:{source}",) if source else ())))
    return out
