"""The identify stage: what each figure measures, for whom and when — its comparability key.

Runs after figure extraction on the whole document. For every figure it decides, and records:

- **indicator**: the taxonomy id with the level taken off the phrase (国家级/省级…), the match
  confidence and method (``core.indicators.match``), a subset (其中, 重点支持的, a population such as
  先进制造业集群's margin) and the display name (the taxonomy name with its level when matched, the
  phrase's own words when not);
- **contribution**: 拉动…个百分点 is a contribution to growth, never a gap to a base;
- **base**: what the figure is compared with (全国/全省 for gaps, 上年同期 for growth, the whole for
  shares, the ranking's scope for ranks);
- **period**: the sentence's own period; else the nearest period phrase earlier in the paragraph;
  else the document's reporting period (last year's results in a document of early next year,
  the year to date otherwise; stocks at the document date); targets their deadline. Where it came
  from is kept in ``period_source``, its shape in ``period_kind``;
- **region**: a figure whose clause is about another named place (武汉GDP in a 长沙 feature) carries
  that place; otherwise the document's region (left ``None`` here, filled by the frames).

Each decision is appended to the figure's rule trace (``Figure.rules``: ``identify:indicator:fuzzy``,
``identify:period:paragraph``, ``identify:kind:estimate`` …; the vocabulary is in ``core.figures``).

All cue words live in ``core/data/identity_cues.json``.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional

from core.gazetteer import find_mentions
from core.indicators import indicator_name, match
from core.models import DocMeta, Figure
from core.periods import doc_month, doc_year, find_periods

CUES = Path(__file__).parent / "data" / "identity_cues.json"
_CLAUSE = re.compile(r"[，,；;：:。！？!?\n]")


@functools.lru_cache(maxsize=1)
def cues() -> dict:
    """``core/data/identity_cues.json`` with its patterns compiled (loaded once)."""
    c = json.loads(CUES.read_text(encoding="utf-8"))
    for k in ("contribution", "subset_clause", "deadline_before", "growth_base", "share_base",
              "share_base_whole", "share_base_nation",
              "difference_base", "comparison_before_place", "last_year_results", "label_ignorable"):
        c["_" + k] = re.compile(c[k])
    return c


def period_kind(period: Optional[str]) -> Optional[str]:
    """Shape of a normalized period: year | months | quarter | half | month | day | range | None."""
    if not period:
        return None
    for kind, pattern in cues()["period_kinds"]:
        if re.fullmatch(pattern, period):
            return kind
    return "range"


def reporting_year(clean: str, date: Optional[str]) -> tuple[Optional[int], str]:
    """The year whose results the document mainly reports: the year before its date when it is
    published early in the year and reports last year's results (2024年… / 过去一年 / 去年…), else
    the year of its date."""
    year, month = doc_year(date), doc_month(date)
    if year is None:
        return None, ""
    c = cues()
    if month is not None and month <= c["early_months"]:
        head = clean[:c["results_scan_chars"]]
        if re.search(rf"{year - 1}年", head) or c["_last_year_results"].search(head):
            return year - 1, f"results of {year - 1} reported early in {year}"
    return year, f"year of the document ({year})"


def _paragraph_periods(clean: str, date: Optional[str]) -> list[tuple[int, int, str, str]]:
    """(paragraph start, offset, period, phrase) of every reporting-period phrase (deadlines left out)."""
    out = []
    pos = 0
    c = cues()
    for para in clean.split("\n"):
        for s, e, p in find_periods(para, date):
            if c["_deadline_before"].search(para[max(0, s - 4):s]):
                continue
            out.append((pos, pos + s, p, para[s:e]))
        pos += len(para) + 1
    return out


class _ParagraphPeriods:
    """Reporting-period phrases of each paragraph, looked up by bisection (linear in the text)."""

    def __init__(self, clean: str, date: Optional[str]):
        self.by_para: dict[int, list[tuple[int, str, str]]] = {}
        for ps, off, p, words in _paragraph_periods(clean, date):
            self.by_para.setdefault(ps, []).append((off, p, words))
        self.offsets = {ps: [x[0] for x in v] for ps, v in self.by_para.items()}
        self.para_starts = [0] + [i + 1 for i, ch in enumerate(clean) if ch == "\n"]
        self.year = doc_year(date)

    def before(self, fig: Figure, sent_start: int) -> tuple[Optional[str], str]:
        """The last period phrase of the figure's paragraph before its sentence, and that phrase."""
        para_start = self.para_starts[bisect.bisect_right(self.para_starts, fig.start) - 1]
        rows = self.by_para.get(para_start, [])
        k = bisect.bisect_left(self.offsets.get(para_start, []), sent_start)
        for off, p, words in reversed(rows[:k]):
            if fig.kind == "actual" and self.year is not None and p[:4].isdigit() and int(p[:4]) > self.year:
                continue                      # a future year is a target's, not an actual's
            return p, words
        return None, ""


