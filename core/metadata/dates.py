"""When a document was issued: an explicit date, a dateline month-day plus an inferred year, or a year.

Year evidence (see ``core/data/date_cues.json``): every ``YYYY年`` votes for the document year
by what surrounds it — plans (2024年…谋划, 2023年度工作思路) and in-year periods (2020年前三季度,
2020年内) vote for YYYY; full-year results (2023年，全省…增长7.1%) vote for YYYY+1, because a
year's results are reported early in the next year; deadlines (到2025年) are ignored; other
mentions only bound the year from below, as do era terms (新质生产力 ≥ 2023).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from email.utils import parsedate_to_datetime
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


def _heading_factor(body: str, start: int, cfg: dict, breaks: list[int]) -> float:
    """``heading.factor`` when the year opens a short heading line (一、2023年工作回顾), else 1.
    ``breaks`` are the offsets of the text's line breaks (found once, looked up by bisection)."""
    h = cfg["heading"]
    k = bisect.bisect_left(breaks, start)
    line_start = breaks[k - 1] + 1 if k > 0 else 0
    line_end = breaks[k] if k < len(breaks) else len(body)
    if line_end - line_start <= h["max_line_chars"] and rx(h["pattern"]).match(body[line_start:start]):
        return float(h["factor"])
    return 1.0


def _small_number(s: str) -> Optional[int]:
    v = int(s) if s.isdigit() else parse_chinese(s)
    return int(v) if v else None


def this_year_votes(body: str) -> list[YearVote]:
    """Votes from what the text says the current year is: 今年是新中国成立75周年 (1949 + 75),
    今年是“十四五”规划收官之年 (2025), and the national congress session it is delivered at
    (第十四届全国人民代表大会第二次会议: 2024)."""
    cfg = load("date_cues")
    t = cfg["this_year_is"]
    events = "|".join(sorted(t["events"], key=len, reverse=True))
    anniv, plan = rx(t["anniversary"].replace("{events}", events)), rx(t["plan"])
    votes: list[YearVote] = []
    for m in rx(t["lead"]).finditer(body):
        window = body[m.end():m.end() + t["window"]]
        window = _CLAUSE_END.split(window, maxsplit=1)[0]
        shift = 1 if m.group().startswith("明年") else 0
        a = anniv.search(window)
        n = _small_number(a["n"]) if a else None
        if a and n:
            votes.append(YearVote(t["events"][a["event"]] + n - shift, t["weight"], "this_year",
                                  _snippet(body, m.start(), 30)))
            continue
        p = plan.search(window)
        if p:
            nth = 10 + (_small_number(p["n"]) or 0) if p["n"] else 10
            first = t["plan_third_first_year"] + t["plan_years"] * (nth - 3)
            offset = t["plan_positions"].get(p["pos"])
            if offset is not None:
                votes.append(YearVote(first + offset - shift, t["weight"], "this_year",
                                      _snippet(body, m.start(), 30)))
    nc = cfg["national_congress"]
    for m in rx(nc["pattern"]).finditer(body):
        n, k = _small_number(m["n"]), _small_number(m["m"])
        if n and k:
            year = nc["first_year"] + nc["term_years"] * (n - nc["first_term"]) + (k - 1)
            votes.append(YearVote(year, nc["weight"], "this_year", _snippet(body, m.start(), 30)))
    return votes


