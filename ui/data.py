"""The corpus the pages read: a corpus store, plus this session's uploads in hosted mode.

* ``APP_STORE=DIR``: the app reads that store (built with ``python -m core build``) as it is;
* otherwise the store of the bundled corpus (``settings.toml`` ``[corpus] folders``) under
  ``APP_DATA`` (default ``data/``) is brought up to date once per process, with a progress bar
  when documents need extracting, and then only read.

The store view (``core.corpus_view.StoreView``) is a resource shared by every session: each table
is read from Parquet once, on first use. A rerun costs one ``stat`` of the manifest; nothing is
re-read or re-hashed. Uploads: off hosted mode they are saved under ``APP_DATA/uploads`` and added
to the store (every session sees them); in hosted mode (env ``APP_HOSTED=1`` or secret
``hosted``) they stay in ``st.session_state``, laid over the shared store for that session only.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

import pandas as pd
import streamlit as st

from core.build import add_document, build, display_name, pending_count, remove_documents
from core.corpus import MANIFEST_NAME, TEXT_SUFFIXES, read_manifest
from core.corpus_store import CorpusStore, StoreError, use_returning_memory_pool
from core.corpus_view import CorpusView, StoreView, concat_frames
from core.doc_tables import document_frames, empty_frames
from core.document import Document, load_document
from core.version import extractor_version
from ui.settings import ROOT, bundled_folders, external_store, store_dir, uploads_dir

SEEDS_DIR = ROOT / "seeds"
_SESSION_UPLOADS = "uploads"
_SESSION_CORPUS = "_corpus_view"
MANIFEST_FIELDS = ("region", "level", "date", "title", "source", "genre")
Stage = Callable[[str], None]

use_returning_memory_pool()  # the server's memory falls back after a large table is loaded


@dataclass
class Upload:
    """One document held by this session only: raw bytes, metadata the user set, its tables."""

    name: str
    data: bytes
    manifest: dict = field(default_factory=dict)
    sha256: str = ""
    frames: dict = field(default_factory=dict)


class StoreUnavailable(Exception):
    """The store named by ``APP_STORE`` cannot be read (message for the user)."""


def hosted_mode() -> bool:
    """True on a shared host (env APP_HOSTED=1 or secret ``hosted``): keep uploads per session."""
    if os.environ.get("APP_HOSTED", "").strip().lower() in ("1", "true", "yes"):
        return True
    try:
        return bool(st.secrets.get("hosted", False))
    except Exception:  # no secrets.toml: st.secrets raises on access
        return False


def warm_resources() -> bool:
    """Build the jieba tokenizer and OpenCC converters (once per process; only uploads need them)."""
    return _warm()


@st.cache_resource(show_spinner=False)
def _warm() -> bool:
    from core.engines.local import warm_worker
    warm_worker()
    return True


# ------------------------------------------------------------------ the store

def _root(path: Path) -> str:
    return str(path.resolve())


def _local_roots() -> list[Path]:
    """Inputs of the bundled store: the bundled folders, and the uploads folder off hosted mode."""
    roots = list(bundled_folders())
    if not hosted_mode():
        try:
            uploads_dir().mkdir(parents=True, exist_ok=True)
            roots.append(uploads_dir())
        except OSError:  # a read-only disk: uploads then live in the session
            pass
    return roots


@st.cache_resource(show_spinner=False)
def _shared_view(path: str, roots: Optional[tuple[str, ...]]) -> StoreView:
    """One view per store (and set of roots) per process, shared by every session."""
    return StoreView(path, roots)


@st.cache_resource(show_spinner=False)
def _sync_state(path: str, roots: tuple[str, ...]) -> dict:
    return {"lock": threading.Lock(), "done": False}


def _build_with_progress(paths: list[Path], path: Path) -> None:
    """Extract what the store lacks, with a progress bar (nothing shows when it is up to date)."""
    from ui.i18n import t
    todo = pending_count(paths, path, base=ROOT)
    if not todo:
        build(paths, path, base=ROOT)  # records new sizes/mtimes, drops deleted files
        return
    bar = st.progress(0.0, text=t("store.building", n=todo))

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=t("store.building_done", done=done, total=total))

    try:
        build(paths, path, base=ROOT, batch_docs=1, progress=progress)
    finally:
        bar.empty()


def _bundled_view() -> StoreView:
    roots = _local_roots()
    path = store_dir()
    key = (str(path), tuple(_root(r) for r in roots))
    state = _sync_state(*key)
    if not state["done"]:
        with state["lock"]:
            if not state["done"]:
                try:
                    _build_with_progress(roots, path)
                except StoreError:  # a damaged store of our own: set it aside and start again
                    path.rename(path.with_name(f"{path.name}.damaged-{os.getpid()}"))
                    _build_with_progress(roots, path)
                state["done"] = True
    return _shared_view(*key)


def _external_view(path: Path) -> StoreView:
    """The store of ``APP_STORE``, rebuilt first when another extractor version made it."""
    from ui.i18n import t
    state = _sync_state(str(path), ("*",))
    if not state["done"]:  # checked once per process; then the view's one stat per rerun
        store = CorpusStore(path)
        if not store.exists():
            raise StoreUnavailable(t("store.missing", path=path))
        try:
            manifest = store.manifest()
        except StoreError as err:
            raise StoreUnavailable(t("store.unreadable", path=path, reason=err)) from err
        version = extractor_version()
        stale = [e for e in manifest.entries if e.version != version]
        if stale:
            roots = list(dict.fromkeys(e.root for e in stale))
            if not all(Path(r).exists() for r in roots):
                raise StoreUnavailable(t("store.stale", path=path))
            with state["lock"]:
                if not state["done"]:
                    _build_with_progress([Path(r) for r in roots], path)
        state["done"] = True
    return _shared_view(str(path), None)


def store_view() -> StoreView:
    """The shared store view of this process (built or updated on first use, then one stat per rerun)."""
    external = external_store()
    view = _external_view(external) if external else _bundled_view()
    view.refresh()
    return view


# ------------------------------------------------------------------ the corpus of a session

# columns only the reader shows, for one document at a time (``corpus.document``): the figures'
# rule traces are Python lists, a fifth of the figures' memory and most of the cost of loading them
CORPUS_WIDE_SKIP = {"figures": ("rules",)}


@functools.lru_cache(maxsize=None)
def _corpus_wide_columns(name: str) -> Optional[tuple[str, ...]]:
    """The columns of table ``name`` the pages read corpus-wide (None: all of them)."""
    skip = CORPUS_WIDE_SKIP.get(name)
    return tuple(c for c in empty_frames()[name].columns if c not in skip) if skip else None


class Frames(Mapping):
    """``frames["figures"]`` …: tables of the corpus, each loaded on first use."""

    def __init__(self, view: CorpusView):
        self._view = view

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._view.table(name, _corpus_wide_columns(name))

    def __iter__(self) -> Iterator[str]:
        return iter(("documents", "figures", "slogans", "themes", "chains", "sentences", "repairs"))

    def __len__(self) -> int:
        return 7


class Corpus(CorpusView):
    """What the pages read: ``frames``, ``documents``, ``document(doc_id)``, ``problems``, ``key``."""

    def __init__(self, base: StoreView, extra: dict, extra_key: str, problems: list[tuple[str, str]]):
        super().__init__(base, extra, extra_key)
        self.frames = Frames(self)
        self.problems = problems

    @property
    def documents(self) -> pd.DataFrame:
        return self.table("documents")

    @property
    def doc_ids(self) -> list[str]:
        return list(self.table("documents", ("doc_id",))["doc_id"])


def session_uploads() -> list[Upload]:
    """This session's own documents (hosted mode: the only place they live)."""
    return st.session_state.setdefault(_SESSION_UPLOADS, [])


