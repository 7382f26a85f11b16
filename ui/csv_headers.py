"""Chinese (and other) column headers of a target-actuals CSV mapped to the English columns that
``core.store.ActualsStore.import_csv`` reads: 地区 -> region, 指标 -> indicator, 数值 -> value …
(synonyms in ``ui/labels/csv_headers.tsv``). Pure functions, no Streamlit."""
from __future__ import annotations

import csv
import functools
import io
from pathlib import Path

SYNONYMS = Path(__file__).parent / "labels" / "csv_headers.tsv"


def _norm(header: str) -> str:
    return header.strip().lstrip("\ufeff").strip().casefold()


@functools.lru_cache(maxsize=1)
def header_map() -> dict[str, str]:
    """{normalized header: English column} for every column and synonym."""
    out: dict[str, str] = {}
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        column, _, synonyms = line.partition("\t")
        column = column.strip()
        for name in [column, *synonyms.split("|")]:
            if name.strip():
                out.setdefault(_norm(name), column)
    return out


def english_headers(text: str) -> str:
    """``text`` (CSV) with its header row's known names replaced by the English column names;
    the data rows are untouched (byte for byte), unknown headers and non-CSV text stay as they are."""
    body = text[1:] if text.startswith("\ufeff") else text
    if not body.strip():
        return text
    try:
        reader = csv.reader(io.StringIO(body, newline=""))
        header = next(reader, None)
        end = _header_end(body)
    except csv.Error:
        return text
    if not header or end is None:
        return text
    names = header_map()
    mapped = [names.get(_norm(h), h.strip()) for h in header]
    if mapped == [h.strip() for h in header]:
        return text
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(mapped)
    return buf.getvalue() + body[end:]


def _header_end(body: str):
    """Offset of the line break that ends the first CSV record (quotes may hold line breaks)."""
    quoted = False
    for i, c in enumerate(body):
        if c == '"':
            quoted = not quoted
        elif c in "\r\n" and not quoted:
            return i
    return len(body)
