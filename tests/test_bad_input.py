"""Hostile and degenerate input: typed errors for non-text, bounded time and no crash for odd text.

Time is guarded generously (a hang or a catastrophic regex would blow far past it); speed itself
is measured in bench/bench_normalize.py, not asserted here.
"""
from __future__ import annotations

import threading

import pytest

from core.ingest import IngestError, decode
from core.normalize import normalize
from tests.conftest import SEED_FILES

GUARD_SECONDS = 120


def run_guarded(fn, *args):
    """Run ``fn(*args)`` in a thread; fail if it does not finish within GUARD_SECONDS."""
    box: dict = {}

    def target():
        try:
            box["value"] = fn(*args)
        except BaseException as err:          # re-raised in the test thread
            box["error"] = err

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(GUARD_SECONDS)
    assert not t.is_alive(), f"{fn.__name__} did not finish within {GUARD_SECONDS} s"
    if "error" in box:
        raise box["error"]
    return box["value"]


def pipeline(data: bytes):
    return normalize(decode(data).text)


def check_result(n, source_len: int):
    assert isinstance(n.clean, str)
    assert len(n.clean) <= source_len
    for s in n.sentences:
        assert n.clean[s.start:s.end] == s.text and s.text


@pytest.mark.parametrize("data", [b"", b" \n\t \r\n", "\u3000 \n".encode(),
                                  b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
                                  bytes(range(256)) * 100, b"\x00" * 1000])
def test_non_text_gives_typed_error(data):
    with pytest.raises(IngestError):
        run_guarded(pipeline, data)


def _five_mb_of_seeds() -> bytes:
    one = b"\n".join(p.read_bytes() for p in SEED_FILES)
    return b"\n".join([one] * (5_000_000 // len(one) + 1))


PATHOLOGICAL = {
    "parens": "(" * 1_000_000,
    "han_parens": "發(" * 300_000 + "fā" * 100_000,
    "unclosed_glosses": "發(fā" * 200_000,
    "digits": "1234567890" * 500_000,
    "digit_dashes": "1—" * 500_000,
    "question_marks": "中?" * 300_000 + "?" * 300_000,
    "commas": "，," * 500_000,
    "quotes": "“" * 300_000 + "。" * 1000 + "”" * 1000,
    "lt": "<" * 500_000 + "<p" * 200_000,
    "unclosed_script": "<p>正文。</p>" + "<script>" * 200_000,
    "entities": "&#" * 300_000 + "&amp" * 100_000,
    "spaces": " \u3000\u00a0\u200b" * 300_000,
    "newlines": "\r\n" * 500_000 + "一句话。",
    "one_long_line": "增长8.4%，" * 400_000,
    "timestamps": "2025-08-04 10:23:41\n" * 100_000,
    "short_lines": "美丽威海湾\n" * 300_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_text_is_handled(name):
    text = PATHOLOGICAL[name]
    n = run_guarded(normalize, text)
    check_result(n, len(text))


def test_html_with_script_through_the_whole_chain():
    page = ("<!DOCTYPE html><html><body><script>if (a < b) { alert('x'); }</script>"
            "<p>全市规上工业增加值增长8.4%。</p><style>.x{}</style></body></html>").encode()
    n = run_guarded(pipeline, page)
    assert "alert" not in n.clean and "全市规上工业增加值增长8.4%。" in n.clean
    assert "html" in n.defects


def test_five_megabytes_of_text():
    data = _five_mb_of_seeds()
    assert len(data) >= 5_000_000
    n = run_guarded(pipeline, data)
    check_result(n, len(data))
    assert "人工智能" in n.clean and len(n.sentences) > 10_000


@pytest.mark.parametrize("text", ["?", "(", "”", "。", "\ufffd", "a", "發(fā)", "<p>", "&amp;", "1—", "\ufdd0"])
def test_tiny_inputs(text):
    check_result(normalize(text), len(text))
