"""Pure display helpers of issue 9: periods in words, cells without None/nan, Chinese CSV headers,
store reasons in the UI language, reader links and URL encoding of choices."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from ui.periods import format_period


@pytest.mark.parametrize("period, zh, en", [
    ("2024-01..2024-10", "2024年1–10月", "Jan–Oct 2024"),
    ("2024-01..10", "2024年1–10月", "Jan–Oct 2024"),
    ("2023-11..2024-02", "2023年11月–2024年2月", "Nov 2023–Feb 2024"),
    ("2024-03..2024-03", "2024年3月", "Mar 2024"),
    ("2024", "2024年", "2024"),
    ("2024-10", "2024年10月", "Oct 2024"),
    ("2024-03-27", "2024年3月27日", "27 Mar 2024"),
    ("2024-Q1..Q3", "2024年前三季度", "Q1–Q3 2024"),
    ("2024-Q2..Q3", "2024年第二至第三季度", "Q2–Q3 2024"),
    ("2025-Q1", "2025年第一季度", "Q1 2025"),
    ("2024-H1", "2024年上半年", "H1 2024"),
    ("2024-H2", "2024年下半年", "H2 2024"),
    ("2021..2025", "2021–2025年", "2021–2025"),
])
def test_periods_read_as_words(period, zh, en):
    assert format_period(period, "zh") == zh
    assert format_period(period, "en") == en


@pytest.mark.parametrize("missing", [None, float("nan"), "", "nan", "None"])
def test_a_missing_period_is_empty(missing):
    assert format_period(missing, "zh") == "" == format_period(missing, "en")


def test_unknown_period_forms_come_back_unchanged():
    assert format_period("十四五时期", "en") == "十四五时期"
    assert format_period("2024-13", "zh") == "2024-13"  # no month 13: not rewritten


def test_every_period_of_the_seeds_is_formatted(seed_docs):
    periods = {f.period for d in seed_docs.values() for f in d.figures if f.period}
    assert len(periods) >= 5
    for p in periods:
        zh, en = format_period(p, "zh"), format_period(p, "en")
        assert ".." not in zh and ".." not in en, p
        assert "年" in zh and not any("\u4e00" <= c <= "\u9fff" for c in en), (p, zh, en)


def test_display_frame_never_shows_none_or_nan():
    from ui.present import display_frame
    df = pd.DataFrame({"a": ["x", None, float("nan")], "b": [1.5, math.nan, 3.0], "c": [1, 2, 3],
                       "d": [["威海", "聊城"], [], None]})
    out = display_frame(df)
    assert list(out["a"]) == ["x", "", ""]
    assert list(out["b"]) == ["1.5", "", "3"]
    assert out["c"].tolist() == [1, 2, 3]  # whole number columns stay numbers
    assert list(out["d"]) == ["威海, 聊城", "", ""]
    assert not out.isna().any().any()


def test_reader_urls_round_trip():
    from ui.tables import parse_reader_url, reader_url
    assert parse_reader_url(reader_url("004_562ea888fdbee69d", 120)) == ("004_562ea888fdbee69d", 120)
    assert parse_reader_url(reader_url("a b&c")) == ("a b&c", None)
    assert parse_reader_url(None) is None and parse_reader_url("Document_reader") is None


def test_url_encoding_of_choices():
    from ui.widgets import decode, encode
    assert encode(3) == "3" and encode(3.0) == "3" and encode("威海市") == "威海市"
    options = ["威海市", "聊城市", "临沂市"]
    assert decode(["聊城市", "不存在", "聊城市", "威海市"], options) == ["聊城市", "威海市"]
    assert decode(["2"], [0, 1, 2]) == [2]




ENGLISH_WORD = __import__("re").compile(r"[A-Za-z]{4,}")
KEPT = {"OpenCC", "created", "ISO", "FFFD", "YAML"}  # names, not English prose


@pytest.mark.parametrize("csv_text", [
    "",
    "region,indicator\n威海市,规上工业增加值\n",
    "region,indicator,value,value\n威海市,x,1,2\n",
    "region,indicator,value\n,规上工业增加值,1\n",
    "region,indicator,value\n威海市,,1\n",
    "region,indicator,value\n威海市,x,abc\n",
    "region,indicator,value\n威海市,x,\n",
    "region,indicator,value\n威海市,x,\"1,5\"\n",
    "region,indicator,value\n威海市,x,inf\n",
    "region,indicator,value\n威海市,x,1e-400\n",
    "region,indicator,value,period\n威海市,x,1,someday\n",
    "region,indicator,value,measure\n威海市,x,1,weird\n",
    "region,indicator,value,created_at\n威海市,x,1,yesterday\n",
    "region,indicator,value\n威海市,x,1,2,3\n",
    "region,indicator,value\n" + "长" * 600 + ",x,1\n",
])
def test_every_reason_the_store_gives_reads_in_chinese(csv_text, tmp_path):
    """Real refusals of core.store, translated by ui/labels/patterns/store.tsv: no English left."""
    import streamlit as st
    from core.store import ActualsStore, StoreImportError
    from ui.messages import store_reason
    store = ActualsStore(str(tmp_path / "a.sqlite3"))
    with pytest.raises(StoreImportError) as err:
        store.import_csv(csv_text)
    st.session_state["lang"] = "zh"
    try:
        for _, reason in err.value.errors:
            shown = store_reason(reason)
            import re
            codes = set(re.findall(r"[A-Za-z]+", " ".join(re.findall(r"([a-z_]+)（", shown))))  # values to type
            left = [w for w in ENGLISH_WORD.findall(shown) if w not in KEPT | codes and w not in reason.split("'")[1:2]]
            assert shown != reason and not left, (reason, shown)
        st.session_state["lang"] = "en"
        assert all(store_reason(r) == r for _, r in err.value.errors)
    finally:
        st.session_state["lang"] = "zh"


def test_every_source_and_note_of_the_corpus_reads_in_chinese(seed_docs):
    """Where each seed's and devset document's region and date came from (inferred, manifest
    ignored) and every repair note, in Chinese: no English prose left."""
    import streamlit as st
    from pathlib import Path
    from core.document import load_path
    from ui.messages import note_text, source_text
    docs = list(seed_docs.values()) + [load_path(p) for p in sorted(
        (Path(__file__).parent / "fixtures" / "devset" / "docs").glob("*.txt"))]
    st.session_state["lang"] = "zh"
    sources = {s for d in docs for s in (d.meta.region_source, d.meta.date_source) if s}
    notes = {r.note for d in docs for r in d.normalized.repairs if r.note}
    assert len(sources) >= 10 and len(notes) >= 3
    for text in sources:
        shown = source_text(text)
        quoted = " ".join(__import__("re").findall(r"'([^']*)'", text))
        left = [w for w in ENGLISH_WORD.findall(shown) if w not in KEPT and w not in quoted]
        assert not left, (text, shown)
    for text in notes:
        shown = note_text(text)
        assert not [w for w in ENGLISH_WORD.findall(shown) if w not in KEPT], (text, shown)
