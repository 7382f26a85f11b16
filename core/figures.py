"""Figure extraction: every quantitative claim in a document as a ``Figure``.

A regex finds the number core (Arabic, Chinese or mixed numerals with magnitude, hedge and unit);
``core.numerals`` parses it; cue words from ``core/data/figure_cues.json`` decide kind, measure,
qualifier, scope and comparison; jieba (posseg, only on the clause left of a number) trims the
indicator phrase; ``core.indicators`` maps it to a canonical id; ``core.periods`` resolves periods.

Qualifier convention: hedge words joined by ";" in reading order, target hedge first
("力争;突破", "确保;以上", "多"); a range "1—2个" is value 1 with "至2" in the qualifier.
"""
from __future__ import annotations

import bisect
import functools
import json
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from core.indicators import match_indicator, taxonomy
from core.limits import ClauseCuts, bounded_sentences, limit
from core.models import DocMeta, Figure, Sentence
from core.numerals import parse_chinese, parse_numeral
from core.periods import doc_year, find_periods, resolve_deadline, resolve_period
from core.tokenizer import get_pos_tokenizer, get_tokenizer, pos_cut

CUES_PATH = Path(__file__).parent / "data" / "figure_cues.json"
CLAUSE_DELIMS = ",，;；:：。!！？\n"
CN_NUM = "零〇一二两三四五六七八九十百千万亿"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Cues:
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
def cues() -> _Cues:
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
        rf"(?P<small>[千百](?![分]))?(?:(?P<inner0>{_alt(c['hedges_inner'])})(?=万亿|亿|万))?(?P<mag>万亿|亿|万)?"
        rf"(?P<inner>{_alt(c['hedges_inner'])})?"
        rf"(?P<unit>{_alt(all_units)})?"
        rf"(?P<suf>{c['unit_suffix_optional']})?"
        rf"(?P<after>{_alt(c['hedges_after'])})?")
    fraction_re = re.compile(rf"(?<![\d./])(?P<a>\d+)/(?P<b>\d+)(?![\d/])|(?<![{CN_NUM}])(?P<cb>[{CN_NUM}]+)分之(?P<ca>[{CN_NUM}]+)")
    growth = _alt(c["growth_words"] + c["decline_words"])
    hedges_before = _alt(c["hedges_before"])
    return _Cues(
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
        scope_re=re.compile(_alt(c["scope_words"])),
        prefix_re=re.compile(rf"^(?:{_alt(c['strip_prefix'])})"),
        suffix_re=re.compile(rf"(?:{'|'.join([_alt(c['strip_suffix'] + c['hedges_before']), *c['strip_suffix_patterns']])})$"),
        period_lead_re=re.compile(r"^(?:\d{4}年(?:内|底|末|初)?|\d{1,2}[—–\-~～至]\d{1,2}月份?|前[一二三]季度|[上下]半年|截至\d{0,2}月?底?|截至目前|目前)"),
        right_stop_re=re.compile(_alt(c["right_stop_words"])),
        count_units=frozenset(u["count"]),
        percent_units=frozenset(u["percent"]),
        share_indicator_re=re.compile(c["share_indicator_pattern"]),
        share_of_whole_re=re.compile(c["share_of_whole_pattern"]),
        growth_after_re=re.compile(c["growth_after_pattern"]),
        share_after_re=re.compile(c["share_after_pattern"]),
        multiple_of_re=re.compile(c["multiple_of_pattern"]),
        threshold_after_re=re.compile(c["threshold_after_pattern"]),
        framework_lead_re=re.compile(c["framework_lead_pattern"]),
        quantity_re=re.compile(_alt(c["quantity_nouns"])),
        membership_re=re.compile(c["membership_verbs"]),
        object_lead_re=re.compile(c["object_lead_strip"]),
        rank_frame_res=tuple(re.compile(p) for p in c["rank_frame_strip"]),
        share_of_prev_re=re.compile(c["share_of_previous_pattern"]),
        zero_re=re.compile(c["zero_breakthrough"]["pattern"]),
        rank_lead_re=re.compile(c["rank_lead_pattern"]),
    )


