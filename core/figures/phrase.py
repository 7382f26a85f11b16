"""The indicator phrase of a figure: the words left of the number (trimmed of periods, scope,
action verbs and measure verbs), else the noun phrase right of its classifier, a membership object
or relative clause after a bare head noun, the phrase of the figure before it (inheritance), or the
subjects listed before a "respectively" cue, assigned by position."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from core.figures.clauses import ClausePos, clause_end, clause_start, drop_leading_verbs, ends_with_verb
from core.figures.draft import Draft, amend
from core.figures.lexicon import Cues
from core.figures.measure import Measure
from core.figures.numbers import Number

_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_DAMAGED_TAIL = re.compile(r"\?+[^?]{0,2}$")   # a tail cut at a mojibake replacement mark


@dataclass(frozen=True)
class Phrase:
    """The phrase stage's decision for one number."""

    text: str
    source: str                # "left" | "right" | "inherit"
    inherit_suffix: str
    rules: tuple[str, ...]


def strip_phrase(p: str, c: Cues) -> str:
    """Trim time, scope, action-verb prefixes and measure-verb suffixes off an indicator phrase."""
    p = p.strip(c.trim["phrase_edges"])
    for _ in range(8):
        before = p
        p = c.period_lead_re.sub("", p)
        p = c.prefix_re.sub("", p)
        p = c.suffix_re.sub("", p)
        p = p.strip(c.trim["phrase_loop"])
        if p == before:
            break
    for o, e in zip(c.paren_open, c.paren_close):
        if p.count(o) > p.count(e):       # 市场主体(不含外资企业): the edge trim took a closing mark
            p += e
    return p


def has_noun(p: str) -> bool:
    """The phrase holds a word character (Han or Latin), not only marks and digits."""
    return bool(_WORDY.search(p))


def balance_quotes(p: str, c: Cues) -> str:
    """Drop quote marks when they are unbalanced (a phrase cut inside a quotation)."""
    if any(p.count(o) != p.count(e) for o, e in c.quote_balanced_pairs):
        for ch in "".join(c.quote_balanced_pairs):
            p = p.replace(ch, "")
    return p


def _find_any(text: str, chars: str) -> int:
    """Offset of the first of ``chars`` in ``text``, -1 when none occurs."""
    hits = [i for i in (text.find(ch) for ch in chars) if i >= 0]
    return min(hits) if hits else -1


def _quote_then_head(seg: str, c: Cues) -> bool:
    """A quotation that closes and is followed (in ``seg``) by a head noun (“…”示范企业)."""
    close = _find_any(seg, c.quote_close)
    return close >= 0 and any(h in seg[close + 1:] for h in c.head_nouns)


def right_phrase(s: str, pos: int, c: Cues, tp: ClausePos, unit: str = "") -> tuple[str, str]:
    """(noun phrase after a classifier at ``pos``, head noun added to it or ""): N家[X中心]."""
    particle = c.trim["particle"]
    end = clause_end(s, pos)
    seg = s[pos:end]
    cut = c.right_cut_re.search(seg)
    if cut:
        seg = seg[:cut.start()]
    m = c.right_stop_re.search(seg)
    if m and m.start() > 0:
        seg = seg[:m.start()]
    seg = seg.lstrip(particle)
    q = _find_any(seg, c.quote_open)
    if q > 0 and not _quote_then_head(seg[q:], c):
        seg = seg[:q]
    qn = c.quantity_re.search(seg)
    if qn and qn.start() > 0:
        seg = seg[:qn.start()]
    seg = seg.strip(particle)[:32]
    if not seg:
        return seg, ""
    heads = [seg.rfind(h) + len(h) for h in c.head_nouns if h in seg]
    min_end = max(heads) if heads else 0
    toks = tp.tags(seg, pos, end)
    keep, at = [], 0
    for i, (w, f) in enumerate(toks):
        if i > 0 and at >= min_end and f[:1] in ("v", "p", "c", "u") and (f != "vn" or 0 < min_end == at):
            break
        keep.append(w)
        at += len(w)
    out = balance_quotes("".join(keep).strip(particle), c)
    head = c.classifier_heads.get(unit)
    if head and out and qn and not any(out.endswith(h) for h in c.head_nouns):
        return out + head, head
    return out, ""


