"""User-facing messages for errors raised by ``core`` (which speaks English only), in the UI language."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Optional

from ui.i18n import label_or, labels, lang, t


def ingest_message(err: Exception) -> str:
    """An ``IngestError`` in the current language (``ingest.<code>`` labels; English as fallback)."""
    code = getattr(err, "code", None)
    params = dict(getattr(err, "params", {}) or {})
    if "kind" in params:
        params["kind"] = label_or(f"ingest.kind.{params['kind']}", params["kind"])
    key = f"ingest.{code}"
    return t(key, **params) if code and key in labels() else str(err)


PATTERNS_DIR = Path(__file__).parent / "labels" / "patterns"


@functools.lru_cache(maxsize=None)
def patterns(table: str) -> tuple[tuple[str, "re.Pattern[str]"], ...]:
    """(label key, compiled full-match pattern) of ``ui/labels/patterns/<table>.tsv``, in file order."""
    out = []
    for line in (PATTERNS_DIR / f"{table}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, pattern = line.partition("\t")
        out.append((key.strip(), re.compile(pattern)))
    return tuple(out)


def _group_text(name: str, value: Optional[str]) -> str:
    value = value or ""
    if name.startswith("col"):  # column names as the table headers show them
        return ", ".join(label_or(f"col.{c.strip()}", c.strip()) for c in value.split(","))
    if name.startswith("codes"):  # values to type, each with its meaning: level（总量）
        return "、".join(f"{c.strip()}（{label_or(f'measure.{c.strip()}', c.strip())}）" for c in value.split(","))
    if name.startswith("how"):
        return translate(value, "words")
    return value


def _match(text: str, table: str) -> Optional[str]:
    for key, rx in patterns(table):
        m = rx.fullmatch(text.strip())
        if m:
            return t(key, **{k: _group_text(k, v) for k, v in m.groupdict().items()})
    return None


def translate(text, table: str, sep: Optional[str] = None) -> str:
    """English text from ``core`` (a reason, a source, a note) in the UI language, by the patterns of
    ``table``; English (or text no pattern knows) comes back as it is. With ``sep``, each piece
    of a joined text ("a; b") is translated on its own (two pieces together when a pattern
    holds the separator itself)."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = str(text)
    if lang() == "en" or not text:
        return text
    whole = _match(text, table)
    if whole is not None or not sep or sep not in text:
        return whole if whole is not None else text
    pieces, out, i = text.split(sep), [], 0
    while i < len(pieces):
        pair = _match(pieces[i] + sep + pieces[i + 1], table) if i + 1 < len(pieces) else None
        if pair is not None:
            out.append(pair)
            i += 2
            continue
        one = _match(pieces[i], table)
        out.append(one if one is not None else pieces[i])
        i += 1
    return "；".join(out)


def store_reason(reason) -> str:
    """A reason ``core.store`` gave for refusing an entry or a CSV row, in the UI language."""
    return translate(reason, "store")


def source_text(source) -> str:
    """Where a document's region or date came from, in the UI language."""
    return translate(source, "source", sep="; ")


def note_text(note) -> str:
    """A repair log note in the UI language."""
    return translate(note, "note")


_RANK_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s?rank\b")


def method_text(text) -> str:
    """How a target's status was computed (``core.targets``), with rank units read in the UI
    language ("实际1rank" -> "实际第1位")."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = str(text)
    return text if lang() == "en" else _RANK_UNIT.sub(lambda m: f"第{m.group(1)}位", text)
