"""Strategy-direction themes. PLACEHOLDER: replaced by the extraction work (issue 3)."""
from __future__ import annotations

from core.models import Sentence, Theme


def extract_themes(clean: str, sentences: list[Sentence]) -> list[Theme]:
    return []
