"""Figure extraction. PLACEHOLDER: replaced by the extraction work (issue 3)."""
from __future__ import annotations

from typing import Optional

from core.models import DocMeta, Figure, Sentence


def extract_figures(clean: str, sentences: list[Sentence], meta: Optional[DocMeta] = None) -> list[Figure]:
    return []
