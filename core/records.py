"""Document -> plain dict records of the public JSON Lines contract (see DESIGN.md)."""
from __future__ import annotations

import json
import math
from dataclasses import asdict
from typing import Iterator

from core.document import Document
from core.identity import series_key

DOCUMENT_KEYS = ("type", "doc_id", "sha256", "path", "region", "level", "date", "title",
                 "genre", "script", "defects", "n_chars",
                 # added (issue 7): why this region and this date
                 "region_source", "date_source")
FIGURE_KEYS = ("type", "doc_id", "kind", "indicator", "indicator_id", "measure", "value", "unit",
               "text", "qualifier", "period", "scope", "compared_to", "sentence", "start", "end",
               # added (issue 7): the comparability key
               "region", "phrase", "ind_level", "match_confidence", "subset", "contribution", "base",
               "period_kind", "period_source", "deadline", "series",
               # added (issue 8): the explain trace, the rules that decided the figure
               "rules",
               # added (issue 16): from -> to (从1.8%提高到2.5%: value 2.5, baseline 1.8)
               "baseline_value", "baseline_period")
SLOGAN_KEYS = ("type", "doc_id", "name", "quoted", "numeric_code", "expansion", "sentence",
               "start", "end", "text")
THEME_KEYS = ("type", "doc_id", "terms", "sentence")


def document_record(doc: Document) -> dict:
    m = doc.meta
    return {
        "type": "document", "doc_id": doc.doc_id, "sha256": doc.sha256, "path": doc.path,
        "region": m.region, "level": m.level, "date": m.date, "title": m.title,
        "genre": m.genre, "script": doc.normalized.script,
        "defects": list(doc.normalized.defects), "n_chars": len(doc.clean),
        "region_source": m.region_source, "date_source": m.date_source,
    }


def _number(v: float) -> float | int | None:
    """JSON number of a value: an int when whole; None (null) for a non-finite value, which strict
    JSON cannot hold (the extractors never produce one; this is the last guard)."""
    if not math.isfinite(v):
        return None
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else float(v)


def strict_json(record: dict) -> str:
    """One record as strict JSON (no NaN/Infinity: ``allow_nan=False``), Chinese kept as is."""
    return json.dumps(record, ensure_ascii=False, allow_nan=False)


def figure_record(doc: Document, f) -> dict:
    d = {k: getattr(f, k) for k in FIGURE_KEYS if k not in ("type", "doc_id", "series")}
    d["value"] = _number(f.value)
    d["baseline_value"] = _number(f.baseline_value) if f.baseline_value is not None else None
    d["rules"] = list(f.rules)
    d["region"] = f.region or doc.meta.region
    d["series"] = series_key(f)
    return {"type": "figure", "doc_id": doc.doc_id, **d}


def slogan_record(doc: Document, s) -> dict:
    return {"type": "slogan", "doc_id": doc.doc_id, "name": s.name, "quoted": s.quoted,
            "numeric_code": s.numeric_code,
            "expansion": [asdict(p) for p in s.expansion],
            "sentence": s.sentence, "start": s.start, "end": s.end, "text": s.text}


def theme_record(doc: Document, t) -> dict:
    return {"type": "theme", "doc_id": doc.doc_id, "terms": list(t.terms), "sentence": t.sentence}


def iter_records(doc: Document) -> Iterator[dict]:
    """All contract records of one document: the document first, then its extractions."""
    yield document_record(doc)
    for f in doc.figures:
        yield figure_record(doc, f)
    for s in doc.slogans:
        yield slogan_record(doc, s)
    for t in doc.themes:
        yield theme_record(doc, t)
