"""The modality stage: is a figure an achieved result (``actual``), an estimate of a result
(``estimate``), or a goal (``target``)? Ranks are decided by ``core.figures.ranks``.

One decision per number, from (in this order; the first that decides wins, and its rule is
written to the figure's trace):

1. a deadline phrase just before the number (到2025年…): ``kind:target:deadline_phrase``, unless
   a result cue stands between (到2023年底，累计建成…);
2. the modal cue nearest before the number in its sentence (``core/data/modality_cues.json``):
   an estimate cue (预计, 初步核算) gives ``estimate`` for a period over at the reference date and a
   target for a later one; a target cue (预期, 目标, 计划, 力争, 将, 要, 拟, 达产后 …) a target, unless
   a period already over is named between the cue and the number; a result cue (已, 累计, 以来, an
   in-year period) an actual;
3. a target word after the number (…的目标, 按3%安排);
4. the tense of the figure's own period against the document clock (``core.clock``): over before
   the reference date, an actual; starting after it, a target;
5. the sentence it continues: an item of a list opened by a target lead (主要预期目标是：…；…；),
   or a follow-on sentence (其中…) of a target sentence;
6. the mode of its paragraph: the paragraph's lead (过去一年… / 今年…), the section heading above
   it (一、2023年工作回顾 / 二、2024年主要任务), or a plan section (下一步…, the answer to 将如何…？);
7. weak result words (同比, 比上年) in the sentence;
8. otherwise an actual, marked low-confidence (``kind:actual:default``).

``section_modes`` computes the mode of every paragraph once per document; ``ListCarry`` follows
list items and follow-on sentences as the sentences are read in order.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Optional

from core.clock import Clock, clock_cues
from core.figures.lexicon import Cues, alt, hedges

from core.figures.lexicon import MODALITY_PATH as CUES  # noqa: E402  (one file, read by the lexicon too)


@dataclass(frozen=True)
class ModalityCues:
    """``core/data/modality_cues.json``, compiled."""

    estimate: re.Pattern
    estimate_done: re.Pattern
    estimate_heads_clause: re.Pattern
    horizon_lead: re.Pattern
    target: re.Pattern
    target_after: re.Pattern
    actual: re.Pattern
    in_year: re.Pattern
    nominal_target: re.Pattern
    nominal_governs: re.Pattern
    compared_cue: re.Pattern
    project_capacity: re.Pattern
    rate_measures: frozenset
    from_re: re.Pattern
    future_condition: re.Pattern
    from_to_between: re.Pattern
    weak_actual: re.Pattern
    deadline: re.Pattern
    deadline_reach: int
    continuation: re.Pattern
    list_lead: re.Pattern
    list_item_end: re.Pattern
    heading: re.Pattern
    heading_max: int
    top_level: re.Pattern
    review_heading: re.Pattern
    plan_heading: re.Pattern
    heading_year: re.Pattern
    lead_max: int
    review_lead: re.Pattern
    plan_lead: re.Pattern
    this_year_lead: re.Pattern
    early_months: int


@functools.lru_cache(maxsize=1)
def modality_cues() -> ModalityCues:
    """The cues of ``core/data/modality_cues.json`` (with the target hedges of ``hedges.json``)."""
    c = json.loads(CUES.read_text(encoding="utf-8"))
    s, p = c["section"], c["paragraph_lead"]
    return ModalityCues(
        estimate=re.compile(c["estimate"]), estimate_done=re.compile(c["estimate_done"]),
        estimate_heads_clause=re.compile(c["estimate_heads_clause"]),
        target=re.compile(alt(hedges().target) + "|" + c["target"]),
        target_after=re.compile(c["target_after"]), actual=re.compile(c["actual"]),
        in_year=re.compile(c["in_year"]), nominal_target=re.compile(c["nominal_target"]),
        nominal_governs=re.compile(c["nominal_governs"]), compared_cue=re.compile(c["compared_cue"]),
        project_capacity=re.compile(c["project_capacity"]), rate_measures=frozenset(c["rate_measures"]),
        from_re=re.compile(c["from_to"]["from"]), future_condition=re.compile(c["future_condition"]), from_to_between=re.compile(c["from_to"]["between"]),
        weak_actual=re.compile(c["weak_actual"]), deadline=re.compile(c["deadline"]),
        deadline_reach=c["deadline_reach"], continuation=re.compile(c["continuation_lead"]),
        list_lead=re.compile(c["list_lead"]), list_item_end=re.compile(c["list_item_end"]),
        heading=re.compile(s["heading"]), heading_max=s["max_chars"], top_level=re.compile(s["top_level"]),
        review_heading=re.compile(s["review"]), plan_heading=re.compile(s["plan"]),
        heading_year=re.compile(s["year"]), lead_max=p["max_chars"],
        review_lead=re.compile(p["review"]), plan_lead=re.compile(p["plan"]),
        this_year_lead=re.compile(p["this_year"]), early_months=p["early_months"],
        horizon_lead=re.compile(c["horizon_lead"]))


# ---------------------------------------------------------------- paragraph and section modes

def _heading_mode(line: str, clock: Clock, m: ModalityCues) -> Optional[str]:
    """"actual" for a review heading, "plan" for a plan heading, None for neither."""
    y = m.heading_year.search(line)
    if y and clock.year is not None:
        year = int(y.group(1))
        if year < clock.year and (m.review_heading.search(line) or not m.plan_heading.search(line)):
            return "actual"
        if year > clock.year or (year == clock.year and m.plan_heading.search(line)
                                 and not m.review_heading.search(line)):
            return "plan"
    if m.review_heading.search(line) and not m.plan_heading.search(line):
        return "actual"
    if m.plan_heading.search(line):
        return "plan"
    return None


def _is_heading(line: str, m: ModalityCues) -> bool:
    s = line.strip()
    return 0 < len(s) <= m.heading_max and bool(m.heading.match(s)) and not s.endswith(("，", ","))


def _lead_mode(body: str, m: ModalityCues, clock: Optional[Clock] = None) -> Optional[str]:
    lead = re.split(r"[，,。；;：:]", body.strip(), maxsplit=1)[0][:m.lead_max]
    if m.review_lead.match(lead):
        return "actual"
    if m.plan_lead.match(lead):
        return "plan"
    t = m.this_year_lead.match(lead)
    if t and clock is not None and clock.year is not None and clock.month is not None \
            and clock.month <= m.early_months and not clock.lower_bound \
            and (t.group("y") is None or int(t.group("y")) == clock.year):
        return "plan"                     # 今年，… said in the first months: what the year is to bring
    return None


def _last_cue_mode(para: str, c: Cues) -> Optional[str]:
    """The mode of the last cue in ``para`` (a lead like "今年，将…重点做好四方面工作：" ends in a plan)."""
    last, mode = -1, None
    for mm in c.target_re.finditer(para):
        if mm.group() not in c.plan_paragraph_ignores and mm.start() > last:
            last, mode = mm.start(), "plan"
    for mm in modality_cues().actual.finditer(para):
        if mm.start() > last:
            last, mode = mm.start(), "actual"
    return mode


def section_modes(clean: str, clock: Clock, c: Cues) -> tuple[list[int], list[str]]:
    """(start offset, mode) of each paragraph: "plan", "actual" or "" (no mode).

    A heading line (一、2023年工作回顾 / 二、2024年主要任务) sets the mode of the paragraphs under it.
    A paragraph's own lead (过去一年… / 今年…) sets its mode. Without either, the old rules hold: a
    paragraph with target cues and no result cue is a plan, one with a result cue a review; a
    cue-less paragraph inherits from a plan section (下一步…, 2023年工作思路是：, the answer to a
    question about plans: 将如何…？); the items of a list (一是…, 二、…) inherit the mode of the last
    cue of the paragraph that introduces them; a pledge quoted in a report does not carry over."""
    m = modality_cues()
    starts, modes = [], []
    section: Optional[str] = None
    carry = ""                          # no mode until a paragraph gives one
    list_mode: Optional[str] = None
    prev_last: Optional[str] = None
    pos = 0
    for para in clean.split("\n"):
        body = c.speaker_label_re.sub("", para, count=1)
        mode: Optional[str]
        if _is_heading(body, m):
            hm = _heading_mode(body, clock, m)
            if hm is not None:
                section = hm
            elif m.top_level.match(body):
                section = None
            starts.append(pos)
            modes.append(section or "")
            pos += len(para) + 1
            list_mode = None
            continue
        has_t = any(x.group() not in c.plan_paragraph_ignores and not _idle_goal_noun(para, x, m)
                    for x in c.target_re.finditer(para))
        lead_section = bool(c.plan_section_lead_re.search(body))
        item = bool(c.list_item_re.match(body))
        if item and list_mode is None and prev_last is not None:
            list_mode = prev_last
        elif not item and para.strip():
            list_mode = None
        lead = _lead_mode(body, m, clock)
        if lead is not None:
            mode = lead
        elif section is not None:
            mode = section
        elif m.actual.search(para) and not lead_section:
            mode = "actual"
        elif has_t or lead_section:
            mode = "plan"
        else:
            mode = list_mode or section or carry
        if not item and para.strip():
            if lead_section:
                carry = "plan"
            elif mode == "actual" or (mode == "plan" and carry != "plan"):
                carry = section or "actual"     # a pledge does not carry
        if para.strip():
            if c.forward_question_re.search(body) and not c.retro_question_re.search(body):
                carry = "plan"          # the answer to 将如何…？ is a plan section
            prev_last = _last_cue_mode(para, c)
        starts.append(pos)
        modes.append(mode or "")
        pos += len(para) + 1
    return starts, modes


def deadline_horizons(clean: str) -> tuple[list[int], list[Optional[int]]]:
    """(start offset, horizon year or None) of each paragraph: the year a paragraph opening with a
    deadline (到2025年，…) names, carried to the paragraphs after it until a top-level heading."""
    m = modality_cues()
    starts: list[int] = []
    years: list[Optional[int]] = []
    horizon: Optional[int] = None
    pos = 0
    for para in clean.split("\n"):
        if m.top_level.match(para) and _is_heading(para, m):
            horizon = None
        lead = m.horizon_lead.match(para)
        if lead:
            horizon = int(lead.group("y"))
        starts.append(pos)
        years.append(horizon)
        pos += len(para) + 1
    return starts, years


# ---------------------------------------------------------------- list items and follow-on sentences

class ListCarry:
    """What the sentence being read continues, as sentences are read in order: the items of a list
    opened by a target lead (主要预期目标是：国内生产总值增长5%左右；…；…。) are targets, in the
    paragraph after the lead too when the lead ends its own; a follow-on sentence (其中…, or any
    sentence with no cue of its own after a sentence of targets in the same paragraph) takes the
    modality of the sentence before."""

    def __init__(self) -> None:
        self.list_kind: Optional[str] = None
        self.prev_kind: Optional[str] = None
        self.prev_para: int = -1
        self.lead_ends_paragraph = False

    def context(self, sentence: str, para_start: int) -> tuple[Optional[str], str]:
        """(kind the sentence inherits, rule) before it is read."""
        if para_start != self.prev_para:
            if not self.lead_ends_paragraph:
                self.list_kind = None
            self.prev_kind = None
        m = modality_cues()
        if self.list_kind:
            return self.list_kind, f"kind:{self.list_kind}:list_item"
        if self.prev_kind in ("target", "estimate"):
            lead = "continuation" if m.continuation.match(sentence) else "continues_sentence"
            return self.prev_kind, f"kind:{self.prev_kind}:{lead}"
        return None, ""

    def read(self, sentence: str, para_start: int, kinds: list[str]) -> None:
        """Update after ``sentence`` was read and its figures got ``kinds``."""
        m = modality_cues()
        self.prev_para = para_start
        colon = m.list_lead.search(sentence)
        lead_end = bool(re.search(r"[:：]\s*$", sentence))
        opens = colon is not None and bool(m.target.search(sentence[:colon.start()])) \
            and (bool(m.list_item_end.search(sentence)) or lead_end)
        self.lead_ends_paragraph = opens and lead_end
        if opens:
            self.list_kind = "target"
        elif not m.list_item_end.search(sentence):
            self.list_kind = None
        kinds = [k for k in kinds if k in ("actual", "estimate", "target")]
        if kinds:
            self.prev_kind = kinds[-1]


# ---------------------------------------------------------------- the decision

@dataclass(frozen=True)
class Frame:
    """What the modality of one number depends on besides its words."""

    clock: Clock
    para_mode: str = ""                 # "plan" | "actual" | ""
    inherited: Optional[str] = None     # the kind a list item or follow-on sentence takes
    inherited_rule: str = ""


def _last(rx: re.Pattern, text: str) -> Optional[re.Match]:
    found = None
    for found in rx.finditer(text):
        pass
    return found


def _whole_years(period: Optional[str]) -> bool:
    """A period of one or more whole years (2024, 2021..2025), not a part of one."""
    return bool(period) and re.fullmatch(r"(?:19|20)\d{2}(?:\.\.(?:19|20)\d{2})?", period) is not None


def _governing_estimate(left: str, m: ModalityCues) -> Optional[re.Match]:
    """The last estimate cue of ``left`` when it reaches the number at the end: in the number's own
    clause, or heading its clause (预计全年，…); one after a subject in an earlier clause does not."""
    e = _last(m.estimate, left)
    if e is None or _same_clause(left, e.end(), len(left)):
        return e
    head = max(left.rfind(ch, 0, e.start()) for ch in "，,；;：:")
    return e if m.estimate_heads_clause.match(left[head + 1:e.start()].strip()) else None


def _same_clause(text: str, a: int, b: int) -> bool:
    """No clause mark between offsets ``a`` and ``b`` of ``text``."""
    return not re.search(r"[，,；;。！？!?]", text[a:b])


def governing_cues(text: str, m: ModalityCues):
    """The target cues of ``text`` that govern what follows them: not a goal compared with or
    completed (超过…目标, 低于预期), and a goal noun (目标, 预期) only right before a number or when
    it introduces what follows (目标是…)."""
    for x in m.target.finditer(text):
        if m.compared_cue.search(text[:x.start()]):
            continue
        if _idle_goal_noun(text, x, m):
            continue
        yield x


def _idle_goal_noun(text: str, x: re.Match, m: ModalityCues) -> bool:
    """A bare 目标/预期 that introduces no number (冲击新目标行动): a name, not a plan."""
    return bool(m.nominal_target.match(x.group())) and not m.nominal_governs.match(text[x.end():])


def _target_cue(left: str, m: ModalityCues) -> Optional[re.Match]:
    """The last governing target cue of ``left`` (the words before a number)."""
    found = None
    for found in governing_cues(left, m):
        pass
    return found


def decide_kind(sent: str, left: str, after: str, period: Optional[str], period_at: int,
                frame: Frame, measure: str = "", period_words: str = "") -> tuple[str, str]:
    """(kind, rule) of the number whose sentence is ``sent``, with ``left`` the sentence before it
    and ``after`` the words right after it; ``period`` is its own period (from its sentence) and
    ``period_at`` where that period's phrase ends in ``left`` (-1 when none)."""
    m = modality_cues()
    clock = frame.clock
    rel = clock.relation(period)
    d = _last(m.deadline, left)
    year = re.search(r"(?:19|20)\d{2}", d.group()) if d else None
    if d and year is None and frame.para_mode == "actual":
        d = None                          # 到年底 in a review: the end of the year reviewed
    if d and d.end() >= len(left) - m.deadline_reach and not m.actual.search(left, d.end()):
        past = clock.relation(year.group()) == "past" if year else False
        proposed = _target_cue(left[:d.end()], m)
        if not past or (proposed is not None and proposed.start() < d.start()):
            return "target", "kind:target:deadline_phrase"      # 提出到2020年…: a plan's target, even past
        return "actual", "kind:actual:past_deadline"            # 从…提高到2025年的14万元, said in 2026
    cap = m.project_capacity.search(left)
    if cap and not m.actual.search(left, max(0, left.rfind("，", 0, cap.start()))) and rel != "past":
        return "target", "kind:target:project_capacity"
    target = _target_cue(left, m)
    cues = [(x.end(), kind, x.group()) for kind, x in (("estimate", _governing_estimate(left, m)), ("target", target),
                                                        ("actual", _last(m.actual, left)),
                                                        ("in_year", _last(m.in_year, left)))
            if x is not None]
    if cues:
        end, kind, word = max(cues)
        if kind == "in_year":
            if rel != "future" and not (target and _same_clause(left, target.end(), end - len(word))):
                return "actual", f"kind:actual:in_year_period={word}"
            kind, end, word = ("target", target.end(), target.group()) if target else ("", -1, "")
        if kind == "target":
            if period_at > end and rel == "past":
                return "actual", "kind:actual:past_period_after_cue"
            return "target", f"kind:target:cue={word}"
        if kind == "estimate":
            start = end - len(word)
            conditioned = m.future_condition.search(left, 0, start) is not None
            same_clause_aim = target is not None and target.end() <= start and _same_clause(left, target.end(), start)
            if rel == "future" or ((conditioned or same_clause_aim) and rel != "past"):
                return "target", f"kind:target:forecast={word}"
            if rel == "past" or m.estimate_done.match(word):
                return "estimate", f"kind:estimate:cue={word}"
            if frame.para_mode == "plan":
                return "target", f"kind:target:forecast={word}"
            if rel == "current" and clock.nearly_over(period):
                return "estimate", f"kind:estimate:cue={word}"
            if clock.lower_bound and period and clock.year is not None and period[:4].isdigit() \
                    and int(period[:4]) <= clock.year:
                return "estimate", f"kind:estimate:cue={word}:undated"   # written at the latest year named, or after
            if rel is None and clock.reported_year is not None and clock.year is not None \
                    and clock.reported_year < clock.year:
                return "estimate", f"kind:estimate:cue={word}"   # a report of last year
            return "target", f"kind:target:forecast={word}"
        if kind == "actual":
            return "actual", f"kind:actual:cue={word}"
    if after and m.target_after.match(after):
        return "target", "kind:target:goal_after"
    if rel == "past":
        return "actual", "kind:actual:period_before_reference_date"
    if rel == "future":
        return "target", "kind:target:period_after_reference_date"
    if rel == "current" and measure in m.rate_measures and _whole_years(period) and period_words \
            and period_words not in clock_cues()["full_year_words"] \
            and not clock.nearly_over(period) and frame.para_mode != "actual":
        return "target", "kind:target:year_not_over"          # 今年…增长7%, said in March
    if frame.inherited and (frame.para_mode != "actual" or not frame.inherited_rule.endswith("continues_sentence")):
        return frame.inherited, frame.inherited_rule
    if frame.para_mode == "plan":
        return "target", "kind:target:plan_paragraph"
    if frame.para_mode == "actual":
        return "actual", "kind:actual:review_paragraph"
    w = m.weak_actual.search(sent)
    if w:
        return "actual", f"kind:actual:weak_cue={w.group()}"
    return "actual", "kind:actual:default"


def heading_year(line: str) -> Optional[int]:
    """The year a heading line names (一、2023年工作回顾 -> 2023), or None for any other line."""
    m = modality_cues()
    if not _is_heading(line, m):
        return None
    y = m.heading_year.search(line)
    return int(y.group(1)) if y else None


def from_to_pairs(s: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(index of A, index of B) for each 从A提高到B of sentence ``s``: ``spans`` are the (start,
    end, unit) of its numbers in order; A and B share the clause and the unit's kind (both with a
    unit, or both without)."""
    m = modality_cues()
    out = []
    for i in range(len(spans) - 1):
        (a0, a1, au), (b0, _, bu) = spans[i], spans[i + 1]
        if not m.from_re.search(s[:a0]) or not m.from_to_between.match(s[a1:b0]):
            continue
        if bool(au) != bool(bu):
            continue
        out.append((i, i + 1))
    return out
