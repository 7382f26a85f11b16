"""The corpus the pages read: seeds + this session's uploads, parsed once and cached.

* converters/tokenizer are resources (``st.cache_resource``), built once per process;
* each document is parsed once per (content hash, name, manifest) and kept as a resource;
* the frames are data (``st.cache_data``) keyed by the documents' content hashes and metadata.

Hosted mode (env ``APP_HOSTED=1`` or secret ``hosted``): uploads stay in ``st.session_state`` only,
so nothing one visitor adds is shown to another. Otherwise uploads are also saved under
``data/uploads/`` (with a ``manifest.csv`` of the user's corrections) and loaded on every start.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import pandas as pd
import streamlit as st

from core.corpus import MANIFEST_NAME, TEXT_SUFFIXES, corpus_frames, iter_paths, read_manifest
from core.document import Document, load_document
from core.ingest import IngestError
from ui.messages import ingest_message

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
# the bundled corpus: the five seeds and the real follow-up reports of the same regions (devset 01-06)
BUNDLED_DIRS = (SEEDS_DIR, SEEDS_DIR / "followups")
UPLOADS_DIR = ROOT / "data" / "uploads"
_SESSION_UPLOADS = "uploads"
MANIFEST_FIELDS = ("region", "level", "date", "title", "source", "genre")


@dataclass
class Upload:
    """One user-added document: its raw bytes and the metadata the user corrected."""

    name: str
    data: bytes
    manifest: dict = field(default_factory=dict)


def hosted_mode() -> bool:
    """True on a shared host (env APP_HOSTED=1 or secret ``hosted``): keep uploads per session."""
    if os.environ.get("APP_HOSTED", "").strip().lower() in ("1", "true", "yes"):
        return True
    try:
        return bool(st.secrets.get("hosted", False))
    except Exception:  # no secrets.toml: st.secrets raises on access
        return False


@st.cache_resource(show_spinner=False)
def warm_resources() -> bool:
    """Build the jieba tokenizer and OpenCC converters once per process."""
    from core.tokenizer import get_tokenizer
    get_tokenizer()
    from core.script import get_converter
    for config in ("t2s", "tw2sp"):
        get_converter(config)  # the same cached converters the normalizer uses
    return True


@st.cache_resource(show_spinner=False, max_entries=2000)
def _parse(sha: str, name: str, manifest_json: str, _data: bytes) -> Document:
    """Parse one document; keyed by its content hash, name and manifest (the bytes are not hashed)."""
    return load_document(_data, name, json.loads(manifest_json) or None)


def parse_bytes(data: bytes, name: str, manifest: Optional[dict] = None) -> Document:
    """Parse (cached) raw bytes into a Document; raises ``IngestError`` for non-text input."""
    import hashlib
    warm_resources()
    sha = hashlib.sha256(data).hexdigest()
    return _parse(sha, name, json.dumps(manifest or {}, sort_keys=True, ensure_ascii=False), data)


def _folder_docs(folder: Path) -> tuple[list[Document], list[tuple[str, str]]]:
    docs, problems = [], []
    if not folder.is_dir():
        return docs, problems
    manifest = read_manifest(folder)
    for p in iter_paths([folder]):
        try:
            docs.append(parse_bytes(p.read_bytes(), _display_path(p), manifest.get(p.name)))
        except (IngestError, OSError) as err:
            problems.append((p.name, ingest_message(err)))
    return docs, problems


def _display_path(p: Path) -> str:
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return str(p)


def session_uploads() -> list[Upload]:
    """This session's uploads (hosted mode: the only place they live)."""
    return st.session_state.setdefault(_SESSION_UPLOADS, [])


def _safe_name(name: str) -> str:
    """A storable file name (``core.filenames``: no path, no odd characters, not too long) whose
    stem (the document id) is not a seed's or another upload's."""
    from core.filenames import safe_file_name, unique_name
    safe = safe_file_name(name, TEXT_SUFFIXES)
    taken = {p.stem for p in iter_paths([SEEDS_DIR])} | {Path(n).stem for n in upload_names() if n != safe}
    return unique_name(safe, taken)


def _write_upload_manifest(folder: Path, name: str, manifest: dict) -> None:
    rows = read_manifest(folder)
    rows[name] = {k: v for k, v in manifest.items() if v}
    with (folder / MANIFEST_NAME).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=("file",) + MANIFEST_FIELDS)
        w.writeheader()
        for file, row in sorted(rows.items()):
            w.writerow({"file": file, **{k: row.get(k, "") for k in MANIFEST_FIELDS}})


