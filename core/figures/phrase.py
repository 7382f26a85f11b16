"""The indicator phrase of a figure: left of the number, right of a classifier, a membership
object, a relative clause, inherited from the figure before, or assigned by 分别."""
from __future__ import annotations

import re
from dataclasses import replace

from core.figures.clauses import ClausePos, clause_end, clause_start
from core.figures.draft import Draft
from core.figures.lexicon import Cues


def strip_phrase(p: str, c: Cues) -> str:
    """Trim time, scope, action-verb prefixes and measure-verb suffixes off an indicator phrase."""
    p = p.strip(" 、，,()（）")
    for _ in range(8):
        before = p
        p = c.period_lead_re.sub("", p)
        p = c.prefix_re.sub("", p)
        p = c.suffix_re.sub("", p)
        p = p.strip(" 、，,的了")
        if p == before:
            break
    return p


def has_noun(p: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z]", p))


def right_phrase(s: str, pos: int, c: Cues, tp: "ClausePos", unit: str = "") -> str:
    """Noun phrase after a classifier: 新增13家[省级工业设计中心]，200多家[企业]达成…"""
    end = clause_end(s, pos)
    seg = s[pos:end]
    cut = re.search(r"[、(（]|[和及与]\s*\d", seg)
    if cut:
        seg = seg[:cut.start()]
    m = c.right_stop_re.search(seg)
    if m and m.start() > 0:
        seg = seg[:m.start()]
    seg = seg.lstrip("的 ")
    q = re.search(r"[“「]", seg)
    if q and q.start() > 0 and not _quote_then_head(seg[q.start():], c):
        seg = seg[:q.start()]
    qn = c.quantity_re.search(seg)
    if qn and qn.start() > 0:
        seg = seg[:qn.start()]
    seg = seg.strip("的 ")[:32]
    if not seg:
        return seg
    heads = [seg.rfind(h) + len(h) for h in c.raw["head_nouns"] if h in seg]
    min_end = max(heads) if heads else 0
    toks = tp.tags(seg, pos, end)
    keep, pos = [], 0
    for i, (w, f) in enumerate(toks):
        if i > 0 and pos >= min_end and f[:1] in ("v", "p", "c", "u") and (f != "vn" or 0 < min_end == pos):
            break
        keep.append(w)
        pos += len(w)
    out = balance_quotes("".join(keep).strip("的 "))
    head = c.raw["classifier_heads"].get(unit)
    if head and out and qn and not any(out.endswith(h) for h in c.raw["head_nouns"]):
        out += head
    return out


def share_predicate(s: str, pos: int, right: str, c: Cues) -> str:
    """"N%的 X 达到 Y": the right phrase X plus its predicate (达到能效标杆水平) up to the clause end."""
    rest = s[pos:clause_end(s, pos)].lstrip("的 ")
    at = rest.find(right)
    if at < 0:
        return right
    tail = rest[at + len(right):]
    m = re.match(c.raw["share_predicate"], tail)
    return balance_quotes(right + m.group(0)) if m else right


def _quote_then_head(seg: str, c: Cues) -> bool:
    """A quotation that closes and is followed (in ``seg``) by a head noun: 14家省级“…”试点示范企业."""
    close = re.search(r"[”」]", seg)
    return bool(close) and any(h in seg[close.end():] for h in c.raw["head_nouns"])


def member_object(s: str, pos: int, head: str, c: Cues, tp: "ClausePos") -> str:
    """Object of a membership verb after a bare head noun: "N家[企业]入选[省级工业互联网平台]".

    Returns the object (a class of things), or object + head when the object is a list or names no
    head noun ("…名单企业", "…高端软件企业"); after another verb, the verb phrase as a relative
    clause ("N家企业达成合作意向" -> "达成合作意向企业"); "" when nothing usable follows."""
    rest = s[pos:clause_end(s, pos)].lstrip("的 ")
    if rest.startswith(head):
        rest = rest[len(head):]
    m = c.membership_re.match(rest)
    if not m:
        return _relative_clause(rest, head, c, tp)
    obj = rest[m.end():]
    cut = re.search(r"[等(（]", obj)
    if cut:
        obj = obj[:cut.start()]
    obj = c.object_lead_re.sub("", obj).strip("的 ")[:32]
    if not has_noun(obj):
        return ""
    obj = balance_quotes(obj)
    if any(obj.endswith(h) for h in c.raw["list_heads"]) or not any(
            obj.endswith(h) for h in c.raw["head_nouns"] + c.raw["generic_heads"]):
        obj += head
    return obj


def _relative_clause(rest: str, head: str, c: Cues, tp: "ClausePos") -> str:
    """"VP" + head for a bare head followed by a short verb phrase to the clause end, else ""."""
    vp = re.sub(r"^成功|\d{4}年度?", "", re.split(r"[等(（]", rest, maxsplit=1)[0]).strip("的 ")
    if not vp or len(vp) > c.raw["relative_clause_max_len"] or re.search(r"\d", vp):
        return ""
    toks = tp.tags(vp, 0, len(tp.s))
    if not toks or (toks[0][1][:1] not in ("v", "d", "a")
                    and not any(vp.startswith(w) for w in c.raw["relative_clause_verbs"])):
        return ""
    vp = balance_quotes(vp)
    return vp if vp.endswith(head) else vp + head


def balance_quotes(p: str) -> str:
    """Drop quote marks when they are unbalanced (a phrase cut inside a quotation)."""
    if p.count("“") != p.count("”") or p.count("「") != p.count("」"):
        p = re.sub(r"[“”「」]", "", p)
    return p


def resolve_phrases(raws: list[Draft], s: str, c: Cues) -> None:
    """Inherit phrases for differences/progress; assign 分别 subjects by position."""
    groups: dict[tuple[int, int], list[Draft]] = {}
    for r in raws:
        if r.group:
            groups.setdefault(r.group, []).append(r)
    for members in groups.values():
        subj = members[0].group_subjects
        if len(subj) == len(members) and len(members) > 1:
            for r, p in zip(members, subj):
                r.fig = replace(r.fig, indicator=p)
                r.phrase_source = "group"
    for i, r in enumerate(raws):
        if r.phrase_source == "inherit":
            prev = next((q for q in reversed(raws[:i]) if q.phrase_source != "inherit" or q.fig.indicator), None)
            if prev is not None:
                r.fig = replace(r.fig, indicator=prev.fig.indicator + r.inherit_suffix)


def previous_membership_object(s: str, cs: int, c: Cues) -> str:
    """The class joined in the clause before: "X集群入选[省级先进制造业集群]，实现零的突破"."""
    if cs <= 1:
        return ""
    prev = s[clause_start(s, cs - 2):cs - 1]
    m = re.search(c.raw["membership_verbs"].lstrip("^"), prev)
    return balance_quotes(prev[m.end():].strip("的 ")) if m else ""