# ---------------------------------------------------------------- helpers

def _excluded_mask(text: str, c: _Cues) -> list[bool]:
    """Characters inside short quotes/titles or exclusion patterns (slogan codes, policy names)."""
    mask = [False] * len(text)
    maxq = c.raw["max_quote_len"]
    for pair in c.raw["quote_pairs"]:
        o, e = pair[0], pair[1]
        for m in re.finditer(re.escape(o) + "[^" + re.escape(o + e) + "\n]{1,%d}" % maxq + re.escape(e), text):
            for i in range(m.start(), m.end()):
                mask[i] = True
    for rx in c.exclude_spans:
        for m in rx.finditer(text):
            for i in range(m.start(), m.end()):
                mask[i] = True
    return mask


@functools.lru_cache(maxsize=64)
def _cuts(s: str) -> ClauseCuts:
    """Clause marks of a sentence, found once (bisection per lookup instead of a scan)."""
    return ClauseCuts(s, CLAUSE_DELIMS)


def _clause_start(s: str, pos: int) -> int:
    return _cuts(s).start(pos)


def _clause_end(s: str, pos: int) -> int:
    return _cuts(s).end(pos)


def _strip_phrase(p: str, c: _Cues) -> str:
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


class _ClausePos:
    """jieba posseg run once per clause of a sentence; substrings read their tags from it.

    A token cut by a substring's edge keeps the part inside, tagged from the dictionary (or "x").
    """

    def __init__(self, s: str):
        self.s = s
        self._clauses: dict[int, tuple[int, list[tuple[int, int, str]]]] = {}

    def _clause(self, pos: int, upto: int) -> list[tuple[int, int, str]]:
        """Tokens of the clause holding ``pos``, cut from the clause start to at least ``upto``."""
        cs = _clause_start(self.s, pos)
        done, toks = self._clauses.get(cs, (cs, []))
        if upto > done:  # the whole clause, once (a prefix per call was quadratic in the clause)
            end = _clause_end(self.s, cs)
            toks, i = [], cs
            for w, f in _clause_tags(self.s[cs:end]):
                toks.append((i, i + len(w), f))
                i += len(w)
            self._clauses[cs] = (end, toks)
        return toks

    def tags(self, p: str, lo: int, hi: int) -> list[tuple[str, str]]:
        """Tokens of phrase ``p`` found (last occurrence) in ``s[lo:hi]``; a fresh cut if not found."""
        if not p:
            return []
        a = self.s.rfind(p, max(lo, 0), hi)
        if a < 0 or any(ch in CLAUSE_DELIMS for ch in p):
            return pos_cut(p)
        b = a + len(p)
        out = []
        for ts, te, f in self._clause(a, b):
            if te <= a or ts >= b:
                continue
            w = self.s[max(ts, a):min(te, b)]
            if ts < a or te > b:
                f = _word_tag(w)
            out.append((w, f))
        return out


def _clause_tags(text: str) -> list[tuple[str, str]]:
    """Words of ``text`` (jieba lcut: dictionary + the light BMES HMM) with dictionary tags;
    only out-of-vocabulary words go through the costly posseg HMM, one short word at a time."""
    tab = get_pos_tokenizer().word_tag_tab
    out: list[tuple[str, str]] = []
    for w in get_tokenizer().lcut(text):
        f = tab.get(w)
        if f is None:
            f = _oov_tag(w)
        out.append((w, f))
    return out


@functools.lru_cache(maxsize=4096)
def _oov_tag(w: str) -> str:
    """posseg tag of a word missing from the dictionary (its first token's tag; "x" for symbols)."""
    if not re.search(r"[\u4e00-\u9fff]", w):
        return "m" if re.fullmatch(r"[\d.]+", w) else "x"
    toks = pos_cut(w)
    return toks[0][1] if len(toks) == 1 else ("v" if all(f[:1] == "v" for _, f in toks) else "x")


