"""The figure lexicon: every cue word, mark and pattern the stages read, compiled once.

Two data files, one loader each, both cached: ``core/data/figure_cues.json`` (``cues()``: units,
numerals, kind, measure, phrase and rank cues) and ``core/data/hedges.json`` (``hedges()``: the one
hedge vocabulary, shared with ``core.targets.classify_hedge``). ``cues()`` folds the hedge words in,
so a stage only ever asks ``cues()``. No stage holds a cue word of its own.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

DATA = Path(__file__).resolve().parent.parent / "data"
CUES_PATH = DATA / "figure_cues.json"
HEDGES_PATH = DATA / "hedges.json"
MODALITY_PATH = DATA / "modality_cues.json"


def alt(words) -> str:
    """A regex alternation of literal words, longest first (so a longer word wins at one position)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Hedges:
    """The hedge vocabulary of ``core/data/hedges.json``.

    ``classes`` is the file's class table ({class: {"before"|"inner"|"after": words, "target_cue"}});
    the tuples are the words of all classes by position, in file order; ``target`` the words of the
    target-cue classes (hard and soft: a target's own hedge)."""

    classes: Mapping[str, dict]
    precedence: tuple[str, ...]
    target: tuple[str, ...]
    before: tuple[str, ...]
    inner: tuple[str, ...]
    after: tuple[str, ...]
    window_before: int
    window_after: int
    clause_breaks: str


@functools.lru_cache(maxsize=1)
def hedges() -> Hedges:
    """``core/data/hedges.json`` (loaded once)."""
    h = json.loads(HEDGES_PATH.read_text(encoding="utf-8"))
    classes = h["classes"]

    def words(side: str, target: bool | None = None) -> tuple[str, ...]:
        return tuple(w for c in classes.values() if target is None or bool(c.get("target_cue")) == target
                     for w in c.get(side, []))

    return Hedges(classes=classes, precedence=tuple(h["precedence"]), target=words("before", True),
                  before=words("before", False), inner=words("inner"), after=words("after"),
                  window_before=h["window_before"], window_after=h["window_after"],
                  clause_breaks=h["clause_breaks"])


@dataclass(frozen=True)
class Cues:
    """Everything of ``figure_cues.json`` and ``hedges.json`` a stage reads, by stage."""

    # clauses and marks
    clause_delims: str
    quote_pairs: tuple[str, ...]
    max_quote_len: int
    quote_res: tuple[re.Pattern, ...]   # a short quotation of each pair (excluded from numbers)
    quote_open: str
    quote_close: str
    quote_marks: str
    quote_balanced_pairs: tuple[str, ...]
    paren_open: str
    paren_close: str
    trim: Mapping[str, str]
    aspect_particle: str
    # numbers
    sentence_re: re.Pattern
    number_re: re.Pattern
    fraction_re: re.Pattern
    small_factor: Mapping[str, int]
    magnitude_chars: str
    chinese_bare_magnitude_re: re.Pattern
    chinese_min_value: float
    exclude_spans: tuple[re.Pattern, ...]
    exclude_before: re.Pattern
    exclude_after: re.Pattern
    threshold_after_re: re.Pattern
    framework_lead_re: re.Pattern
    list_item_sep: str
    # units
    unit_classes: Mapping[str, str]
    rank_move_units: frozenset
    rank_move_verb_re: re.Pattern
    rank_top_qualifier: str
    count_units: frozenset
    percent_units: frozenset
    point_units: frozenset
    ratio_units: frozenset
    multiple_unit: str
    plain_share_units: frozenset
    share_units: frozenset
    small_chinese_units: frozenset
    unit_other_words: Mapping[str, re.Pattern]
    unit_not_followed: re.Pattern
    # measure
    growth_re: re.Pattern
    growth_goal_re: re.Pattern
    growth_after_re: re.Pattern
    decline_re: re.Pattern
    compare_re: re.Pattern
    progress_re: re.Pattern
    share_words_re: re.Pattern
    share_of_whole_re: re.Pattern
    share_after_re: re.Pattern
    share_indicator_re: re.Pattern
    multiple_of_re: re.Pattern
    new_cues: tuple[str, ...]
    not_new_cues: tuple[str, ...]
    list_joiners: frozenset
    list_bounds: str
    # phrase
    period_lead_re: re.Pattern
    prefix_re: re.Pattern
    suffix_re: re.Pattern
    right_stop_re: re.Pattern
    right_cut_re: re.Pattern
    quantity_re: re.Pattern
    head_nouns: tuple[str, ...]
    generic_heads: tuple[str, ...]
    list_heads: tuple[str, ...]
    classifier_heads: Mapping[str, str]
    membership_re: re.Pattern
    membership_search_re: re.Pattern
    object_lead_re: re.Pattern
    object_cut_re: re.Pattern
    relative_clause_strip_re: re.Pattern
    relative_clause_max_len: int
    relative_clause_verbs: tuple[str, ...]
    share_predicate_re: re.Pattern
    bare_quantity_words: frozenset
    bare_quantity_re: re.Pattern
    share_of_prev_re: re.Pattern
    share_of_scope_re: re.Pattern
    share_of_scope_suffix: str
    capacity_suffix: str
    paren_note_strip_re: re.Pattern
    residue_re: re.Pattern
    difference_residue_re: re.Pattern
    capacity_re: re.Pattern
    milestone_words: tuple[str, ...]
    quantity_nouns: tuple[str, ...]
    respectively_word: str
    etc_word: str
    list_split_re: re.Pattern
    list_item_end_re: re.Pattern
    # kind, hedges, scope
    target_re: re.Pattern
    actual_re: re.Pattern
    plan_paragraph_ignores: frozenset
    plan_section_lead_re: re.Pattern
    speaker_label_re: re.Pattern
    list_item_re: re.Pattern
    forward_question_re: re.Pattern
    retro_question_re: re.Pattern
    target_after_re: re.Pattern
    deadline_phrase_re: re.Pattern
    deadline_reach: int
    target_hedges: tuple[str, ...]
    hedges_before: tuple[str, ...]      # longest first
    range_qualifier_prefix: str
    special: Mapping[str, object]
    scope_re: re.Pattern
    scope_words: Mapping[str, str]
    scope_not_after_re: re.Pattern
    zero_re: re.Pattern
    zero_qualifier: str
    # ranks
    rank_re: re.Pattern
    rank_lead_re: re.Pattern
    rank_need_scope_or_verb: bool
    rank_not_followed_re: re.Pattern
    rank_end_chars: str
    rank_all_word: str
    rank_subject_lead_re: re.Pattern
    rank_subject_suffix_re: re.Pattern
    rank_frame_res: tuple[re.Pattern, ...]
    rank_relative_scopes: Mapping[str, str]
    rank_scope_alias: Mapping[str, str]
    rank_size_re: re.Pattern
    rank_negation_re: re.Pattern
    rank_aim_ignores: frozenset
    rank_semicolons: str


