"""Small numeral parser for Chinese policy prose: Arabic, Chinese and mixed numbers.

``parse_numeral("三千二百零二") == 3202``, ``parse_numeral("1.2万") == 12000``,
``parse_numeral("两千") == 2000``; magnitude words can be split off with ``split_magnitude``
so that "1.2万个" can be reported as value 1.2 with unit "万个".
"""
from __future__ import annotations

import math
import re
from typing import Optional

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
          "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MAGNITUDE_WORDS = ("万亿", "亿", "万")          # kept in the unit, longest first
MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}

CN_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
ARABIC_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _parse_section(s: str) -> Optional[int]:
    """Chinese numeral below 10 000 (no 万/亿), e.g. 三千二百零二, 十五, 二十."""
    total, digit = 0, None
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return total


def parse_chinese(s: str) -> Optional[float]:
    """Pure Chinese numeral -> number (``"三千二百零二"`` -> 3202); None when not a numeral.

    Digit-by-digit strings such as ``"二〇二四"`` are read positionally.
    """
    if "点" in s:
        head, _, frac = s.partition("点")
        whole = parse_chinese(head)
        if whole is None or not frac or any(ch not in DIGITS for ch in frac):
            return None
        return float(f"{int(whole)}." + "".join(str(DIGITS[ch]) for ch in frac))
    if not s or any(ch not in CN_CHARS for ch in s):
        return None
    if all(ch in DIGITS for ch in s) and len(s) > 1:
        return _finite(float("".join(str(DIGITS[ch]) for ch in s)))  # float(): no 4300-digit limit
    total = 0
    rest = s
    for word, mult in (("亿", BIG_UNITS["亿"]), ("万", BIG_UNITS["万"])):
        if word in rest:
            head, rest = rest.split(word, 1)
            if head == "":
                return None
            val = parse_chinese(head) if any(c in head for c in "亿万") else _parse_section(head)
            if val is None:
                return None
            total += val * mult
    if rest:
        val = _parse_section(rest)
        if val is None:
            return None
        total += val
    return _finite(float(total))


def _finite(v: float) -> Optional[float]:
    """``v``, or None when it overflowed (a run of 400 nines is no quantity; JSON has no Infinity)."""
    return v if math.isfinite(v) else None


def split_magnitude(s: str) -> tuple[str, str]:
    """``"1.2万"`` -> ``("1.2", "万")``; ``"2万亿"`` -> ``("2", "万亿")``; no magnitude -> ``(s, "")``."""
    for word in MAGNITUDE_WORDS:
        if s.endswith(word) and len(s) > len(word):
            head = s[: -len(word)]
            if head[-1].isdigit() or head[-1] in CN_CHARS:
                return head, word
    return s, ""


def parse_numeral(s: str) -> Optional[float]:
    """Any numeral as written: Arabic (``"1,234.5"``), Chinese, or mixed (``"1.2万"``, ``"3千"``).

    Returns the full value (magnitude applied) or None when ``s`` is not a numeral.
    """
    s = (s or "").strip()
    if not s:
        return None
    m = ARABIC_RE.match(s)
    if m:
        value = float(m.group().replace(",", ""))
        tail = s[m.end():]
        if not tail:
            return _finite(value)
        mult = 1.0
        for ch in tail:
            if ch in SMALL_UNITS:
                mult *= SMALL_UNITS[ch]
            elif ch in BIG_UNITS:
                mult *= BIG_UNITS[ch]
            else:
                return None
        return _finite(value * mult)
    return parse_chinese(s)


def magnitude(unit: str) -> float:
    """Multiplier of a unit's magnitude prefix: ``"万个"`` -> 1e4, ``"亿元"`` -> 1e8, ``"个"`` -> 1."""
    for word in MAGNITUDE_WORDS:
        if unit.startswith(word):
            return MAGNITUDES[word]
    return 1.0