def _word_tag(w: str) -> str:
    return get_pos_tokenizer().word_tag_tab.get(w, "x")


def _drop_leading_verbs(p: str, toks: list[tuple[str, str]]) -> str:
    """Drop leading verbs/adverbs/prepositions (jieba posseg ``toks`` of ``p``) while a noun remains."""
    if not p:
        return p
    i = 0
    while i < len(toks) - 2 and (toks[i][1][:1] in ("v", "d", "p", "c") and toks[i][1] != "vn"):
        i += 1
    out = "".join(w for w, _ in toks[i:])
    return out


def _has_noun(p: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z]", p))


def _right_phrase(s: str, pos: int, c: _Cues, tp: "_ClausePos", unit: str = "") -> str:
    """Noun phrase after a classifier: 新增13家[省级工业设计中心]，200多家[企业]达成…"""
    end = _clause_end(s, pos)
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
    out = _balance_quotes("".join(keep).strip("的 "))
    head = c.raw["classifier_heads"].get(unit)
    if head and out and qn and not any(out.endswith(h) for h in c.raw["head_nouns"]):
        out += head
    return out


def _share_predicate(s: str, pos: int, right: str, c: _Cues) -> str:
    """"N%的 X 达到 Y": the right phrase X plus its predicate (达到能效标杆水平) up to the clause end."""
    rest = s[pos:_clause_end(s, pos)].lstrip("的 ")
    at = rest.find(right)
    if at < 0:
        return right
    tail = rest[at + len(right):]
    m = re.match(c.raw["share_predicate"], tail)
    return _balance_quotes(right + m.group(0)) if m else right


def _quote_then_head(seg: str, c: _Cues) -> bool:
    """A quotation that closes and is followed (in ``seg``) by a head noun: 14家省级“…”试点示范企业."""
    close = re.search(r"[”」]", seg)
    return bool(close) and any(h in seg[close.end():] for h in c.raw["head_nouns"])


def _member_object(s: str, pos: int, head: str, c: _Cues, tp: "_ClausePos") -> str:
    """Object of a membership verb after a bare head noun: "N家[企业]入选[省级工业互联网平台]".

    Returns the object (a class of things), or object + head when the object is a list or names no
    head noun ("…名单企业", "…高端软件企业"); after another verb, the verb phrase as a relative
    clause ("N家企业达成合作意向" -> "达成合作意向企业"); "" when nothing usable follows."""
    rest = s[pos:_clause_end(s, pos)].lstrip("的 ")
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
    if not _has_noun(obj):
        return ""
    obj = _balance_quotes(obj)
    if any(obj.endswith(h) for h in c.raw["list_heads"]) or not any(
            obj.endswith(h) for h in c.raw["head_nouns"] + c.raw["generic_heads"]):
        obj += head
    return obj


def _relative_clause(rest: str, head: str, c: _Cues, tp: "_ClausePos") -> str:
    """"VP" + head for a bare head followed by a short verb phrase to the clause end, else ""."""
    vp = re.sub(r"^成功|\d{4}年度?", "", re.split(r"[等(（]", rest, maxsplit=1)[0]).strip("的 ")
    if not vp or len(vp) > c.raw["relative_clause_max_len"] or re.search(r"\d", vp):
        return ""
    toks = tp.tags(vp, 0, len(tp.s))
    if not toks or (toks[0][1][:1] not in ("v", "d", "a")
                    and not any(vp.startswith(w) for w in c.raw["relative_clause_verbs"])):
        return ""
    vp = _balance_quotes(vp)
    return vp if vp.endswith(head) else vp + head


def _balance_quotes(p: str) -> str:
    """Drop quote marks when they are unbalanced (a phrase cut inside a quotation)."""
    if p.count("“") != p.count("”") or p.count("「") != p.count("」"):
        p = re.sub(r"[“”「」]", "", p)
    return p


def _ends_with_verb(toks: list[tuple[str, str]]) -> bool:
    return bool(toks) and toks[-1][1][:1] in ("v", "p", "c") and toks[-1][1] != "vn"


