"""Clauses of a sentence: their bounds (``clause_start``/``clause_end``, by bisection) and the jieba
part-of-speech tags of each clause, cut once (``ClausePos``), with the small tag tests the phrase
stages use."""
from __future__ import annotations

import functools
import re

from core.figures.lexicon import cues
from core.limits import ClauseCuts
from core.tokenizer import get_pos_tokenizer, get_tokenizer, pos_cut


@functools.lru_cache(maxsize=64)
def _cuts(s: str) -> ClauseCuts:
    """Clause marks of a sentence, found once (bisection per lookup instead of a scan)."""
    return ClauseCuts(s, cues().clause_delims)


@functools.lru_cache(maxsize=1)
def _delims_re() -> re.Pattern:
    """Any clause mark."""
    return re.compile("[" + re.escape(cues().clause_delims) + "]")


def clause_start(s: str, pos: int) -> int:
    """Start of the clause of ``s`` holding ``pos``."""
    return _cuts(s).start(pos)


def clause_end(s: str, pos: int) -> int:
    """End of the clause of ``s`` holding ``pos`` (its mark, or the end of ``s``)."""
    return _cuts(s).end(pos)


class ClausePos:
    """jieba posseg run once per clause of a sentence; substrings read their tags from it.

    A token cut by a substring's edge keeps the part inside, tagged from the dictionary (or "x").
    """

    def __init__(self, s: str):
        self.s = s
        self._clauses: dict[int, tuple[int, list[tuple[int, int, str]]]] = {}

    def _clause(self, pos: int, upto: int) -> list[tuple[int, int, str]]:
        """Tokens of the clause holding ``pos``, cut from the clause start to at least ``upto``."""
        cs = clause_start(self.s, pos)
        done, toks = self._clauses.get(cs, (cs, []))
        if upto > done:  # the whole clause, once (a prefix per call was quadratic in the clause)
            end = clause_end(self.s, cs)
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
        if a < 0 or _delims_re().search(p):
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
    """Dictionary tag of a word ("x" when missing)."""
    return get_pos_tokenizer().word_tag_tab.get(w, "x")


def drop_leading_verbs(p: str, toks: list[tuple[str, str]]) -> str:
    """Drop leading verbs/adverbs/prepositions (jieba posseg ``toks`` of ``p``) while a noun remains."""
    if not p:
        return p
    i = 0
    while i < len(toks) - 2 and (toks[i][1][:1] in ("v", "d", "p", "c") and toks[i][1] != "vn"):
        i += 1
    return "".join(w for w, _ in toks[i:])


def ends_with_verb(toks: list[tuple[str, str]]) -> bool:
    """The last token is a verb, preposition or conjunction (not a verbal noun)."""
    return bool(toks) and toks[-1][1][:1] in ("v", "p", "c") and toks[-1][1] != "vn"


def is_verb(f: str) -> bool:
    """A verb tag that is not a verbal noun."""
    return f[:1] == "v" and f != "vn"


def is_noun_phrase(toks: list[tuple[str, str]]) -> bool:
    """A verbless list item: it ends in a noun and any verb in it modifies a following noun (示范基地)."""
    toks = [t for t in toks if t[1] != "x" or t[0] not in cues().quote_marks]
    if not toks or toks[-1][1][:1] != "n":
        return False
    for i, (_, f) in enumerate(toks):
        if is_verb(f):
            j = i + 1
            while j < len(toks) and is_verb(toks[j][1]):
                j += 1
            if j >= len(toks) or toks[j][1][:1] != "n":
                return False
    return True