def _document_period(fig: Figure, meta: DocMeta, rep_year: Optional[int]) -> Optional[str]:
    """Period of a figure whose text names none: flows over the reporting period, stocks at the date."""
    year, month = doc_year(meta.date), doc_month(meta.date)
    if rep_year is None:
        return None
    if fig.measure in cues()["stock_measures"]:
        if rep_year < (year or rep_year):
            return str(rep_year)              # year-end stock reported next year
        return f"{year}-{month:02d}" if month else str(year)
    if rep_year < (year or rep_year) or month is None or month == 12:
        return str(rep_year)
    return f"{rep_year}-01..{rep_year}-{month:02d}"


def _last_period_phrase(text: str, date: Optional[str]) -> str:
    found = find_periods(text or "", date)
    return text[found[-1][0]:found[-1][1]] if found else ""


def _near_left(fig: Figure) -> str:
    i = fig.sentence.find(fig.text)
    left = fig.sentence[:i] if i >= 0 else fig.sentence
    parts = _CLAUSE.split(left)
    return parts[-1] if parts else left


def _base(fig: Figure, near_left: str, after: str) -> Optional[str]:
    c = cues()
    if fig.measure == "rank":
        return fig.scope
    if fig.compared_to:
        return c["base_names"].get(fig.compared_to, fig.compared_to)
    if fig.measure == "difference":
        m = c["_difference_base"].search(near_left)
        return c["base_names"].get(m.group(1), m.group(1)) if m else None
    if fig.measure == "growth":
        m = c["_growth_base"].search(near_left)
        return c["base_names"].get(m.group(1), m.group(1)) if m else c["default_growth_base"]
    if fig.measure == "share":
        m = (c["_share_base"].search(near_left + fig.indicator) or c["_share_base"].search(after)
             or c["_share_base_whole"].search(near_left) or c["_share_base_nation"].search(near_left))
        return c["base_names"].get(m.group(1), m.group(1)) if m else None
    return None


