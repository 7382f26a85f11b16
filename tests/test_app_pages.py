"""AppTest runs of every page on the seeds: renders, filters, language toggle, uploads, reader links."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
HOME = str(ROOT / "app.py")
# the bundled corpus: the five seeds and the six real follow-up reports (seeds/followups)
N_BUNDLED = len(list((ROOT / "seeds").glob("*.txt"))) + len(list((ROOT / "seeds" / "followups").glob("*.txt")))
SCORECARD = "pages/1_Regional_scorecard.py"
STRATEGIES = "pages/2_Slogans_and_strategies.py"
READER = "pages/4_Document_reader.py"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" \
      b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"


def unescape(markdown: str) -> str:
    """What a markdown-escaped message shows (ui.safe.md backslash-escapes punctuation)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")  # and the word joiners in URLs


@pytest.fixture(autouse=True)
def _hosted(monkeypatch):
    """Hosted mode by default: uploads stay in the session (APP_DATA is a tmp folder: conftest)."""
    monkeypatch.setenv("APP_HOSTED", "1")


def open_page(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=30)
    at.run()
    if page:
        at.switch_page(page)
        for k, v in query.items():
            at.query_params[k] = v
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def all_text(at: AppTest) -> str:
    parts = [e.value for e in (*at.title, *at.header, *at.subheader, *at.caption, *at.markdown,
                                *at.info, *at.warning, *at.error, *at.success)]
    parts += [w.label for w in (*at.selectbox, *at.multiselect, *at.text_input, *at.text_area)]
    return "\n".join(str(p) for p in parts)


TABLE_MARKS = {  # a column (or index name) that only this table has, per language
    "home_docs": ("字数", "Characters"), "home_repairs": ("原文片段", "Original snippets"),
    "score_matrix": ("指标", "Indicator"), "score_all": ("限定词", "Hedge"),
}


def table(at: AppTest, key: str):
    """The shown table ``key`` (AppTest has no lookup of non-interactive tables by key)."""
    for df in at.dataframe:
        value = df.value
        if any(m in value.columns or m == value.index.name for m in TABLE_MARKS[key]):
            return value
    raise KeyError(key)


def button(at: AppTest, label: str):
    return next(b for b in at.form_submit_button if b.label == label)


def to_english(at: AppTest) -> AppTest:
    at.sidebar.radio(key="_lang_toggle").set_value("en").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_home_lists_the_seed_documents_with_regions_and_repairs():
    at = open_page()
    docs = table(at, "home_docs")
    assert len(docs) == N_BUNDLED == 11
    assert {"威海市", "山东省", "聊城市", "临沂市"} <= set(docs.iloc[:, 1])
    repairs = table(at, "home_repairs")
    assert len(repairs) > 0 and repairs.iloc[:, 3].sum() > 0  # counts of what was repaired
    assert int(at.metric[0].value) == N_BUNDLED
    # the snippets of the rows shown (read for those rows alone) are the pipeline's, row by row
    from core.corpus import load_corpus, repairs_frame
    from ui.settings import bundled_folders
    direct = repairs_frame(load_corpus(bundled_folders()).documents).head(len(repairs))
    assert list(repairs["原文片段"]) == [" | ".join(map(str, s)) for s in direct["samples"]]
    assert any(repairs["原文片段"])


def test_home_language_toggle_translates_the_ui():
    at = open_page()
    assert at.title[0].value == "新型工业化·区域政策比较"
    to_english(at)
    assert at.title[0].value == "New industrialization: regional policy comparison"
    docs = table(at, "home_docs")
    assert "Region" in docs.columns and "地区" not in docs.columns
    assert {"Weihai", "Liaocheng"} <= set(docs["Region"])
    assert "Press conference" in set(docs["Genre"])
    at.switch_page(SCORECARD).run()  # the choice follows to other pages
    assert at.title[0].value == "Regional scorecard"


def test_paste_adds_a_document_with_detected_region_and_editable_date():
    at = open_page()
    at.text_area(key="home_paste").input("威海市召开新闻发布会。今年前三季度，全市规上工业增加值增长8.4%。")
    at.text_input(key="home_paste_name").input("weihai_note")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("weihai_note" in unescape(s.value) for s in at.success)
    docs = table(at, "home_docs")
    assert len(docs) == N_BUNDLED + 1
    row = docs[docs.iloc[:, 0] == "weihai_note"].iloc[0]
    assert row.iloc[1] == "威海市"
    # correct the date of the added document
    at.text_input(key="meta_date_weihai_note").input("2024-10")
    button(at, "保存").click().run()
    assert not at.exception
    docs = table(at, "home_docs")
    assert docs[docs.iloc[:, 0] == "weihai_note"].iloc[0].iloc[3] == "2024-10"
    button(at, "移除此文档").click().run()
    assert "weihai_note" not in set(table(at, "home_docs").iloc[:, 0])


