"""Strategy themes: parallel strategy directions named together.

Two detectors, both per sentence:

- **directions**: the -化 directions of ``core/data/directions.txt`` (a direction followed by a
  character of ``core/data/themes_not_after.txt`` is another word: 高端化工, 绿色化工), two or more
  joined by 、 , 和 与 及 (optionally after a short word: "数字化引领、智能化改造") or written back
  to back ("数字化绿色化诊断");
- **parallel phrases** (``parallel_runs``, rules in ``core/data/theme_rules.json``): any run of
  short items named together whose structure is parallel — a shared morpheme at the same place
  (产业为王、项目为王、企业为王; 质量变革、效率变革、动力变革; 建链、延链、补链、强链, also back to back:
  延链补链强链), all ending in 化, or every item an action (设备换芯、生产换线、机器换人; 技术改造、
  产销对接、两化融合) — with guards so that a list of places, industries or figures is not a theme.

Every theme is one ``Theme``; ``start``/``end`` span the run in the clean text.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd

from core.models import Sentence, Theme

DATA = Path(__file__).parent / "data"

_GAP = re.compile(r"[“”\"\s]*(?:[\u4e00-\u9fff]{0,2}[、，,]|[\u4e00-\u9fff]{0,2}[和与及]|)[“”\"\s]*")


def _read_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.lstrip().startswith("#")]


@functools.lru_cache(maxsize=1)
def directions() -> list[str]:
    """The strategy directions, in display order."""
    return _read_list("directions.txt")


@functools.lru_cache(maxsize=1)
def _direction_re() -> re.Pattern:
    terms = sorted(directions(), key=len, reverse=True)
    not_after = "".join(_read_list("themes_not_after.txt"))
    tail = f"(?![{re.escape(not_after)}])" if not_after else ""
    return re.compile(f"(?:{'|'.join(map(re.escape, terms))}){tail}")


def find_directions(text: str) -> list[re.Match]:
    """Every direction mention in ``text`` (高端化工 excluded)."""
    return list(_direction_re().finditer(text or ""))


@functools.lru_cache(maxsize=1)
def _rules() -> dict:
    r = json.loads((DATA / "theme_rules.json").read_text(encoding="utf-8"))
    n0, n1 = r["item_min_chars"], r["item_max_chars"]
    han = "\u4e00-\u9fff"
    joiner_chars = "".join(sorted({j[-1] for j in r["last_item_joiners"]}))
    r["_item"] = rf"(?:(?![{joiner_chars}])[{han}]){{{n0},{n1}}}"
    joiners = "|".join(map(re.escape, sorted(r["last_item_joiners"], key=len, reverse=True)))
    r["_run"] = re.compile(rf"(?<![{han}]){r['_item']}(?:、{r['_item']})+(?:(?:{joiners}){r['_item']})?(?![{han}])")
    r["_run_open"] = re.compile(rf"{r['_item']}(?:、{r['_item']})+(?:(?:{joiners}){r['_item']})?")
    r["_joiner"] = re.compile(rf"(?:{joiners})")
    r["_back"] = re.compile(rf"(?:[{han}](?P<c>[{han}]))(?:[{han}](?P=c)){{{r['back_to_back_min_items'] - 1},}}")
    r["_bad"] = re.compile("[" + re.escape(r["not_item_chars"]) + "]")
    return r


def _shared(items: list[str]) -> str:
    """The morpheme every item holds at the same place from its end or its start, or ""."""
    best = ""
    for k in (2, 1):
        tails = {x[-k:] for x in items if len(x) > k}
        if len(tails) == 1 and all(len(x) > k for x in items):
            best = best or tails.pop()
        heads = {x[:k] for x in items if len(x) > k}
        if len(heads) == 1 and all(len(x) > k for x in items):
            best = best or heads.pop()
        if k == 1 and not best and len({len(x) for x in items}) == 1 and len(items[0]) >= 3:
            for i in range(1, len(items[0]) - 1):               # 规划同编、交通同网: 同 in the middle
                if len({x[i] for x in items}) == 1:
                    return items[0][i]
    return best


def _is_action(item: str) -> bool:
    from core.tokenizer import pos_cut
    tags = set(_rules()["verb_tags"])
    return any(f in tags for _, f in pos_cut(item))


def _ization(item: str) -> bool:
    """The item ends in the suffix -化 (规模化, 现代化), not in a word that merely ends in 化 (文化, 优化)."""
    from core.tokenizer import lcut
    words = lcut(item)
    return bool(words) and (words[-1] == "化" or (words[-1].endswith("化") and len(words[-1]) >= 3))


def _is_lead(prefix: str) -> bool:
    """A leading verb phrase glued to a run's first item (推进, 坚持, 加力推进): verbs and adverbs only."""
    from core.tokenizer import pos_cut
    tags = set(_rules()["lead_tags"])
    toks = pos_cut(prefix)
    return bool(toks) and all(f in tags for _, f in toks)