def _not_a_figure(s: str, m: re.Match, v: float, unit: str, prev_end: int, tp: "_ClausePos", c: _Cues) -> bool:
    """Thresholds ("500万元以上技改项目"), layout counts ("围绕11条产业链"), list restatements
    ("海运、邮运、空运3种方式") are numbers in the text but not claims."""
    ls = m.start()
    if (m["after"] and unit not in c.count_units
            and c.threshold_after_re.search(s[m.start("after"):m.start("after") + 6])):
        return True
    cs = _clause_start(s, ls)
    if unit in c.count_units:
        near_left = s[cs:ls]
        if c.framework_lead_re.search(near_left):
            return True
        seg = s[max(cs, prev_end):ls]
        items = seg.split("、")
        if (len(items) >= 2 and v == len(items) and all(items)
                and not any(w in near_left for w in c.raw["new_cues"])):
            return True
    return False


def _is_new_count(s: str, cs: int, ls: int, near_left: str, tp: "_ClausePos", c: _Cues) -> bool:
    """A count of new things: a new cue before it in its clause (no 累计-like cue after the cue),
    or a verbless "NP N家" clause continuing a list opened by a new cue ("新认定A 1家，B 23家")."""
    new = c.raw["new_cues"]
    not_new = c.raw["not_new_cues"]

    def cue_in(text: str) -> Optional[bool]:
        hits = [(text.rfind(w), w) for w in new if w in text]
        if not hits:
            return None
        at = max(hits)[0]
        return not any(w in text[at:] or w in text[:at][-4:] for w in not_new)

    own = cue_in(near_left)
    if own is not None:
        return own
    bound = max(s.rfind("；", 0, cs), s.rfind(";", 0, cs), s.rfind("。", 0, cs))
    end = cs - 1
    if not _is_noun_phrase(tp.tags(near_left, cs, ls)):
        return False
    while end > bound + 1:
        pcs = _clause_start(s, end)
        left = s[pcs:end]
        if not re.search(r"\d", left):
            return False
        found = cue_in(left)
        if found is not None:
            return found
        if not _is_noun_phrase(tp.tags(left[:re.search(r"\d", left).start()], pcs, end)):
            return False
        end = pcs - 1
    return False


def _is_verb(f: str) -> bool:
    return f[:1] == "v" and f != "vn"


def _is_noun_phrase(toks: list[tuple[str, str]]) -> bool:
    """A verbless list item: it ends in a noun and any verb in it modifies a following noun (示范基地)."""
    toks = [t for t in toks if t[1] != "x" or t[0] not in "“”「」"]
    if not toks or toks[-1][1][:1] != "n":
        return False
    for i, (_, f) in enumerate(toks):
        if _is_verb(f):
            j = i + 1
            while j < len(toks) and _is_verb(toks[j][1]):
                j += 1
            if j >= len(toks) or toks[j][1][:1] != "n":
                return False
    return True


def _num_value(m: re.Match, c: _Cues) -> Optional[float]:
    raw = m["num"]
    if len(raw) > limit("number_max_digits"):
        return None  # a run of digits, not a quantity (and int() refuses over 4300 digits)
    if raw[0].isdigit():
        v = parse_numeral(raw)
    else:
        if re.fullmatch(c.raw["chinese_bare_magnitude"], raw):
            return None
        v = parse_chinese(raw)
        if v is None or (v < c.raw["chinese_min_value"] and not m["pct"]):
            return None
    if v is None:
        return None
    if m["small"]:
        v *= 1000 if m["small"] == "千" else 100
    return v if math.isfinite(v) else None


@dataclass
class _Raw:
    fig: Figure
    clause_start: int
    local_start: int          # in sentence
    local_end: int
    phrase_source: str        # "left" | "right" | "inherit" | "group"
    group: Optional[tuple[int, int]] = None
    group_index: int = 0
    group_subjects: tuple[str, ...] = ()
    inherit_suffix: str = ""   # appended to an inherited phrase: X + 占全省规上工业比重