def _overlay(base: StoreView) -> tuple[dict, str]:
    shown = [u for u in session_uploads() if u.frames and u.sha256 not in base.sha256s]
    seen, uploads = set(), []
    for u in shown:
        if u.sha256 not in seen:
            seen.add(u.sha256)
            uploads.append(u)
    if not uploads:
        return {}, ""
    key = hashlib.sha256(json.dumps([(u.name, u.sha256, u.manifest) for u in uploads], sort_keys=True,
                                    ensure_ascii=False).encode()).hexdigest()[:12]
    names = uploads[0].frames.keys()
    return {n: concat_frames([u.frames[n] for u in uploads]) for n in names}, key


def get_corpus() -> Corpus:
    """The corpus of this session: the shared store plus this session's uploads.

    When ``APP_STORE`` names no readable store, the page shows why and stops."""
    try:
        base = store_view()
    except StoreUnavailable as err:
        st.error(str(err))
        st.stop()
    token = (base.key, _uploads_token())
    cached = st.session_state.get(_SESSION_CORPUS)
    if cached is not None and cached[0] == token:
        return cached[1]
    extra, extra_key = _overlay(base)
    corpus = Corpus(base, extra, extra_key, base.problems())
    st.session_state[_SESSION_CORPUS] = (token, corpus)
    return corpus


def _uploads_token() -> tuple:
    return tuple((u.name, u.sha256, json.dumps(u.manifest, sort_keys=True)) for u in session_uploads())


def get_document(doc_id: str) -> Optional[dict[str, pd.DataFrame]]:
    """The reader's tables of one document of this session's corpus."""
    return get_corpus().document(doc_id)


# ------------------------------------------------------------------ uploads

def _safe_name(name: str) -> str:
    """A storable file name (``core.filenames``: no path, no odd characters, not too long) whose
    stem (the document id) is not a bundled document's or another upload's."""
    from core.corpus import iter_paths
    from core.filenames import safe_file_name, unique_name
    safe = safe_file_name(name, TEXT_SUFFIXES)
    taken = {p.stem for p in iter_paths(bundled_folders())} | {Path(n).stem for n in upload_names() if n != safe}
    return unique_name(safe, taken)