def _number_re(c: dict, h: Hedges, units: list[str]) -> re.Pattern:
    """The number core: [百分之] numeral [range] [千/百] [inner hedge] [magnitude] [inner hedge] [unit]
    [(unit)] [after hedge], each part a named group."""
    n = c["numerals"]
    cn = n["chinese_digits"]
    arabic = r"\d+(?:,\d{3})*(?:\.\d+)?"
    num = rf"(?:{arabic}|[{cn}]+(?:{n['chinese_decimal']})?)"
    mag = alt(n["magnitudes"])
    inner = alt(h.inner)
    return re.compile(
        rf"(?<![\d.A-Za-z{cn}])"
        rf"(?P<pct>{re.escape(n['percent_prefix'])})?(?P<num>{num})"
        rf"(?:[{n['range_marks']}](?P<num2>{num}))?"
        rf"(?:[ \u3000](?=(?:{mag}|{alt(units)})))?"
        rf"(?P<small>{n['small_magnitude']})?(?:(?P<inner0>{inner})(?={mag}))?(?P<mag>{mag})?"
        rf"(?P<inner>{inner})?"
        rf"(?P<unit>{alt(units)})?"
        rf"(?P<suf>{c['unit_suffix_optional']})?"
        rf"(?P<after>{alt(h.after)})?")


