"""File names from users made safe to store: one path component, no odd characters, a length the
file system accepts (``file_name_max_bytes`` in ``core/data/limits.json``, in UTF-8 bytes), and
distinct from the names already taken."""
from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath
from typing import Collection

from core.limits import limit

_ODD = re.compile(r"[^\w\-.\u4e00-\u9fff]+")


def _cut_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``max_bytes`` (never half a character)."""
    return text.encode("utf-8")[:max(0, max_bytes)].decode("utf-8", errors="ignore")


def safe_file_name(name: str, suffixes: Collection[str], default_suffix: str = ".txt") -> str:
    """``name`` as a safe file name: the last path component only, runs of other characters than
    letters, digits, Han, ``-``, ``_`` and ``.`` as ``_``, a suffix from ``suffixes`` (else
    ``default_suffix`` is added), and at most ``file_name_max_bytes`` UTF-8 bytes: a longer stem is
    cut and gets 8 hex digits of the full name's hash, so two long names stay distinct."""
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    stem = _ODD.sub("_", base).strip("._") or "upload"
    suffix = PurePosixPath(stem).suffix.lower()
    if suffix in suffixes:
        stem = stem[: -len(suffix)] or "upload"
    else:
        suffix = default_suffix
    max_bytes = limit("file_name_max_bytes")
    if len(stem.encode("utf-8")) + len(suffix) > max_bytes:
        tag = hashlib.sha1(str(name).encode("utf-8", errors="replace")).hexdigest()[:8]
        stem = _cut_utf8(stem, max_bytes - len(suffix) - len(tag) - 1).rstrip("._") + "-" + tag
    return stem + suffix


def unique_name(name: str, taken_stems: Collection[str]) -> str:
    """``name``, or ``stem-2.ext``, ``stem-3.ext``… whose stem is not in ``taken_stems`` (document
    ids are file stems, so a.txt and a.html would be the same document)."""
    p = PurePosixPath(name)
    if p.stem not in taken_stems:
        return name
    n = 2
    while f"{p.stem}-{n}" in taken_stems:
        n += 1
    return f"{p.stem}-{n}{p.suffix}"
