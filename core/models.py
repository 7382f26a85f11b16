"""Plain data records passed between the pipeline stages.

bytes --ingest--> Decoded --normalize--> Normalized (clean text + repair log + sentences)
      --metadata--> DocMeta --extract--> Figure / Slogan / Theme

Every extracted record carries ``start``/``end`` offsets into ``Normalized.clean``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Decoded:
    """Raw bytes decoded to text, with the encoding that worked."""

    text: str
    encoding: str          # "utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"
    had_bom: bool = False


@dataclass(frozen=True)
class Repair:
    """One named repair applied to the text, ftfy-style.

    ``spans`` are (start, end) offsets into the text *as it was before this repair*
    (for flags that change nothing, such as ``mojibake``, offsets into the clean text).
    ``samples`` holds the first few original snippets that were changed or removed,
    so nothing is lost silently.
    """

    kind: str
    count: int
    spans: tuple[tuple[int, int], ...] = ()
    samples: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int             # offset into Normalized.clean
    end: int               # exclusive
    text: str
    damaged: bool = False  # touches a flagged mojibake spot


@dataclass
class Normalized:
    """Clean simplified text plus everything that was done to get there."""

    clean: str
    repairs: list[Repair]
    script: str                      # "simplified" | "traditional" (script of the *input*)
    conversion: Optional[str]        # OpenCC config used: "tw2sp", "t2s" or None
    defects: list[str]               # e.g. ["mojibake", "pinyin_gloss", "page_chrome"]
    sentences: list[Sentence] = field(default_factory=list)
    header: str = ""                 # lines before the first body paragraph, chrome included
                                     # (simplified): where publication dates and sources are printed


@dataclass
class DocMeta:
    region: Optional[str] = None     # official name: 威海市, 山东省, 济南市莱芜区
    region_en: Optional[str] = None
    level: Optional[str] = None      # "province" | "city" | "county" | "zone"
    region_source: Optional[str] = None  # why this region (or why none): the issuer evidence
    date: Optional[str] = None       # "YYYY-MM-DD" | "YYYY-MM" | "YYYY"
    date_source: Optional[str] = None  # how the date was found: "explicit", "inferred: 2023年 results", "manifest"
    title: Optional[str] = None
    genre: Optional[str] = None      # "press_conference" | "interview" | "feature" | "report" | None
    speakers: list[str] = field(default_factory=list)
    source: Optional[str] = None


@dataclass
class Figure:
    kind: str                        # "actual" | "estimate" | "target" | "rank"
    indicator: str
    indicator_id: Optional[str]
    measure: str                     # level|growth|share|difference|rank|count_new|progress
    value: float
    unit: str
    text: str                        # the matched number text as written, e.g. "8.4%"
    qualifier: Optional[str]         # hedge: 力争, 确保, 左右, 以上, 超过, 约, 余, 近, 多 ...
    period: Optional[str]            # "2024-01..2024-10", "2023", "2024-Q1..Q3" ...
    scope: Optional[str]             # 全省, 全市, 全国 ...
    compared_to: Optional[str]       # e.g. "全省" in 高于全省0.1个百分点
    sentence: str
    start: int                       # offsets of `text` in the clean text
    end: int
    low_confidence: bool = False
    deadline: Optional[str] = None   # for targets: "2024", "2025" ...
    # the comparability key (core.identity): what the figure measures, for whom and when
    phrase: str = ""                 # the indicator phrase as the text words it
    ind_level: Optional[str] = None  # 国家级 | 省级以上 | 省级 | 市级以上 | 市级 | 县级
    match_confidence: float = 0.0    # of the taxonomy match (1.0 exact; rapidfuzz score; 0 none)
    match_method: str = "none"       # "exact" | "fuzzy" | "none"
    subset: Optional[str] = None     # 其中, 重点支持的, a population (先进制造业集群…): part of the whole
    contribution: bool = False       # 拉动…个百分点: a contribution to growth, not a gap
    base: Optional[str] = None       # compared with: 全国/全省 (gaps), 上年同期 (growth), the whole (shares)
    period_kind: Optional[str] = None   # year | months | quarter | half | month | day | range
    period_source: Optional[str] = None  # sentence | paragraph | document | deadline
    region: Optional[str] = None     # the place the figure is about when not the document's region
    # from -> to (从1.8%提高到2.5%): the value it moved from, and that value's period when stated
    baseline_value: Optional[float] = None
    baseline_period: Optional[str] = None
    # the explain trace: names of the rules that decided this figure, in decision order
    # (core.figures and core.identity; the vocabulary is in the core.figures docstring)
    rules: tuple[str, ...] = ()


@dataclass
class SloganPart:
    part: str
    meaning: str


@dataclass
class Slogan:
    name: str                        # as written, simplified, without quotes
    key: str                         # normalised key shared across regions
    quoted: bool
    numeric_code: bool
    expansion: list[SloganPart]
    sentence: str
    start: int                       # offsets of `text` in the clean text
    end: int
    text: str = ""                   # the surface form clean[start:end] ("链长”制" for name 链长制)


@dataclass
class Theme:
    terms: list[str]
    sentence: str
    start: int
    end: int