def _special(c: dict) -> dict:
    """The ``special_numbers`` cues compiled (see figure_cues.json)."""
    sp = dict(c["special_numbers"])
    sp["shared_unit_joiners_re"] = re.compile(sp["shared_unit_joiners"])
    sp["bare_before_re"] = re.compile(sp["bare_magnitude"]["before"])
    sp["bare_words"] = tuple(sorted(sp["bare_magnitude"]["words"], key=len, reverse=True))
    sp["ratio_re"] = re.compile(sp["ratio"]["pattern"])
    sp["ratio_lead_re"] = re.compile(sp["ratio"]["lead"])
    sp["index_re"] = re.compile(sp["index"]["pattern"])
    sp["double_digit_re"] = re.compile(sp["double_digit"]["pattern"])
    sp["index_lead_re"] = re.compile(sp["index"]["lead"])
    sp["fraction_words"] = dict(c["fraction_word_ratio"])
    words = sorted(sp["fraction_words"], key=len, reverse=True)
    sp["fraction_words_re"] = re.compile("|".join(map(re.escape, words))) if words else None
    return sp


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """Compiled cues of ``core/data/figure_cues.json`` with the hedge words of ``hedges()`` and the
    modality cue words of ``core/data/modality_cues.json`` (``target_re``, ``actual_re``; loaded once)."""
    c = json.loads(CUES_PATH.read_text(encoding="utf-8"))
    m = json.loads(MODALITY_PATH.read_text(encoding="utf-8"))   # the modality cues (their own stage's file)
    h = hedges()
    u = c["units"]
    classes = ("percent", "points", "count", "money", "physical", "ratio", "rank_move")
    unit_classes = {w: cls for cls in classes for w in u[cls]}
    all_units = [w for cls in classes for w in u[cls]]
    n = c["numerals"]
    cn = n["chinese_digits"]
    growth = alt(c["growth_words"] + c["decline_words"])
    hedges_before = alt(h.before)
    particle = re.escape(c["aspect_particle"])
    zero = c["zero_breakthrough"]
    return Cues(
        clause_delims=c["clause_delims"],
        quote_pairs=tuple(c["quote_pairs"]),
        max_quote_len=c["max_quote_len"],
        quote_res=tuple(re.compile(re.escape(q[0]) + "[^" + re.escape(q[0] + q[1]) + "\n]{1,%d}" % c["max_quote_len"]
                                   + re.escape(q[1])) for q in c["quote_pairs"]),
        quote_open=c["quote_open"],
        quote_close=c["quote_close"],
        quote_marks="".join(c["quote_balanced_pairs"]),
        quote_balanced_pairs=tuple(c["quote_balanced_pairs"]),
        paren_open=c["paren_open"],
        paren_close=c["paren_close"],
        trim=c["trim"],
        aspect_particle=c["aspect_particle"],
        sentence_re=re.compile(rf"[\d{cn}{c['sentence_marks']}]"),
        number_re=_number_re(c, h, all_units),
        fraction_re=re.compile(rf"(?<![\d./])(?P<a>\d+)/(?P<b>\d+)(?![\d/])|(?<![{cn}])(?P<cb>[{cn}]+)"
                               rf"{re.escape(n['fraction_word'])}(?P<ca>[{cn}]+)"),
        small_factor=n["small_factor"],
        magnitude_chars="".join(n["magnitudes"]),
        chinese_bare_magnitude_re=re.compile(c["chinese_bare_magnitude"]),
        chinese_min_value=c["chinese_min_value"],
        exclude_spans=tuple(re.compile(p) for p in c["exclude_spans"]),
        exclude_before=re.compile(c["exclude_before"]),
        exclude_after=re.compile(c["exclude_after"]),
        threshold_after_re=re.compile(c["threshold_after_pattern"]),
        framework_lead_re=re.compile(c["framework_lead_pattern"]),
        list_item_sep=c["list_item_sep"],
        unit_classes=unit_classes,
        rank_move_units=frozenset(u["rank_move"]),
        rank_move_verb_re=re.compile(c["rank_move_verbs"]),
        rank_top_qualifier=c["rank_top_qualifier"],
        count_units=frozenset(u["count"]),
        percent_units=frozenset(u["percent"]),
        point_units=frozenset(u["points"]),
        ratio_units=frozenset(u["ratio"]),
        multiple_unit=c["multiple_unit"],
        plain_share_units=frozenset(c["plain_share_units"]),
        share_units=frozenset(c["share_units"]),
        small_chinese_units=frozenset(c["small_chinese_units"]),
        unit_other_words={u: re.compile(f"(?:{p})") for u, p in c["unit_other_words"].items()},
        unit_not_followed=re.compile(c["unit_not_followed_by"]),
        growth_re=re.compile(rf"(?P<w>{growth}){particle}?(?:{c['growth_link_pattern']})?(?:{hedges_before})?\s*$"),
        growth_after_re=re.compile(c["growth_after_pattern"]),
        growth_goal_re=re.compile(c["growth_goal_pattern"]),
        decline_re=re.compile(rf"(?:{alt(c['decline_words'])}|{'|'.join(map(re.escape, c['decline_compare_words']))})"
                              rf"{particle}?(?:{hedges_before})?\s*$"),
        compare_re=re.compile(c["compare_pattern"]),
        progress_re=re.compile(c["progress_pattern"]),
        share_words_re=re.compile(alt(c["share_words"])),
        share_of_whole_re=re.compile(c["share_of_whole_pattern"]),
        share_after_re=re.compile(c["share_after_pattern"]),
        share_indicator_re=re.compile(c["share_indicator_pattern"]),
        multiple_of_re=re.compile(c["multiple_of_pattern"]),
        new_cues=tuple(c["new_cues"]),
        not_new_cues=tuple(c["not_new_cues"]),
        list_joiners=frozenset(c["list_joiners"]),
        list_bounds=c["list_bounds"],
        period_lead_re=re.compile(c["period_lead_pattern"]),
        prefix_re=re.compile(rf"^(?:{'|'.join([alt(c['strip_prefix'] + list(h.target)), *c['strip_prefix_patterns']])})"),
        suffix_re=re.compile(rf"(?:{'|'.join([alt(c['strip_suffix'] + list(h.before)), *c['strip_suffix_patterns']])})$"),
        right_stop_re=re.compile(alt(c["right_stop_words"])),
        right_cut_re=re.compile(c["right_phrase_cut_pattern"]),
        quantity_re=re.compile(alt(c["quantity_nouns"])),
        head_nouns=tuple(c["head_nouns"]),
        generic_heads=tuple(c["generic_heads"]),
        list_heads=tuple(c["list_heads"]),
        classifier_heads=c["classifier_heads"],
        membership_re=re.compile(c["membership_verbs"]),
        membership_search_re=re.compile(c["membership_verbs"].lstrip("^")),
        object_lead_re=re.compile(c["object_lead_strip"]),
        object_cut_re=re.compile(c["object_cut_pattern"]),
        relative_clause_strip_re=re.compile(c["relative_clause_strip"]),
        relative_clause_max_len=c["relative_clause_max_len"],
        relative_clause_verbs=tuple(c["relative_clause_verbs"]),
        share_predicate_re=re.compile(c["share_predicate"]),
        bare_quantity_words=frozenset(c["bare_quantity_words"]),
        bare_quantity_re=re.compile(c["bare_quantity_pattern"]),
        share_of_prev_re=re.compile(c["share_of_previous_pattern"]),
        share_of_scope_re=re.compile(c["share_of_scope_pattern"]),
        share_of_scope_suffix=c["share_of_scope_suffix"],
        capacity_suffix=c["capacity_suffix"],
        paren_note_strip_re=re.compile(c["paren_note_strip"]),
        residue_re=re.compile(c["phrase_residue_pattern"]),
        difference_residue_re=re.compile(c["difference_residue_pattern"]),
        capacity_re=re.compile(c["capacity_lead_pattern"]),
        milestone_words=tuple(c["milestone_words"]),
        quantity_nouns=tuple(c["quantity_nouns"]),
        respectively_word=c["respectively_word"],
        etc_word=c["etc_word"],
        list_split_re=re.compile(c["list_split_pattern"]),
        list_item_end_re=re.compile(c["list_item_end_pattern"]),
        target_re=re.compile(alt(h.target) + "|" + m["estimate"] + "|" + m["target"]),
        actual_re=re.compile(m["actual"]),
        plan_paragraph_ignores=frozenset(c["plan_paragraph_ignores"]),
        plan_section_lead_re=re.compile(c["plan_section_lead"]),
        speaker_label_re=re.compile(c["speaker_label"]),
        list_item_re=re.compile(c["list_item"]),
        forward_question_re=re.compile(c["forward_question"]),
        retro_question_re=re.compile(c["retro_question"]),
        target_after_re=re.compile(c["target_after_pattern"]),
        deadline_phrase_re=re.compile(c["deadline_phrase"]),
        deadline_reach=c["deadline_reach"],
        target_hedges=h.target,
        hedges_before=tuple(sorted(h.before, key=len, reverse=True)),
        range_qualifier_prefix=c["range_qualifier_prefix"],
        special=_special(c),
        scope_re=re.compile(alt(c["scope_words"])),
        scope_words=c["scope_words"],
        scope_not_after_re=re.compile(c["scope_not_after_pattern"]),
        zero_re=re.compile(zero["pattern"]),
        zero_qualifier=zero["qualifier"],
        rank_re=re.compile(c["rank_pattern"]),
        rank_lead_re=re.compile(c["rank_lead_pattern"]),
        rank_need_scope_or_verb=c["rank_need_scope_or_verb"],
        rank_not_followed_re=re.compile(c["rank_not_followed_pattern"]),
        rank_end_chars=c["rank_end_chars"],
        rank_all_word=c["rank_all_word"],
        rank_subject_lead_re=re.compile(c["rank_subject_lead_strip"]),
        rank_subject_suffix_re=re.compile(c["rank_subject_suffix_strip"]),
        rank_frame_res=tuple(re.compile(p) for p in c["rank_frame_strip"]),
        rank_relative_scopes=c["rank_relative_scopes"],
        rank_scope_alias=c["rank_scope_alias"],
        rank_size_re=re.compile(c["rank_size_pattern"]),
        rank_negation_re=re.compile(c["rank_negation"]),
        rank_aim_ignores=frozenset(c["rank_aim_ignores"]),
        rank_semicolons=c["rank_semicolons"],
    )
