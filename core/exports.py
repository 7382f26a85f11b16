"""The two export formats of one document: JSON Lines records and CSV rows of its figures.

``python -m core extract`` writes them straight from a ``Document``; the corpus store keeps the
same lines and rows (table ``records``), so an export read from a store is byte-identical.
JSON is strict (no NaN/Infinity); CSV cells that a spreadsheet would run as a formula are
neutralised (``core.csv_safe``).
"""
from __future__ import annotations

from core.csv_safe import safe_dict
from core.document import Document
from core.records import FIGURE_KEYS, iter_records, strict_json

# ``region`` is the place the figure is about, ``doc_region`` the document's region
CSV_COLUMNS = ("region", "doc_region", "date", *(k for k in FIGURE_KEYS[1:] if k != "region"),
               "low_confidence")


def jsonl_line(record: dict) -> str:
    """One record of the public JSON Lines contract as a line (without the newline)."""
    return strict_json(record)


def jsonl_lines(doc: Document) -> list[str]:
    """The document's records of the public JSON Lines contract, one JSON text each."""
    return [jsonl_line(rec) for rec in iter_records(doc)]


def csv_rows(doc: Document) -> list[dict]:
    """One CSV row per figure: the figure record plus the document's region and date,
    low_confidence and the rule trace as space-separated names."""
    figures = (r for r in iter_records(doc) if r["type"] == "figure")
    return [safe_dict({**rec, "doc_region": doc.meta.region, "date": doc.meta.date,
                       "low_confidence": f.low_confidence, "rules": " ".join(f.rules)})
            for rec, f in zip(figures, doc.figures)]
