"""Build a corpus store from files and folders: reuse what is stored, extract the rest in parallel.

``build(paths, store_dir, jobs=N, engine="local"|"dask")`` makes the store hold the documents
found under ``paths`` (each folder's ``manifest.csv`` applies, as in ``python -m core extract``):

* a file whose size and mtime are unchanged since the last build is not even re-read; any other
  file is read and hashed once; a document whose key (``core.corpus_store.entry_key``) is in the
  store is not extracted again;
* the others go, in batches, to an engine (``core.engines``): in this process, in worker
  processes, or on a Dask cluster; every worker runs the same per-document function;
* every ``part_docs`` finished documents are written as a part and committed, so a killed build
  keeps what it finished and the store stays readable at every moment;
* documents that were under one of ``paths`` and are gone are dropped; documents from other
  inputs (earlier builds of other folders, uploads) are kept.
"""
from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

import pyarrow as pa

from core.corpus import iter_paths, read_manifest
from core.corpus_store import KEY, CorpusStore, Entry, Manifest, concat, entry_key, settings
from core.doc_tables import document_frames, frame_to_arrow
from core.document import Document, load_document
from core.version import extractor_version

ProgressFn = Callable[[int, int], None]  # (inputs handled, inputs in all)
RACY_SECONDS = 2.0  # a file modified this recently may change again within the same mtime tick


class BuildError(Exception):
    """The build cannot go on (a worker runs another extractor version, …)."""


@dataclass
class Source:
    """One input file: where it was found, its document name and manifest row."""

    root: str
    path: Path
    name: str
    manifest: Optional[dict] = None


@dataclass
class BuildReport:
    """What a build did; ``keys`` are the input documents in input order (for exports)."""

    inputs: int = 0
    reused: int = 0
    extracted: int = 0
    failed: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    revision: str = ""
    workers: int = 1
    seconds: float = 0.0


def display_name(path: Path, base: Optional[Path]) -> str:
    """The document's name: ``path`` relative to ``base`` when it lies inside, else as given."""
    if base is not None:
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def scan(paths: Iterable[str | Path], use_manifest: bool = True, base: Optional[Path] = None) -> list[Source]:
    """The input files under ``paths`` (folders expanded, sorted) with their manifest rows."""
    out: list[Source] = []
    manifests: dict[Path, dict] = {}
    for arg in map(Path, paths):
        root = str(arg.resolve())
        for p in iter_paths([arg]):
            row = None
            if use_manifest:
                if p.parent not in manifests:
                    manifests[p.parent] = read_manifest(p.parent)
                row = manifests[p.parent].get(p.name)
            out.append(Source(root, p, display_name(p, base), row))
    return out


# ------------------------------------------------------------------ the per-document function

def document_tables(docs: list[Document], keys: list[str]) -> dict[str, pa.Table]:
    """All tables of some documents as Arrow, every row tagged with its document's entry key.

    The frames of a batch are built at once (pandas and Arrow cost per frame, not per row) and a
    row finds its document by ``doc_id``; when two documents of the batch share a ``doc_id`` or a
    frame has no ``doc_id`` column, each document is converted on its own."""
    ids = [d.doc_id for d in docs]
    frames = document_frames(docs)
    if len(set(ids)) == len(ids) and all("doc_id" in f for f in frames.values()):
        key_of = dict(zip(ids, keys))
        return {name: _tagged(frame, [key_of[d] for d in frame["doc_id"]]) for name, frame in frames.items()}
    if len(docs) == 1:
        return {name: _tagged(frame, keys * len(frame)) for name, frame in frames.items()}
    parts = [document_tables([d], [k]) for d, k in zip(docs, keys)]
    return {name: concat(p[name] for p in parts) for name in parts[0]}


def _tagged(frame, keys: list[str]) -> pa.Table:
    table = frame_to_arrow(frame)
    return table.append_column(KEY, pa.array(keys, pa.string()))