def add_upload(data: bytes, name: str, manifest: Optional[dict] = None) -> Document:
    """Parse and keep a new document for this session (and on disk unless hosted).

    Raises ``IngestError`` (user-readable) when the bytes are not a text document; nothing is kept then.
    """
    name = _safe_name(name)
    doc = parse_bytes(data, name, manifest)
    uploads = session_uploads()
    uploads[:] = [u for u in uploads if u.name != name]
    uploads.append(Upload(name, data, dict(manifest or {})))
    if not hosted_mode():
        UPLOADS_DIR.mkdir(parents=True, exist_ok=True)
        (UPLOADS_DIR / name).write_bytes(data)
        if manifest:
            _write_upload_manifest(UPLOADS_DIR, name, manifest)
    return doc


def update_upload_meta(name: str, manifest: dict) -> None:
    """Correct the metadata (region, date, ...) of an uploaded document."""
    for u in session_uploads():
        if u.name == name:
            u.manifest = {**u.manifest, **{k: v for k, v in manifest.items() if v}}
    if not hosted_mode() and (UPLOADS_DIR / name).exists():
        current = read_manifest(UPLOADS_DIR).get(name, {})
        _write_upload_manifest(UPLOADS_DIR, name, {**current, **manifest})


def remove_upload(name: str) -> None:
    """Forget an uploaded document (and delete its saved copy unless hosted)."""
    uploads = session_uploads()
    uploads[:] = [u for u in uploads if u.name != name]
    if not hosted_mode():
        path = UPLOADS_DIR / name
        if path.exists():
            path.unlink()
            rows = read_manifest(UPLOADS_DIR)
            if name in rows:
                rows.pop(name)
                with (UPLOADS_DIR / MANIFEST_NAME).open("w", encoding="utf-8", newline="") as fh:
                    w = csv.DictWriter(fh, fieldnames=("file",) + MANIFEST_FIELDS)
                    w.writeheader()
                    for file, row in sorted(rows.items()):
                        w.writerow({"file": file, **{k: row.get(k, "") for k in MANIFEST_FIELDS}})


def upload_names() -> set[str]:
    """Names of the user-added documents visible to this session."""
    names = {u.name for u in session_uploads()}
    if not hosted_mode() and UPLOADS_DIR.is_dir():
        names |= {p.name for p in iter_paths([UPLOADS_DIR])}
    return names


def get_documents() -> tuple[list[Document], list[tuple[str, str]]]:
    """Bundled corpus + saved uploads (local mode) + this session's uploads; and (name, message) problems."""
    docs, problems, seen = [], [], set()
    for folder in BUNDLED_DIRS:
        more, more_problems = _folder_docs(folder)
        problems += more_problems
        for d in more:
            if d.sha256 not in seen:
                docs.append(d)
                seen.add(d.sha256)
    if not hosted_mode():
        more, more_problems = _folder_docs(UPLOADS_DIR)
        problems += more_problems
        for d in more:
            if d.sha256 not in seen:
                docs.append(d)
                seen.add(d.sha256)
    saved = {Path(d.path).name for d in docs}
    for u in session_uploads():
        if u.name in saved and not hosted_mode():
            continue
        try:
            d = parse_bytes(u.data, u.name, u.manifest)
        except IngestError as err:
            problems.append((u.name, ingest_message(err)))
            continue
        if d.sha256 not in seen:
            docs.append(d)
            seen.add(d.sha256)
    return docs, problems


@st.cache_data(show_spinner=False, max_entries=32)
def _frames(key: tuple, _docs: list[Document]) -> dict[str, pd.DataFrame]:
    return corpus_frames(_docs)


def corpus_key(docs: list[Document]) -> tuple:
    """Cache key of a set of documents: their hashes, ids and metadata."""
    return tuple((d.sha256, d.doc_id, d.meta.region, d.meta.date, d.meta.genre) for d in docs)


def get_corpus() -> tuple[list[Document], dict[str, pd.DataFrame]]:
    """(documents, frames) for the seeds + uploads; frames as in ``core.corpus.corpus_frames``."""
    docs, _ = get_documents()
    return docs, _frames(corpus_key(docs), docs)


def get_document(doc_id: str) -> Optional[Document]:
    """One document of the current corpus by id."""
    docs, _ = get_documents()
    return next((d for d in docs if d.doc_id == doc_id), None)


def cached_track_targets(docs: list[Document], figures: pd.DataFrame, user_actuals: pd.DataFrame,
                         today) -> pd.DataFrame:
    """``core.targets.track_targets`` cached on the corpus key, the user's entries and the day
    (hashing the whole figures frame on every rerun cost more than the tracking itself)."""
    return _track_targets(corpus_key(docs), figures, user_actuals, today)


@st.cache_data(show_spinner=False, max_entries=16)
def _track_targets(key: tuple, _figures: pd.DataFrame, user_actuals: pd.DataFrame, today) -> pd.DataFrame:
    from core.targets import track_targets
    return track_targets(_figures, user_actuals, today)
