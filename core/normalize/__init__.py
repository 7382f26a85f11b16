"""Text repairs. PLACEHOLDER: replaced by the normalize work (issue 2)."""
from __future__ import annotations

import re

from core.models import Normalized, Sentence


def split_sentences(clean: str) -> list[Sentence]:
    out = []
    for i, m in enumerate(re.finditer(r"[^。！？；\n]+[。！？；]?", clean)):
        out.append(Sentence(i, m.start(), m.end(), m.group()))
    return out


def normalize(text: str) -> Normalized:
    import opencc
    clean = opencc.OpenCC("t2s").convert(text)
    return Normalized(clean, [], "simplified", None, [], split_sentences(clean))
