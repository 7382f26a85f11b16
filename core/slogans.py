"""Slogans: quoted phrases and number-coded strategy names, with their spelled-out parts.

Two kinds of candidates are found in the clean text:

* quoted phrases ("“头号工程”", "「1+4+N」") up to ``max_quoted_len`` characters, with no
  sentence punctuation or comma inside;
* number-coded names and fixed slogans found with or without quotes (``unquoted_patterns`` in
  ``core/data/slogan_patterns.json``: "1+N+X", "12345·10", 十大行动, 十个一批, 一业一策, 双百工程,
  四张清单, 链长制, 头号工程).

Expansions are parsed from the text around the name:

* code parts: "“4”即…；“3”即…", "「1」,就是…", "围绕“1个目标”：…强化“2个赋能”：一是…";
* a definition right after the name: "“双百工程”,即A、B";
* a parenthesis right after the name: "“三互”(信息互换、监管互认、执法互助)";
* the list right before a numbered name: "A、B、C、D“四张清单”", "A、B等“十个一批”".

Quoted part markers ("“4”即", "“1个目标”") are consumed by the code they spell out and are not
reported as slogans of their own.

One record per (document, key): the occurrence with the richest expansion (most parts), then a
quoted one, then the first. ``start``/``end`` are the offsets of the name without its outer quotes,
and ``text`` is exactly ``clean[start:end]``: the same as ``name`` unless the name was written with
quotes inside ("链长”制" -> name 链长制).
"""
from __future__ import annotations

import bisect
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from core.chains import _preceding_segment, cn_to_int, sentence_text, split_enumeration
from core.limits import limit
from core.models import Sentence, Slogan, SloganPart

DATA = Path(__file__).parent / "data"

