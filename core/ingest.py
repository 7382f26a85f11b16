"""Bytes -> text: find the encoding of an uploaded document, or refuse it with a typed, readable error.

Order of attempts:
1. BOMs: UTF-8 (``utf-8-sig``), UTF-32 and UTF-16 (LE/BE).
2. Known binary signatures (PNG, JPEG, GIF, PDF, ZIP/Office, …) -> ``BinaryInputError``. NUL
   bytes: UTF-16 without a BOM when one byte order reads as text, else ``BinaryInputError``.
3. Strict UTF-8; UTF-8 with a few bad bytes (at most 0.5 % of the characters) is accepted with
   U+FFFD in their place, which normalize then flags as mojibake.
4. Strict GB18030 and Big5 (Big5-HKSCS as fallback), and UTF-16 without BOM or NUL bytes (all
   Chinese). When several decode, the reading whose adjacent character pairs form more dictionary
   words (jieba's dictionary, after OpenCC t2s) wins: Big5 bytes read as GB18030 are valid but
   meaningless, and vice versa. When none decodes strictly, GB18030 and Big5 get the same
   tolerance as UTF-8 (at most 0.5 % bad bytes, kept as U+FFFD and flagged as mojibake).
5. A reading with enough Chinese to judge (``_MIN_PAIRS`` adjacent Han pairs) whose pairs are
   hardly ever words is garbage, not a document: Japanese Shift-JIS, or an encoding we do not
   read, is refused with ``UndecodableError`` instead of being accepted as GB18030 noise.

Every error has a ``code`` (and ``params``) so the UI can say it in the user's language
(``ui/labels``); ``str(err)`` is the English message.

HTML is *not* stripped here: normalize does it so the removal shows in the repair log.
"""
from __future__ import annotations

import codecs
import functools
import re
from pathlib import Path

from core.models import Decoded


class IngestError(ValueError):
    """The input is not a readable text document; ``str(err)`` is a user-facing (English) message,
    ``code`` names it for translation and ``params`` holds its values."""

    def __init__(self, message: str, code: str = "unreadable", **params: str):
        super().__init__(message)
        self.code = code
        self.params = params


class EmptyInputError(IngestError):
    """No bytes, or only whitespace."""


class BinaryInputError(IngestError):
    """An image, PDF, archive or other binary file."""


class UndecodableError(IngestError):
    """Text in an encoding we cannot read (not UTF-8/16/32, GB18030 or Big5)."""


