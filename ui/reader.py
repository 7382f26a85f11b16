"""Everything the document reader shows about one document (spans, extraction table)."""
from __future__ import annotations

from typing import Optional

import pandas as pd

from core.document import Document
from core.models import Figure
from ui.highlight import Span


def document_spans(doc: Document, kinds: Optional[set[str]] = None) -> list[Span]:
    """Highlight spans for every extraction of a document (figures by kind, slogans, themes, mojibake)."""
    spans: list[Span] = []
    for f in doc.figures:
        spans.append(Span(f.start, f.end, f.kind, f"{f.indicator} · {f.kind} · {f.value:g} {f.unit}"))
    for s in doc.slogans:
        spans.append(Span(s.start, s.end, "slogan", s.name))
    for th in doc.themes:
        for term in th.terms:
            i = doc.clean.find(term, th.start, th.end)
            if i >= 0:
                spans.append(Span(i, i + len(term), "theme", term))
    for r in doc.normalized.repairs:
        if r.kind == "mojibake":
            spans.extend(Span(a, b, "mojibake", r.note or "mojibake") for a, b in r.spans)
    if kinds is not None:
        spans = [s for s in spans if s.kind in kinds]
    return spans


def extraction_table(doc: Document) -> pd.DataFrame:
    """One row per extraction: kind, what, start, end, sentence."""
    rows = [{"kind": f.kind, "what": f"{f.indicator}: {f.text}", "start": f.start, "end": f.end,
             "sentence": f.sentence} for f in doc.figures]
    rows += [{"kind": "slogan", "what": s.name, "start": s.start, "end": s.end, "sentence": s.sentence}
             for s in doc.slogans]
    rows += [{"kind": "theme", "what": "、".join(th.terms), "start": th.start, "end": th.end,
              "sentence": th.sentence} for th in doc.themes]
    return pd.DataFrame(rows, columns=["kind", "what", "start", "end", "sentence"]).sort_values(
        "start", kind="stable").reset_index(drop=True)


def repair_table(doc: Document) -> pd.DataFrame:
    """The repair log of a document: kind, count, samples, note."""
    return pd.DataFrame([{"kind": r.kind, "count": r.count, "samples": " | ".join(r.samples), "note": r.note}
                         for r in doc.normalized.repairs], columns=["kind", "count", "samples", "note"])


def parse_start(value) -> Optional[int]:
    """The ``start`` query parameter as an int (None when missing or not a number)."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def focus_span(doc: Document, start: Optional[int]) -> Optional[tuple[int, int]]:
    """The (start, end) to emphasise: the extraction starting at ``start``, else that one character."""
    if start is None or not 0 <= start < len(doc.clean):
        return None
    for f in doc.figures:
        if f.start == start:
            return (f.start, f.end)
    for s in doc.slogans:
        if s.start == start:
            return (s.start, s.end)
    return (start, start + 1)


def figure_label(f: Figure) -> str:
    """A figure as one line of plain text for a picker: number, indicator, kind, offset."""
    return f"{f.text} · {f.indicator or '-'} · {f.kind} · {f.start}"


def figure_at(doc: Document, start: Optional[int]) -> int:
    """Index of the figure starting at ``start`` (the reader's focus), else 0."""
    return next((i for i, f in enumerate(doc.figures) if f.start == start), 0)


def rule_table(f: Figure) -> pd.DataFrame:
    """The rule trace of a figure, one row per rule in decision order: step, stage, rule and the
    word of the text it quotes (``kind:target:cue=力争`` -> stage kind, rule kind:target:cue, word 力争)."""
    rows = []
    for i, r in enumerate(f.rules, 1):
        name, _, word = r.partition("=")
        rows.append({"step": i, "stage": name.split(":")[0], "rule": name, "word": word})
    return pd.DataFrame(rows, columns=["step", "stage", "rule", "word"])