# ---------------------------------------------------------------- paragraph mode

def _paragraph_modes(clean: str, c: _Cues) -> tuple[list[int], list[str]]:
    """Each paragraph's mode: "plan" (target cues, no actual cues), "actual", or inherited."""
    starts, modes = [], []
    prev = "actual"
    pos = 0
    for para in clean.split("\n"):
        has_t = any(m.group() not in ("预计", "有望") for m in c.target_re.finditer(para))
        has_a = bool(c.actual_re.search(para))
        if has_a:
            mode = "actual"
        elif has_t:
            mode = "plan"
        elif para.strip():
            mode = prev
        else:
            mode = prev
        starts.append(pos)
        modes.append(mode)
        prev = mode
        pos += len(para) + 1
    return starts, modes


# ---------------------------------------------------------------- main

def _scope(left: str, c: _Cues) -> Optional[str]:
    best = None
    for m in c.scope_re.finditer(left):
        pre = left[max(0, m.start() - 2):m.start()]
        if re.search(r"(?:高于|低于|快于|慢于|超过|领先|比|较|居|列)$", pre):
            continue
        best = c.raw["scope_words"][m.group()]
    return best


def _kind(sent: str, left: str, para_mode: str, period: Optional[str], year: Optional[int],
          c: _Cues) -> str:
    py = int(period[:4]) if period and period[:4].isdigit() else None
    if year is not None and py is not None:
        if py < year:
            return "actual"
        if py > year:
            return "target"
    if c.target_re.search(left):
        return "target"
    if c.actual_re.search(sent):
        return "actual"
    return "target" if para_mode == "plan" else "actual"