# (signature, kind code, English name); the kind code is translated by the UI (ingest.kind.<code>)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png", "a PNG image"), (b"\xff\xd8\xff", "jpeg", "a JPEG image"),
    (b"GIF87a", "gif", "a GIF image"), (b"GIF89a", "gif", "a GIF image"), (b"%PDF-", "pdf", "a PDF file"),
    (b"PK\x03\x04", "zip", "a ZIP archive (or a Word/Excel file)"), (b"\xd0\xcf\x11\xe0", "office", "an old Office file"),
    (b"\x1f\x8b", "gzip", "a gzip archive"), (b"Rar!", "rar", "a RAR archive"), (b"7z\xbc\xaf", "7z", "a 7-Zip archive"),
    (b"RIFF", "riff", "a RIFF media file"), (b"\x7fELF", "program", "a program"),
    (b"OggS", "audio", "an audio file"), (b"ID3", "mp3", "an MP3 file"), (b"\x00\x00\x00", "media", "a media or binary file"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_BAD = 0.005          # share of U+FFFD accepted in a tolerant decoding (UTF-8, GB18030, Big5)
_MIN_PAIRS = 20           # adjacent Han pairs needed before a reading is judged by its words
_MIN_WORD_SHARE = 0.15    # real Chinese: 0.48–0.55 of pairs are words; mis-decoded bytes: < 0.02
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACE_ONLY = re.compile(r"[\s\u3000\u200b\ufeff]*")
_TEXTLIKE = re.compile(r"[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2000-\u206f\u00a0-\u00ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")


def decode(data: bytes) -> Decoded:
    """Decode a document's raw bytes; raise an ``IngestError`` subclass if they are not text."""
    if not data:
        raise EmptyInputError("The file is empty.", "empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data.decode(enc), enc, True))
            except UnicodeDecodeError:
                raise UndecodableError(
                    f"The file starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()}.",
                    "bad_bom", encoding=enc.upper()) from None
    _refuse_signature(data)
    if b"\x00" in data[:65536]:
        readings = [r for r in _utf16_readings(data, nul_parity=True) if _textlike(r.text) >= 0.95
                    and (_word_share(r.text)[1] < 3 or _score(r.text) >= _MIN_WORD_SHARE)]
        if readings:
            return _checked(_judged(max(readings, key=lambda d: _score(d.text)), data))
        raise BinaryInputError("This file contains binary data (NUL bytes), not text. "
                               "Upload a .txt or .html file (UTF-16 files need a byte-order mark).", "nul_bytes")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    loose = _loose(data, "utf-8")
    if loose:
        return _checked(loose)
    candidates = [c for c in (_try(data, "gb18030"), _try(data, "big5") or _try(data, "big5hkscs")) if c]
    candidates += [r for r in _utf16_readings(data) if _textlike(r.text) >= 0.95]
    if not candidates:
        candidates = [c for c in (_loose(data, "gb18030"), _loose(data, "big5")) if c]
    if not candidates:
        raise UndecodableError(
            "The file is not in an encoding we can read (UTF-8, UTF-16 with BOM, GB18030/GBK or Big5). "
            "Save it as UTF-8 and upload it again.", "undecodable")
    best = max(candidates, key=lambda d: _score(d.text)) if len(candidates) > 1 else candidates[0]
    return _checked(_judged(best, data))


def _try(data: bytes, enc: str) -> Decoded | None:
    try:
        return Decoded(data.decode(enc), enc)
    except UnicodeDecodeError:
        return None


def _loose(data: bytes, enc: str) -> Decoded | None:
    """``enc`` with bad bytes replaced by U+FFFD, if they are at most ``_MAX_BAD`` of the text."""
    text = data.decode(enc, errors="replace")
    n_bad = text.count("\ufffd")
    if len(text) > 20 and n_bad <= max(1, _MAX_BAD * len(text)):
        return Decoded(text, enc)
    return None


def _utf16_readings(data: bytes, nul_parity: bool = False) -> list[Decoded]:
    """Strict UTF-16 LE and BE readings of BOM-less bytes (an even number of them). With
    ``nul_parity``, only a byte order whose high bytes hold at least 90 % of the NUL bytes (the
    ASCII characters of UTF-16 text) is tried."""
    if len(data) < 4 or len(data) % 2:
        return []
    out = []
    sample = data[:65536]
    nuls = sample.count(0)
    for enc, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if nul_parity and high.count(0) < 0.9 * nuls:
            continue
        d = _try(data, enc)
        if d:
            out.append(d)
    return out


def _textlike(text: str) -> float:
    sample = text[:20_000]
    return len(_TEXTLIKE.findall(sample)) / max(1, len(sample))


def _score(text: str) -> float:
    """How much a reading looks like Chinese prose: its share of dictionary word pairs."""
    return _word_share(text)[0]


def _judged(d: Decoded, data: bytes) -> Decoded:
    """Refuse a reading whose Han pairs are hardly ever words (mis-decoded bytes, not Chinese)."""
    share, n_pairs = _word_share(d.text)
    if n_pairs < _MIN_PAIRS or share >= _MIN_WORD_SHARE:
        return d
    for enc in ("shift_jis", "cp932", "euc_jp"):
        jp = _try(data, enc)
        if jp and len(_KANA.findall(jp.text[:20_000])) >= 10:
            raise UndecodableError("This looks like Japanese text (Shift-JIS or EUC-JP), not Chinese. "
                                   "Upload Chinese documents (UTF-8, GB18030 or Big5).", "japanese")
    raise UndecodableError(
        f"The file decodes as {d.encoding.upper()} but reads as noise, not Chinese: it is probably in "
        "another encoding. Save it as UTF-8 and upload it again.", "noise", encoding=d.encoding.upper())


def _refuse_signature(data: bytes) -> None:
    head = data[:16]
    for sig, kind, what in _SIGNATURES:
        if head.startswith(sig):
            raise BinaryInputError(f"This looks like {what}, not a text document. Upload a .txt or .html file.",
                                   "binary", kind=kind)


def _checked(d: Decoded) -> Decoded:
    """Refuse decoded text that is empty, whitespace or mostly control characters."""
    if _SPACE_ONLY.fullmatch(d.text):
        raise EmptyInputError("The file contains only whitespace, no text.", "whitespace")
    sample = d.text[:65536]
    if len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise BinaryInputError("This file is mostly control characters: it looks binary, not a text document.",
                               "control")
    return d


@functools.lru_cache(maxsize=1)
def _word_pairs() -> frozenset[str]:
    """Two-character words of jieba's main dictionary (used only to tell encodings apart)."""
    import jieba
    path = Path(jieba.__file__).parent / "dict.txt"
    out = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            w = line.split(" ", 1)[0]
            if len(w) == 2:
                out.add(w)
    return frozenset(out)


def _word_share(text: str) -> tuple[float, int]:
    """(share of adjacent Han pairs that are dictionary words after t2s, number of pairs), on the
    first 20 000 characters."""
    from core.script import get_converter
    sample = get_converter("t2s").convert(text[:20_000])
    words = _word_pairs()
    han = [ch if "\u4e00" <= ch <= "\u9fff" else " " for ch in sample]
    pairs = [a + b for a, b in zip(han, han[1:]) if a != " " and b != " "]
    if not pairs:
        return 0.0, 0
    return sum(1 for p in pairs if p in words) / len(pairs), len(pairs)


def _plausibility(text: str) -> float:
    """Share of adjacent Han pairs that are dictionary words, after t2s (first 20 000 chars)."""
    return _word_share(text)[0]
