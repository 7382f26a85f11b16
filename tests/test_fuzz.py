"""Fuzz decode -> normalize -> extract (hypothesis), bounded in time.

For any bytes: either a typed ``IngestError`` or a document whose records are strict JSON, whose
offsets lie inside the clean text with their sentence around the span, and whose extractors did
not fail. Examples per strategy: ``FUZZ_EXAMPLES`` (default 150); each must finish within
``FUZZ_DEADLINE_S`` seconds (default 10, generous: a typical input takes 20 ms).
"""
from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.document import load_document
from core.ingest import IngestError
from core.records import iter_records, strict_json

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=float(os.environ.get("FUZZ_DEADLINE_S", "10"))),
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RUN = {"inputs": 0, "documents": 0, "typed_errors": 0}

# pieces of real documents and of the attacks of issue 11, recombined by hypothesis
TOKENS = [
    "全市", "规上工业增加值", "增长", "8.4%", "1—10月", "2024年", "力争", "确保", "新增", "家", "个", "亿元",
    "万元", "个百分点", "全省第", "1", "首位", "居全国", "第一", "一", "两千", "三分之一", "3/4", "9" * 40,
    "“", "”", "「", "」", "《", "》", "“4”即", "“1+4+N”", "435", "12345·10", "十大行动", "链长", "制",
    "链长”制", "头号工程", "十条产业链", "高端化", "智能化", "绿色化", "、", "，", "。", "；", "：", "\n",
    " ", "?", "\ufffd", "發(fā)", "(", ")", "<p>", "</p>", "<img src=x>", "&amp;", "&#12290;", "=HYPERLINK(",
    "![t](http://127.0.0.1/x.png)", "[官网](http://x)", "<script>", "威海市", "山东省", "聊城市", "约", "左右",
    "以上", "超过", "其中", "分别", "等", "一是", "二是", "即", "就是", "\u200b", "\u3000", "１２", "％",
]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be"]


@pytest.fixture(scope="module", autouse=True)
def _report():
    """How many inputs the strategies tried (shown with ``pytest -s``)."""
    yield
    print(f"\nfuzz: {RUN['inputs']} inputs, {RUN['documents']} documents, {RUN['typed_errors']} typed errors")


def _tokens() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(TOKENS), min_size=1, max_size=120).map("".join)


def _encoded(text: str, enc: str) -> bytes:
    return text.encode(enc, errors="replace")


def _strict_loads(line: str):
    def refuse(name):
        raise ValueError(f"non-standard JSON constant {name}")
    return json.loads(line, parse_constant=refuse)


def _inside(clean: str, sentence: str, start: int, end: int) -> bool:
    """``sentence`` occurs in ``clean`` at a place covering [start, end)."""
    lo = max(0, end - len(sentence))
    k = clean.find(sentence, lo)
    while 0 <= k <= start:
        if k + len(sentence) >= end:
            return True
        k = clean.find(sentence, k + 1)
    return False


def check(data: bytes) -> None:
    RUN["inputs"] += 1
    try:
        doc = load_document(data, "fuzz.txt")
    except IngestError as err:
        RUN["typed_errors"] += 1
        assert str(err) and err.code
        return
    RUN["documents"] += 1
    clean = doc.clean
    assert not [d for d in doc.normalized.defects if d.startswith("extraction_failed")], doc.normalized.defects
    for s in doc.normalized.sentences:
        assert clean[s.start:s.end] == s.text
    for rec in iter_records(doc):
        _strict_loads(strict_json(rec))
    for rec in [*doc.figures, *doc.slogans, *doc.themes, *doc.chains]:
        assert 0 <= rec.start <= rec.end <= len(clean), rec
        assert clean[rec.start:rec.end] in rec.sentence, rec
        assert _inside(clean, rec.sentence, rec.start, rec.end), rec
    for f in doc.figures:
        assert clean[f.start:f.end] == f.text, f
    for s in doc.slogans:
        assert clean[s.start:s.end] == s.text, s


@SETTINGS
@given(st.binary(max_size=3000))
def test_fuzz_raw_bytes(data):
    check(data)


@SETTINGS
@given(_tokens(), st.sampled_from(ENCODINGS))
def test_fuzz_recombined_documents(text, enc):
    check(_encoded(text, enc))


@SETTINGS
@given(st.text(max_size=1500), st.sampled_from(ENCODINGS))
def test_fuzz_any_unicode(text, enc):
    check(_encoded(text, enc))


@SETTINGS
@given(_tokens(), st.integers(min_value=1, max_value=60))
def test_fuzz_long_runs(text, times):
    check((text * times)[:20_000].encode("utf-8"))
