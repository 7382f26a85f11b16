"""Documents -> the tables a corpus store keeps for them, and pandas <-> Arrow conversion.

The tables are whatever ``core.corpus.corpus_frames`` returns for the document (all frames, all
columns: the store does not know their schema) plus four tables the pages and exports need
without the ``Document`` object:

* ``texts``      doc_id, clean, raw (the reader's clean and decoded raw text);
* ``terms``      doc_id, region, term, n (content-word counts: the vocabulary page's input);
* ``directions`` doc_id, region, direction, n (strategy-direction mentions, non-zero only);
* ``records``    doc_id, seq, type, json, csv (the export lines, see ``core.exports``).

``corpus_frames`` builds every frame row by row per document, so the frames of a corpus are the
concatenation of the frames of its documents.
"""
from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pyarrow as pa

from core.corpus import corpus_frames
from core.document import Document
from core.exports import csv_rows, jsonl_line
from core.records import iter_records
from core.themes import direction_counts
from core.vocabulary import terms

EXTRA_TABLES = ("texts", "terms", "directions", "records")
JSON_COLUMNS_META = b"json_columns"


def _extra_rows(doc: Document) -> dict[str, list[dict]]:
    region = doc.meta.region
    counts: Counter = Counter()
    for s in doc.normalized.sentences:
        counts.update(terms(s.text))
    records = list(iter_records(doc))
    rows = iter(csv_rows(doc))
    return {
        "texts": [{"doc_id": doc.doc_id, "clean": doc.clean, "raw": doc.raw_text}],
        "terms": [{"doc_id": doc.doc_id, "region": region, "term": t, "n": n} for t, n in counts.items()],
        "directions": [{"doc_id": doc.doc_id, "region": region, "direction": k, "n": v}
                       for k, v in direction_counts(doc.clean).items() if v],
        "records": [{"doc_id": doc.doc_id, "seq": i, "type": r["type"], "json": jsonl_line(r),
                     "csv": json.dumps(next(rows), ensure_ascii=False) if r["type"] == "figure" else None}
                    for i, r in enumerate(records)],
    }


def document_frames(docs: list[Document]) -> dict[str, pd.DataFrame]:
    """Every table of some documents: ``corpus_frames(docs)`` plus ``EXTRA_TABLES``."""
    frames = corpus_frames(docs)
    clash = set(frames) & set(EXTRA_TABLES)
    if clash:
        raise ValueError(f"corpus_frames returns tables the store adds itself: {sorted(clash)}")
    rows: dict[str, list[dict]] = {name: [] for name in EXTRA_TABLES}
    for doc in docs:
        for name, more in _extra_rows(doc).items():
            rows[name] += more
    columns = empty_columns()
    return {**frames, **{n: pd.DataFrame(r, columns=columns[n]) for n, r in rows.items()}}


def _json_column(values) -> list:
    return [None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in values]


def frame_to_arrow(frame: pd.DataFrame) -> pa.Table:
    """A frame as an Arrow table; a column Arrow cannot type is kept as JSON text (noted in the schema)."""
    frame = frame.reset_index(drop=True)
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass
    arrays, names, as_json = [], [], []
    for col in frame.columns:
        try:
            arrays.append(pa.Array.from_pandas(frame[col]))
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            arrays.append(pa.array(_json_column(frame[col]), type=pa.string()))
            as_json.append(str(col))
        names.append(str(col))
    table = pa.Table.from_arrays(arrays, names=names)
    return table.replace_schema_metadata({JSON_COLUMNS_META: json.dumps(as_json).encode()})


def _is_nested(t: pa.DataType) -> bool:
    return pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_struct(t) or pa.types.is_map(t)


def arrow_to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as the frame it came from: nested columns become Python lists and dicts.

    The table is consumed (its buffers are released while converting): pass a table no one else uses."""
    meta = table.schema.metadata or {}
    names = table.column_names
    as_json = set(json.loads(meta.get(JSON_COLUMNS_META, b"[]")))
    nested = [f.name for f in table.schema if _is_nested(f.type)]
    lists = {name: table.column(name).to_pylist() for name in nested}
    plain = table.drop_columns(nested) if nested else table
    del table
    # column by column, each Arrow buffer released once converted: the peak stays near one copy
    frame = plain.to_pandas(split_blocks=True, self_destruct=True)
    del plain
    for name, values in lists.items():
        frame[name] = pd.Series(values, dtype=object, index=frame.index)
    for name in as_json & set(frame.columns):
        frame[name] = [None if v is None or v != v else json.loads(v) for v in frame[name]]
    if nested:
        frame = frame[names]
    return frame


def empty_columns() -> dict[str, list[str]]:
    """The columns of the tables the store adds (``EXTRA_TABLES``)."""
    return {"texts": ["doc_id", "clean", "raw"], "terms": ["doc_id", "region", "term", "n"],
            "directions": ["doc_id", "region", "direction", "n"],
            "records": ["doc_id", "seq", "type", "json", "csv"]}


def empty_frames() -> dict[str, pd.DataFrame]:
    """The tables of a corpus without documents (every column, no rows)."""
    return {**corpus_frames([]), **{n: pd.DataFrame(columns=c) for n, c in empty_columns().items()}}
