"""A set of Documents -> the pandas DataFrames the pages read."""
from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd

from core.document import Document, load_document
from core.identity import series_key
from core.ingest import IngestError

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
MANIFEST_NAME = "manifest.csv"


def read_manifest(folder: str | Path) -> dict[str, dict]:
    """``manifest.csv`` in a folder -> {file name: {region, level, date, title, source, genre}}."""
    path = Path(folder) / MANIFEST_NAME
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["file"]: {k: v for k, v in row.items() if k != "file" and v}
                for row in csv.DictReader(fh)}


def iter_paths(paths: Iterable[str | Path]) -> Iterable[Path]:
    """Expand folders into their text files (sorted); files are kept as given."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(q for q in p.iterdir()
                              if q.is_file() and q.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield p


@dataclass
class LoadProblem:
    path: str
    message: str


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)

    def by_id(self, doc_id: str) -> Optional[Document]:
        return next((d for d in self.documents if d.doc_id == doc_id), None)


def load_corpus(paths: Iterable[str | Path], use_manifest: bool = True) -> Corpus:
    """Load files and folders; unreadable files become ``problems``, never exceptions."""
    corpus = Corpus()
    manifests: dict[Path, dict] = {}
    for p in iter_paths(paths):
        manifest = None
        if use_manifest:
            if p.parent not in manifests:
                manifests[p.parent] = read_manifest(p.parent)
            manifest = manifests[p.parent].get(p.name)
        try:
            corpus.documents.append(load_document(p.read_bytes(), str(p), manifest))
        except (IngestError, OSError) as err:
            corpus.problems.append(LoadProblem(str(p), str(err)))
    return corpus


def documents_frame(docs: list[Document]) -> pd.DataFrame:
    rows = []
    for d in docs:
        m = d.meta
        rows.append({
            "doc_id": d.doc_id, "path": d.path, "sha256": d.sha256, "region": m.region,
            "region_en": m.region_en, "level": m.level, "region_source": m.region_source, "date": m.date,
            "date_source": m.date_source, "title": m.title, "genre": m.genre,
            "speakers": list(m.speakers), "source": m.source,
            "script": d.normalized.script, "conversion": d.normalized.conversion,
            "encoding": d.decoded.encoding, "defects": list(d.normalized.defects),
            "n_chars": len(d.clean), "n_sentences": len(d.normalized.sentences),
            "n_figures": len(d.figures), "n_targets": sum(f.kind == "target" for f in d.figures),
            "n_slogans": len(d.slogans), "n_themes": len(d.themes),
            "n_repairs": sum(r.count for r in d.normalized.repairs),
        })
    return pd.DataFrame(rows, columns=[
        "doc_id", "path", "sha256", "region", "region_en", "level", "region_source", "date", "date_source",
        "title", "genre", "speakers", "source", "script", "conversion", "encoding", "defects",
        "n_chars", "n_sentences", "n_figures", "n_targets", "n_slogans", "n_themes", "n_repairs"])


def _with_doc(d: Document, row: dict) -> dict:
    return {"doc_id": d.doc_id, "region": d.meta.region, "date": d.meta.date, **row}


FIGURE_COLUMNS = ["doc_id", "region", "doc_region", "date", "figure_no", "kind", "indicator",
                  "indicator_id", "measure", "value", "unit", "text", "qualifier", "period", "scope",
                  "compared_to", "sentence", "start", "end", "low_confidence", "deadline",
                  "phrase", "ind_level", "match_confidence", "match_method", "subset", "contribution",
                  "base", "period_kind", "period_source", "series", "rules"]


def figures_frame(docs: list[Document]) -> pd.DataFrame:
    """One row per figure. ``region`` is the place the figure is about (the document's region unless
    the sentence names another), ``doc_region`` the document's; ``series`` the comparability key
    apart from region and period (``core.identity.series_key``)."""
    rows = []
    for d in docs:
        for i, f in enumerate(d.figures):
            row = _with_doc(d, {"figure_no": i, **asdict(f)})
            row["doc_region"] = d.meta.region
            row["region"] = f.region or d.meta.region
            row["series"] = series_key(f)
            rows.append(row)
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def slogans_frame(docs: list[Document]) -> pd.DataFrame:
    rows = [_with_doc(d, asdict(s)) for d in docs for s in d.slogans]
    return pd.DataFrame(rows, columns=["doc_id", "region", "date", "name", "key", "quoted",
                                       "numeric_code", "expansion", "sentence", "start", "end", "text"])


def themes_frame(docs: list[Document]) -> pd.DataFrame:
    rows = [_with_doc(d, asdict(t)) for d in docs for t in d.themes]
    return pd.DataFrame(rows, columns=["doc_id", "region", "date", "terms", "sentence", "start", "end"])


def chains_frame(docs: list[Document]) -> pd.DataFrame:
    rows = [_with_doc(d, asdict(c)) for d in docs for c in d.chains]
    return pd.DataFrame(rows, columns=["doc_id", "region", "date", "count", "label", "names",
                                       "sentence", "start", "end"])


def sentences_frame(docs: list[Document]) -> pd.DataFrame:
    rows = [_with_doc(d, asdict(s)) for d in docs for s in d.normalized.sentences]
    return pd.DataFrame(rows, columns=["doc_id", "region", "date", "index", "start", "end",
                                       "text", "damaged"])


def repairs_frame(docs: list[Document]) -> pd.DataFrame:
    rows = [_with_doc(d, {"kind": r.kind, "count": r.count, "spans": list(r.spans),
                          "samples": list(r.samples), "note": r.note})
            for d in docs for r in d.normalized.repairs]
    return pd.DataFrame(rows, columns=["doc_id", "region", "date", "kind", "count", "spans",
                                       "samples", "note"])


def corpus_frames(docs: list[Document]) -> dict[str, pd.DataFrame]:
    """All frames at once: documents, figures, slogans, themes, chains, sentences, repairs."""
    return {
        "documents": documents_frame(docs), "figures": figures_frame(docs),
        "slogans": slogans_frame(docs), "themes": themes_frame(docs), "chains": chains_frame(docs),
        "sentences": sentences_frame(docs), "repairs": repairs_frame(docs),
    }