def extract_batch(tasks: list[tuple[str, str, bytes, Optional[dict]]]) -> dict:
    """Worker function: (key, name, raw bytes, manifest row) tasks -> their tables and entries.

    A document that fails (not text, or an extractor crash) becomes an error, never an exception.
    """
    docs, keys, errors = [], [], []
    for key, name, data, manifest in tasks:
        try:
            docs.append(load_document(data, name, manifest))
            keys.append(key)
        except Exception as err:  # IngestError for non-text; anything else is a visible error entry
            errors.append((key, str(err) or type(err).__name__))
    tables: dict[str, pa.Table] = {}
    try:
        tables = document_tables(docs, keys) if docs else {}
    except Exception:  # find the document that breaks the frames; the others go on
        good = []
        for doc, key in zip(docs, keys):
            try:
                good.append((doc, key, document_tables([doc], [key])))
            except Exception as err:
                errors.append((key, str(err) or type(err).__name__))
        docs, keys = [g[0] for g in good], [g[1] for g in good]
        tables = {n: concat(g[2][n] for g in good) for n in (good[0][2] if good else {})}
    done = [{"key": k, "doc_id": d.doc_id, "region": d.meta.region} for d, k in zip(docs, keys)]
    return {"version": extractor_version(), "tables": tables, "done": done, "errors": errors}


# ------------------------------------------------------------------ building

@dataclass
class _Pending:
    """Finished documents not yet written as a part."""

    tables: dict[str, list[pa.Table]] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    def add(self, result: dict, by_key: dict[str, Entry]) -> None:
        for name, table in result["tables"].items():
            self.tables.setdefault(name, []).append(table)
        for d in result["done"]:
            self.entries.append(replace(by_key[d["key"]], doc_id=d["doc_id"], region=d["region"]))

    def __len__(self) -> int:
        return len(self.entries)


def _file_sha(src: Source, old: dict[str, Entry], started: float) -> tuple[Optional[bytes], str, object]:
    """(bytes if read, sha256, stat) of a source; unchanged size and mtime reuse the stored hash."""
    st = src.path.stat()
    prev = old.get(str(src.path.resolve()))
    if (prev is not None and prev.size == st.st_size and prev.mtime_ns == st.st_mtime_ns
            and st.st_mtime_ns / 1e9 < started - RACY_SECONDS):
        return None, prev.sha256, st
    data = src.path.read_bytes()
    return data, hashlib.sha256(data).hexdigest(), st


def _merge(base: list[Entry], new: list[Entry]) -> list[Entry]:
    """``base`` with ``new`` entries replacing those of the same (root, name), new ones last."""
    idents = {e.ident for e in new}
    return [e for e in base if e.ident not in idents] + new


class _Builder:
    def __init__(self, store: CorpusStore, version: str):
        self.store, self.version = store, version
        self.base = store.manifest()
        self.committed: list[Entry] = []   # new entries already in a committed part
        self.pending = _Pending()
        self.by_key: dict[str, Entry] = {}
        self.cfg = settings()

    def flush(self) -> None:
        """Write the pending documents as a part and commit them (and any failed inputs)."""
        if self.pending.entries:
            part = self.store.write_part({n: concat(ts) for n, ts in self.pending.tables.items()},
                                         len(self.pending))
            self.committed += [replace(e, part=part) for e in self.pending.entries]
            self.pending = _Pending()
        if self.committed:
            self.base = self.store.commit(_merge(self.base.entries, self.committed), self.version, self.base)
            self.committed = []

    def take(self, result: dict, report: BuildReport) -> None:
        if result["version"] != self.version:
            raise BuildError(f"a worker runs extractor version {result['version']}, this build "
                             f"{self.version}: every worker needs the same code and data (core/)")
        self.pending.add(result, self.by_key)
        for key, message in result["errors"]:
            self.committed.append(replace(self.by_key[key], error=message))
            report.failed += 1
        report.extracted += len(result["done"])
        if len(self.pending) >= self.cfg["part_docs"]:
            self.flush()