def _write_manifest(folder: Path, rows: dict[str, dict]) -> None:
    with (folder / MANIFEST_NAME).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=("file",) + MANIFEST_FIELDS)
        w.writeheader()
        for file, row in sorted(rows.items()):
            w.writerow({"file": file, **{k: row.get(k, "") for k in MANIFEST_FIELDS}})


def _saved_to_store() -> bool:
    return not hosted_mode() and uploads_dir().is_dir()


def _add_to_store(name: str, data: bytes, row: Optional[dict], on_stage: Optional[Stage] = None) -> Document:
    """Parse an upload saved in the uploads folder and add it to the store (replacing its old entry)."""
    folder = uploads_dir()
    path = folder / name
    doc = load_document(data, display_name(path, ROOT), row or None, on_stage)
    if on_stage:
        on_stage("store")
    _store_saved(doc, path, row)
    return doc


def _store_saved(doc: Document, path: Path, row: Optional[dict]) -> None:
    add_document(store_dir(), doc, _root(path.parent), path, row or None)


def _session_upload(data: bytes, name: str, manifest: dict, on_stage: Optional[Stage] = None) -> Document:
    doc = load_document(data, name, manifest or None, on_stage)
    uploads = [u for u in session_uploads() if u.name != name]
    uploads.append(Upload(name, data, dict(manifest), doc.sha256, document_frames([doc])))
    st.session_state[_SESSION_UPLOADS] = uploads
    return doc


def add_upload(data: bytes, name: str, manifest: Optional[dict] = None,
               on_stage: Optional[Stage] = None) -> Document:
    """Parse and keep a new document: in the store (saved under uploads) or, hosted, in this session.

    ``on_stage(name)`` is called as each stage begins: "warm" (tokenizer and converters), the
    stages of ``core.document.STAGES``, then "store". Raises ``IngestError`` (user-readable) when
    the bytes are not a text document; nothing is kept then.
    """
    name = _safe_name(name)
    if on_stage:
        on_stage("warm")
    warm_resources()
    manifest = {k: v for k, v in (manifest or {}).items() if v}
    if not _saved_to_store():
        return _session_upload(data, name, manifest, on_stage)
    folder = uploads_dir()
    doc = load_document(data, display_name(folder / name, ROOT), manifest or None, on_stage)  # refuses non-text
    if on_stage:
        on_stage("store")
    try:
        (folder / name).write_bytes(data)
        rows = read_manifest(folder)
        if manifest or name in rows:
            rows[name] = manifest
            _write_manifest(folder, rows)
        _store_saved(doc, folder / name, manifest)
    except OSError:  # the disk refused: keep it in the session instead
        return _session_upload(data, name, manifest)
    return doc


def update_upload_meta(name: str, manifest: dict, on_stage: Optional[Stage] = None) -> None:
    """Correct the metadata (region, date, ...) of an uploaded document (extracted again)."""
    changes = {k: v for k, v in manifest.items() if v}
    for u in session_uploads():
        if u.name == name:
            _session_upload(u.data, name, {**u.manifest, **changes}, on_stage)
            return
    folder = uploads_dir()
    if _saved_to_store() and (folder / name).exists():
        rows = read_manifest(folder)
        rows[name] = {**rows.get(name, {}), **changes}
        _write_manifest(folder, rows)
        _add_to_store(name, (folder / name).read_bytes(), read_manifest(folder).get(name), on_stage)


def remove_upload(name: str) -> None:
    """Forget an uploaded document (and delete its saved copy and store entry unless hosted)."""
    st.session_state[_SESSION_UPLOADS] = [u for u in session_uploads() if u.name != name]
    folder = uploads_dir()
    if _saved_to_store() and (folder / name).exists():
        (folder / name).unlink()
        rows = read_manifest(folder)
        if name in rows:
            rows.pop(name)
            _write_manifest(folder, rows)
        remove_documents(store_dir(), [(_root(folder), display_name(folder / name, ROOT))])


def upload_names() -> set[str]:
    """Names of the user-added documents visible to this session."""
    names = {u.name for u in session_uploads()}
    if _saved_to_store():
        names |= {Path(e.name).name for e in store_view().entries_of_root(_root(uploads_dir()))}
    return names


# ------------------------------------------------------------------ cached views

def cached_track_targets(corpus: Corpus, figures: pd.DataFrame, user_actuals: pd.DataFrame,
                         today) -> pd.DataFrame:
    """``core.targets.track_targets`` cached on the corpus key, the user's entries and the day
    (hashing the whole figures frame on every rerun cost more than the tracking itself)."""
    return _track_targets(corpus.key, figures, user_actuals, today)


@st.cache_resource(show_spinner=False, max_entries=16)  # shared, not copied per rerun: callers must not modify it
def _track_targets(key: str, _figures: pd.DataFrame, user_actuals: pd.DataFrame, today) -> pd.DataFrame:
    from core.targets import track_targets
    return track_targets(_figures, user_actuals, today)


# the bundled corpus folders (settings.toml [corpus] folders): the seeds and their follow-up reports
BUNDLED_DIRS = tuple(bundled_folders())
