"""A persisted corpus: per-document tables in immutable Parquet parts, listed by one JSON manifest.

Layout of a store folder::

    store.json                 the manifest: one entry per document (or failed input), the parts
    parts/<part id>/<table>.parquet   the rows of a set of documents, each row tagged with ``_key``
    tmp/                       parts being written (garbage once their writer is gone)
    .lock                      held (flock) by the one process that writes

An entry's ``key`` is a hash of the extractor version, the raw bytes' sha256, the document's name
(it sets ``doc_id`` and ``path``) and its manifest row (it overrides metadata); a document whose
key is already in the store is never extracted again.

Writes are atomic: a part is written into ``tmp/`` and renamed into ``parts/``; the manifest is
written to a temporary file and renamed over ``store.json``. Readers take no lock: a reader sees
either the old manifest (whose parts still exist) or the new one, so a writer killed at any point
leaves the previous store readable. Parts no longer listed are deleted after a commit; a reader
holding an older manifest reloads it when a part has gone (see ``core.corpus_view``).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from core.version import STORE_FORMAT

MANIFEST = "store.json"
PARTS = "parts"
TMP = "tmp"
LOCK = ".lock"
KEY = "_key"
SETTINGS_FILE = Path(__file__).parent / "data" / "store_settings.json"


class StoreError(Exception):
    """A folder that is not a readable store (another format, a damaged manifest)."""


def settings() -> dict:
    """Store tuning from ``core/data/store_settings.json``."""
    return json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))


def entry_key(version: str, sha256: str, name: str, manifest: Optional[dict]) -> str:
    """The cache key of one document: extractor version, raw bytes, name and manifest row."""
    row = sorted((manifest or {}).items())
    text = json.dumps([version, sha256, name, row], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass
class Entry:
    """One input of the store: a document (with the part holding its rows) or a failed input."""

    key: str
    name: str                       # the document's path as given ("seeds/000_….txt")
    sha256: str
    version: str
    root: str = ""                  # the input (folder or file, resolved) it was found under
    file: Optional[str] = None      # its resolved file path; None when added as bytes only
    size: Optional[int] = None
    mtime_ns: Optional[int] = None
    manifest: Optional[dict] = None  # the manifest row applied
    doc_id: Optional[str] = None
    region: Optional[str] = None
    part: Optional[str] = None
    error: Optional[str] = None     # why it is not a document (not text, …)

    @classmethod
    def from_dict(cls, d: dict) -> "Entry":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    @property
    def ident(self) -> tuple[str, str]:
        """Where it came from: (root, name); a newer entry with the same ident replaces it."""
        return (self.root, self.name)


@dataclass
class Manifest:
    """The store's table of contents at one revision."""

    revision: str = ""
    version: str = ""
    updated: str = ""
    entries: list[Entry] = field(default_factory=list)
    parts: dict[str, dict] = field(default_factory=dict)

    def documents(self) -> list[Entry]:
        """Entries that are documents (in store order)."""
        return [e for e in self.entries if e.part and not e.error]

    def problems(self) -> list[Entry]:
        """Entries that failed (not a text document, extractor crash)."""
        return [e for e in self.entries if e.error]

    def to_json(self) -> str:
        return json.dumps({"format": STORE_FORMAT, "revision": self.revision, "version": self.version,
                           "updated": self.updated, "parts": self.parts,
                           "entries": [asdict(e) for e in self.entries]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        d = json.loads(text)
        if d.get("format") != STORE_FORMAT:
            raise StoreError(f"store format {d.get('format')!r}, this program reads format {STORE_FORMAT}")
        return cls(revision=d["revision"], version=d.get("version", ""), updated=d.get("updated", ""),
                   entries=[Entry.from_dict(e) for e in d.get("entries", [])], parts=d.get("parts", {}))


# ------------------------------------------------------------------ atomic file operations

def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # not supported (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _publish(src: Path, dst: Path) -> None:
    """The one step that makes a write visible: an atomic rename (tests inject failures here)."""
    os.replace(src, dst)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _publish(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    _fsync_dir(path.parent)


def use_returning_memory_pool() -> str:
    """Make Arrow allocate from jemalloc (else the system allocator) instead of its default mimalloc,
    which keeps the memory of decoded Parquet pages after they are freed: loading the figures of
    10,000 documents (a 204 MB table) raised the resident size by 650 MB with mimalloc and by 265 MB
    with jemalloc (``bench/bench_scale.py``). An ``ARROW_DEFAULT_MEMORY_POOL`` set by the user wins.
    Returns the backend in use."""
    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        try:
            pa.set_memory_pool(pa.jemalloc_memory_pool())
            pa.jemalloc_set_decay_ms(0)  # freed pages go back at once (else kept for a while: +225 MB)
        except (NotImplementedError, pa.ArrowNotImplementedError):
            pa.set_memory_pool(pa.system_memory_pool())
    return pa.default_memory_pool().backend_name


def _non_decreasing(values: np.ndarray) -> bool:
    """True when the integers never go down."""
    return bool(len(values) < 2 or (values[1:] >= values[:-1]).all())


def _in_order(table: pa.Table, rank: np.ndarray) -> pa.Table:
    """The rows of ``table`` sorted (stably) by ``rank``, the rank of each row's document.

    A document's rows lie together in its part, so the sorted table is a sequence of runs of the
    table: it is assembled from zero-copy slices instead of a ``take`` (which would copy every
    column at once and double the memory of a large table). A table whose documents' rows are
    scattered is taken row by row."""
    if _non_decreasing(rank):
        return table
    starts = np.flatnonzero(np.r_[True, rank[1:] != rank[:-1]])
    block_rank = rank[starts]
    if len(np.unique(block_rank)) != len(block_rank):      # a document's rows are not contiguous
        return table.take(pa.array(np.argsort(rank, kind="stable")))
    ends = np.r_[starts[1:], len(rank)]
    slices: list[tuple[int, int]] = []
    for b in np.argsort(block_rank, kind="stable"):
        start, end = int(starts[b]), int(ends[b])
        if slices and slices[-1][1] == start:               # the next block follows in the table too
            slices[-1] = (slices[-1][0], end)
        else:
            slices.append((start, end))
    return pa.concat_tables([table.slice(a, b - a) for a, b in slices])


def concat(tables: Iterable[pa.Table]) -> pa.Table:
    """Tables of the same name from several documents or parts, schemas unified (null -> any type)."""
    tables = [t for t in tables if t is not None]
    if len(tables) == 1:
        return tables[0]
    return pa.concat_tables(tables, promote_options="permissive")


# ------------------------------------------------------------------ the store

class CorpusStore:
    """A store folder: read the manifest and tables; write parts and commit under a lock."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._new_parts: dict[str, dict] = {}

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def exists(self) -> bool:
        """True when the folder holds a store (a committed manifest)."""
        return self.manifest_path.is_file()

    def stamp(self) -> Optional[tuple[int, int]]:
        """(mtime_ns, size) of the manifest: changes with every commit; None when there is none."""
        try:
            st = self.manifest_path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def manifest(self) -> Manifest:
        """The committed manifest (an empty one for a folder without a store)."""
        try:
            text = self.manifest_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Manifest()
        try:
            return Manifest.from_json(text)
        except (ValueError, KeyError, TypeError) as err:
            raise StoreError(f"{self.manifest_path}: not a store manifest ({err})") from err

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive writer lock (flock on ``.lock``; other writers wait, readers never do)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+b") as fh:
            try:
                import fcntl
            except ImportError:  # pragma: no cover - no flock on this platform
                yield
                return
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    # ---- writing (call under ``lock()``)

    def clean_tmp(self) -> None:
        """Remove parts left half-written by a killed writer (safe only under the lock)."""
        shutil.rmtree(self.root / TMP, ignore_errors=True)

    def write_part(self, tables: dict[str, pa.Table], n_docs: int) -> str:
        """Write one immutable part (all its tables) and return its id; visible once committed."""
        part = uuid.uuid4().hex[:16]
        tmp = self.root / TMP / part
        tmp.mkdir(parents=True)
        codec = settings().get("compression", "zstd")
        for name, table in tables.items():
            path = tmp / f"{name}.parquet"
            pq.write_table(table, path, compression=codec)
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        _fsync_dir(tmp)
        (self.root / PARTS).mkdir(exist_ok=True)
        _publish(tmp, self.root / PARTS / part)
        _fsync_dir(self.root / PARTS)
        self._new_parts[part] = {"docs": n_docs, "rows": {n: t.num_rows for n, t in tables.items()}}
        return part

    def commit(self, entries: list[Entry], version: str, base: Manifest) -> Manifest:
        """Make ``entries`` the store's content (atomic), then delete parts nobody lists."""
        known = {**base.parts, **self._new_parts}
        used = {e.part for e in entries if e.part}
        manifest = Manifest(revision=uuid.uuid4().hex[:16], version=version,
                            updated=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                            entries=list(entries), parts={p: known.get(p, {}) for p in sorted(used)})
        write_atomic(self.manifest_path, manifest.to_json().encode("utf-8"))
        self._new_parts = {p: v for p, v in self._new_parts.items() if p not in used}
        self.collect_garbage(manifest)
        return manifest

    def collect_garbage(self, manifest: Manifest) -> None:
        """Delete part folders the manifest does not list."""
        folder = self.root / PARTS
        if not folder.is_dir():
            return
        for p in folder.iterdir():
            if p.name not in manifest.parts:
                shutil.rmtree(p, ignore_errors=True)

    # ---- reading

    def part_path(self, part: str, table: str) -> Path:
        return self.root / PARTS / part / f"{table}.parquet"

    def table_names(self, manifest: Manifest) -> list[str]:
        """Names of the tables in the store's parts (the first part's order)."""
        names: list[str] = []
        for part in manifest.parts:
            folder = self.root / PARTS / part
            for p in sorted(folder.glob("*.parquet")):
                if p.stem not in names:
                    names.append(p.stem)
        return names

    def read_table(self, name: str, entries: list[Entry], columns: Optional[list[str]] = None,
                   keep_key: bool = False) -> Optional[pa.Table]:
        """Rows of table ``name`` for ``entries``, in entry order (rows of a document keep theirs).

        ``columns`` narrows the read (missing ones are skipped); ``None`` when no part has the table.
        Raises ``OSError`` when a listed part has gone (the caller reloads the manifest).
        """
        order: dict[str, int] = {}
        by_part: dict[str, list[str]] = {}
        for e in entries:
            if e.part and e.key not in order:
                order[e.key] = len(order)
                by_part.setdefault(e.part, []).append(e.key)
        pieces = []
        for part, keys in by_part.items():
            path = self.part_path(part, name)
            if not path.exists():
                if not (self.root / PARTS / part).is_dir():
                    raise FileNotFoundError(str(path))
                continue  # a part written before this table existed
            cols = None
            if columns is not None:
                have = set(pq.read_schema(path).names)
                cols = [KEY] + [c for c in columns if c in have and c != KEY]
            table = pq.read_table(path, columns=cols)
            wanted = pc.is_in(table[KEY], value_set=pa.array(keys, pa.string()))
            # a copy only when the part holds documents that were not asked for
            pieces.append(table if pc.all(wanted).as_py() in (True, None) else table.filter(wanted))
        if not pieces:
            return None
        table = concat(pieces)
        del pieces  # the parts' tables: from here on ``table`` holds the only reference to their columns
        if len(by_part) > 1 or len(order) > 1:
            rank = pc.index_in(table[KEY], value_set=pa.array(list(order), pa.string()))
            table = _in_order(table, rank.to_numpy(zero_copy_only=False))
        # one chunk per column, combined a column at a time (the extra memory is one column's):
        # pandas filters a column of many chunks by concatenating them first, on every filter
        for i in range(table.num_columns):
            if table.column(i).num_chunks > 1:
                table = table.set_column(i, table.field(i), table.column(i).combine_chunks())
        return table if keep_key else table.drop_columns([KEY])
