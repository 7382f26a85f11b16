"""``extract_figures``: the stages run on each sentence piece, in reading order.

Per sentence: exclusion mask → numbers (with units) → for each number: measure → phrase → kind,
hedges, scope, deadline, period → a fixed-value figure for "零的突破" → phrase resolution (分别
groups, inheritance) → ranks → the taxonomy id (``finish``).
"""
from __future__ import annotations

import bisect
import functools
import sys
from dataclasses import replace
from typing import Optional

from core.figures.clauses import ClausePos, clause_end, clause_start
from core.figures.draft import Draft, amend
from core.clock import clock_of
from core.figures.kind import claim_scope, qualifier_words, target_deadline
from core.figures.modality import (Frame, ListCarry, deadline_horizons, decide_kind, from_to_pairs, heading_year,
                                   section_modes)
from core.figures.timing import compared_span, fill_periods, is_average, own_period
from core.figures.lexicon import Cues, cues
from core.figures.measure import decide_measure
from core.figures.numbers import Number, excluded_mask, numbers
from core.figures.phrase import (decide_phrase, drop_damaged_tail, left_segment, previous_membership_object,
                                 resolve_phrases, respectively_group)
from core.figures.ranks import rank_figures
from core.indicators import match_indicator, taxonomy
from core.limits import bounded_sentences
from core.models import DocMeta, Figure, Sentence
from core.periods import parse_period


def extract_figures(clean: str, sentences: list[Sentence], meta: Optional[DocMeta] = None,
                    failed: Optional[list[int]] = None) -> list[Figure]:
    """Every figure in the document, in text order (ranks right after their subject figures).

    Sentences over the caps of ``core.limits`` are read in bounded pieces (linear time on any
    text). Never raises on odd text: a sentence that breaks the parser is skipped, and its index
    is appended to ``failed`` (when given) so the caller can report it.
    """
    c = cues()
    clock = clock_of(clean, meta.date if meta else None, meta.date_source if meta else None)
    pstarts, pmodes = section_modes(clean, clock, c)
    carry = ListCarry()
    out: list[Figure] = []
    for sent in bounded_sentences(sentences, c.clause_delims):
        try:
            k = bisect.bisect_right(pstarts, sent.start) - 1 if pstarts else -1
            para_mode, para_start = (pmodes[k], pstarts[k]) if k >= 0 else ("", 0)
            inherited, rule = carry.context(sent.text, para_start)
            figs = _sentence_figures(sent, Frame(clock, para_mode, inherited, rule), c)
            carry.read(sent.text, para_start, [f.kind for f in figs])
            out.extend(figs)
        except Exception:  # noqa: BLE001 - the parser never raises on any text
            if failed is not None:
                failed.append(sent.index)
            continue
    return fill_periods(out, clean, clock, (pstarts, pmodes), heading_year, deadline_horizons(clean))


