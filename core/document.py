"""Run the whole pipeline on one document: bytes -> Document with every extraction."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from core.ingest import decode
from core.metadata import infer_metadata, apply_manifest
from core.models import Decoded, DocMeta, Figure, Normalized, Slogan, Theme
from core.normalize import normalize
from core.chains import Chain, extract_chains
from core.figures import extract_figures
from core.identity import identify
from core.slogans import extract_slogans
from core.themes import extract_themes


@dataclass
class Document:
    doc_id: str
    path: str
    sha256: str
    n_bytes: int
    decoded: Decoded
    normalized: Normalized
    meta: DocMeta
    figures: list[Figure] = field(default_factory=list)
    slogans: list[Slogan] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)

    @property
    def clean(self) -> str:
        return self.normalized.clean

    @property
    def raw_text(self) -> str:
        return self.decoded.text


def doc_id_for(name: str, sha256: str) -> str:
    """Stable id: the file's stem, or the hash prefix when there is no usable name."""
    stem = Path(name).stem if name else ""
    return stem or sha256[:16]


def _guarded(stage: str, fn: Callable[..., list], defects: list[str], *args) -> list:
    """Run one extractor; a failure becomes a visible defect ("extraction_failed:<stage>"), not a crash."""
    try:
        return fn(*args)
    except Exception:  # the parser never raises on text; the defect makes the failure visible
        defects.append(f"extraction_failed:{stage}")
        return []


STAGES = ("decode", "normalize", "metadata", "figures", "identify", "slogans", "themes", "chains")


def load_document(data: bytes, name: str = "", manifest: Optional[dict] = None,
                  on_stage: Optional[Callable[[str], None]] = None) -> Document:
    """Decode, normalize, infer metadata and extract everything from raw bytes.

    ``on_stage(name)`` is called as each stage of ``STAGES`` begins (a progress display).
    Raises ``core.ingest.IngestError`` (with a user-readable message) when the bytes
    are not a text document; never raises for odd *text*.
    """
    stage = on_stage or (lambda _name: None)
    sha = hashlib.sha256(data).hexdigest()
    stage("decode")
    decoded = decode(data)
    stage("normalize")
    norm = normalize(decoded.text)
    stage("metadata")
    meta = infer_metadata(norm.clean, norm.sentences, norm.header)
    if manifest:
        meta = apply_manifest(meta, manifest)
    text, sents, defects = norm.clean, norm.sentences, norm.defects
    failed: list[int] = []  # sentences the figure parser could not read: reported, not hidden
    stage("figures")
    figures = _guarded("figures", extract_figures, defects, text, sents, meta, failed)
    if failed and "extraction_failed:figures" not in defects:
        defects.append("extraction_failed:figures")
    stage("identify")
    figures = _guarded("identify", identify, defects, figures, text, meta) or figures
    stage("slogans")
    slogans = _guarded("slogans", extract_slogans, defects, text, sents)
    stage("themes")
    themes = _guarded("themes", extract_themes, defects, text, sents)
    stage("chains")
    chains = _guarded("chains", extract_chains, defects, text, sents)
    return Document(
        doc_id=doc_id_for(name, sha), path=name, sha256=sha, n_bytes=len(data),
        decoded=decoded, normalized=norm, meta=meta,
        figures=figures, slogans=slogans, themes=themes, chains=chains,
    )


def load_path(path: str | Path, manifest: Optional[dict] = None) -> Document:
    p = Path(path)
    return load_document(p.read_bytes(), str(p), manifest)
