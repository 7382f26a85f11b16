"""Bytes -> text: find the encoding of an uploaded document, or refuse it with a typed, readable error.

Order of attempts:
1. BOMs: UTF-8 (``utf-8-sig``), UTF-32 and UTF-16 (LE/BE).
2. Known binary signatures (PNG, JPEG, GIF, PDF, ZIP/Office, …) and NUL bytes -> ``BinaryInputError``.
3. Strict UTF-8; UTF-8 with a few bad bytes (at most 0.5 % of the characters) is accepted with
   U+FFFD in their place, which normalize then flags as mojibake.
4. Strict GB18030 and Big5 (Big5-HKSCS as fallback). When both decode, the reading whose
   adjacent character pairs form more dictionary words (jieba's dictionary, after OpenCC t2s)
   wins: Big5 bytes read as GB18030 are valid but meaningless, and vice versa.

HTML is *not* stripped here: normalize does it so the removal shows in the repair log.
"""
from __future__ import annotations

import codecs
import functools
import re
from pathlib import Path

from core.models import Decoded


class IngestError(ValueError):
    """The input is not a readable text document; ``str(err)`` is a user-facing message."""


class EmptyInputError(IngestError):
    """No bytes, or only whitespace."""


class BinaryInputError(IngestError):
    """An image, PDF, archive or other binary file."""


class UndecodableError(IngestError):
    """Text in an encoding we cannot read (not UTF-8/16/32, GB18030 or Big5)."""


_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"), (b"\xd0\xcf\x11\xe0", "an old Office file"),
    (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"RIFF", "a RIFF media file"), (b"\x7fELF", "a program"),
    (b"OggS", "an audio file"), (b"ID3", "an MP3 file"), (b"\x00\x00\x00", "a media or binary file"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_BAD_UTF8 = 0.005
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACE_ONLY = re.compile(r"[\s\u3000\u200b\ufeff]*")


def decode(data: bytes) -> Decoded:
    """Decode a document's raw bytes; raise an ``IngestError`` subclass if they are not text."""
    if not data:
        raise EmptyInputError("The file is empty.")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data.decode(enc), enc, True))
            except UnicodeDecodeError:
                raise UndecodableError(
                    f"The file starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()}.") from None
    _refuse_binary(data)
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    n_bad = loose.count("\ufffd")
    if n_bad <= max(1, _MAX_BAD_UTF8 * len(loose)) and len(loose) > 20:
        return _checked(Decoded(loose, "utf-8"))
    candidates = [c for c in (_try(data, "gb18030"), _try(data, "big5") or _try(data, "big5hkscs")) if c]
    if not candidates:
        raise UndecodableError(
            "The file is not in an encoding we can read (UTF-8, UTF-16 with BOM, GB18030/GBK or Big5). "
            "Save it as UTF-8 and upload it again.")
    if len(candidates) == 2:
        candidates.sort(key=lambda d: -_plausibility(d.text))
    return _checked(candidates[0])


def _try(data: bytes, enc: str) -> Decoded | None:
    try:
        return Decoded(data.decode(enc), enc)
    except UnicodeDecodeError:
        return None


def _refuse_binary(data: bytes) -> None:
    head = data[:16]
    for sig, what in _SIGNATURES:
        if what and head.startswith(sig):
            raise BinaryInputError(f"This looks like {what}, not a text document. Upload a .txt or .html file.")
    if b"\x00" in data[:65536]:
        raise BinaryInputError("This file contains binary data (NUL bytes), not text. "
                               "Upload a .txt or .html file (UTF-16 files need a byte-order mark).")


def _checked(d: Decoded) -> Decoded:
    """Refuse decoded text that is empty, whitespace or mostly control characters."""
    if _SPACE_ONLY.fullmatch(d.text):
        raise EmptyInputError("The file contains only whitespace, no text.")
    sample = d.text[:65536]
    if len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise BinaryInputError("This file is mostly control characters: it looks binary, not a text document.")
    return d


@functools.lru_cache(maxsize=1)
def _word_pairs() -> frozenset[str]:
    """Two-character words of jieba's main dictionary (used only to tell GB18030 from Big5)."""
    import jieba
    path = Path(jieba.__file__).parent / "dict.txt"
    out = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w = line.split(" ", 1)[0]
            if len(w) == 2:
                out.add(w)
    return frozenset(out)


def _plausibility(text: str) -> float:
    """Share of adjacent Han pairs that are dictionary words, after t2s (first 20 000 chars)."""
    from core.script import get_converter
    sample = get_converter("t2s").convert(text[:20_000])
    words = _word_pairs()
    han = [ch if "\u4e00" <= ch <= "\u9fff" else " " for ch in sample]
    pairs = [a + b for a, b in zip(han, han[1:]) if a != " " and b != " "]
    if not pairs:
        return 0.0
    return sum(1 for p in pairs if p in words) / len(pairs)