def year_evidence(body: str, early_event: bool = False) -> tuple[list[YearVote], int, Optional[tuple[int, str]]]:
    """Votes for the document year, the latest plain mention, and (year, term) of the era term
    with the latest first year (or None). ``early_event``: the text's event is early in a year
    (a January congress), so an estimate of a year (预计2023年…) reports last year."""
    cfg = load("date_cues")
    votes: list[YearVote] = this_year_votes(body)
    lower = 0
    plan, result = rx(cfg["plan_words"]), rx(cfg["result_words"])
    w = cfg["weights"]
    breaks = [i for i, ch in enumerate(body) if ch == "\n"]
    for m in YEAR.finditer(body):
        y = int(m.group(1))
        before, after = body[max(0, m.start() - 6):m.start()], body[m.end():m.end() + 40]
        hf = _heading_factor(body, m.start(), cfg, breaks)
        if rx(cfg["in_year_after"]).search(after):
            votes.append(YearVote(y, w["in_year"], "in_year", _snippet(body, m.start())))
            continue
        if rx(cfg["estimate_before"]).search(before) or rx(cfg["estimate_after"]).search(after):
            if early_event:
                votes.append(YearVote(y + 1, w["result"], "estimate", _snippet(body, m.start())))
            else:
                lower = max(lower, y)
            continue
        if rx(cfg["deadline_before"]).search(before) or rx(cfg["deadline_after"]).search(after):
            continue
        if rx(cfg["program_before"]).search(before):
            lower = max(lower, y)
            continue
        line = _CLAUSE_END.split(after, maxsplit=1)[0]
        if hf > 1 and not result.search(line):
            votes.append(YearVote(y, w["plan"] * hf, "plan", _snippet(body, m.start())))
            continue
        if rx(cfg["since_after"]).search(after):
            votes.append(YearVote(y, w["since"], "since", _snippet(body, m.start())))
            continue
        if rx(cfg["lower_bound_after"]).search(after):
            lower = max(lower, y)
            continue
        seg = _SEGMENT_END.split(after, maxsplit=2)
        clause = seg[0] or (seg[1] if len(seg) > 1 else "")
        sentence = _CLAUSE_END.split(after, maxsplit=1)[0]
        if plan.search(clause):
            votes.append(YearVote(y, w["plan"] * hf, "plan", _snippet(body, m.start())))
        elif result.search(clause):
            votes.append(YearVote(y + 1, w["result"] * hf, "result", _snippet(body, m.start())))
        elif not plan.search(sentence) and result.search(sentence):
            # "2024年，山东深入实施…行动，推动…取得新突破": results later in the same sentence
            votes.append(YearVote(y + 1, w["result_in_sentence"], "result", _snippet(body, m.start())))
        else:
            lower = max(lower, y)
    for m in rx(cfg["bare_year"]).finditer(body):
        votes.append(YearVote(int(m.group(1)), w["named_list"], "named_list", _snippet(body, m.start())))
    era_year, era_term = 0, None
    for term, year in cfg["era_terms"].items():
        if term.startswith("_"):
            continue
        if term in body and year > era_year:
            era_year, era_term = year, term
    return votes, lower, (era_year, era_term) if era_term else None


def infer_year(body: str, early_event: bool = False) -> tuple[Optional[int], str]:
    """The document year and a short reason, or (None, "").

    Votes decide; an era term can only raise the voted year (a phrase cannot predate its
    coinage). Without votes, the latest year the text mentions (not a deadline: 2016年以来,
    2024年是…) is taken as a lower bound and said to be one; an era term alone never gives a
    year (新质生产力 was coined in 2023 and is used for years after).
    """
    votes, lower, era = year_evidence(body, early_event)
    era_year, era_term = era if era else (0, None)
    if votes:
        tally: dict[int, float] = defaultdict(float)
        for v in votes:
            tally[v.year] += v.weight
        year = max(tally, key=lambda y: (tally[y], y))
        best = max((v for v in votes if v.year == year), key=lambda v: v.weight)
        why = {"plan": "plan for", "in_year": "in-year period", "since": "period since",
               "result": "results reported as last year's", "estimate": "estimate of last year",
               "this_year": "what the text says this year is:",
               "named_list": "a list or event named for its year"}[best.kind]
        reason = f"year from {why} '{best.snippet}'"
        if era_year > year:
            year, reason = era_year, f"year raised to {era_year} by era term '{era_term}'"
        return year, reason
    if lower:
        if era_year > lower:
            return era_year, f"year raised to {era_year} by era term '{era_term}'"
        return lower, "inferred: no year cue; the latest year the text mentions (a lower bound)"
    return None, ""


