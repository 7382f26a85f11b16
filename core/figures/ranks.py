"""Rank claims (全省第1, 全国首位, 领跑全国) and their subjects."""
from __future__ import annotations

import re
from typing import Optional

from core.figures.clauses import clause_start
from core.figures.draft import Draft
from core.figures.kind import claim_scope
from core.figures.lexicon import Cues
from core.figures.phrase import has_noun, strip_phrase
from core.models import Figure, Sentence
from core.numerals import parse_numeral
from core.periods import doc_year, resolve_deadline, resolve_period


def _strip_rank_frame(p: str, c: Cues) -> str:
    """Drop durations and comparison frames around a rank: "连续15个月在全国261个地级市中"."""
    for rx in c.rank_frame_res:
        p = rx.sub("", p)
    return p


def _earlier_subject(s: str, cs: int, bound: int, c: Cues) -> str:
    """Subject named in an earlier clause of the sentence (after ``bound``), nearest first:
    "城市信用监测综合指数自2019年7月以来，连续15个月…保持第1名"."""
    end = cs - 1
    while end > bound + 1:
        pcs = max(clause_start(s, end), bound + 1)
        p = strip_phrase(_strip_rank_frame(s[pcs:end], c), c)
        if has_noun(p) and not re.search(r"\d", p):
            return p
        end = pcs - 1
    return ""


def rank_figures(s: str, sent: Sentence, raws: list[Draft], mask: list[bool], date: Optional[str],
           c: Cues) -> list[Figure]:
    out = []
    found = sorted([*c.rank_re.finditer(s), *c.rank_lead_re.finditer(s)], key=lambda x: x.start())
    for m in found:
        lead = m.re is c.rank_lead_re            # 领跑全国: first place, in prose
        g = {"num": None, "first": None, "scope": None, "verb": None, **m.groupdict()}
        if not (g["num"] or g["first"] or lead) or mask[m.start()]:
            continue
        if g["first"] and not g["scope"]:
            continue
        if c.raw["rank_need_scope_or_verb"] and not (g["scope"] or g["verb"] or s[m.end() - 1] in "位名"):
            continue
        if re.match(r"[届批次家个号期轮条项季年月天章款]", s[m.end():m.end() + 1]):
            continue
        if g["num"]:
            pos = parse_numeral(g["num"])
        else:
            pos = 1.0
        if not pos:
            continue
        text_start = m.start() if lead else (m.start("scope") if g["scope"] else (m.end("verb") if g["verb"] else m.start()))
        text = s[text_start:m.end()]
        verb = g["verb"] or ""
        all_subjects = verb.startswith("均") or s[max(0, m.start() - 1):m.start()] == "均"
        cs = clause_start(s, m.start())
        prior = [r for r in raws if r.local_end <= m.start() and r.fig.measure not in ("difference", "progress")]
        semi = max(s.rfind(";", 0, m.start()), s.rfind("；", 0, m.start()))
        prior = [r for r in prior if r.local_start > semi]
        own_left = s[max([cs] + [r.local_end for r in raws if cs <= r.local_end <= m.start()]):m.start()]
        own_left = _strip_rank_frame(re.sub(r"(?:均|并列|稳)$", "", own_left), c)
        own = strip_phrase(own_left, c)
        if prior and re.fullmatch(c.raw["bare_quantity_pattern"], own):
            own = ""                         # 总数达到23家，数量连续三年居全国首位: the count before
        if not has_noun(own) and not prior:
            own = _earlier_subject(s, cs, semi, c)
        subjects: list[str]
        if has_noun(own):
            parts = [p for p in (strip_phrase(x, c) for x in re.split(r"[、和及与]", own)) if p] if all_subjects else [own]
            parts = [re.sub(r"(?:数量|总量|规模)$", "", p) for p in parts]
            last = parts[-1] if parts else own
            if all_subjects and len(parts) > 1 and re.search(r"(?:数量|总量|规模)$", own):
                parts = [p for p in parts]
            subjects = parts or [own]
            _ = last
        elif prior:
            chosen = prior if all_subjects else [prior[-1]]
            subjects = []
            for r in chosen:
                if r.fig.indicator not in subjects:
                    subjects.append(r.fig.indicator)
        else:
            subjects = [""]
        period = resolve_period(s[:m.start()], date)
        scope = g["scope"] or claim_scope(s[:m.start()], c)
        if scope == "地级市中":
            scope = "全国" if "全国" in s[:m.start()] else None
        # a rank aimed at (力争…进入全省前3, 力争…继续领跑全国) is a target on the rank
        aim = c.target_re.search(s[cs:m.start()])
        kind, qualifier, deadline = "rank", None, None
        if aim:
            kind, qualifier = "target", aim.group()
            deadline = resolve_deadline(s[:m.start()], date) or (str(doc_year(date)) if doc_year(date) else None)
            period = period or deadline
        for subj in subjects:
            out.append(Figure(kind=kind, indicator=subj, indicator_id=None, measure="rank", value=float(pos),
                              unit="rank", text=text, qualifier=qualifier, period=period, scope=scope,
                              compared_to=None, sentence=s, start=sent.start + text_start,
                              end=sent.start + m.end(), low_confidence=sent.damaged, deadline=deadline))
    return out