def share_predicate(s: str, pos: int, right: str, c: Cues) -> str:
    """A share read from the right ("N%的 X 达到 Y"): X plus its predicate up to the clause end."""
    rest = s[pos:clause_end(s, pos)].lstrip(c.trim["particle"])
    at = rest.find(right)
    if at < 0:
        return right
    m = c.share_predicate_re.match(rest[at + len(right):])
    return balance_quotes(right + m.group(0), c) if m else right


def member_object(s: str, pos: int, head: str, c: Cues, tp: ClausePos) -> tuple[str, str]:
    """(phrase, rule) for a bare head noun (企业, 项目) followed by a membership verb or verb phrase.

    "N家企业入选X": the object X (a class of things), or X + head when X is a list or names no
    head noun; after another verb, the verb phrase as a relative clause (VP + head); ("", "") when
    nothing usable follows."""
    particle = c.trim["particle"]
    rest = s[pos:clause_end(s, pos)].lstrip(particle)
    if rest.startswith(head):
        rest = rest[len(head):]
    m = c.membership_re.match(rest)
    if not m:
        vp = _relative_clause(rest, head, c, tp)
        return (vp, "phrase:relative_clause") if vp else ("", "")
    obj = rest[m.end():]
    cut = c.object_cut_re.search(obj)
    if cut:
        obj = obj[:cut.start()]
    obj = c.object_lead_re.sub("", obj).strip(particle)[:32]
    if not has_noun(obj):
        return "", ""
    obj = balance_quotes(obj, c)
    if any(obj.endswith(h) for h in c.list_heads) or not any(
            obj.endswith(h) for h in c.head_nouns + c.generic_heads):
        return obj + head, "phrase:member_object:with_head"
    return obj, "phrase:member_object"


def _relative_clause(rest: str, head: str, c: Cues, tp: ClausePos) -> str:
    """"VP" + head for a bare head followed by a short verb phrase to the clause end, else ""."""
    vp = c.relative_clause_strip_re.sub("", c.object_cut_re.split(rest, maxsplit=1)[0]).strip(c.trim["particle"])
    if not vp or len(vp) > c.relative_clause_max_len or re.search(r"\d", vp):
        return ""
    toks = tp.tags(vp, 0, len(tp.s))
    if not toks or (toks[0][1][:1] not in ("v", "d", "a")
                    and not any(vp.startswith(w) for w in c.relative_clause_verbs)):
        return ""
    vp = balance_quotes(vp, c)
    return vp if vp.endswith(head) else vp + head


def previous_membership_object(s: str, cs: int, c: Cues) -> str:
    """The class joined in the clause before clause ``cs`` (X入选[Y]，…), "" when none."""
    if cs <= 1:
        return ""
    prev = s[clause_start(s, cs - 2):cs - 1]
    m = c.membership_search_re.search(prev)
    return balance_quotes(prev[m.end():].strip(c.trim["particle"]), c) if m else ""


def respectively_group(s: str, cs: int, near_left: str, c: Cues) -> tuple[Optional[tuple[int, int]], tuple[str, ...]]:
    """The "respectively" group of a number whose clause has the cue before it: (clause start, cue
    offset) and the subjects listed before the cue; (None, ()) without the cue."""
    if c.respectively_word not in near_left:
        return None, ()
    k = cs + near_left.rindex(c.respectively_word)
    subj = strip_phrase(s[cs:k], c)
    return (cs, k), tuple(x for x in (strip_phrase(p, c) for p in c.list_split_re.split(subj)) if x)


def left_segment(s: str, seg_start: int, ls: int, c: Cues) -> tuple[str, int, bool]:
    """(words left of the number after the previous figure of its clause and after the last etc
    word, offset of an open parenthesis in them or -1, whether the number stands inside it)."""
    left_seg = s[seg_start:ls]
    if c.etc_word in left_seg:
        left_seg = left_seg[left_seg.rindex(c.etc_word) + len(c.etc_word):]
    paren = max(left_seg.rfind(p) for p in c.paren_open)
    inside = paren >= 0 and not any(p in left_seg[paren:] for p in c.paren_close)
    return left_seg, paren, inside


