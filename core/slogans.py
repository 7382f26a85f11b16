"""Slogan extraction. PLACEHOLDER: replaced by the extraction work (issue 3)."""
from __future__ import annotations

from core.models import Sentence, Slogan


def extract_slogans(clean: str, sentences: list[Sentence]) -> list[Slogan]:
    return []