def _qualifier(sent_left: str, near_left: str, m: Optional[re.Match], c: _Cues,
               kind: str) -> list[str]:
    q = []
    if kind == "target":
        th = [w for w in c.raw["target_hedges"] if w in sent_left]
        if th:
            q.append(min(th, key=lambda w: -sent_left.rfind(w)))
    for w in sorted(c.raw["hedges_before"], key=len, reverse=True):
        if near_left.endswith(w) or near_left.endswith(w + "了"):
            q.append(w)
            break
    if m is not None:
        if m["inner0"] or m["inner"]:
            q.append(m["inner0"] or m["inner"])
        if m["after"]:
            q.append(m["after"])
        if m["num2"]:
            q.append("至" + m["num2"])
    return q


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
    pstarts, pmodes = _paragraph_modes(clean, c)
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
                      c: _Cues) -> list[Figure]:
    s = sent.text
    if not re.search(rf"[\d{CN_NUM}首]", s):
        return []
    mask = _excluded_mask(s, c)
    tp = _ClausePos(s)
    raws: list[_Raw] = []
    taken_end = 0

    def add(fig_kw: dict, ls: int, le: int, near_left_start: int, measure_hint: Optional[str],
            m: Optional[re.Match]):
        cs = _clause_start(s, ls)
        sent_left = s[:ls]
        period = resolve_period(sent_left, date)
        kind = _kind(s, sent_left, para_mode, period, year, c)
        # left phrase: after the previous figure in this clause, after the last 等
        seg_start = max(cs, near_left_start)
        left_seg = s[seg_start:ls]
        near_left = s[cs:ls]
        group = None
        gi, subjects = 0, ()
        if "分别" in near_left:
            k = cs + near_left.rindex("分别")
            group = (cs, k)
            subj = _strip_phrase(s[cs:k], c)
            subjects = tuple(x for x in (_strip_phrase(p, c) for p in re.split(r"[、和及与]", subj)) if x)
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
                elif (re.search(_alt(c.raw["share_words"]), left_seg) or c.share_of_whole_re.search(near_left)
                      or (unit != "倍" and c.share_after_re.search(after)) or fig_kw.get("_fraction")):
                    measure = "share"
            elif unit.lstrip("万亿") in c.count_units and _is_new_count(s, cs, ls, near_left, tp, c):
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
        decline = re.search(rf"(?:{_alt(c.raw['decline_words'])}|低于|慢于)了?(?:{_alt(c.raw['hedges_before'])})?$", near_left)
        if decline and measure in ("growth", "difference"):
            value = -abs(value)
        # indicator phrase
        source = "left"
        own_gap = ""
        if measure == "difference" and cm:
            own_gap = _strip_phrase(left_seg[:max(0, len(left_seg) - len(near_left) + cm.start())], c)
        if own_gap and _has_noun(own_gap) and own_gap not in c.raw["bare_quantity_words"]:
            phrase = own_gap                 # 营收利润率高于全省平均1.5个百分点: its own subject
        elif multiple_of or (measure in ("difference", "progress")
                             and (cm or measure == "progress" or not _has_noun(_strip_phrase(left_seg, c)))):
            phrase, source = "", "inherit"
        else:
            if inside_paren:
                left_seg = s[cs:seg_start + paren] if seg_start + paren > cs else left_seg[:paren]
            list_item = bool(re.search(r"[、和及与]$", left_seg))
            stripped = _strip_phrase(left_seg, c)
            phrase = _drop_leading_verbs(stripped, tp.tags(stripped, cs, ls))
            phrase = _strip_phrase(phrase, c)
            if list_item or not _has_noun(phrase) or _ends_with_verb(tp.tags(phrase, cs, ls)):
                right = _right_phrase(s, m.end() if m is not None else le, c, tp, unit)
                if _has_noun(right):
                    phrase, source = right, "right"
                    if measure == "share":       # 超过20%的企业产能[达到能效标杆水平]: the share that does Y
                        phrase = _share_predicate(s, m.end() if m is not None else le, right, c)
                elif not _has_noun(phrase) or list_item:
                    phrase, source = "", "inherit"
        if phrase in c.raw["generic_heads"]:
            obj = _member_object(s, m.end() if m is not None else le, phrase, c, tp)
            if obj:
                phrase = obj
        suffix = ""
        if source != "inherit" and raws and raws[-1].clause_start <= seg_start:
            share_of = c.share_of_prev_re.match(near_left.strip(" ，,"))
            if phrase in c.raw["bare_quantity_words"] or re.fullmatch(c.raw["bare_quantity_pattern"], phrase):
                phrase, source = "", "inherit"          # 总数达到136家: the count named before
            elif share_of and measure == "share":
                phrase, source, suffix = "", "inherit", share_of.group(0)   # 占全省规上工业比重达到35%
        qual = _qualifier(sent_left, near_left, m, c, kind)
        scope = _scope(sent_left, c)
        deadline = None
        if kind == "target":
            deadline = (resolve_deadline(sent_left, date) or resolve_deadline(s[ls:_clause_end(s, ls)], date)
                        or (str(year) if year else None))
            period = period or deadline
        fig = Figure(kind=kind, indicator=phrase, indicator_id=None, measure=measure, value=value,
                     unit=unit, text=fig_kw["text"], qualifier=";".join(qual) or None, period=period,
                     scope=scope, compared_to=compare, sentence=s, start=sent.start + ls,
                     end=sent.start + le, low_confidence=sent.damaged, deadline=deadline)
        raws.append(_Raw(fig, cs, ls, le, source, group, gi, subjects, suffix))

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
            near_start = prev_end_in_clause if prev_end_in_clause >= _clause_start(s, ls) else -1
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
        v = _num_value(m, c)
        if v is None:
            continue
        if _not_a_figure(s, m, v, unit, prev_end_in_clause, tp, c):
            continue
        text = m.group()
        if m["after"]:
            text = text[: m.start("after") - ls]
        if m["pct"] and not m["unit"]:
            unit = "%"
        full_unit = (m["mag"] or "") + unit
        kw = {"value": v, "unit": full_unit, "text": text}
        tend = ls + len(text)
        near_start = prev_end_in_clause if prev_end_in_clause >= _clause_start(s, ls) else -1
        add(kw, ls, tend, near_start, None, m)
        taken_end = max(taken_end, le)
        prev_end_in_clause = le

    # "实现零的突破": a first one achieved (or aimed at) — value 0, qualifier 突破 (devset convention)
    for zm in c.zero_re.finditer(s):
        zs = zm.start("zero")
        near_start = max((r.local_end for r in raws if r.clause_start == _clause_start(s, zs)), default=-1)
        add({"value": 0.0, "unit": "", "text": zm.group("zero")}, zs, zs + len(zm.group("zero")),
            near_start, "level", None)
        r = raws[-1]
        obj = (r.fig.indicator if r.phrase_source == "left" else "") or \
            _previous_membership_object(s, _clause_start(s, zs), c)
        qual = ";".join(q for q in [r.fig.qualifier, c.raw["zero_breakthrough"]["qualifier"]] if q)
        r.fig = replace(r.fig, indicator=obj, qualifier=qual)
        r.phrase_source = "left" if obj else r.phrase_source

    _resolve_phrases(raws, s, c)
    figs = [r.fig for r in raws]
    figs.extend(_ranks(s, sent, raws, mask, date, c))
    figs.sort(key=lambda f: (f.start, f.kind == "rank"))
    figs = [replace(f, indicator=_balance_quotes(re.sub(r"\?+[^?]{0,2}$", "", f.indicator) or f.indicator))
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


def _resolve_phrases(raws: list[_Raw], s: str, c: _Cues) -> None:
    """Inherit phrases for differences/progress; assign 分别 subjects by position."""
    groups: dict[tuple[int, int], list[_Raw]] = {}
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


def _previous_membership_object(s: str, cs: int, c: _Cues) -> str:
    """The class joined in the clause before: "X集群入选[省级先进制造业集群]，实现零的突破"."""
    if cs <= 1:
        return ""
    prev = s[_clause_start(s, cs - 2):cs - 1]
    m = re.search(c.raw["membership_verbs"].lstrip("^"), prev)
    return _balance_quotes(prev[m.end():].strip("的 ")) if m else ""


def _strip_rank_frame(p: str, c: _Cues) -> str:
    """Drop durations and comparison frames around a rank: "连续15个月在全国261个地级市中"."""
    for rx in c.rank_frame_res:
        p = rx.sub("", p)
    return p


def _earlier_subject(s: str, cs: int, bound: int, c: _Cues) -> str:
    """Subject named in an earlier clause of the sentence (after ``bound``), nearest first:
    "城市信用监测综合指数自2019年7月以来，连续15个月…保持第1名"."""
    end = cs - 1
    while end > bound + 1:
        pcs = max(_clause_start(s, end), bound + 1)
        p = _strip_phrase(_strip_rank_frame(s[pcs:end], c), c)
        if _has_noun(p) and not re.search(r"\d", p):
            return p
        end = pcs - 1
    return ""


def _ranks(s: str, sent: Sentence, raws: list[_Raw], mask: list[bool], date: Optional[str],
           c: _Cues) -> list[Figure]:
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
        cs = _clause_start(s, m.start())
        prior = [r for r in raws if r.local_end <= m.start() and r.fig.measure not in ("difference", "progress")]
        semi = max(s.rfind(";", 0, m.start()), s.rfind("；", 0, m.start()))
        prior = [r for r in prior if r.local_start > semi]
        own_left = s[max([cs] + [r.local_end for r in raws if cs <= r.local_end <= m.start()]):m.start()]
        own_left = _strip_rank_frame(re.sub(r"(?:均|并列|稳)$", "", own_left), c)
        own = _strip_phrase(own_left, c)
        if prior and re.fullmatch(c.raw["bare_quantity_pattern"], own):
            own = ""                         # 总数达到23家，数量连续三年居全国首位: the count before
        if not _has_noun(own) and not prior:
            own = _earlier_subject(s, cs, semi, c)
        subjects: list[str]
        if _has_noun(own):
            parts = [p for p in (_strip_phrase(x, c) for x in re.split(r"[、和及与]", own)) if p] if all_subjects else [own]
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
        scope = g["scope"] or _scope(s[:m.start()], c)
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