def decide_phrase(s: str, num: Number, cs: int, seg_start: int, left_seg: str, paren: int, inside_paren: bool,
                  near_left: str, measure: Measure, prev: Optional[Draft], tp: ClausePos, c: Cues) -> Phrase:
    """The indicator phrase of ``num`` (see the module docstring); ``prev`` is the sentence's last figure."""
    source, suffix = "left", ""
    rules: list[str] = []
    own_gap = ""
    cm = measure.comparison
    if measure.measure == "difference" and cm:
        own_gap = strip_phrase(left_seg[:max(0, len(left_seg) - len(near_left) + cm.start())], c)
    if own_gap and has_noun(own_gap) and own_gap not in c.bare_quantity_words:
        phrase = own_gap                 # X高于全省平均N个百分点: its own subject
        rules.append("phrase:own_subject")
    elif measure.multiple_of or (measure.measure in ("difference", "progress")
                                 and (cm or measure.measure == "progress" or not has_noun(strip_phrase(left_seg, c)))):
        phrase, source = "", "inherit"
        rules.append("phrase:inherit:comparison")
    else:
        if inside_paren:
            left_seg = s[cs:seg_start + paren] if seg_start + paren > cs else left_seg[:paren]
        around = _around_closed_paren(s, seg_start, num.start, c)
        if around is not None:
            left_seg = around                # 市场主体(不含外资企业,下同)46.21万户: the words before the note
            rules.append("phrase:left:around_paren")
        list_item = bool(c.list_item_end_re.search(left_seg))
        stripped = strip_phrase(left_seg, c)
        phrase = strip_phrase(drop_leading_verbs(stripped, tp.tags(stripped, cs, num.start)), c)
        rules.append("phrase:left:before_paren" if inside_paren else "phrase:left")
        cap = c.capacity_re.search(phrase)
        why = ("list_item" if list_item else "no_noun" if not has_noun(phrase)
               else "capacity" if cap
               else "place_only" if num.unit in c.count_units and is_place_name(phrase)
               else "verb_end" if ends_with_verb(tp.tags(phrase, cs, num.start)) else "")
        if why:
            right, head = right_phrase(s, num.tail_end, c, tp, num.unit)
            if right in c.milestone_words:
                right = ""                   # 突破4000亿元大关: a threshold, not what is measured
            if why == "capacity":
                if has_noun(right):             # 日产6200吨熟料生产线: the line's daily capacity
                    phrase, source = right + c.capacity_suffix.format(per=cap.group("per")), "right"
                    rules[-1] = "phrase:right:capacity"
            elif has_noun(right):
                phrase, source = right, "right"
                rules[-1] = f"phrase:right:{why}"
                if head:
                    rules.append(f"phrase:right:classifier_head={head}")
                if measure.measure == "share":       # N%的X达到Y: the share that does Y
                    phrase = share_predicate(s, num.tail_end, right, c)
                    if phrase != right:
                        rules.append("phrase:right:share_predicate")
            elif why != "verb_end":
                phrase, source = "", "inherit"
                rules[-1] = f"phrase:inherit:{why}"
    if phrase in c.generic_heads:
        obj, rule = member_object(s, num.tail_end, phrase, c, tp)
        if obj:
            phrase = obj
            rules.append(rule)
    if source == "left" and phrase and (c.residue_re.fullmatch(phrase) or (
            measure.measure == "difference" and c.difference_residue_re.search(phrase))):
        phrase, source = "", "inherit"              # 比上年增长5.8%, 比全国高0.2个百分点: the quantity before
        rules.append("phrase:inherit:residue")
    if source != "inherit" and prev is not None and prev.clause_start <= seg_start:
        lead = near_left.strip(c.trim["clause_lead"])
        share_of = c.share_of_prev_re.match(lead)
        scope_share = (c.share_of_scope_re.match(left_seg.strip(c.trim["clause_lead"]))
                       if measure.measure == "share" or num.unit in c.percent_units else None)
        if phrase in c.bare_quantity_words or c.bare_quantity_re.fullmatch(phrase):
            phrase, source = "", "inherit"          # 总数达到N家: the count named before
            rules.append("phrase:inherit:bare_quantity")
        elif share_of and measure.measure == "share":
            phrase, source, suffix = "", "inherit", share_of.group(0)   # 占全省…比重达到N%
            rules.append("phrase:inherit:share_of_previous")
        elif scope_share and (scope_share.group("of") or "phrase:inherit:share_of_scope" in prev.fig.rules):
            phrase, source = "", "inherit"          # 占全国14.1%、全球4.2%: X占全国比重, X占全球比重
            suffix = c.share_of_scope_suffix.format(scope=scope_share.group("scope"))
            rules.append("phrase:inherit:share_of_scope")
        elif (phrase in c.quantity_nouns or phrase[1:] in c.quantity_nouns) \
                and prev.fig.unit.lstrip(c.magnitude_chars) in c.count_units \
                and prev.fig.indicator and prev.phrase_source in ("left", "right", "group") \
                and prev.fig.indicator.endswith(c.generic_heads):
            phrase = prev.fig.indicator + phrase    # 投产项目438个，实现产值93.5亿元: those projects' output
            rules.append("phrase:metric_of_previous_count")
    return Phrase(phrase, source, suffix, tuple(rules))