def _draft(s: str, sent: Sentence, num: Number, hint: Optional[str], drafts: list[Draft], frame: Frame,
           tp: ClausePos, c: Cues) -> Draft:
    """One number of sentence ``s`` through the measure, phrase, period and modality stages."""
    ls = num.start
    cs = clause_start(s, ls)
    sent_left = s[:ls]
    near_left = s[cs:ls]
    seg_start = max(cs, num.near_start)
    group, subjects = respectively_group(s, cs, near_left, c)
    left_seg, paren, inside_paren = left_segment(s, seg_start, ls, c)
    prev = drafts[-1] if drafts and drafts[-1].clause_start == cs else None
    meas = decide_measure(s, num, hint, cs, left_seg, near_left, prev, tp, c)
    phrase = decide_phrase(s, num, cs, seg_start, left_seg, paren, inside_paren, near_left, meas,
                           drafts[-1] if drafts else None, tp, c)
    period, period_at, period_words = own_period(sent_left, frame.clock, frame.para_mode)
    kind, kind_rule = decide_kind(s, sent_left, s[num.tail_end:num.tail_end + 10], period, period_at, frame,
                                  meas.measure, period_words)
    if meas.measure == "growth" and (span := compared_span(near_left, period)):
        period = span                              # 比2002年增长65.5%: the years since 2002
    qual, hedge_rules = qualifier_words(sent_left, near_left, num.match, c, kind, num.role)
    if "number:double_digit" in num.rules:       # 两位数(以上)增长: ten per cent or more
        dd = c.special["double_digit"]
        extra = [dd["qualifier"]] + ([dd["floor"]] if s[num.end:].startswith(dd["floor"]) else [])
        qual, hedge_rules = [*qual, *extra], [*hedge_rules, "hedge:double_digit"]
    if num.unit in c.rank_move_units:          # 较去年提升3个位次: a change of rank
        kind, kind_rule = "rank", "kind:rank:rank_move"
        mv = c.rank_move_verb_re.search(near_left)
        if mv:
            qual = [mv.group().rstrip(c.aspect_particle), *qual]
            hedge_rules = [*hedge_rules, "hedge:rank_move"]
    scope, scope_rule = claim_scope(sent_left, c)
    rules = [*num.rules, *meas.rules, *phrase.rules, kind_rule, *hedge_rules]
    if scope_rule:
        rules.append(scope_rule)
    deadline = None
    date, year = frame.clock.date, frame.clock.year
    if kind == "target":
        deadline, rule = target_deadline(sent_left, s[ls:clause_end(s, ls)], date, year)
        span = parse_period(period) if rule == "deadline:document_year" else None
        if span is not None and year is not None and span[1].year > year:
            deadline, rule = str(span[1].year), "deadline:own_period"     # 到“十四五”末…3000家: 2025
        if rule:
            rules.append(rule)
    if period:
        rules.append("period:sentence")
    if is_average(near_left):
        rules.append("period:average")
    fig = Figure(kind=kind, indicator=phrase.text, indicator_id=None, measure=meas.measure, value=meas.value,
                 unit=num.unit, text=num.text, qualifier=";".join(qual) or None, period=period,
                 scope=scope, compared_to=meas.compared_to, sentence=s, start=sent.start + ls,
                 end=sent.start + num.end, low_confidence=sent.damaged or kind_rule == "kind:actual:default",
                 deadline=deadline, period_source="sentence" if period else None,
                 period_kind="average" if is_average(near_left) else None, rules=tuple(rules))
    return Draft(fig, cs, ls, num.end, phrase.source, group, subjects, phrase.inherit_suffix)


def _zero_breakthrough(s: str, sent: Sentence, drafts: list[Draft], frame: Frame, tp: ClausePos,
                       c: Cues) -> None:
    """"实现零的突破": a first one achieved (or aimed at) — value 0, qualifier 突破 (devset convention);
    the indicator is the phrase before it, else the class joined in the clause before."""
    for zm in c.zero_re.finditer(s):
        zs = zm.start("zero")
        zcs = clause_start(s, zs)
        near_start = max((r.local_end for r in drafts if r.clause_start == zcs), default=-1)
        word = zm.group("zero")
        num = Number(0.0, "", word, zs, zs + len(word), zs + len(word), near_start, None,
                     rules=("number:zero_breakthrough",))
        r = _draft(s, sent, num, "level", drafts, frame, tp, c)
        drafts.append(r)
        obj = r.fig.indicator if r.phrase_source == "left" else ""
        rule = "phrase:zero_breakthrough:left"
        if not obj:
            obj = previous_membership_object(s, zcs, c)
            rule = "phrase:zero_breakthrough:object_before"
        qual = ";".join(q for q in [r.fig.qualifier, c.zero_qualifier] if q)
        r.fig = amend(r.fig, [rule, "hedge:zero_breakthrough"], indicator=obj, qualifier=qual)
        r.phrase_source = "left" if obj else r.phrase_source


