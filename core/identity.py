"""The identify stage: what each figure measures, for whom and when — its comparability key.

Runs after figure extraction on the whole document. For every figure it decides, and records:

- **indicator**: the taxonomy id with the level taken off the phrase (国家级/省级…), the match
  confidence and method (``core.indicators.match``), a subset (其中, 重点支持的, a population such as
  先进制造业集群's margin) and the display name (the taxonomy name with its level when matched, the
  phrase's own words when not);
- **contribution**: 拉动…个百分点 is a contribution to growth, never a gap to a base;
- **base**: what the figure is compared with (全国/全省 for gaps, 上年同期 for growth, the whole for
  shares, the ranking's scope for ranks);
- **period**: decided by the period stage (``core.figures.timing``) and only read here, as is
  the kind (``core.figures.modality``); ``period_kind`` gives its shape;
- **region**: a figure whose clause is about another named place (武汉GDP in a 长沙 feature) carries
  that place; otherwise the document's region (left ``None`` here, filled by the frames).

Each decision is appended to the figure's rule trace (``Figure.rules``: ``identify:indicator:fuzzy``,
``identify:subset:clause`` …; the vocabulary is in ``core.figures``).

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

CUES = Path(__file__).parent / "data" / "identity_cues.json"
_CLAUSE = re.compile(r"[，,；;：:。！？!?\n]")


@functools.lru_cache(maxsize=1)
def cues() -> dict:
    """``core/data/identity_cues.json`` with its patterns compiled (loaded once)."""
    c = json.loads(CUES.read_text(encoding="utf-8"))
    for k in ("contribution", "subset_clause", "growth_base", "share_base",
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
    with paragraphs on 武汉, 合肥, 南昌): a place at the head of a paragraph (after time words and
    connectives) is the subject of the paragraph; a place at the head of a later clause is the subject
    of that clause and the rest of its sentence only (a province's report names its cities in passing);
    a heading line "郑州：…" makes its place the topic of the paragraphs after it."""

    _CLAUSE_MARK = re.compile(r"[，,；;。！？!?：:]")
    _SENTENCE_END = re.compile(r"[。！？!?]")
    _LOOK_BACK = 64   # places looked back over for one figure (keeps a huge paragraph linear)

    def __init__(self, clean: str, doc_region: Optional[str]):
        c = cues()
        self.doc_region = doc_region
        lead = re.compile(c["subject_lead_strip"])
        own = re.compile(c["own_scope_head"])
        # (offset, paragraph start, region, end of its reach): a place that opens a paragraph is the
        # subject of the paragraph; one that opens a later clause only of the rest of its sentence
        self.events: list[tuple[int, int, Optional[str], int]] = []
        self.headings: list[tuple[int, Optional[str]]] = []
        pos = 0
        for para in clean.split("\n"):
            if para.strip():
                stripped = para.strip()
                colon = re.match(r"^([^：:，,。]{2,12})[：:]", stripped)
                if colon and len(stripped) <= c["heading_max_chars"]:
                    self.headings.append((pos, self._place(colon.group(1))))
                start = 0
                ends = [e.end() for e in self._SENTENCE_END.finditer(para)]   # found once: linear
                opening = len(para) - len(para.lstrip())
                for m in [*self._CLAUSE_MARK.finditer(para), None]:
                    end = m.start() if m else len(para)
                    clause = para[start:end]
                    skip = lead.match(clause)
                    head = clause[skip.end() if skip else 0:][:c["subject_head_chars"] + 8]
                    first = start <= opening
                    k = bisect.bisect_right(ends, start)
                    reach = pos + (len(para) if first or k == len(ends) else ends[k])
                    if own.match(head):
                        self.events.append((pos + start, pos, doc_region, reach))
                    else:
                        region = self._place(head[:c["subject_head_chars"]], at_start=True, rest=head)
                        if region is not None:
                            self.events.append((pos + start, pos, region, reach))
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
        for _ in range(self._LOOK_BACK):          # out of that place's reach: an earlier one may hold
            if i < 0 or self.events[i][1] != para or offset < self.events[i][3]:
                break
            i -= 1
        else:
            i = -1                                # (bounded: hostile text with thousands of places)
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
    subjects = _Subjects(clean, meta.region)
    out: list[Figure] = []
    in_sentence: dict[str, list[Figure]] = {}      # figures so far of each sentence
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
        label = f.indicator if population else _label(f, ind_id, level, conf, m.qualifier if m else "")
        contribution = f.measure == "difference" and bool(c["_contribution"].search(near_left))
        base = _base(f, near_left, after)
        region = subjects.of_phrase(f.phrase or f.indicator) or subjects.at(f.start)
        rules = _rules(method, level, subset_rule, label != f.indicator, contribution, base, region)
        out.append(replace(
            f, indicator_id=ind_id, phrase=f.phrase or f.indicator,
            indicator=label, ind_level=level, match_confidence=conf, match_method=method,
            subset=subset, contribution=contribution, base=base,
            period_kind=f.period_kind or period_kind(f.period), region=region, rules=f.rules + tuple(map(sys.intern, rules))))
        same_sentence.append(out[-1])
    return out


def _rules(method: str, level: Optional[str], subset_rule: str, labelled: bool, contribution: bool,
           base: Optional[str], region: Optional[str]) -> tuple[str, ...]:
    """The identify stage's part of a figure's rule trace (vocabulary in ``core.figures``)."""
    out = [f"identify:indicator:{method}"]
    if level:
        out.append(f"identify:level={level}")
    if subset_rule:
        out.append(subset_rule)
    if labelled:
        out.append("identify:label:taxonomy")
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
