"""CSV cells that a spreadsheet cannot run as formulas, and the way back on import.

OWASP's rule: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading ``'`` (``core/data/csv_safe.json``). Numbers stay numbers: non-string values and
strings that are plain numbers ("-1.5", "+3", "1e-3") are written as they are.

The quote is reversible: ``neutralize`` also quotes a text that already starts with ``'``, so
``restore`` (strip one ``'`` before a trigger or another ``'``) gives back exactly what was
exported, and a hand-made file's ``'abc`` stays ``'abc``.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any, Iterable

DATA_PATH = Path(__file__).parent / "data" / "csv_safe.json"


@functools.lru_cache(maxsize=1)
def _cfg() -> tuple[frozenset, str, re.Pattern]:
    c = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    return frozenset(c["formula_triggers"]), c["quote"], re.compile(c["plain_number_pattern"])


def neutralize(value: Any) -> Any:
    """A cell value safe to open in a spreadsheet (non-strings are returned unchanged)."""
    if not isinstance(value, str) or not value:
        return value
    triggers, quote, number = _cfg()
    first = value[0]
    if first == quote or (first in triggers and not number.match(value)):
        return quote + value
    return value


def restore(value: Any) -> Any:
    """The inverse of ``neutralize`` for a cell read back from a CSV file."""
    if not isinstance(value, str) or len(value) < 2:
        return value
    triggers, quote, _ = _cfg()
    if value[0] == quote and (value[1] in triggers or value[1] == quote):
        return value[1:]
    return value


def safe_row(values: Iterable[Any]) -> list:
    """``neutralize`` every cell of a row (for ``csv.writer``)."""
    return [neutralize(v) for v in values]


def safe_dict(row: dict) -> dict:
    """``neutralize`` every value of a row (for ``csv.DictWriter``)."""
    return {k: neutralize(v) for k, v in row.items()}


def safe_frame(frame):
    """A copy of a pandas DataFrame whose text cells are neutralized (numeric columns untouched)."""
    from pandas.api.types import is_numeric_dtype
    out = frame.copy()
    for col in out.columns:
        if not is_numeric_dtype(out[col].dtype):  # object and string columns (pandas 3: "str")
            out[col] = out[col].map(neutralize)
    out.columns = [neutralize(c) for c in out.columns]
    return out