def _is_theme(items: list[str]) -> bool:
    r = _rules()
    from core.gazetteer import find_mentions, lookup
    from core.indicators import match
    if len(set(items)) < len(items) or any(r["_bad"].search(x) for x in items):
        return False
    if any(lookup(x) is not None or find_mentions(x) for x in items):
        return False                                            # 郑州、洛阳、许昌: places
    if sum(match(x).confidence >= 0.95 for x in items) >= 2:
        return False                                            # 工业投资、工业技改投资: indicators
    if all(_ization(x) for x in items):
        return True                                             # 规模化、集约化 (not 江淮文化)
    same_length = len({len(x) for x in items}) == 1
    shared = _shared(items)
    if shared and (len(shared) >= 2 or same_length):
        if shared in r["category_morphemes"] or shared in r["weak_shared_morphemes"]:
            return False                                        # 电子信息产业、装备制造产业: members
        return len(items) >= (r["min_items_shared_two_chars"] if len(shared) >= 2 else r["min_items"])
    actions = sum(map(_is_action, items))
    return len(items) >= r["min_items"] and same_length and 3 * actions >= 2 * len(items)   # actions


def parallel_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, items) of every parallel theme in ``text`` (see the module docstring)."""
    r = _rules()
    out = []
    cuts: Optional[set[int]] = None
    for m in r["_run_open"].finditer(text):
        if cuts is None:
            cuts = _word_cuts(text)
        parts = [p for p in re.split(r["item_split"], m.group()) if p]
        last = [x for x in r["_joiner"].split(parts[-1], maxsplit=1) if x]
        items = parts[:-1] + last
        for lead, tail in _edges(items, m.start(), m.end(), cuts):
            cand = [items[0][lead:], *items[1:-1], items[-1][:len(items[-1]) - tail]] if len(items) > 1 else items
            if _is_theme(cand):
                out.append((m.start() + lead, m.end() - tail, cand))
                break
    for m in r["_back"].finditer(text):
        items = [m.group()[i:i + 2] for i in range(0, len(m.group()), 2)]
        if cuts is None:
            cuts = _word_cuts(text)
        if _is_theme(items) and m.start() in cuts and m.end() in cuts:
            out.append((m.start(), m.end(), items))
    return sorted(out)


def _word_cuts(text: str) -> set[int]:
    """Offsets where jieba cuts ``text`` into words."""
    from core.tokenizer import lcut
    cuts, pos = {0}, 0
    for w in lcut(text):
        pos += len(w)
        cuts.add(pos)
    return cuts


def _edges(items: list[str], start: int, end: int, cuts: set[int]):
    """(chars cut from the first item's start, chars cut from the last item's end), preferred first.

    The run's outer edges must fall between words (a greedy read may start inside 传统产业 or end
    inside 成效). Of the possible edges the longest items win, except that a leading verb glued to
    the first item (坚持产业为王, 推进技术改造) and a glue word after the last (强链行动, 品牌强企等服务)
    are cut off."""
    r = _rules()
    n0 = r["item_min_chars"]
    first, last = items[0], items[-1]
    leads = [k for k in range(0, len(first) - n0 + 1) if start + k in cuts]
    if len(items) == 1:
        return [(k, 0) for k in leads]
    tails = [k for k in range(0, len(last) - n0 + 1)
             if end - k in cuts or (k and any(last[len(last) - k:].startswith(g) for g in r["run_tail_glue"]))]

    def lead_cost(k: int) -> tuple:
        return (0, -k) if k and _is_lead(first[:k]) else (1, k)

    def tail_cost(k: int) -> tuple:
        glue = last[len(last) - k:]
        return (0, -k) if k and any(glue.startswith(g) for g in r["run_tail_glue"]) else (1, k)

    return [(a, b) for a in sorted(leads, key=lead_cost) for b in sorted(tails, key=tail_cost)]


def extract_themes(clean: str, sentences: list[Sentence]) -> list[Theme]:
    """Runs of two or more directions, and parallel strategy phrases, named together, in text order."""
    clean, sentences = clean or "", sentences or []
    out: list[Theme] = []
    for s in sentences:
        spans = [(h.start(), h.end()) for h in find_directions(s.text)]
        for a, b, items in parallel_runs(s.text):
            if any(a < e and x < b for x, e in spans) and sum(a <= x < b for x, _ in spans) >= 2:
                continue                                        # the directions run below names it
            out.append(Theme(items, s.text, s.start + a, s.start + b))
        hits = find_directions(s.text)
        run: list[re.Match] = []
        for m in hits + [None]:
            if m is not None and run and _GAP.fullmatch(s.text, run[-1].end(), m.start()):
                run.append(m)
                continue
            terms = list(dict.fromkeys(h.group() for h in run))
            if len(terms) >= 2:
                out.append(Theme(terms, s.text, s.start + run[0].start(), s.start + run[-1].end()))
            run = [m] if m is not None else []
    return out


def direction_counts(text: str) -> dict[str, int]:
    """Mentions of each direction in ``text``."""
    counts = dict.fromkeys(directions(), 0)
    for m in find_directions(text):
        counts[m.group()] += 1
    return counts


def direction_matrix(docs: Iterable) -> pd.DataFrame:
    """Region x direction mention counts (rows: region, columns: directions in file order).

    ``docs`` are ``core.document.Document`` objects; a document without a region is its own row,
    named by its ``doc_id``. Documents of the same region are summed.
    """
    rows: dict[str, dict[str, int]] = {}
    for doc in docs:
        region = getattr(doc.meta, "region", None) or doc.doc_id
        counts = direction_counts(doc.normalized.clean)
        acc = rows.setdefault(region, dict.fromkeys(directions(), 0))
        for k, v in counts.items():
            acc[k] += v
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=directions()).astype(int)
    frame.index.name = "region"
    return frame
