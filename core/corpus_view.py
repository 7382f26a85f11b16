"""Read-only views of a corpus: a store (tables loaded once, on first use) plus in-memory documents.

``StoreView`` reads one store, optionally only the documents found under some ``roots``, with
duplicates of the same raw bytes shown once. It loads the manifest once; ``refresh()`` (one
``stat``) reloads it only after another commit. Each table is read from Parquet on first use and
kept; nothing is re-read or re-hashed while the store is unchanged.

``CorpusView`` puts documents that live only in memory (a hosted visitor's uploads) over a
``StoreView``; both answer the same questions, so pages do not care where a document lives.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Iterable, Optional

import pandas as pd
import pyarrow as pa

from core.corpus_store import CorpusStore, Entry, Manifest
from core.doc_tables import arrow_to_frame, empty_frames

DOC_TABLES = ("figures", "slogans", "themes", "repairs", "texts")  # what the reader needs of one document
_DOC_CACHE = 16


def concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if f is not None]
    non_empty = [f for f in frames if len(f)]
    if not non_empty:
        return frames[0] if frames else pd.DataFrame()
    if len(non_empty) == 1:
        return non_empty[0]
    return pd.concat(non_empty, ignore_index=True)


def _group_terms(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame({"region": pd.Series(dtype=object), "term": pd.Series(dtype=object),
                             "n": pd.Series(dtype="int64")})
    f = frame.assign(region=frame["region"].fillna("").astype(object))
    return f.groupby(["region", "term"], as_index=False, sort=False)["n"].sum()


class StoreView:
    """One store, read lazily and kept in memory; thread-safe (one lock per view)."""

    def __init__(self, store: CorpusStore | str, roots: Optional[Iterable[str]] = None):
        self.store = store if isinstance(store, CorpusStore) else CorpusStore(store)
        self.roots = frozenset(roots) if roots is not None else None
        self._lock = threading.RLock()
        self._stamp: object = "unloaded"
        self.manifest = Manifest()
        self.entries: list[Entry] = []
        self._tables: dict[tuple, pd.DataFrame] = {}
        self._docs: OrderedDict[str, dict] = OrderedDict()
        self._terms: Optional[pd.DataFrame] = None
        self.refresh()

    # ---- manifest

    def refresh(self) -> bool:
        """Reload the manifest when the store was committed since; True when it changed."""
        with self._lock:
            stamp = self.store.stamp()
            if stamp == self._stamp:
                return False
            self._load(stamp)
            return True

    def _load(self, stamp) -> None:
        manifest = self.store.manifest()
        seen: set[str] = set()
        entries = []
        for e in manifest.documents():
            if (self.roots is None or e.root in self.roots) and e.sha256 not in seen:
                seen.add(e.sha256)
                entries.append(e)
        self.manifest, self.entries, self._stamp = manifest, entries, stamp
        self._tables, self._docs, self._terms = {}, OrderedDict(), None

    @property
    def key(self) -> str:
        """Changes whenever the documents of the view change (cache key for derived data)."""
        roots = "|".join(sorted(self.roots)) if self.roots is not None else "*"
        return f"{self.manifest.revision}:{hashlib.sha256(roots.encode()).hexdigest()[:8]}"

    @property
    def sha256s(self) -> set[str]:
        return {e.sha256 for e in self.entries}

    def problems(self) -> list[tuple[str, str]]:
        """(name, message) of the inputs of the view's roots that are not documents."""
        return [(e.name, e.error) for e in self.manifest.problems()
                if self.roots is None or e.root in self.roots]

    def entries_of_root(self, root: str) -> list[Entry]:
        return [e for e in self.manifest.documents() if e.root == root]

    # ---- tables

    def _retry(self, read):
        """``read()``; once more after reloading the manifest when a part has gone meanwhile
        (merged by another writer's commit)."""
        try:
            return read()
        except OSError:
            with self._lock:
                self._load(self.store.stamp())
            return read()

    def _arrow(self, name: str, entries: list[Entry], columns: Optional[list[str]] = None) -> Optional[pa.Table]:
        return self.store.read_table(name, entries, columns) if entries else None

    def table(self, name: str, columns: Optional[tuple[str, ...]] = None) -> pd.DataFrame:
        """Table ``name`` of every document of the view (or just ``columns`` of it)."""
        key = (name, columns)
        with self._lock:
            if key not in self._tables:
                t = self._retry(lambda: self._arrow(name, self.entries, list(columns) if columns else None))
                if t is None:
                    frame = empty_frames().get(name, pd.DataFrame())
                    frame = frame[[c for c in columns if c in frame]] if columns else frame
                else:
                    frame = arrow_to_frame(t)
                self._tables[key] = frame
            return self._tables[key]

    def _entry_of(self, doc_id: str) -> Optional[Entry]:
        docs = list(self.table("documents", ("doc_id",))["doc_id"])
        return self.entries[docs.index(doc_id)] if doc_id in docs else None

    def document(self, doc_id: str) -> Optional[dict[str, pd.DataFrame]]:
        """The reader's tables of one document (``DOC_TABLES`` + its ``documents`` row)."""
        with self._lock:
            if doc_id in self._docs:
                self._docs.move_to_end(doc_id)
                return self._docs[doc_id]

            def read() -> Optional[dict[str, pd.DataFrame]]:
                entry = self._entry_of(doc_id)
                if entry is None:
                    return None
                out = {}
                for name in ("documents", *DOC_TABLES):
                    t = self._arrow(name, [entry])
                    out[name] = arrow_to_frame(t) if t is not None else empty_frames()[name]
                return out

            out = self._retry(read)
            if out is not None:
                self._docs[doc_id] = out
                while len(self._docs) > _DOC_CACHE:
                    self._docs.popitem(last=False)
            return out

    def rows_of(self, name: str, doc_ids: Optional[Iterable[str]], columns: tuple[str, ...]) -> pd.DataFrame:
        """``columns`` of table ``name`` for some documents (all when ``doc_ids`` is None), in corpus
        order; read each time, not kept (for what a page needs of a few documents, or once)."""
        wanted = set(doc_ids) if doc_ids is not None else None

        def read() -> Optional[pa.Table]:
            docs = list(self.table("documents", ("doc_id",))["doc_id"])
            entries = self.entries if wanted is None else [e for e, d in zip(self.entries, docs) if d in wanted]
            return self._arrow(name, entries, list(columns))

        t = self._retry(read)
        if t is not None:
            return arrow_to_frame(t)
        empty = empty_frames().get(name, pd.DataFrame(columns=list(columns)))
        return empty[[c for c in columns if c in empty]]

    def sentences_of(self, doc_ids: Iterable[str]) -> pd.DataFrame:
        """doc_id and text of the sentences of some documents, in corpus order."""
        return self.rows_of("sentences", doc_ids, ("doc_id", "text"))

    def region_terms(self) -> pd.DataFrame:
        """Content-word counts per region (region "" for documents without one): region, term, n.

        Summed part by part, so the whole ``terms`` table is never in memory at once."""
        with self._lock:
            if self._terms is None:
                by_part: dict[str, list[Entry]] = {}
                for e in self.entries:
                    by_part.setdefault(e.part, []).append(e)
                sums = []
                for entries in by_part.values():
                    t = self._retry(lambda: self._arrow("terms", entries, ["region", "term", "n"]))
                    if t is not None:
                        sums.append(_group_terms(arrow_to_frame(t)))
                frame = _group_terms(concat_frames(sums)) if len(sums) > 1 else _group_terms(
                    sums[0] if sums else pd.DataFrame())
                self._terms = frame
            return self._terms


