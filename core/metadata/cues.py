"""Reference cues for metadata inference, read once from ``core/data/*.json``."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data"


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """One cue file (``metadata_cues``, ``date_cues``, ``speaker_cues``) as a dict."""
    with (DATA / f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=None)
def rx(pattern: str, flags: int = 0) -> re.Pattern:
    """Compiled regex, cached."""
    return re.compile(pattern, flags)


@functools.lru_cache(maxsize=None)
def any_of(patterns: tuple[str, ...], flags: int = 0) -> re.Pattern:
    """One regex matching any of several patterns."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