def _tasks(sources: list[Source], base: Manifest, version: str, by_key: dict[str, Entry],
           report: BuildReport, slots: list, started: float) -> Iterator[tuple]:
    """Tasks for the sources whose key is not stored; stored ones go straight into ``slots``
    (new ones as their key, their entry in ``by_key``)."""
    old_files = {e.file: e for e in base.entries if e.file}
    stored = {}
    for e in base.entries:
        if e.version == version and (e.part or e.error):
            stored.setdefault(e.key, e)
    seen_keys: set[str] = set()
    for src in sources:
        try:
            data, sha, st = _file_sha(src, old_files, started)
        except OSError as err:
            report.problems.append((str(src.path), str(err)))
            slots.append(None)
            continue
        key = entry_key(version, sha, src.name, src.manifest)
        entry = Entry(key=key, name=src.name, sha256=sha, version=version, root=src.root,
                      file=str(src.path.resolve()), size=st.st_size, mtime_ns=st.st_mtime_ns,
                      manifest=src.manifest)
        if key in stored:
            prev = stored[key]
            slots.append(replace(entry, doc_id=prev.doc_id, region=prev.region, part=prev.part,
                                 error=prev.error))
            report.reused += 1
            continue
        slots.append(key)
        if key in seen_keys:  # the same file given twice: extract once
            continue
        seen_keys.add(key)
        by_key[key] = entry
        if data is None:
            data = src.path.read_bytes()
        yield (key, src.name, data, src.manifest)