class _Subjects:
    """The place each stretch of the text is about, for figures of multi-place texts (a 长沙 feature
    with paragraphs on 武汉, 合肥, 南昌): a place at the head of a clause (after time words and
    connectives) is the subject of that clause and the later clauses of its sentence and paragraph;
    a heading line "郑州：…" makes its place the topic of the paragraphs after it."""

    _CLAUSE_MARK = re.compile(r"[，,；;。！？!?：:]")

    def __init__(self, clean: str, doc_region: Optional[str]):
        c = cues()
        self.doc_region = doc_region
        lead = re.compile(c["subject_lead_strip"])
        own = re.compile(c["own_scope_head"])
        self.events: list[tuple[int, int, Optional[str]]] = []     # (offset, paragraph start, region)
        self.headings: list[tuple[int, Optional[str]]] = []
        pos = 0
        for para in clean.split("\n"):
            if para.strip():
                stripped = para.strip()
                colon = re.match(r"^([^：:，,。]{2,12})[：:]", stripped)
                if colon and len(stripped) <= c["heading_max_chars"]:
                    self.headings.append((pos, self._place(colon.group(1))))
                start = 0
                for m in [*self._CLAUSE_MARK.finditer(para), None]:
                    end = m.start() if m else len(para)
                    clause = para[start:end]
                    skip = lead.match(clause)
                    head = clause[skip.end() if skip else 0:][:c["subject_head_chars"] + 8]
                    if own.match(head):
                        self.events.append((pos + start, pos, doc_region))
                    else:
                        region = self._place(head[:c["subject_head_chars"]], at_start=True, rest=head)
                        if region is not None:
                            self.events.append((pos + start, pos, region))
                    start = (m.end() if m else len(para))
            pos += len(para) + 1
        self.offsets = [e[0] for e in self.events]
        self.heading_offsets = [h[0] for h in self.headings]
        self.para_starts = [0] + [k + 1 for k, ch in enumerate(clean) if ch == "\n"]

    def _place(self, head: str, at_start: bool = False, rest: str = "") -> Optional[str]:
        c = cues()
        for m in find_mentions(head):
            if at_start and m.start > 1:
                break
            if c["_comparison_before_place"].search(head[max(0, m.start - 3):m.start]):
                continue
            if re.match(c["institution_after_place"], head[m.end:]):
                continue                        # 山东省委、省政府…: an actor, not the subject of figures
            if self._honour_level(m.place, (rest or head)[m.end:]):
                continue                        # 山东省瞪羚企业27家: a title the province confers
            return m.place.full_name
        if re.match(c["nation_subject"], rest or head):  # the whole clause: 国内约有1/10的… is a share
            return "全国"
        return None

    def _honour_level(self, place, after: str) -> bool:
        """A place above the document's region named before a counted title (山东省瞪羚企业,
        国家专精特新企业) gives the title's level, not the subject of the figure."""
        from core.gazetteer import ancestors_of, lookup
        from core.indicators import match, taxonomy
        own = lookup(self.doc_region) if self.doc_region else None
        if own is None or place not in ancestors_of(own):
            return False
        m = match(re.split(r"[\d，,。；;、]", after, maxsplit=1)[0])
        if not m.indicator_id:
            return False
        row = taxonomy()[taxonomy()["id"] == m.indicator_id]
        return not row.empty and row.iloc[0]["unit_class"] == "count"

    def of_phrase(self, phrase: str) -> Optional[str]:
        """A place written into the indicator phrase itself (地处皖中的合肥GDP, 芜湖2021年GDP)."""
        for m in find_mentions(phrase or ""):
            rest = phrase[m.end:]
            if not rest or self._honour_level(m.place, rest):
                continue
            if cues()["_comparison_before_place"].search(phrase[max(0, m.start - 3):m.start]):
                continue
            found = None
            if match(rest).indicator_id or match(re.sub(r"^(?:19|20)\d{2}年", "", rest)).indicator_id:
                found = m.place.full_name
            if found and not self._is_doc_region(found):
                return found
        return None

    def at(self, offset: int) -> Optional[str]:
        """The place a figure at ``offset`` is about when it is not the document's region, else None."""
        para = self.para_starts[bisect.bisect_right(self.para_starts, offset) - 1]
        i = bisect.bisect_right(self.offsets, offset) - 1
        region = self.events[i][2] if i >= 0 and self.events[i][1] == para else None
        if region is None:
            j = bisect.bisect_right(self.heading_offsets, offset) - 1
            region = self.headings[j][1] if j >= 0 else None
        if region is None or self._is_doc_region(region):
            return None
        return region

    def _is_doc_region(self, region: str) -> bool:
        d = self.doc_region
        return bool(d) and (region == d or d.endswith(region) or region.endswith(d))


