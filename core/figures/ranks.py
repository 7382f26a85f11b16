"""Rank claims (a position in a scope, first place in prose, a rank aimed at) and their subjects:
the words before the rank, an earlier clause, or the figure before it."""
from __future__ import annotations

import re
from typing import Optional

from core.figures.clauses import clause_start
from core.figures.draft import Draft
from core.figures.kind import claim_scope, period_or_deadline, target_deadline
from core.figures.modality import governing_cues, modality_cues
from core.figures.lexicon import Cues
from core.figures.phrase import has_noun, strip_phrase
from core.models import Figure, Sentence
from core.numerals import parse_numeral
from core.periods import doc_year, resolve_period


def _strip_rank_frame(p: str, c: Cues) -> str:
    """Drop durations and comparison frames around a rank (连续N个月, 在…中, 自…以来)."""
    for rx in c.rank_frame_res:
        p = rx.sub("", p)
    return p


def _earlier_subject(s: str, cs: int, bound: int, c: Cues) -> str:
    """Subject named in an earlier clause of the sentence (after ``bound``), nearest first, for a
    rank whose own clause names none (X自…以来，连续N个月…保持第1名)."""
    end = cs - 1
    while end > bound + 1:
        pcs = max(clause_start(s, end), bound + 1)
        p = strip_phrase(_strip_rank_frame(s[pcs:end], c), c)
        if has_noun(p) and not re.search(r"\d", p):
            return p
        end = pcs - 1
    return ""


def rank_figures(s: str, sent: Sentence, drafts: list[Draft], mask: list[bool], date: Optional[str],
                 c: Cues) -> list[Figure]:
    """Rank figures of sentence ``s``; ``drafts`` are its other figures (phrases resolved), which give
    a rank without its own subject the subject of the figure before it."""
    out = []
    found = sorted([*c.rank_re.finditer(s), *c.rank_lead_re.finditer(s), *c.rank_size_re.finditer(s)],
                   key=lambda x: x.start())
    taken = -1
    for m in found:
        if m.start() < taken:
            continue                             # 第二经济大市 also read as 第二: one claim
        lead = m.re is c.rank_lead_re            # "leads the country": first place, in prose
        size = m.re is c.rank_size_re            # 第二经济大市: second by size
        g = {"num": None, "first": None, "scope": None, "verb": None, "top": None, "strong": None,
             "tier": None, **m.groupdict()}
        count = g["num"] or g["top"] or g["strong"]
        if not (count or g["first"] or lead) or mask[m.start()]:
            continue
        if (g["first"] or g["top"] or g["strong"]) and not (g["scope"] or (g["verb"] and not g["first"])):
            continue
        if c.rank_need_scope_or_verb and not (g["scope"] or g["verb"] or size or s[m.end() - 1] in c.rank_end_chars):
            continue
        if c.rank_negation_re.search(s[clause_start(s, m.start()):m.start()]):
            continue                             # 未能如愿跻身全国十强: not reached
        if c.rank_not_followed_re.match(s[m.end():m.end() + 1]):
            continue
        pos = parse_numeral(count) if count else 1.0
        if not pos:
            continue
        rules = ["rank:lead" if lead else "rank:size" if size else "rank:pattern"]
        form_qualifier = g["tier"] or (c.rank_top_qualifier if g["top"] or g["strong"] else None)
        if form_qualifier:
            rules.append("rank:tier" if g["tier"] else "rank:top_n")
        text_start = m.start() if lead else (m.start("scope") if g["scope"] else (m.end("verb") if g["verb"] else m.start()))
        text = s[text_start:m.end()]
        verb = g["verb"] or ""
        all_word = c.rank_all_word
        all_subjects = verb.startswith(all_word) or s[max(0, m.start() - len(all_word)):m.start()] == all_word
        cs = clause_start(s, m.start())
        prior = [r for r in drafts if r.local_end <= m.start() and r.fig.measure not in ("difference", "progress")]
        semi = max(s.rfind(ch, 0, m.start()) for ch in c.rank_semicolons)
        prior = [r for r in prior if r.local_start > semi]
        own_left = s[max([cs] + [r.local_end for r in drafts if cs <= r.local_end <= m.start()]):m.start()]
        own_left = _strip_rank_frame(c.rank_subject_lead_re.sub("", own_left), c)
        own = strip_phrase(own_left, c)
        subject_rule = "rank:subject:own"
        if prior and c.bare_quantity_re.fullmatch(own):
            own = ""                         # 总数达到N家，数量…居全国首位: the count before
        if not has_noun(own) and not prior:
            own = _earlier_subject(s, cs, semi, c)
            subject_rule = "rank:subject:earlier_clause"
        subjects: list[str]
        if has_noun(own):
            parts = [p for p in (strip_phrase(x, c) for x in c.list_split_re.split(own)) if p] if all_subjects else [own]
            subjects = [c.rank_subject_suffix_re.sub("", p) for p in parts] or [own]
        elif prior:
            subject_rule = "rank:subject:figure_before"
            subjects = []
            for r in (prior if all_subjects else [prior[-1]]):
                if r.fig.indicator not in subjects:
                    subjects.append(r.fig.indicator)
        else:
            subject_rule = "rank:subject:none"
            subjects = [""]
        rules.append(subject_rule)
        if all_subjects:
            rules.append("rank:subject:each_listed")
        period = resolve_period(s[:m.start()], date)
        if g["scope"]:
            scope = c.rank_scope_alias.get(g["scope"], g["scope"])     # 各省区第一: among the provinces
            rules.append(f"scope:rank={g['scope']}")
        else:
            scope, rule = claim_scope(s[:m.start()], c)
            if rule:
                rules.append(rule)
        if scope in c.rank_relative_scopes:
            named = c.rank_relative_scopes[scope]
            scope = named if named in s[:m.start()] else None
            rules.append("scope:relative")
        # a rank aimed at (a target cue before it in its clause) is a target on the rank
        aim = next((a for a in governing_cues(s[cs:m.start()], modality_cues())
                    if a.group() not in c.rank_aim_ignores), None)
        kind, qualifier, deadline = "rank", form_qualifier, None
        if aim:
            kind, qualifier = "target", ";".join(q for q in (aim.group(), form_qualifier) if q)
            rules += [f"kind:target:cue={qualifier}", f"hedge:target={qualifier}"]
            deadline, rule = target_deadline(s[:m.start()], "", date, doc_year(date))
            if rule:
                rules.append(rule)
        own = period is not None
        period = period_or_deadline(period, deadline, rules)
        taken = m.end()
        for subj in subjects:
            out.append(Figure(kind=kind, indicator=subj, indicator_id=None, measure="rank", value=float(pos),
                              unit="rank", text=text, qualifier=qualifier, period=period, scope=scope,
                              compared_to=None, sentence=s, start=sent.start + text_start,
                              end=sent.start + m.end(), low_confidence=sent.damaged, deadline=deadline,
                              period_source="sentence" if own else None, rules=tuple(rules)))
    return out