def _sentence_figures(sent: Sentence, frame: Frame, c: Cues) -> list[Figure]:
    """All figures of one sentence (piece)."""
    s = sent.text
    if not c.sentence_re.search(s):
        return []
    mask = excluded_mask(s, c)
    tp = ClausePos(s)
    drafts: list[Draft] = []
    for num in numbers(s, mask, c):
        hint = "share" if num.role == "part" else None   # the parts of a ratio (结构为9.3:37.0:53.7)
        d = _draft(s, sent, num, hint, drafts, frame, tp, c)
        if num.role == "upper" and drafts and "hedge:range:lower" in drafts[-1].fig.rules:
            low = drafts[-1].fig                          # the upper end of a range reads as its lower end
            hedges = [q for q in (low.qualifier or "").split(";") if q and q != c.special["range_lower"]]
            d.fig = amend(d.fig, ["range:as_lower_end"], kind=low.kind, measure=low.measure,
                          indicator=low.indicator, period=low.period, deadline=low.deadline,
                          period_source=low.period_source,
                          qualifier=";".join([*hedges, c.special["range_upper"]]))
            d.phrase_source = drafts[-1].phrase_source
        drafts.append(d)
    _zero_breakthrough(s, sent, drafts, frame, tp, c)
    resolve_phrases(drafts)
    _from_to(s, drafts)
    figs = [r.fig for r in drafts]
    figs.extend(rank_figures(s, sent, drafts, mask, frame.clock.date, c))
    figs.sort(key=lambda f: (f.start, f.kind == "rank"))
    figs = _rank_moves_take_their_rank(figs)
    out = []
    for f in figs:
        p, changed = drop_damaged_tail(f.indicator, c)
        out.append(finish(amend(f, ["phrase:damaged_tail"], indicator=p) if changed else f, c))
    return out


def _from_to(s: str, drafts: list[Draft]) -> None:
    """从A提高到B: B carries A as its baseline (and A's period when stated); A is a figure of its own
    period, an actual (a starting level is never a goal), without the period of B."""
    spans = [(d.local_start, d.local_end, d.fig.unit) for d in drafts]
    for i, j in from_to_pairs(s, spans):
        a, b = drafts[i], drafts[j]
        own = a.fig.period if "period:sentence" in a.fig.rules and a.fig.period != b.fig.period else None
        b.fig = amend(b.fig, ["fromto:to"], baseline_value=a.fig.value, baseline_period=own)
        a.fig = amend(a.fig, ["fromto:from"], kind="actual", deadline=None, period=own,
                      period_source="sentence" if own else "baseline")
        if not a.fig.indicator and b.fig.indicator:
            a.fig = amend(a.fig, ["phrase:from_to"], indicator=b.fig.indicator)


def _rank_moves_take_their_rank(figs: list[Figure]) -> list[Figure]:
    """A change of rank (列全国第82位，较去年提升3个位次) measures the rank before it in the sentence."""
    out: list[Figure] = []
    for f in figs:
        if "kind:rank:rank_move" in f.rules:
            rank = next((r for r in reversed(out) if r.measure == "rank" and r.indicator), None)
            if rank is not None and rank.indicator != f.indicator:
                f = amend(f, ["phrase:rank_move:of_rank"], indicator=rank.indicator, scope=f.scope or rank.scope)
        out.append(f)
    return out


def finish(f: Figure, c: Cues) -> Figure:
    """Attach the canonical id; a plain percentage of a share-type indicator is a share. The rule
    names are interned: a corpus holds many figures and few distinct names."""
    ind_id = match_indicator(f.indicator) if f.indicator else None
    rules = ["indicator:taxonomy" if ind_id else "indicator:unmatched"]
    measure = f.measure
    if measure == "level" and f.unit in c.plain_share_units:
        if ind_id and _taxonomy_measure(ind_id) == "share":
            measure = "share"
            rules.append("measure:share:taxonomy")
        elif c.share_indicator_re.search(f.indicator):
            measure = "share"
            rules.append("measure:share:indicator_word")
    return replace(f, rules=tuple(map(sys.intern, f.rules + tuple(rules))), indicator_id=ind_id, measure=measure,
                   low_confidence=f.low_confidence or not f.indicator)


@functools.lru_cache(maxsize=256)
def _taxonomy_measure(ind_id: str) -> str:
    df = taxonomy()
    row = df[df["id"] == ind_id]
    return "" if row.empty else row.iloc[0]["measure"]