def _review_kind(f: Figure, sent_left: str, period: Optional[str], date: Optional[str]) -> tuple[str, Optional[str]]:
    """An estimate of a period already over is an actual: "2024年… 预计规上工业增加值增长9%左右" in a
    document of January 2025 reports (an estimate of) last year's result, not a target."""
    from core.figures import cues as figure_cues
    year = doc_year(date)
    if f.kind != "target" or year is None or not period or not period[:4].isdigit() or int(period[:4]) >= year:
        return f.kind, f.qualifier
    words = {m.group() for m in figure_cues().target_re.finditer(sent_left)}
    estimate = set(cues()["estimate_cues"])
    if not words or not words <= estimate:
        return f.kind, f.qualifier
    hedges = [w for w in (f.qualifier or "").split(";") if w]
    word = next(w for w in cues()["estimate_cues"] if w in words)
    return "actual", ";".join([word, *(h for h in hedges if h != word)])


def _label(fig: Figure, ind_id: Optional[str], level: Optional[str], confidence: float,
           qualifier: str = "") -> str:
    """The canonical name (with its level) when the phrase says no more than it: the name, an alias,
    an abbreviation (安徽省全年GDP → 地区生产总值; places, periods and scope words say where and when,
    which the key holds). Words that qualify the quantity (实施工业领域|设备更新项目, a fuzzy match's
    own words) keep the phrase as written; ``indicator_id`` still groups it."""
    c = cues()
    if not ind_id or confidence < c["label_min_confidence"]:
        return fig.indicator
    name = (level or "") + indicator_name(ind_id, "zh")
    if qualifier and len(_qualifying_words(qualifier)) > c["label_max_extra_chars"]:
        return fig.indicator
    return name


def _qualifying_words(words: str) -> str:
    """``words`` without place names (and what describes the place: 位于皖南的芜湖, 安徽第二经济大市、芜湖),
    periods, scope words and particles."""
    from core.gazetteer import find_mentions
    mentions = find_mentions(words)
    if mentions and words[:mentions[-1].start].endswith(("的", "、")):
        words = words[mentions[-1].start:]
        mentions = find_mentions(words)
    for m in sorted(mentions, key=lambda m: -m.start):
        words = words[:m.start] + words[m.end:]
    return cues()["_label_ignorable"].sub("", words)


