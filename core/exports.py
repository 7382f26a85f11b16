"""The two export formats of one document: JSON Lines records and CSV rows of its figures.

``python -m core extract`` writes them straight from a ``Document``; the corpus store keeps the
same lines and rows (table ``records``), so an export read from a store is byte-identical.
"""
from __future__ import annotations

import json

from core.document import Document
from core.records import FIGURE_KEYS, iter_records

CSV_COLUMNS = ("region", "date", *FIGURE_KEYS[1:], "low_confidence")


def jsonl_line(record: dict) -> str:
    """One record of the public JSON Lines contract as a line (without the newline)."""
    return json.dumps(record, ensure_ascii=False)


def jsonl_lines(doc: Document) -> list[str]:
    """The document's records of the public JSON Lines contract, one JSON text each."""
    return [jsonl_line(rec) for rec in iter_records(doc)]


def csv_rows(doc: Document) -> list[dict]:
    """One CSV row per figure: the figure record plus region, date and low_confidence."""
    figures = (r for r in iter_records(doc) if r["type"] == "figure")
    return [{**rec, "region": doc.meta.region, "date": doc.meta.date, "low_confidence": f.low_confidence}
            for rec, f in zip(figures, doc.figures)]