def _batches(tasks: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for t in tasks:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def pending_count(paths: Iterable[str | Path], store_dir: str | Path, use_manifest: bool = True,
                  base: Optional[Path] = None) -> int:
    """How many inputs a build would extract (files are hashed, nothing is extracted or written)."""
    tasks = _tasks(scan(paths, use_manifest, base), CorpusStore(store_dir).manifest(), extractor_version(),
                   {}, BuildReport(), [], time.time())
    return sum(1 for _ in tasks)


def build(paths: Iterable[str | Path], store_dir: str | Path, jobs: int = 1, engine: str = "local",
          address: Optional[str] = None, use_manifest: bool = True, base: Optional[Path] = None,
          progress: Optional[ProgressFn] = None, batch_docs: Optional[int] = None,
          part_docs: Optional[int] = None) -> BuildReport:
    """Bring the store at ``store_dir`` up to date with the documents under ``paths``.

    ``base``: document names are paths relative to it (default: as given); ``batch_docs``:
    documents per task, ``part_docs``: documents per committed part (defaults from the settings;
    ``batch_docs=1`` gives a progress step per document)."""
    from core.engines import make_engine
    started = time.time()
    paths = list(paths)
    store = CorpusStore(store_dir)
    version = extractor_version()
    report = BuildReport()
    sources = scan(paths, use_manifest, base)
    report.inputs = len(sources)
    roots = {str(Path(p).resolve()) for p in paths}
    with store.lock():
        store.clean_tmp()
        b = _Builder(store, version)
        if part_docs:
            b.cfg = {**b.cfg, "part_docs": part_docs}
        slots: list = []
        batches = _batches(_tasks(sources, b.base, version, b.by_key, report, slots, started),
                           batch_docs or b.cfg["batch_docs"])
        first = next(batches, None)
        if first is not None:
            eng = make_engine(engine, jobs, address)
            report.workers = eng.workers
            try:
                for result in eng.map_unordered(extract_batch, _chain(first, batches)):
                    b.take(result, report)
                    if progress:
                        progress(report.reused + report.extracted + report.failed, report.inputs)
            finally:
                eng.close()
        elif progress:
            progress(report.reused, report.inputs)
        b.flush()
        final = _final_entries(b, slots, roots)
        final = _compact(store, final, b.cfg)
        if final != b.base.entries:
            b.base = store.commit(final, version, b.base)
    report.keys = [e.key for e in _in_order(slots, b) if e is not None and not e.error]
    report.problems += [(e.name, e.error) for e in _in_order(slots, b) if e is not None and e.error]
    report.revision = b.base.revision
    report.seconds = time.time() - started
    return report


def _chain(first: list, rest: Iterator[list]) -> Iterator[list]:
    yield first
    yield from rest


def _in_order(slots: list, b: _Builder) -> list[Optional[Entry]]:
    """The build's entries in input order (a key slot resolves to the entry now in the store)."""
    stored = {e.key: e for e in b.base.entries}
    out, seen = [], set()
    for s in slots:
        e = stored.get(s) if isinstance(s, str) else s
        if e is not None and e.key in seen:
            continue
        if e is not None:
            seen.add(e.key)
        out.append(e)
    return out


def _final_entries(b: _Builder, slots: list, roots: set[str]) -> list[Entry]:
    """Entries of other inputs as they were, then this build's inputs in input order."""
    stored = {e.key: e for e in b.base.entries if e.version == b.version}
    mine: list[Entry] = []
    for s in slots:
        if isinstance(s, str):
            e = stored.get(s)
            if e is not None:  # its stat fields come from this scan
                e = replace(e, **{k: getattr(b.by_key[s], k) for k in ("root", "file", "size", "mtime_ns")})
        else:
            e = s
        if e is not None:
            mine.append(e)
    idents = {e.ident for e in mine}
    others = [e for e in b.base.entries if e.root not in roots and e.ident not in idents]
    return others + mine


def _compact(store: CorpusStore, entries: list[Entry], cfg: dict) -> list[Entry]:
    """Merge small or mostly dead parts once there are more than ``max_parts``."""
    live = Counter(e.part for e in entries if e.part)
    if len(live) <= cfg["max_parts"]:
        return entries
    parts = store.manifest().parts
    docs = {p: parts.get(p, {}).get("docs", n) for p, n in live.items()}
    merge = {p for p, n in live.items() if n < cfg["part_docs"] or n < docs[p] / 2}
    if len(merge) < 2:
        return entries
    moving = [e for e in entries if e.part in merge]
    names = store.table_names(Manifest(parts={p: {} for p in merge}))
    moved: dict[str, str] = {}
    for i in range(0, len(moving), cfg["part_docs"]):
        chunk = moving[i:i + cfg["part_docs"]]
        tables = {n: t for n in names if (t := store.read_table(n, chunk, keep_key=True)) is not None}
        part = store.write_part(tables, len(chunk))
        moved.update({e.key: part for e in chunk})
    return [replace(e, part=moved[e.key]) if e.key in moved else e for e in entries]


# ------------------------------------------------------------------ single documents (the app's uploads)

def add_document(store_dir: str | Path, doc: Document, root: str, file: Optional[Path] = None,
                 manifest: Optional[dict] = None) -> Entry:
    """Add (or replace) one already parsed document under ``root``; returns its entry."""
    store = CorpusStore(store_dir)
    version = extractor_version()
    key = entry_key(version, doc.sha256, doc.path, manifest)
    st = file.stat() if file is not None else None
    entry = Entry(key=key, name=doc.path, sha256=doc.sha256, version=version, root=root,
                  file=str(file.resolve()) if file is not None else None,
                  size=st.st_size if st else None, mtime_ns=st.st_mtime_ns if st else None,
                  manifest=manifest, doc_id=doc.doc_id, region=doc.meta.region)
    with store.lock():
        base = store.manifest()
        prev = next((e for e in base.entries if e.key == key and e.part), None)
        part = prev.part if prev else store.write_part(document_tables([doc], [key]), 1)
        entry = replace(entry, part=part)
        store.commit(_merge(base.entries, [entry]), version, base)
    return entry


def remove_documents(store_dir: str | Path, idents: Iterable[tuple[str, str]]) -> None:
    """Drop the entries with these (root, name) idents."""
    store = CorpusStore(store_dir)
    drop = set(idents)
    with store.lock():
        base = store.manifest()
        kept = [e for e in base.entries if e.ident not in drop]
        if len(kept) != len(base.entries):
            store.commit(kept, base.version or extractor_version(), base)