def _resolve_period(f: Figure, sent_left: str, periods: _ParagraphPeriods, own: bool, meta: DocMeta,
                    rep_year: Optional[int]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(period, where it came from, the paragraph's period) of one figure; ``own``: its sentence
    names a period."""
    c = cues()
    para, phrase = periods.before(f, f.start - len(sent_left))
    if f.kind == "target" and not own:
        return (f.deadline or f.period), ("deadline" if (f.deadline or f.period) else None), para
    period, source, said = f.period, ("sentence" if f.period else None), sent_left
    if not period and para:
        period, source, said = para, "paragraph", phrase
    if period and f.kind != "target" and rep_year is not None and doc_year(meta.date) \
            and period == str(doc_year(meta.date)) and rep_year < doc_year(meta.date) \
            and _last_period_phrase(said, meta.date) in c["full_year_words"]:
        period, source = str(rep_year), f"{source} (全年 of the reporting year {rep_year})"
    if not period and f.kind != "target":
        period = _document_period(f, meta, rep_year)
        source = "document" if period else None
    return period, source, para


def _elliptic(core: str, previous: list[Figure]):
    """An elliptical list item takes the indicator of the item before it whose head it repeats:
    "省级先进制造业集群20家、国家级集群6家" -> 国家级 先进制造业集群."""
    for p in reversed(previous):
        if p.indicator_id and len(core) >= 2 and indicator_name(p.indicator_id, "zh").endswith(core):
            return p.indicator_id
    return None


def identify(figures: list[Figure], clean: str, meta: Optional[DocMeta] = None) -> list[Figure]:
    """Every figure with its comparability key filled in (see the module docstring). Pure."""
    meta = meta or DocMeta()
    c = cues()
    rep_year, _ = reporting_year(clean, meta.date)
    periods = _ParagraphPeriods(clean, meta.date)
    subjects = _Subjects(clean, meta.region)
    out: list[Figure] = []
    in_sentence: dict[str, list[Figure]] = {}      # figures so far of each sentence
    own_period: dict[str, bool] = {}               # whether a sentence names a period
    for f in figures:
        m = match(f.indicator) if f.indicator else None
        near_left = _near_left(f)
        i = f.sentence.find(f.text)
        after = f.sentence[i + len(f.text):i + len(f.text) + 12] if i >= 0 else ""
        sent_left = f.sentence[:i] if i >= 0 else ""
        ind_id = m.indicator_id if m else None
        level = m.level if m else None
        conf = m.confidence if m else 0.0
        method = m.method if m else "none"
        same_sentence = in_sentence.setdefault(f.sentence, [])
        if m and ind_id is None:
            ind_id = _elliptic(m.core, same_sentence[-c["elliptic_lookback"]:])
            conf, method = (0.9, "elliptic") if ind_id else (conf, method)
        subset = m.subset if m else None
        population = bool(subset) and subset not in c["subset_words"]
        subset_rule = ("identify:subset:population" if population else "identify:subset:modifier") if subset else ""
        if c["_subset_clause"].search(re.split(r"[。；;]", sent_left)[-1]) and not subset:
            subset, subset_rule = "其中", "identify:subset:clause"
        if f.sentence not in own_period:
            own_period[f.sentence] = bool(find_periods(f.sentence, meta.date))
        period, source, para = _resolve_period(f, sent_left, periods, own_period[f.sentence], meta, rep_year)
        past = str(rep_year) if rep_year is not None and rep_year < (doc_year(meta.date) or rep_year) else None
        kind, qualifier = _review_kind(f, sent_left, para or past, meta.date)
        if kind != f.kind:
            period, source = (para, "paragraph") if para else (past, "document")
        label = f.indicator if population else _label(f, ind_id, level, conf, m.qualifier if m else "")
        contribution = f.measure == "difference" and bool(c["_contribution"].search(near_left))
        base = _base(f, near_left, after)
        region = subjects.of_phrase(f.phrase or f.indicator) or subjects.at(f.start)
        rules = _rules(method, level, subset_rule, label != f.indicator, period, source,
                       kind != f.kind, contribution, base, region)
        out.append(replace(
            f, kind=kind, qualifier=qualifier, indicator_id=ind_id, phrase=f.phrase or f.indicator,
            indicator=label, ind_level=level, match_confidence=conf, match_method=method,
            subset=subset, contribution=contribution, base=base, period=period, period_source=source,
            period_kind=period_kind(period), region=region, rules=f.rules + tuple(map(sys.intern, rules))))
        same_sentence.append(out[-1])
    return out


def _rules(method: str, level: Optional[str], subset_rule: str, labelled: bool,
           period: Optional[str], source: Optional[str], estimate: bool, contribution: bool,
           base: Optional[str], region: Optional[str]) -> tuple[str, ...]:
    """The identify stage's part of a figure's rule trace (vocabulary in ``core.figures``)."""
    out = [f"identify:indicator:{method}"]
    if level:
        out.append(f"identify:level={level}")
    if subset_rule:
        out.append(subset_rule)
    if labelled:
        out.append("identify:label:taxonomy")
    if estimate:
        out.append("identify:kind:estimate")
    if period and source:
        out.append("identify:period:" + ("reporting_year" if "(" in source else source))
    if contribution:
        out.append("identify:contribution")
    if base:
        out.append(f"identify:base={base}")
    if region:
        out.append(f"identify:region={region}")
    return tuple(out)


def series_key(f: Figure) -> str:
    """What must agree (apart from region and period) for two figures to stand side by side."""
    what = f.indicator_id or f"phrase:{f.indicator}"
    return "|".join(str(x or "") for x in (what, f.ind_level, f.measure, f.base, f.subset,
                                            "contribution" if f.contribution else ""))