_DOTS = "·•・‧∙．"
_CN_SMALL = ["", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"]


@dataclass
class _Cand:
    name: str
    start: int        # name span (quotes excluded)
    end: int
    outer_start: int  # span including quotes
    outer_end: int
    quoted: bool


@functools.lru_cache(maxsize=1)
def _cfg() -> dict:
    c = json.loads((DATA / "slogan_patterns.json").read_text(encoding="utf-8"))
    num = c["numeral_class"]
    c["_code"] = [re.compile(p.replace("NUM", num)) for p in c["code_patterns"]]
    c["_unquoted"] = [re.compile(p) for p in c["unquoted_patterns"]]
    oq, cq = re.escape(c["open_quotes"]), re.escape(c["close_quotes"] + "“")
    c["_quoted"] = re.compile(
        rf"[{oq}]([^{oq}{cq}\n。！？!?；;，,:：《》]{{1,{c['max_quoted_len']}}})[{cq}]")
    c["_items"] = re.compile(c["item_markers"])
    c["_exclude"] = set(c["code_exclude"]) - set(c["code_keep"])
    c["_counted"] = re.compile(c["counted_list"]["pattern"])
    c["_counted_stop"] = re.compile(c["counted_list"]["name_stop"])
    c["_count_code"] = re.compile(c["count_code"]["count"])
    return c


def _cn_small(n: int) -> str:
    if 0 < n <= 10:
        return _CN_SMALL[n]
    if n < 20:
        return "十" + _CN_SMALL[n - 10]
    if n < 100:
        return _CN_SMALL[n // 10].replace("两", "二") + "十" + _CN_SMALL[n % 10]
    return str(n)


def slogan_key(name: str) -> str:
    """Normalised key shared across regions: NFKC (full-width -> ASCII), lower case, no quotes or
    spaces, one middle dot, "二" -> "两" before a measure word and small Arabic counts before a
    measure word in Chinese ("10个一批" == "十个一批")."""
    s = unicodedata.normalize("NFKC", name or "").lower()
    s = re.sub(r"[\s\"'“”‘’「」『』]", "", s)
    s = re.sub(f"[{_DOTS}]", "·", s)
    s = re.sub(r"(?<![0-9])([0-9]{1,2})(?=[个大张项条类])", lambda m: _cn_small(int(m.group(1))), s)
    s = re.sub(r"^二(?=[个大张项条类])", "两", s)
    return s


def is_numeric_code(name: str) -> bool:
    """Does the name carry a number as a code ("435", "1+4+N", 五个一, 十大行动, 一业一策, 稳链六法)?"""
    c = _cfg()
    n = unicodedata.normalize("NFKC", name or "")
    if n in c["_exclude"]:
        return False
    return any(p.search(n) for p in c["_code"])


def code_parts(name: str) -> list[str]:
    """Parts of a digit code: "435" -> 4,3,5; "1+4+N" -> 1,4,N; "12345·10" -> 1,2,3,4,5,10."""
    n = re.sub(f"[{_DOTS}]", "·", unicodedata.normalize("NFKC", name or "")).replace(" ", "")
    if not re.fullmatch(r"[0-9A-Za-z+·]+", n) or not re.search(r"[0-9]", n):
        return []
    if "+" in n:
        parts = [p for p in n.split("+") if p]
    else:
        parts = []
        for i, chunk in enumerate(n.split("·")):
            if i == 0 and chunk.isdigit():
                parts.extend(chunk)
            elif chunk:
                parts.append(chunk)
    return parts if 2 <= len(parts) <= limit("slogan_code_max_parts") else []


def _first_number(name: str) -> int | None:
    m = re.search(r"[0-9]+|[一二两三四五六七八九十双]+", unicodedata.normalize("NFKC", name))
    return cn_to_int(m.group()) if m else None


def _candidates(clean: str) -> list[_Cand]:
    c = _cfg()
    out: list[_Cand] = []
    for m in c["_quoted"].finditer(clean):
        raw = m.group(1)
        name = raw.strip()
        if len(name) < c["min_name_len"] or re.fullmatch(r"[0-9A-Za-z]{1,2}", name):
            continue  # emphasis of one character (“点”) or a bare part marker (“4”, “N”)
        s = m.start(1) + raw.index(name)
        out.append(_Cand(name, s, s + len(name), m.start(), m.end(), True))
    max_len = limit("slogan_name_max_chars")
    for rx in c["_unquoted"]:
        for m in rx.finditer(clean):
            text = m.group()
            if len(text) > max_len:
                continue  # an endless "1+1+1+…" run is no strategy name
            name = re.sub(r"[\"“”「」『』]", "", text)
            quoted = name != text or (m.start() > 0 and clean[m.start() - 1] in c["open_quotes"])
            close = m.end() < len(clean) and clean[m.end()] in c["close_quotes"]
            out.append(_Cand(name, m.start(), m.end(),
                             m.start() - (1 if quoted and name == text else 0),
                             m.end() + (1 if quoted and close else 0), quoted))
    out.extend(_counted_lists(clean))
    # longest name wins an overlap; on a tie the quoted one
    out.sort(key=lambda k: (-(k.end - k.start), not k.quoted, k.start))
    kept: list[_Cand] = []      # disjoint, sorted by start (so also by end): bisection finds neighbours
    kept_starts: list[int] = []
    for k in out:
        i = bisect.bisect_right(kept_starts, k.start)
        if (i == 0 or kept[i - 1].end <= k.start) and (i == len(kept) or k.end <= kept[i].start):
            kept.insert(i, k)
            kept_starts.insert(i, k.start)
    return kept


def _counted_lists(clean: str) -> list[_Cand]:
    """Unquoted counted names with a matching enumeration before them (see ``counted_list``)."""
    cfg = _cfg()["counted_list"]
    rx, stop = _cfg()["_counted"], _cfg()["_counted_stop"]
    out = []
    for m in rx.finditer(clean):
        n = cn_to_int(m.group("num"))
        name = m.group("name")
        cut = stop.search(name)
        name = name[:cut.start()] if cut else name
        if not n or len(name) < 2:
            continue
        items, partial = _enumeration(_preceding_segment(clean, m.start()))
        if partial or len(items) != n or n < cfg["min_items"]:
            continue
        full = m.group("num") + m.group("cls") + name
        out.append(_Cand(full, m.start(), m.start() + len(full), m.start(), m.start() + len(full), False))
    return out


def _enumeration(segment: str) -> tuple[list[str], bool]:
    """"A、B和C" -> [A, B, C] (a final 和/与/及 joins the last item); the first item keeps only its
    last words when it is much longer than the others ("…以数字化" -> "数字化")."""
    items, partial = split_enumeration(segment)
    if items:
        last = re.split(r"(?:和|与|及|以及)", items[-1])
        if len(last) == 2 and all(len(x) >= 2 for x in last):
            items = items[:-1] + last
    if len(items) >= 2:
        items[0] = _trim_lead(items[0], max(len(x) for x in items[1:]))
    return items, partial


def _trim_lead(item: str, size: int) -> str:
    """The shortest ending of ``item`` on a word boundary that is at least ``size`` long."""
    from core.tokenizer import lcut
    if len(item) <= size + 2:
        return item
    words = lcut(item)
    out = ""
    for w in reversed(words):
        out = w + out
        if len(out) >= size:
            return out
    return item


def _count_code_parts(clean: str, cand: _Cand) -> list[SloganPart]:
    """Parts of a digit code read off the counts before it in its clause run: 16个…和50条… “1650”."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", cand.name))
    if not digits or not re.fullmatch(r"[0-9]+", unicodedata.normalize("NFKC", cand.name)):
        return []
    lo = max(clean.rfind(ch, 0, cand.outer_start) for ch in "。！？!?\n") + 1
    counts = list(_cfg()["_count_code"].finditer(clean, lo, cand.outer_start))
    for i in range(len(counts)):
        if "".join(c.group("n") for c in counts[i:]) == digits and len(counts) - i >= 2:
            return [SloganPart(c.group("n"), c.group("n") + c.group("cls") + c.group("what")) for c in counts[i:]]
    return []


def _enumerated_name_parts(clean: str, cand: _Cand) -> list[SloganPart]:
    """“点、线、面” spelled out by later markers (“点”上强企业…): one part per item."""
    cfg = _cfg()["enumerated_name"]
    items = [x for x in cand.name.split("、") if x]
    if len(items) < 2 or any(len(x) > cfg["item_max_chars"] for x in items):
        return []
    out, pos, spelled = [], cand.outer_end, 0
    for item in items:
        m = re.compile(rf"[“「]{re.escape(item)}[”」]{cfg['marker_tail']}").search(clean, pos, pos + 2000)
        if not m:
            out.append(SloganPart(item, item))
            continue
        meaning = re.split(r"[，,；;。\n]", clean[m.end():], maxsplit=1)[0].strip()
        out.append(SloganPart(item, meaning or item))
        spelled += bool(meaning)
        pos = m.end()
    return out if spelled else []          # items no later marker spells out say nothing more


def _head(text: str, limit: int = 20) -> str:
    text = re.split(r"[。，,；;：:“”「」\n]", text, maxsplit=1)[0].strip()
    return text[:limit]


def _summary(label: str, body: str) -> tuple[str, list[str]]:
    """Short meaning of a labelled part ("2个赋能" + its paragraph) and its items, if listed."""
    c = _cfg()
    marks = list(c["_items"].finditer(body))
    if len(marks) >= 2:
        items = [_head(body[m.end():]) for m in marks]
        return "；".join(items), items
    n = _first_number(label)
    for q in re.finditer(r"[“「]([^”」\n]{4,400})[”」]", body):
        items = [x for x in q.group(1).split("、") if x]
        if n and len(items) == n:
            return "、".join(items), items
    return _head(body, 40), []


def _part_expansion(clean: str, end: int, parts: list[str], limit: int
                    ) -> tuple[list[SloganPart], list[tuple[int, int]], list[_Cand], dict[int, list[SloganPart]]]:
    """Find "“p”即…" / "「p」,就是…" / "“p个X”：…" for each part after the code, in order,
    before ``limit``. The first part must be spelled out, or nothing is.

    Returns the parts, the spans of the part markers, and each labelled part ("10个一批") as a
    candidate of its own with its listed items (used when that name also stands alone)."""
    oq, cq = "“「『", "”」』“"
    limit = min(len(clean), end + 2500, limit)
    def_rx = {p: re.compile(rf"[{oq}]\s*{re.escape(p)}\s*[{cq}]\s*[,，]?\s*(?:即|就是|是指|指的是)[:：,，]?")
              for p in parts}
    lab_rx = {p: re.compile(rf"[{oq}]\s*({re.escape(p)}\s*(?:个|大|项|条|张|类|方面)[\u4e00-\u9fff]{{1,6}})\s*[{cq}]\s*[:：]?")
              for p in parts}
    out: list[SloganPart] = []
    used: list[tuple[int, int]] = []
    labels: list[_Cand] = []
    label_exp: dict[int, list[SloganPart]] = {}
    pos = end
    for i, p in enumerate(parts):
        hits = [m for m in (def_rx[p].search(clean, pos, limit), lab_rx[p].search(clean, pos, limit)) if m]
        if not hits:
            if i == 0:
                return [], [], [], {}
            continue
        m = min(hits, key=lambda h: h.start())
        nxt = [r.search(clean, m.end(), limit) for q in parts[i + 1:] for r in (def_rx[q], lab_rx[q])]
        stop = min([h.start() for h in nxt if h] + [limit])
        if m.re is def_rx[p]:
            body = re.split(r"[；;。\n]", clean[m.end():stop], maxsplit=1)[0]
            meaning = body.strip(" ,，、")
        else:
            para_end = clean.find("\n", m.end())
            body = clean[m.end(): min(stop, para_end if para_end >= 0 else limit)]
            summary, items = _summary(m.group(1), body)
            meaning = f"{m.group(1)}：{summary}"
            if items:
                label_exp[len(labels)] = _items_to_parts(items)
                labels.append(_Cand(m.group(1), m.start(1), m.end(1), m.start(), m.end(), True))
        if meaning:
            out.append(SloganPart(p, meaning))
            used.append((m.start(), m.end()))
            pos = m.end()
    return out, used, labels, label_exp


_DEF = re.compile(r"\s*[,，]?\s*(?:即|就是)[:：]?\s*([^。；;\n，,]{2,200})")
_PAREN = re.compile(r"\s*[（(]([^）)\n]{2,120})[）)]")


def _items_to_parts(items: list[str]) -> list[SloganPart]:
    return [SloganPart(str(i + 1), x) for i, x in enumerate(items)]


def _other_expansion(clean: str, cand: _Cand) -> list[SloganPart]:
    found = _count_code_parts(clean, cand) or _enumerated_name_parts(clean, cand)
    if found:
        return found
    after = cand.outer_end
    for rx in (_DEF, _PAREN):
        m = rx.match(clean, after)
        if m:
            items = [x.strip() for x in m.group(1).split("、") if x.strip()]
            if len(items) >= 2:
                return _items_to_parts(items)
            if rx is _DEF:
                return [SloganPart(cand.name, m.group(1).strip())]
    if not is_numeric_code(cand.name):
        return []
    m = re.search(r"[0-9]+|[一二两三四五六七八九十双]+", cand.name)
    n = cn_to_int(m.group()) if m and m.start() <= 2 and "、" not in cand.name else None
    if not n or n < 2:
        return []
    seg = _preceding_segment(clean, cand.outer_start)
    items, partial = _enumeration(seg)
    if (not partial and len(items) == n) or (partial and 2 <= len(items) < n):
        return _items_to_parts(items)
    return []


class _Containment:
    """Is a span inside one of ``spans``? (bisection over starts + running maximum of ends)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end: list[int] = []
        for _, b in spans:
            self.max_end.append(max(b, self.max_end[-1]) if self.max_end else b)

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        return i > 0 and self.max_end[i - 1] >= end


def extract_slogans(clean: str, sentences: list[Sentence]) -> list[Slogan]:
    """Slogans of one document, one per key, in text order."""
    clean, sentences = clean or "", sentences or []
    cands = _candidates(clean)
    expansions: dict[int, list[SloganPart]] = {}
    consumed: list[tuple[int, int]] = []
    codes = [(i, code_parts(k.name)) for i, k in enumerate(cands)]
    codes = [(i, parts) for i, parts in codes if parts]
    spelled: set[str] = set()
    part_labels: list[tuple[_Cand, list[SloganPart]]] = []
    for j, (i, parts) in enumerate(codes):
        nxt = cands[codes[j + 1][0]].start if j + 1 < len(codes) else len(clean)
        exp, used, labels, label_exp = _part_expansion(clean, cands[i].outer_end, parts, nxt)
        if exp:
            expansions[i] = exp
            consumed.extend(used)
            spelled.update(parts)
            part_labels.extend((lab, label_exp[n]) for n, lab in enumerate(labels))
    best: dict[str, tuple[tuple, Slogan]] = {}
    starts = [s.start for s in sentences]
    inside = _Containment(consumed)
    for i, k in enumerate(cands):
        if inside(k.outer_start, k.outer_end):
            continue
        ref = re.fullmatch(r"([0-9A-Za-z]{1,2})[\u4e00-\u9fff]{1,2}", k.name)
        if ref and ref.group(1) in spelled and i not in expansions:
            continue  # a later reference to a spelled-out part, such as “4平台”
        exp = expansions.get(i) or _other_expansion(clean, k)
        key = slogan_key(k.name)
        if not key:
            continue
        rec = Slogan(name=k.name, key=key, quoted=k.quoted, numeric_code=is_numeric_code(k.name),
                     expansion=exp, sentence=sentence_text(clean, sentences, k.start, k.end, starts),
                     start=k.start, end=k.end, text=clean[k.start:k.end])
        rank = (-len(exp), not k.quoted, k.start)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, rec)
    for lab, exp in part_labels:  # "“10个一批”：A、B…" also spells out a standalone “十个一批”
        key = slogan_key(lab.name)
        rank = (-len(exp), False, lab.start)
        if key in best and rank < best[key][0]:
            best[key] = (rank, Slogan(
                name=lab.name, key=key, quoted=True, numeric_code=is_numeric_code(lab.name),
                expansion=exp, sentence=sentence_text(clean, sentences, lab.start, lab.end, starts),
                start=lab.start, end=lab.end, text=clean[lab.start:lab.end]))
    return sorted((r for _, r in best.values()), key=lambda r: r.start)
