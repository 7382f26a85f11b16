"""Script detection (simplified / traditional / Taiwan-phrased traditional) and cached OpenCC converters.

Only *traditional* input is ever converted: the reimplemented ``opencc`` package damages
simplified text under some configs (``tw2sp`` turns 什么 into 什幺), so simplified text is
left untouched.

Taiwan phrasing (人工智慧, 網際網路, 印表機 …) is recognised with the phrase list in
``core/data/taiwan_phrases.txt``. For such text the conversion is ``tw2sp`` *restricted to those
phrases*, ``t2s`` elsewhere: OpenCC's whole tw2sp chain also rewrites ordinary words
(新增→添加, 核心→内核, 指標→指针, 整合→集成, 建立→创建), which would corrupt the very
indicator sentences the extractors read.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import opencc

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TAIWAN_FILE = Path(__file__).parent / "data" / "taiwan_phrases.txt"
DETECT_SAMPLE = 100_000
LONG_RUN_SLICE = 64          # chars; longer runs without separators are converted slice by slice      # characters looked at when detecting the script
TAIWAN_MIN_PHRASES = 2       # distinct Taiwan phrases needed (one is enough with 「」 quotes)


@dataclass(frozen=True)
class ScriptInfo:
    """What the detector saw: ``script`` of the input and the OpenCC ``conversion`` to apply."""

    script: str                 # "simplified" | "traditional"
    conversion: str | None      # "tw2sp" | "t2s" | None
    traditional_chars: int      # Han chars that t2s would change
    simplified_chars: int       # Han chars that s2t would change
    taiwan_phrases: tuple[str, ...] = ()


@functools.lru_cache(maxsize=None)
def get_converter(config: str) -> opencc.OpenCC:
    """An OpenCC converter for ``config`` ("t2s", "tw2sp", "s2t" …), built once per process."""
    return opencc.OpenCC(config)


def convert(text: str, config: str | None) -> str:
    """Convert ``text`` for ``config``: None = unchanged, "t2s" = OpenCC t2s, "tw2sp" = OpenCC tw2sp
    on the Taiwan phrases of ``core/data/taiwan_phrases.txt`` and t2s on everything else."""
    if not config:
        return text
    if config != "tw2sp":
        return _bounded(get_converter(config), text)
    tw, t2s = get_converter("tw2sp"), get_converter("t2s")
    out, pos = [], 0
    for m in _taiwan_regex().finditer(text):
        out.append(_bounded(t2s, text[pos:m.start()]))
        out.append(tw.convert(m.group(0)))
        pos = m.end()
    out.append(_bounded(t2s, text[pos:]))
    return "".join(out)


# OpenCC's own segment separators (see opencc.OpenCC.split_chars_re); the reimplementation is
# quadratic in the length of a run without them, so such runs are fed to it in short slices.
_OPENCC_SEPARATORS = r"\s\-,.?!*　，。、；：？！…“”‘’『』「」﹁﹂—－（）《》〈〉～．／＼"
_LONG_RUN = re.compile(f"([^{_OPENCC_SEPARATORS}]{{{LONG_RUN_SLICE},}})")


def _bounded(conv: opencc.OpenCC, text: str) -> str:
    """``conv.convert(text)`` in linear time: runs longer than LONG_RUN_SLICE are cut into slices."""
    parts = _LONG_RUN.split(text)
    if len(parts) == 1:
        return conv.convert(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(conv.convert(part))
        else:
            out.extend(conv.convert(part[j:j + LONG_RUN_SLICE]) for j in range(0, len(part), LONG_RUN_SLICE))
    return "".join(out)


@functools.lru_cache(maxsize=1)
def taiwan_phrases() -> tuple[str, ...]:
    """Taiwan-specific phrases from ``core/data/taiwan_phrases.txt``, longest first."""
    out = set()
    for line in TAIWAN_FILE.read_text(encoding="utf-8").splitlines():
        phrase = line.split("#", 1)[0].strip()
        if phrase:
            out.add(phrase)
    return tuple(sorted(out, key=lambda p: (-len(p), p)))


@functools.lru_cache(maxsize=1)
def _taiwan_regex() -> re.Pattern:
    return re.compile("|".join(re.escape(p) for p in taiwan_phrases()))


@functools.lru_cache(maxsize=65536)
def _char_changes(ch: str, config: str) -> bool:
    return get_converter(config).convert(ch) != ch


def detect_script(text: str) -> ScriptInfo:
    """Decide whether ``text`` is simplified, traditional or Taiwan-phrased traditional.

    Counts Han characters that only exist in one script (a char that ``t2s`` changes is
    traditional, one that ``s2t`` changes is simplified); the majority wins, with a 2:1
    margin needed to call a text traditional.
    """
    sample = text[:DETECT_SAMPLE]
    counts: dict[str, int] = {}
    for ch in HAN_RE.findall(sample):
        counts[ch] = counts.get(ch, 0) + 1
    n_trad = sum(n for ch, n in counts.items() if _char_changes(ch, "t2s"))
    n_simp = sum(n for ch, n in counts.items() if _char_changes(ch, "s2t"))
    if n_trad == 0 or n_trad <= 2 * n_simp:
        return ScriptInfo("simplified", None, n_trad, n_simp)
    found = tuple(sorted(set(_taiwan_regex().findall(sample))))
    corner_quotes = "「" in sample or "『" in sample
    if len(found) >= TAIWAN_MIN_PHRASES or (found and corner_quotes):
        return ScriptInfo("traditional", "tw2sp", n_trad, n_simp, found)
    return ScriptInfo("traditional", "t2s", n_trad, n_simp, found)
