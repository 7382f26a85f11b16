"""``extract_figures``: the stages run per sentence piece, in reading order."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from typing import Optional

from core.figures.clauses import ClausePos, clause_end, clause_start, drop_leading_verbs, ends_with_verb
from core.figures.draft import Draft
from core.figures.kind import claim_scope, decide_kind, paragraph_modes, qualifier_words
from core.figures.lexicon import CLAUSE_DELIMS, CN_NUM, Cues, alt, cues
from core.figures.measure import is_new_count
from core.figures.numbers import excluded_mask, not_a_figure, num_value
from core.figures.phrase import (balance_quotes, has_noun, member_object, previous_membership_object,
                                 resolve_phrases, right_phrase, share_predicate, strip_phrase)
from core.figures.ranks import rank_figures
from core.indicators import match_indicator, taxonomy
from core.limits import bounded_sentences
from core.models import DocMeta, Figure, Sentence
from core.numerals import parse_chinese
from core.periods import doc_year, resolve_deadline, resolve_period


def extract_figures(clean: str, sentences: list[Sentence], meta: Optional[DocMeta] = None,
                    failed: Optional[list[int]] = None) -> list[Figure]:
    """Every figure in the document, in text order (ranks right after their subject figures).

    Sentences over the caps of ``core.limits`` are read in bounded pieces (linear time on any
    text). Never raises on odd text: a sentence that breaks the parser is skipped, and its index
    is appended to ``failed`` (when given) so the caller can report it.
    """
    c = cues()
    date = meta.date if meta else None
    year = doc_year(date)
    pstarts, pmodes = paragraph_modes(clean, c)
    out: list[Figure] = []
    for sent in bounded_sentences(sentences, CLAUSE_DELIMS):
        try:
            para_mode = pmodes[bisect.bisect_right(pstarts, sent.start) - 1] if pstarts else "actual"
            out.extend(_sentence_figures(sent, para_mode, date, year, c))
        except Exception:  # noqa: BLE001 - the parser never raises on any text
            if failed is not None:
                failed.append(sent.index)
            continue
    return out


def _sentence_figures(sent: Sentence, para_mode: str, date: Optional[str], year: Optional[int],
                      c: Cues) -> list[Figure]:
    s = sent.text
    if not re.search(rf"[\d{CN_NUM}首]", s):
        return []
    mask = excluded_mask(s, c)
    tp = ClausePos(s)
    raws: list[Draft] = []
    taken_end = 0

    def add(fig_kw: dict, ls: int, le: int, near_left_start: int, measure_hint: Optional[str],
            m: Optional[re.Match]):
        cs = clause_start(s, ls)
        sent_left = s[:ls]
        period = resolve_period(sent_left, date)
        kind = decide_kind(s, sent_left, para_mode, period, year, c)
        # left phrase: after the previous figure in this clause, after the last 等
        seg_start = max(cs, near_left_start)
        left_seg = s[seg_start:ls]
        near_left = s[cs:ls]
        group = None
        gi, subjects = 0, ()
        if "分别" in near_left:
            k = cs + near_left.rindex("分别")
            group = (cs, k)
            subj = strip_phrase(s[cs:k], c)
            subjects = tuple(x for x in (strip_phrase(p, c) for p in re.split(r"[、和及与]", subj)) if x)
        if "等" in left_seg:
            left_seg = left_seg[left_seg.rindex("等") + 1:]
        paren = max(left_seg.rfind("("), left_seg.rfind("（"))
        inside_paren = paren >= 0 and ")" not in left_seg[paren:] and "）" not in left_seg[paren:]
        unit = fig_kw["unit"]
        measure = measure_hint or "level"
        value = fig_kw["value"]
        multiple_of = None
        compare = None
        cm = c.compare_re.search(near_left)
        if measure_hint is None:
            if unit in ("个百分点", "百分点"):
                measure = "difference"
            elif c.progress_re.search(near_left):
                measure = "progress"
            elif unit in c.percent_units or unit in ("成", "倍") or fig_kw.get("_fraction"):
                gm = c.growth_re.search(near_left)
                after = s[le:le + 6]
                if gm or c.growth_after_re.search(after):
                    measure = "growth"
                elif unit == "倍" and c.multiple_of_re.search(near_left):
                    measure = "growth"
                    multiple_of = c.multiple_of_re.search(near_left)["base"]
                elif (re.search(alt(c.raw["share_words"]), left_seg) or c.share_of_whole_re.search(near_left)
                      or (unit != "倍" and c.share_after_re.search(after)) or fig_kw.get("_fraction")):
                    measure = "share"
            elif unit.lstrip("万亿") in c.count_units and is_new_count(s, cs, ls, near_left, tp, c):
                measure = "count_new"
        prev = raws[-1] if raws and raws[-1].clause_start == cs else None
        if (measure_hint is None and measure == "level" and prev is not None and left_seg.strip() in c.raw["list_joiners"]
                and prev.fig.unit == unit and prev.fig.measure in ("share", "growth")):
            measure = prev.fig.measure
            if prev.fig.value < 0:
                value = -abs(value)
        if cm and measure in ("difference", "growth", "level"):
            compare = cm.group(1)
        if multiple_of:
            compare = multiple_of
        decline = re.search(rf"(?:{alt(c.raw['decline_words'])}|低于|慢于)了?(?:{alt(c.raw['hedges_before'])})?$", near_left)
        if decline and measure in ("growth", "difference"):
            value = -abs(value)
        # indicator phrase
        source = "left"
        own_gap = ""
        if measure == "difference" and cm:
            own_gap = strip_phrase(left_seg[:max(0, len(left_seg) - len(near_left) + cm.start())], c)
        if own_gap and has_noun(own_gap) and own_gap not in c.raw["bare_quantity_words"]:
            phrase = own_gap                 # 营收利润率高于全省平均1.5个百分点: its own subject
        elif multiple_of or (measure in ("difference", "progress")
                             and (cm or measure == "progress" or not has_noun(strip_phrase(left_seg, c)))):
            phrase, source = "", "inherit"
        else:
            if inside_paren:
                left_seg = s[cs:seg_start + paren] if seg_start + paren > cs else left_seg[:paren]
            list_item = bool(re.search(r"[、和及与]$", left_seg))
            stripped = strip_phrase(left_seg, c)
            phrase = drop_leading_verbs(stripped, tp.tags(stripped, cs, ls))
            phrase = strip_phrase(phrase, c)
            if list_item or not has_noun(phrase) or ends_with_verb(tp.tags(phrase, cs, ls)):
                right = right_phrase(s, m.end() if m is not None else le, c, tp, unit)
                if has_noun(right):
                    phrase, source = right, "right"
                    if measure == "share":       # 超过20%的企业产能[达到能效标杆水平]: the share that does Y
                        phrase = share_predicate(s, m.end() if m is not None else le, right, c)
                elif not has_noun(phrase) or list_item:
                    phrase, source = "", "inherit"
        if phrase in c.raw["generic_heads"]:
            obj = member_object(s, m.end() if m is not None else le, phrase, c, tp)
            if obj:
                phrase = obj
        suffix = ""
        if source != "inherit" and raws and raws[-1].clause_start <= seg_start:
            share_of = c.share_of_prev_re.match(near_left.strip(" ，,"))
            if phrase in c.raw["bare_quantity_words"] or re.fullmatch(c.raw["bare_quantity_pattern"], phrase):
                phrase, source = "", "inherit"          # 总数达到136家: the count named before
            elif share_of and measure == "share":
                phrase, source, suffix = "", "inherit", share_of.group(0)   # 占全省规上工业比重达到35%
        qual = qualifier_words(sent_left, near_left, m, c, kind)
        scope = claim_scope(sent_left, c)
        deadline = None
        if kind == "target":
            deadline = (resolve_deadline(sent_left, date) or resolve_deadline(s[ls:clause_end(s, ls)], date)
                        or (str(year) if year else None))
            period = period or deadline
        fig = Figure(kind=kind, indicator=phrase, indicator_id=None, measure=measure, value=value,
                     unit=unit, text=fig_kw["text"], qualifier=";".join(qual) or None, period=period,
                     scope=scope, compared_to=compare, sentence=s, start=sent.start + ls,
                     end=sent.start + le, low_confidence=sent.damaged, deadline=deadline)
        raws.append(Draft(fig, cs, ls, le, source, group, gi, subjects, suffix))

    # numbers (and fractions) in reading order
    matches = []
    for m in c.number_re.finditer(s):
        matches.append(("num", m.start(), m))
    for m in c.fraction_re.finditer(s):
        matches.append(("frac", m.start(), m))
    matches.sort(key=lambda t: t[1])
    prev_end_in_clause = -1
    for typ, _, m in matches:
        ls, le = m.start(), m.end()
        if ls < taken_end or mask[ls]:  # matches come in start order: overlap = starts before the last end
            continue
        if typ == "frac":
            if m["a"]:
                a, b = float(m["a"]), float(m["b"])
            else:
                a, b = parse_chinese(m["ca"]) or 0.0, parse_chinese(m["cb"]) or 0.0
            if not b or a > b:
                continue
            kw = {"value": round(a / b * 100, 2), "unit": "%", "text": m.group(), "_fraction": True}
            near_start = prev_end_in_clause if prev_end_in_clause >= clause_start(s, ls) else -1
            add(kw, ls, le, near_start, None, None)
            taken_end = max(taken_end, le)
            prev_end_in_clause = le
            continue
        unit = m["unit"] or ("%" if m["pct"] else "")
        if not unit:
            continue
        if c.exclude_before.search(s[max(0, ls - 2):ls]) or c.exclude_after.search(s[le:le + 3]):
            continue
        if not m["num"][0].isdigit() and re.match(r"[“「]", s[le:le + 1]):
            continue
        if m["unit"] and not m["after"] and not m["suf"] and c.unit_not_followed.search(s[m.end("unit"):m.end("unit") + 4]):
            continue
        v = num_value(m, c)
        if v is None:
            continue
        if not_a_figure(s, m, v, unit, prev_end_in_clause, tp, c):
            continue
        text = m.group()
        if m["after"]:
            text = text[: m.start("after") - ls]
        if m["pct"] and not m["unit"]:
            unit = "%"
        full_unit = (m["mag"] or "") + unit
        kw = {"value": v, "unit": full_unit, "text": text}
        tend = ls + len(text)
        near_start = prev_end_in_clause if prev_end_in_clause >= clause_start(s, ls) else -1
        add(kw, ls, tend, near_start, None, m)
        taken_end = max(taken_end, le)
        prev_end_in_clause = le

    # "实现零的突破": a first one achieved (or aimed at) — value 0, qualifier 突破 (devset convention)
    for zm in c.zero_re.finditer(s):
        zs = zm.start("zero")
        near_start = max((r.local_end for r in raws if r.clause_start == clause_start(s, zs)), default=-1)
        add({"value": 0.0, "unit": "", "text": zm.group("zero")}, zs, zs + len(zm.group("zero")),
            near_start, "level", None)
        r = raws[-1]
        obj = (r.fig.indicator if r.phrase_source == "left" else "") or \
            previous_membership_object(s, clause_start(s, zs), c)
        qual = ";".join(q for q in [r.fig.qualifier, c.raw["zero_breakthrough"]["qualifier"]] if q)
        r.fig = replace(r.fig, indicator=obj, qualifier=qual)
        r.phrase_source = "left" if obj else r.phrase_source

    resolve_phrases(raws, s, c)
    figs = [r.fig for r in raws]
    figs.extend(rank_figures(s, sent, raws, mask, date, c))
    figs.sort(key=lambda f: (f.start, f.kind == "rank"))
    figs = [replace(f, indicator=balance_quotes(re.sub(r"\?+[^?]{0,2}$", "", f.indicator) or f.indicator))
            for f in figs]
    return [_finish(f) for f in figs]


def _finish(f: Figure) -> Figure:
    """Attach the canonical id; a plain percentage of a share-type indicator is a share."""
    ind_id = match_indicator(f.indicator) if f.indicator else None
    measure = f.measure
    if measure == "level" and f.unit in ("%", "成") and (
            (ind_id and _taxonomy_measure(ind_id) == "share") or cues().share_indicator_re.search(f.indicator)):
        measure = "share"
    return replace(f, indicator_id=ind_id, measure=measure,
                   low_confidence=f.low_confidence or not f.indicator)


@functools.lru_cache(maxsize=256)
def _taxonomy_measure(ind_id: str) -> str:
    df = taxonomy()
    row = df[df["id"] == ind_id]
    return "" if row.empty else row.iloc[0]["measure"]
