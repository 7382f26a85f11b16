"""The figure lexicon: every cue word and pattern of ``core/data/figure_cues.json``, compiled once."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path


CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "figure_cues.json"


CLAUSE_DELIMS = ",，;；:：。!！？\n"


CN_NUM = "零〇一二两三四五六七八九十百千万亿"


def alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Cues:
    raw: dict
    number_re: re.Pattern
    fraction_re: re.Pattern
    rank_re: re.Pattern
    target_re: re.Pattern
    actual_re: re.Pattern
    exclude_before: re.Pattern
    exclude_after: re.Pattern
    unit_not_followed: re.Pattern
    exclude_spans: tuple[re.Pattern, ...]
    growth_re: re.Pattern
    compare_re: re.Pattern
    progress_re: re.Pattern
    scope_re: re.Pattern
    prefix_re: re.Pattern
    suffix_re: re.Pattern
    period_lead_re: re.Pattern
    right_stop_re: re.Pattern
    count_units: frozenset
    percent_units: frozenset
    share_indicator_re: re.Pattern
    share_of_whole_re: re.Pattern
    growth_after_re: re.Pattern
    share_after_re: re.Pattern
    multiple_of_re: re.Pattern
    threshold_after_re: re.Pattern
    framework_lead_re: re.Pattern
    quantity_re: re.Pattern
    membership_re: re.Pattern
    object_lead_re: re.Pattern
    rank_frame_res: tuple[re.Pattern, ...]
    share_of_prev_re: re.Pattern
    zero_re: re.Pattern
    rank_lead_re: re.Pattern


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """Compiled cue patterns from ``core/data/figure_cues.json`` (loaded once)."""
    c = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    u = c["units"]
    all_units = [*u["percent"], *u["points"], *u["count"], *u["money"], *u["physical"], *u["ratio"]]
    arabic = r"\d+(?:,\d{3})*(?:\.\d+)?"
    num = rf"(?:{arabic}|[{CN_NUM}]+(?:点[零〇一二三四五六七八九]+)?)"
    number_re = re.compile(
        rf"(?<![\d.A-Za-z{CN_NUM}])"
        rf"(?P<pct>百分之)?(?P<num>{num})"
        rf"(?:[—–\-~～至到－](?P<num2>{num}))?"
        rf"(?P<small>[千百](?![分]))?(?:(?P<inner0>{alt(c['hedges_inner'])})(?=万亿|亿|万))?(?P<mag>万亿|亿|万)?"
        rf"(?P<inner>{alt(c['hedges_inner'])})?"
        rf"(?P<unit>{alt(all_units)})?"
        rf"(?P<suf>{c['unit_suffix_optional']})?"
        rf"(?P<after>{alt(c['hedges_after'])})?")
    fraction_re = re.compile(rf"(?<![\d./])(?P<a>\d+)/(?P<b>\d+)(?![\d/])|(?<![{CN_NUM}])(?P<cb>[{CN_NUM}]+)分之(?P<ca>[{CN_NUM}]+)")
    growth = alt(c["growth_words"] + c["decline_words"])
    hedges_before = alt(c["hedges_before"])
    return Cues(
        raw=c,
        number_re=number_re,
        fraction_re=fraction_re,
        rank_re=re.compile(c["rank_pattern"]),
        target_re=re.compile(c["target_cues"]),
        actual_re=re.compile(c["actual_cues"] + r"|\d{1,2}[—–\-]\d{1,2}月|前三季度|上半年"),
        exclude_before=re.compile(c["exclude_before"]),
        exclude_after=re.compile(c["exclude_after"]),
        unit_not_followed=re.compile(c["unit_not_followed_by"]),
        exclude_spans=tuple(re.compile(p) for p in c["exclude_spans"]),
        growth_re=re.compile(rf"(?P<w>{growth})了?(?:大约|{hedges_before})?$"),
        compare_re=re.compile(c["compare_pattern"]),
        progress_re=re.compile(c["progress_pattern"]),
        scope_re=re.compile(alt(c["scope_words"])),
        prefix_re=re.compile(rf"^(?:{alt(c['strip_prefix'])})"),
        suffix_re=re.compile(rf"(?:{'|'.join([alt(c['strip_suffix'] + c['hedges_before']), *c['strip_suffix_patterns']])})$"),
        period_lead_re=re.compile(r"^(?:\d{4}年(?:内|底|末|初)?|\d{1,2}[—–\-~～至]\d{1,2}月份?|前[一二三]季度|[上下]半年|截至\d{0,2}月?底?|截至目前|目前)"),
        right_stop_re=re.compile(alt(c["right_stop_words"])),
        count_units=frozenset(u["count"]),
        percent_units=frozenset(u["percent"]),
        share_indicator_re=re.compile(c["share_indicator_pattern"]),
        share_of_whole_re=re.compile(c["share_of_whole_pattern"]),
        growth_after_re=re.compile(c["growth_after_pattern"]),
        share_after_re=re.compile(c["share_after_pattern"]),
        multiple_of_re=re.compile(c["multiple_of_pattern"]),
        threshold_after_re=re.compile(c["threshold_after_pattern"]),
        framework_lead_re=re.compile(c["framework_lead_pattern"]),
        quantity_re=re.compile(alt(c["quantity_nouns"])),
        membership_re=re.compile(c["membership_verbs"]),
        object_lead_re=re.compile(c["object_lead_strip"]),
        rank_frame_res=tuple(re.compile(p) for p in c["rank_frame_strip"]),
        share_of_prev_re=re.compile(c["share_of_previous_pattern"]),
        zero_re=re.compile(c["zero_breakthrough"]["pattern"]),
        rank_lead_re=re.compile(c["rank_lead_pattern"]),
    )