def event_date(body: str) -> Optional[tuple[Optional[int], int, int, str]]:
    """(year or None, month, day, how) of the event the text reports: a dateline in the lead
    ("中新网沈阳3月14日电", "12月20日，…召开新闻发布会") or a month-day followed by an event verb."""
    cfg = load("date_cues")
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


def event_month(body: str) -> Optional[int]:
    """The month of the event a text reports when only a part of it is printed (1月中旬，…会议召开)."""
    cfg = load("date_cues")
    event = rx(cfg["event_after_monthday"])
    for m in rx(cfg["event_month_part"]).finditer(body[:cfg["dateline_chars"] * 2]):
        mo = int(m.group(1))
        if 1 <= mo <= 12 and event.search(body[m.end():m.end() + 120]):
            return mo
    return None


@dataclass(frozen=True)
class PublicationDate:
    date: dt.date
    how: str             # "labelled date", "front matter", "source line", "timestamp line", "URL"
    snippet: str


def _parse_free_date(s: str) -> Optional[dt.date]:
    """A date written as 2024-12-21, 2024/6/9, 2024年6月9日, RFC 2822 (Thu, 27 Jan 2022 06:23:02 GMT)
    or Unix seconds (1722403500)."""
    if re.fullmatch(r"\s*1\d{9}\s*", s):            # Unix seconds, read in Beijing time
        return dt.datetime.fromtimestamp(int(s), tz=dt.timezone(dt.timedelta(hours=8))).date()
    m = re.search(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", s)
    if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        return parsedate_to_datetime(s.strip()).date()
    except (TypeError, ValueError, IndexError):
        return None


def publication_dates(header: str, body: str, today: Optional[dt.date] = None) -> list[PublicationDate]:
    """Publication dates printed by the page, strongest first: labelled lines (发布时间/成文日期…),
    front matter ``date:``, a source line with a date (来源：大众日报2025-01-20), a timestamp line
    in the page header, a dated article URL (never an image's)."""
    cfg = load("date_cues")["publication"]
    today = today or dt.date.today()
    out: list[tuple[int, int, PublicationDate]] = []
    lines = [x.strip() for x in (header or "").splitlines() if x.strip()]
    for i, line in enumerate(lines):
        for rank, (how, pattern) in enumerate(cfg["line_kinds"]):
            m = rx(pattern).search(line)
            if m:
                d = _parse_free_date(m.group("d"))
                if d and dt.date(1990, 1, 1) <= d <= today:
                    out.append((rank, i, PublicationDate(d, how, line[:40])))
                break
    for i, m in enumerate(rx(cfg["url"]).finditer((header or "") + "\n" + body)):
        if rx(cfg["image_url"]).search(m.group(0)):
            continue
        for pattern in cfg["url_dates"]:
            u = rx(pattern).search(m.group(0))
            if u and _valid(int(u["y"]), int(u["m"]), int(u["d"])):
                d = dt.date(int(u["y"]), int(u["m"]), int(u["d"]))
                if dt.date(1990, 1, 1) <= d <= today:
                    out.append((len(cfg["line_kinds"]), i, PublicationDate(d, "URL", m.group(0)[:60])))
                break
    return [p for _, _, p in sorted(out, key=lambda t: (t[0], t[1]))]


def _bulletin_date(header: str, body: str) -> Optional[tuple[str, str]]:
    """An annual statistical bulletin of year N (国民经济和社会发展统计公报) with no printed date is
    dated to the month such bulletins appear in year N+1 (date_cues.json ``conventions``)."""
    conv = load("date_cues")["conventions"]
    m = rx(conv["bulletin"]["pattern"]).search(header + "\n" + body[:conv["lead_chars"]])
    if not m:
        return None
    year, month = int(m.group("y")) + 1, conv["bulletin"]["month"]
    return f"{year:04d}-{month:02d}", (f"inferred: annual statistical bulletin of {m.group('y')} "
                                        f"(such bulletins appear around {month}月 of the following year)")


def _month_convention(body: str, year: int, reason: str) -> Optional[tuple[str, str]]:
    """A month for a document dated only by the results it reports: last year's results beside
    this year's plans come early in the year (date_cues.json ``conventions.early_year``)."""
    conv = load("date_cues")["conventions"]["early_year"]
    if reason.startswith("year from results") and rx(conv["this_year_plan"]).search(body) \
            and not rx(conv["in_year_period"]).search(body):
        return f"{year:04d}-{conv['month']:02d}", (f"inferred: last year's results beside this year's "
                                                    f"plans (early in the year, {conv['month']}月 assumed); {reason}")
    return None


def _in_year_release(body: str, year: int, reason: str) -> Optional[tuple[str, str]]:
    """A month for a text that opens with the in-year period it reports, as data releases do (date_cues.json
    ``conventions.in_year_release``): the month after the latest such period of its lead ends. A
    feature that mentions 前三季度 somewhere keeps its year alone."""
    if not reason.startswith("year from in-year period"):
        return None
    conventions = load("date_cues")["conventions"]
    conv = conventions["in_year_release"]
    last = 0
    for m in rx(conv["pattern"]).finditer(body[:conventions["lead_chars"]]):
        if int(m.group("y")) != year:
            continue
        end = int(m.group("m")) if m.group("m") else conv["part_end"].get(m.group("part"), 0)
        last = max(last, end if 1 <= end <= 12 else 0)
    if not last or last == 12:
        return None
    return (f"{year:04d}-{last + 1:02d}", f"inferred: data of {year} up to month {last} are released the month "
                                          f"after ({last + 1}月); {reason}")


def infer_date(body: str, header: str = "", today: Optional[dt.date] = None) -> tuple[Optional[str], Optional[str]]:
    """Most specific date the text supports ("YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None) and its source.

    The event the text reports (dateline or lead month-day) wins when a publication date of the
    page (``header``: the lines before the body) confirms it was shortly before; its year comes
    from that publication date. Else the publication date. Else the event month-day with the year
    the text reports, or the year alone (with a month from a publishing convention where one holds).
    """
    if not body and not header:
        return None, None
    body, header = arabize_dates(body or ""), arabize_dates(header or "")
    cfg = load("date_cues")
    # a labelled date printed in the body itself (发布日期：…) counts as a header line
    session = dict(cfg["publication"]["line_kinds"])["session date"]
    labelled = [m.group(0) for p in (cfg["labelled_date"], session) if (m := rx(p).search(body))]
    pubs = publication_dates("\n".join([header, *labelled]), body, today)
    ev = event_date(body)
    part = event_month(body) if ev is None else None
    if pubs:
        pub = pubs[0]
        if ev:
            y, mo, d, how = ev
            year = y or (pub.date.year if mo <= pub.date.month else pub.date.year - 1)
            if _valid(year, mo, d):
                lag = (pub.date - dt.date(year, mo, d)).days
                if 0 <= lag <= cfg["publication"]["max_event_lag_days"]:
                    return (f"{year:04d}-{mo:02d}-{d:02d}",
                            f"{how} {mo}月{d}日 in the lead; year from the {pub.how} '{pub.snippet}'")
        return pub.date.isoformat(), f"{pub.how} '{pub.snippet}'"
    if ev and ev[0]:
        y, mo, d, how = ev
        return f"{y:04d}-{mo:02d}-{d:02d}", f"explicit date in text ({how})"
    bulletin = _bulletin_date(header, body) if not ev else None
    if bulletin:
        return bulletin
    early = (bool(ev) and ev[1] <= cfg["early_event_month"]) or (part is not None and part <= cfg["early_event_month"])
    year, reason = infer_year(body, early)
    if ev and year and _valid(year, ev[1], ev[2]):
        _, mo, d, how = ev
        return f"{year:04d}-{mo:02d}-{d:02d}", f"month-day in text ({how} {mo}月{d}日); {reason}"
    if part is not None and year:
        return f"{year:04d}-{part:02d}", f"month of the event in text ({part}月); {reason}"
    if year:
        return _month_convention(body, year, reason) or _in_year_release(body, year, reason) \
            or (f"{year:04d}", reason)
    return None, None
