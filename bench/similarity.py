"""Sentence similarity for matching extracted records to gold ones: the Dice coefficient of
character bigrams, spaces and punctuation left out (one home for the evaluation scripts and tests)."""
from __future__ import annotations

import re
from collections import Counter

_SKIP = re.compile(r"[\s,，;；:：。.!！?？“”\"\u200b]")


def bigrams(s: str) -> Counter:
    s = _SKIP.sub("", s or "")
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def dice(a: str, b: str) -> float:
    """2|A∩B| / (|A|+|B|) over the character bigrams of two sentences (0 when both are empty)."""
    x, y = bigrams(a), bigrams(b)
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0