class CorpusView:
    """A store view plus documents held in memory (``extra``: table name -> frame of those documents)."""

    def __init__(self, base: StoreView, extra: Optional[dict[str, pd.DataFrame]] = None,
                 extra_key: str = ""):
        self.base = base
        self.extra = extra or {}
        self.key = f"{base.key}+{extra_key}" if extra_key else base.key
        self._tables: dict[tuple, pd.DataFrame] = {}
        self._terms: Optional[pd.DataFrame] = None

    def table(self, name: str, columns: Optional[tuple[str, ...]] = None) -> pd.DataFrame:
        """Table ``name`` of the store's documents followed by the in-memory ones."""
        base = self.base.table(name, columns)
        extra = self.extra.get(name)
        if extra is None or extra.empty:
            return base
        key = (name, columns)
        if key not in self._tables:
            self._tables[key] = concat_frames([base, extra[list(columns)] if columns else extra])
        return self._tables[key]

    def document(self, doc_id: str) -> Optional[dict[str, pd.DataFrame]]:
        found = self.base.document(doc_id)
        if found is not None or not self.extra:
            return found
        docs = self.extra.get("documents")
        if docs is None or doc_id not in set(docs["doc_id"]):
            return None
        return {name: self.extra[name][self.extra[name]["doc_id"] == doc_id].reset_index(drop=True)
                for name in ("documents", *DOC_TABLES) if name in self.extra}

    def rows_of(self, name: str, doc_ids: Optional[Iterable[str]], columns: tuple[str, ...]) -> pd.DataFrame:
        doc_ids = set(doc_ids) if doc_ids is not None else None
        base = self.base.rows_of(name, doc_ids, columns)
        extra = self.extra.get(name)
        if extra is None or extra.empty:
            return base
        mine = extra if doc_ids is None else extra[extra["doc_id"].isin(doc_ids)]
        return concat_frames([base, mine[[c for c in columns if c in mine]]])

    def sentences_of(self, doc_ids: Iterable[str]) -> pd.DataFrame:
        return self.rows_of("sentences", doc_ids, ("doc_id", "text"))

    def region_terms(self) -> pd.DataFrame:
        base = self.base.region_terms()
        extra = self.extra.get("terms")
        if extra is None or extra.empty:
            return base
        if self._terms is None:
            self._terms = _group_terms(concat_frames([base, extra[["region", "term", "n"]]]))
        return self._terms