def test_bad_date_is_refused_with_a_message():
    at = open_page()
    at.text_area(key="home_paste").input("临沂市工业经济运行情况。")
    at.text_input(key="home_paste_name").input("linyi_note")
    at.form_submit_button[0].click().run()
    at.text_input(key="meta_date_linyi_note").input("last spring")
    button(at, "保存").click().run()
    assert not at.exception
    assert at.error and "YYYY" in at.error[0].value


def test_uploading_a_binary_file_shows_an_error_not_a_traceback():
    at = open_page()
    at.file_uploader(key="home_upload").set_value(("picture.txt", PNG * 20, "text/plain")).run()
    assert not at.exception
    assert at.error and "picture.txt" in unescape(at.error[0].value) and "PNG" in at.error[0].value
    assert len(table(at, "home_docs")) == N_BUNDLED


def test_uploading_gb18030_and_big5_files_adds_documents():
    at = open_page()
    at.file_uploader(key="home_upload").set_value([
        ("gbk.txt", "聊城市制造业提质行动，规上工业增加值增长10.2%。".encode("gb18030"), "text/plain"),
        ("big5.txt", "臨沂市工業經濟運行平穩，規上工業增加值增長9%。".encode("big5"), "text/plain"),
    ]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    docs = table(at, "home_docs")
    added = docs[docs.iloc[:, 0].isin(["gbk", "big5"])]
    assert set(added.iloc[:, 1]) == {"聊城市", "临沂市"}


def test_local_mode_saves_uploads_to_disk(monkeypatch, app_data):
    monkeypatch.setenv("APP_HOSTED", "0")
    at = open_page()
    at.text_area(key="home_paste").input("济南市新闻发布会。")
    at.text_input(key="home_paste_name").input("jinan")
    at.form_submit_button[0].click().run()
    assert (app_data / "uploads" / "jinan.txt").read_bytes() == "济南市新闻发布会。".encode("utf-8")
    fresh = open_page()  # a new session sees the saved document
    assert "jinan" in set(table(fresh, "home_docs").iloc[:, 0])


def test_hosted_uploads_are_not_seen_by_another_session():
    at = open_page()
    at.text_area(key="home_paste").input("威海市新闻发布会。")
    at.text_input(key="home_paste_name").input("private")
    at.form_submit_button[0].click().run()
    assert "private" in set(table(at, "home_docs").iloc[:, 0])
    other = open_page()
    assert "private" not in set(table(other, "home_docs").iloc[:, 0])


def test_scorecard_renders_matrix_and_filters_by_region():
    at = open_page(SCORECARD)
    matrix = table(at, "score_matrix")
    assert len(matrix) > 0 and len(matrix.columns) >= 2
    at.multiselect(key="_score_regions_zh").set_value(["威海市"]).run()
    assert not at.exception
    matrix = table(at, "score_matrix")
    assert list(matrix.columns) == ["威海市"]
    found = table(at, "score_all")
    assert set(found.iloc[:, 0]) == {"威海市"}


def test_scorecard_search_and_kind_filter():
    at = open_page(SCORECARD)
    everything = len(table(at, "score_all"))
    at.text_input(key="score_search").input("增加值").run()
    hits = table(at, "score_all")
    assert 0 < len(hits) < everything
    assert hits.iloc[:, 10].str.contains("增加值").all() or hits.iloc[:, 3].str.contains("增加值").any()
    at.multiselect(key="_score_kinds_zh").set_value(["target"]).run()
    targets = table(at, "score_all")
    assert set(targets.iloc[:, 2]) <= {"目标"}


def test_scorecard_in_english_uses_english_indicator_names():
    at = to_english(open_page(SCORECARD))
    assert at.title[0].value == "Regional scorecard"
    rows = list(table(at, "score_matrix").index)
    assert rows and not [r for r in rows if re.search(r"[\u4e00-\u9fff]", r)], rows
    assert "查看原句" not in all_text(at)


def test_scorecard_in_english_names_the_scope_of_ranks_in_english():
    at = to_english(open_page(SCORECARD))
    scopes = [v for df in at.dataframe if "Scope" in df.value.columns for v in df.value["Scope"] if v]
    assert "provincial" in scopes  # the seeds' 全省第1 claims
    assert not [v for v in scopes if re.search(r"[\u4e00-\u9fff]", str(v))], scopes


def test_scorecard_source_sentence_on_demand():
    at = open_page(SCORECARD)
    at.selectbox(key="_score_pick_zh").select_index(1).run()
    assert not at.exception
    quote = [m.value for m in at.markdown if "<blockquote" in m.value]
    assert quote and "<mark" in quote[0]


def test_strategies_default_regions_and_language():
    at = open_page(STRATEGIES)
    assert at.multiselect(key="_strat_regions_zh").value == ["聊城市", "威海市"]
    subheads = [s.value for s in at.subheader]
    assert "聊城市" in subheads and "威海市" in subheads
    to_english(at)
    subheads = [s.value for s in at.subheader]
    assert "Liaocheng" in subheads and "Weihai" in subheads
    assert at.multiselect(key="_strat_regions_en").value == ["聊城市", "威海市"]


def test_strategies_needs_two_regions_and_accepts_three():
    at = open_page(STRATEGIES)
    at.multiselect(key="_strat_regions_zh").set_value(["威海市"]).run()
    assert not at.exception and at.warning
    at.multiselect(key="_strat_regions_zh").set_value(["威海市", "聊城市", "临沂市"]).run()
    assert not at.exception and not at.warning
    assert {"威海市", "聊城市", "临沂市"} <= {s.value for s in at.subheader}


def test_reader_opens_the_document_and_offset_from_query_params(seed_docs):
    doc = seed_docs["002"]
    fig = doc.figures[0]
    at = open_page(READER, doc=doc.doc_id, start=str(fig.start))
    assert at.selectbox(key="_reader_doc_zh").value == doc.doc_id
    html = "\n".join(m.value for m in at.markdown if "doc-text" in m.value)
    assert 'id="focus"' in html
    assert at.info and str(fig.start) in at.info[0].value


def test_reader_shows_the_rule_trace_of_the_figure_it_opened_at(seed_docs):
    doc = seed_docs["002"]
    fig = next(f for f in doc.figures if f.kind == "target")
    at = open_page(READER, doc=doc.doc_id, start=str(fig.start))
    picker = at.selectbox(key=f"_reader_rules_fig_{doc.doc_id}_zh")
    assert doc.figures[picker.value].start == fig.start
    trace = next(d.value for d in at.dataframe if list(d.value.columns)[:3] == ["步骤", "阶段", "规则"])
    assert list(trace["规则"]) == [r.partition("=")[0] for r in fig.rules]
    assert any(r.startswith("kind:target") for r in trace["规则"])


def test_reader_escapes_html_in_documents():
    at = open_page()
    at.text_area(key="home_paste").input("威海市发布会。产值<100亿元 & 增长>5%。")
    at.text_input(key="home_paste_name").input("evil")
    at.form_submit_button[0].click().run()
    at.switch_page(READER)
    at.query_params["doc"] = "evil"
    at.run()
    assert not at.exception
    html = "\n".join(m.value for m in at.markdown if "doc-text" in m.value)
    assert "产值&lt;" in html and "&amp; 增长&gt;" in html
    assert "<100" not in html and "& 增长" not in html


def test_reader_unknown_doc_warns_and_language_toggle():
    at = open_page(READER, doc="nope")
    assert at.warning and "nope" in at.warning[0].value
    to_english(at)
    assert at.title[0].value == "Document reader"
    assert "修复记录" not in all_text(at)


def test_a_document_without_a_region_is_unknown_with_a_visible_note(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "1")           # keep the paste in this session only
    at = open_page()
    assert not at.warning or not any("地区依据" in w.value for w in at.warning)
    at.text_area(key="home_paste").input("全行业营业收入增长5%，利润增长8%，企业效益持续改善。")
    at.text_input(key="home_paste_name").input("no_region")
    at.form_submit_button[0].click().run()
    assert not at.exception
    docs = table(at, "home_docs")
    row = docs[docs.iloc[:, 0] == "no_region"].iloc[0]
    assert row.iloc[1] == "（地区未识别）"
    assert "地名库" in row["地区依据"]                        # why no region was set, in Chinese
    assert any("地区依据" in w.value for w in at.warning)
