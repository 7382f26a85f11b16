"""Decoding is as tolerant for GB18030/Big5 as for UTF-8, finds UTF-16 without a BOM, refuses
mis-decoded noise (Shift-JIS read as GB18030) and names every error for translation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.document import load_document
from core.ingest import BinaryInputError, EmptyInputError, IngestError, UndecodableError, decode
from core.normalize import normalize
from tests.conftest import ROOT, seed_bytes

TEXT = seed_bytes("000").decode("utf-8")
JAPANESE = ("日本の首都は東京です。経済産業省は新しい産業政策を発表しました。製造業のデジタル化を推進し、"
            "中小企業の生産性を向上させることを目指しています。") * 8


def _with_bad_byte(data: bytes, at: int, bad: bytes) -> bytes:
    while data[at] >= 0x80:            # insert between two characters, not inside one
        at += 1
    return data[:at] + bad + data[at:]


@pytest.mark.parametrize("enc, bad", [("gb18030", b"\xff"), ("big5", b"\x80")])
def test_one_bad_byte_keeps_the_document_and_is_flagged(enc, bad):
    text = "".join(ch for ch in TEXT if ch.encode(enc, errors="ignore"))  # what enc can hold
    data = _with_bad_byte(text.encode(enc), 3000, bad)
    d = decode(data)
    assert d.encoding == enc and d.text.count("\ufffd") == 1
    assert d.text.replace("\ufffd", "") == text
    assert "mojibake" in normalize(d.text).defects


def test_many_bad_bytes_are_refused():
    data = TEXT.encode("gb18030")
    for at in range(100, len(data), 60):
        data = data[:at] + b"\xff" + data[at + 1:]
    with pytest.raises(UndecodableError):
        decode(data)


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [TEXT, "新型工业化推动制造业高质量发展，培育先进制造业集群。" * 20])
def test_utf16_without_bom_is_read(enc, text):
    d = decode(text.encode(enc))
    assert d.encoding == enc and not d.had_bom and d.text == text


@pytest.mark.parametrize("enc", ["shift_jis", "euc_jp"])
def test_japanese_is_refused_not_read_as_gb18030_noise(enc):
    with pytest.raises(UndecodableError) as err:
        decode(JAPANESE.encode(enc))
    assert err.value.code == "japanese"


def test_utf16_without_bom_is_not_accepted_as_gb18030_noise():
    d = decode("推动制造业高质量发展".encode("utf-16-le") * 10)
    assert d.encoding == "utf-16-le"


def test_short_odd_text_with_a_nul_is_still_binary():
    with pytest.raises(BinaryInputError):
        decode(b"text with a NUL \x00 inside")


def _labels() -> dict:
    out = {}
    for p in (ROOT / "ui" / "labels").glob("*.json"):
        out.update(json.loads(p.read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize("data", [b"", b"  \n", b"\x89PNG\r\n\x1a\n" + bytes(50), b"\x00" * 100,
                                  bytes(range(1, 32)) * 50, b"caf\xe9 \xff\xfe\xfd \x80\x81",
                                  JAPANESE.encode("shift_jis"), b"\xef\xbb\xbf\xff\xfe",
                                  b"\xff" * 40])
def test_every_error_has_a_code_with_labels_in_both_languages(data):
    with pytest.raises(IngestError) as err:
        decode(data)
    code = err.value.code
    labels = _labels()
    entry = labels.get(f"ingest.{code}")
    assert entry and entry.get("zh") and entry.get("en"), code
    for name in err.value.params:
        assert "{" + name + "}" in entry["zh"] and "{" + name + "}" in entry["en"]
    kind = err.value.params.get("kind")
    if kind:
        assert labels.get(f"ingest.kind.{kind}", {}).get("zh")


@pytest.mark.parametrize("html, left", [
    ('<p>正文</p><a title="</textarea><img src=x onerror=alert(1)>">链接</a>', "正文\n链接"),
    ("<p>一</p><<b>i>二", "一\n二"),
])
def test_tags_hidden_in_attributes_are_stripped(html, left):
    n = normalize(html)
    assert n.clean == left
    assert "<" not in n.clean and "title" not in n.clean


def test_load_document_of_utf16_without_bom():
    doc = load_document(TEXT.encode("utf-16-le"), "x.txt")
    assert doc.decoded.encoding == "utf-16-le" and doc.figures