def _around_closed_paren(s: str, seg_start: int, ls: int, c: Cues) -> Optional[str]:
    """The words around a parenthetical note whose comma split the clause (X(不含Y,下同)N): the
    text before the note in its clause plus the words after it; None when no note closes before ``ls``."""
    seg = s[seg_start:ls]
    close = max(seg.rfind(p) for p in c.paren_close)
    if close < 0 or any(p in seg[:close] for p in c.paren_open):
        return None
    at = seg_start + close
    opened = max(s.rfind(p, 0, at) for p in c.paren_open)
    if opened < 0:
        return None
    note = c.paren_note_strip_re.sub("", s[opened + 1:at]).strip(c.trim["phrase_edges"])
    return s[clause_start(s, opened):opened] + (f"({note})" if note else "") + s[at + 1:ls]


def is_place_name(p: str) -> bool:
    """The phrase is only a place name (临沂市, 安徽): what follows the number is what is counted."""
    from core.gazetteer import lookup
    return lookup(p) is not None


def resolve_phrases(drafts: list[Draft]) -> None:
    """Assign the subjects of each "respectively" group by position (when their counts agree), then
    give each inheriting figure the phrase of the nearest earlier figure that has one."""
    groups: dict[tuple[int, int], list[Draft]] = {}
    for r in drafts:
        if r.group:
            groups.setdefault(r.group, []).append(r)
    for members in groups.values():
        subj = members[0].group_subjects
        if len(subj) == len(members) and len(members) > 1:
            for r, p in zip(members, subj):
                r.fig = amend(r.fig, ["phrase:respectively"], indicator=p)
                r.phrase_source = "group"
        elif not subj and len(members) > 1 and all(r.phrase_source == "inherit" for r in members):
            first = drafts.index(members[0])
            before = [q for q in drafts[:first] if q.group is None and q.fig.indicator]
            if len(before) >= len(members):  # 签约项目2250个、新开工项目2100个，分别增长28%、19%
                for r, q in zip(members, before[-len(members):]):
                    r.fig = amend(r.fig, ["phrase:respectively:previous_figures"], indicator=q.fig.indicator)
                    r.phrase_source = "group"
    base: dict[int, str] = {}              # what an inheriting figure took, before its own suffix
    for i, r in enumerate(drafts):
        if r.phrase_source == "inherit":
            prev = next((j for j in range(i - 1, -1, -1)
                         if drafts[j].phrase_source != "inherit" or drafts[j].fig.indicator), None)
            if prev is not None:
                q = drafts[prev]
                b = base.get(prev, q.fig.indicator)   # X占全国比重 lends X, not its own suffix
                base[i] = b
                r.fig = amend(r.fig, ["phrase:inherited"], indicator=b + r.inherit_suffix)


def drop_damaged_tail(p: str, c: Cues) -> tuple[str, bool]:
    """(phrase without a tail cut at mojibake marks, quotes balanced; whether that changed it)."""
    out = balance_quotes(_DAMAGED_TAIL.sub("", p) or p, c)
    return out, out != p
