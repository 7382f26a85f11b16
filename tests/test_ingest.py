"""core.ingest: encodings of the real seeds, and typed errors for what is not text."""
from __future__ import annotations

import codecs

import pytest

from core.ingest import BinaryInputError, EmptyInputError, IngestError, UndecodableError, decode
from core.normalize import normalize
from tests.conftest import SEED_FILES, seed_bytes

PREFIXES = ["000", "001", "002", "003", "004"]


def _text(prefix: str) -> str:
    return seed_bytes(prefix).decode("utf-8")


def _encodable_lines(text: str, enc: str) -> str:
    """The lines of ``text`` that ``enc`` can represent exactly (so a re-encoding is honest)."""
    keep = []
    for line in text.split("\n"):
        try:
            line.encode(enc)
        except UnicodeEncodeError:
            continue
        keep.append(line)
    return "\n".join(keep)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_utf8_decodes_exactly(prefix):
    d = decode(seed_bytes(prefix))
    assert d.encoding == "utf-8" and not d.had_bom
    assert d.text == _text(prefix)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_gbk_reencoding_gives_same_clean_text(prefix):
    text = _text(prefix)
    data = text.encode("gbk")            # strict: every seed is representable in GBK
    d = decode(data)
    assert d.encoding == "gb18030"
    assert d.text == text
    assert normalize(d.text).clean == normalize(text).clean


@pytest.mark.parametrize("prefix,enc", [("003", "big5hkscs"), ("002", "big5hkscs"), ("003", "big5"),
                                        ("001", "big5hkscs")])
def test_big5_reencoding_gives_same_clean_text(prefix, enc):
    text = _text(prefix)
    part = _encodable_lines(text, enc)   # strict Big5 lacks a few characters (撒手鐧, pinyin ā)
    assert len(part) > 0.3 * len(text)
    d = decode(part.encode(enc))
    assert d.encoding.startswith("big5"), d.encoding      # not misread as GB18030
    assert d.text == part
    assert normalize(d.text).clean == normalize(part).clean


def test_whole_traditional_seed_in_big5hkscs_is_the_same_document():
    text = _text("003")
    d = decode(text.encode("big5hkscs"))
    assert d.text == text
    clean = normalize(d.text).clean
    assert "人工智能" in clean and clean == normalize(text).clean


@pytest.mark.parametrize("bom,enc", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                                     (codecs.BOM_UTF8, "utf-8")])
def test_boms(bom, enc):
    text = _text("004")
    d = decode(bom + text.encode(enc))
    assert d.had_bom
    assert d.text == text


def test_slightly_damaged_utf8_is_read_and_the_damage_flagged():
    data = bytearray(seed_bytes("000"))
    i = data.index("新型工业化".encode())
    data[i] = 0xFF                                   # break one character
    d = decode(bytes(data))
    assert d.encoding == "utf-8" and d.text.count("\ufffd") >= 1
    n = normalize(d.text)
    assert "mojibake" in n.defects
    spot = next(r for r in n.repairs if r.kind == "mojibake").spans[0]
    assert "\ufffd" in n.clean[spot[0]:spot[1]]
    assert any(s.damaged and "\ufffd" in s.text for s in n.sentences)


@pytest.mark.parametrize("data,err", [
    (b"", EmptyInputError),
    (b"   \n\t\r\n ", EmptyInputError),
    ("\u3000\u3000\n".encode("utf-8"), EmptyInputError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), BinaryInputError),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", BinaryInputError),
    (b"PK\x03\x04" + bytes(100), BinaryInputError),
    (b"text with a NUL \x00 inside", BinaryInputError),
    (bytes(range(1, 32)) * 50, BinaryInputError),
    (b"caf\xe9 \xff\xfe\xfd \x80\x81", UndecodableError),
])
def test_not_text_raises_typed_error_with_readable_message(data, err):
    with pytest.raises(err) as info:
        decode(data)
    assert isinstance(info.value, IngestError)
    msg = str(info.value)
    assert 15 < len(msg) < 300 and "Traceback" not in msg


def test_every_seed_file_is_covered():
    assert [p.name[:3] for p in SEED_FILES] == PREFIXES
