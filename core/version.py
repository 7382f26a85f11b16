"""The extractor's version: a hash of every code and data file of ``core/``.

Any change to extraction (a rule, a cue list, the gazetteer, a frame column) changes the hash, so
a corpus store built by another version is rebuilt document by document (see ``core.build``).
The versions of the libraries that shape the text (jieba, OpenCC) and the store format are
part of it too.
"""
from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

CORE = Path(__file__).resolve().parent
STORE_FORMAT = 1
LIBRARIES = ("jieba", "opencc-python-reimplemented", "pyarrow")
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = {".pyc", ".pyo"}


def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def source_files(root: Path = CORE) -> list[Path]:
    """The files that make up the extractor: everything under ``core/`` but caches, sorted."""
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.suffix not in _SKIP_SUFFIXES
                  and not _SKIP_DIRS.intersection(p.relative_to(root).parts))


def compute_version(root: Path = CORE) -> str:
    """sha256 (first 16 hex digits) over the relative path and bytes of every file under ``root``."""
    h = hashlib.sha256(f"store-format {STORE_FORMAT}\n".encode())
    for name in LIBRARIES:
        h.update(f"{name} {_library_version(name)}\n".encode())
    for p in source_files(root):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """The version of the extractor of this process (computed once)."""
    return compute_version()
