"""Everything the document reader shows about one document, from its stored tables (no ``Document``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pandas as pd

from ui.highlight import Span
from ui.tables import text_or_empty


@dataclass
class DocView:
    """One document as the reader needs it: its ``documents`` row, texts and extractions."""

    doc_id: str
    meta: pd.Series
    clean: str
    raw: str
    figures: pd.DataFrame
    slogans: pd.DataFrame
    themes: pd.DataFrame
    repairs: pd.DataFrame

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame]) -> "DocView":
        meta = tables["documents"].iloc[0]
        texts = tables["texts"]
        clean = str(texts["clean"].iloc[0]) if len(texts) else ""
        raw = str(texts["raw"].iloc[0]) if len(texts) else ""
        return cls(str(meta["doc_id"]), meta, clean, raw, tables["figures"], tables["slogans"],
                   tables["themes"], tables["repairs"])

    def field(self, name: str) -> str:
        """A metadata field as text ("" when missing)."""
        return text_or_empty(self.meta.get(name))


def document_spans(doc: DocView, kinds: Optional[set[str]] = None) -> list[Span]:
    """Highlight spans for every extraction of a document (figures by kind, slogans, themes, mojibake)."""
    spans: list[Span] = []
    f = doc.figures
    for start, end, kind, indicator, value, unit in zip(f["start"], f["end"], f["kind"], f["indicator"],
                                                        f["value"], f["unit"]):
        spans.append(Span(int(start), int(end), kind,
                          f"{text_or_empty(indicator)} · {kind} · {value:g} {text_or_empty(unit)}"))
    s = doc.slogans
    spans += [Span(int(a), int(b), "slogan", str(name)) for a, b, name in zip(s["start"], s["end"], s["name"])]
    th = doc.themes
    for start, end, terms in zip(th["start"], th["end"], th["terms"]):
        for term in terms or []:
            i = doc.clean.find(term, int(start), int(end))
            if i >= 0:
                spans.append(Span(i, i + len(term), "theme", term))
    r = doc.repairs
    for kind, spans_of, note in zip(r["kind"], r["spans"], r["note"]):
        if kind == "mojibake":
            spans.extend(Span(int(a), int(b), "mojibake", text_or_empty(note) or "mojibake")
                         for a, b in spans_of or [])
    if kinds is not None:
        spans = [x for x in spans if x.kind in kinds]
    return spans


def extraction_table(doc: DocView) -> pd.DataFrame:
    """One row per extraction: kind, what, start, end, sentence."""
    f, s, th = doc.figures, doc.slogans, doc.themes
    rows = [{"kind": k, "what": f"{text_or_empty(i)}: {text_or_empty(x)}", "start": a, "end": b, "sentence": sent}
            for k, i, x, a, b, sent in zip(f["kind"], f["indicator"], f["text"], f["start"], f["end"], f["sentence"])]
    rows += [{"kind": "slogan", "what": n, "start": a, "end": b, "sentence": sent}
             for n, a, b, sent in zip(s["name"], s["start"], s["end"], s["sentence"])]
    rows += [{"kind": "theme", "what": "、".join(terms or []), "start": a, "end": b, "sentence": sent}
             for terms, a, b, sent in zip(th["terms"], th["start"], th["end"], th["sentence"])]
    return pd.DataFrame(rows, columns=["kind", "what", "start", "end", "sentence"]).sort_values(
        "start", kind="stable").reset_index(drop=True)


def repair_table(doc: DocView) -> pd.DataFrame:
    """The repair log of a document: kind, count, samples, note."""
    r = doc.repairs
    return pd.DataFrame([{"kind": k, "count": c, "samples": " | ".join(map(str, samples or [])),
                          "note": text_or_empty(note)}
                         for k, c, samples, note in zip(r["kind"], r["count"], r["samples"], r["note"])],
                        columns=["kind", "count", "samples", "note"])


def parse_start(value) -> Optional[int]:
    """The ``start`` query parameter as an int (None when missing or not a number)."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def focus_span(doc: DocView, start: Optional[int]) -> Optional[tuple[int, int]]:
    """The (start, end) to emphasise: the extraction starting at ``start``, else that one character."""
    if start is None or not 0 <= start < len(doc.clean):
        return None
    for frame in (doc.figures, doc.slogans):
        hit = frame[frame["start"] == start]
        if len(hit):
            return (int(hit["start"].iloc[0]), int(hit["end"].iloc[0]))
    return (start, start + 1)


def figure_label(f: pd.Series, kind_label=str) -> str:
    """A figure (a row of the document's figures) as one line of plain text for a picker;
    ``kind_label`` names its kind in the UI language."""
    return f"{text_or_empty(f.get('text'))} · {text_or_empty(f.get('indicator')) or '-'} · " \
           f"{kind_label(text_or_empty(f.get('kind')))} · {text_or_empty(f.get('start'))}"


def figure_at(doc: DocView, start: Optional[int]) -> int:
    """Position of the figure starting at ``start`` (the reader's focus), else 0."""
    if start is None or doc.figures.empty:
        return 0
    hits = [i for i, s in enumerate(doc.figures["start"]) if s == start]
    return hits[0] if hits else 0


def rule_table(f) -> pd.DataFrame:
    """The rule trace of a figure (a row of the figures frame, or a ``Figure``), one row per rule in
    decision order: step, stage, rule and the word of the text it quotes (``kind:target:cue=力争`` ->
    stage kind, rule kind:target:cue, word 力争)."""
    rules = f.get("rules") if isinstance(f, pd.Series) else getattr(f, "rules", None)
    rules = [] if rules is None or (isinstance(rules, float) and pd.isna(rules)) else list(rules)
    rows = []
    for i, r in enumerate(rules, 1):
        name, _, word = str(r).partition("=")
        rows.append({"step": i, "stage": name.split(":")[0], "rule": name, "word": word})
    return pd.DataFrame(rows, columns=["step", "stage", "rule", "word"])
