"""Reference data for the text repairs, loaded once from core/data/*.json."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data"

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Private marker for a '?' judged to be mojibake while the repairs run; turned back into '?'
# before the clean text is returned (same length, so offsets do not move).
MOJIBAKE_MARK = "\ufdd0"


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """Parsed JSON data file ``core/data/<name>.json``."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def text_rules() -> dict[str, Any]:
    return load("text_rules")


def chrome_rules() -> dict[str, Any]:
    return load("chrome_patterns")
