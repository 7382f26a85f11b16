"""Share links (issue 9): a page's filters, regions, tab and language live in the URL and a link
restores them; reader links stay in the session (AppTest, hosted mode, on the bundled corpus)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
HOME = str(ROOT / "app.py")
SCORECARD = "pages/1_Regional_scorecard.py"
STRATEGIES = "pages/2_Slogans_and_strategies.py"
TARGETS = "pages/3_Target_tracking.py"
READER = "pages/4_Document_reader.py"


@pytest.fixture(autouse=True)
def _hosted(monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "1")


def open_link(page: str, **query) -> AppTest:
    """A fresh session opening ``page`` with the query parameters of a shared link."""
    at = AppTest.from_file(HOME, default_timeout=30)
    at.run()
    at.switch_page(page)
    at.query_params.clear()
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def params(at: AppTest) -> dict:
    return {k: (v if isinstance(v, list) else [v]) for k, v in dict(at.query_params).items()}


def test_a_scorecard_link_restores_regions_tab_search_and_language():
    at = open_link(SCORECARD, score_regions=["威海市", "聊城市"], score_tab="all", score_search="增加值", lang="en")
    assert at.title[0].value == "Regional scorecard"
    assert at.multiselect(key="_score_regions_en").value == ["威海市", "聊城市"]
    assert at.session_state["score_tab"] == "all"
    assert at.text_input(key="score_search").value == "增加值"
    figures = next(d.value for d in at.dataframe if "Hedge" in d.value.columns)
    assert len(figures) and set(figures["Region"]) <= {"Weihai", "Liaocheng"}
    assert figures["Source sentence"].str.contains("增加值").all()
    # the URL still says what is shown
    assert params(at)["score_regions"] == ["威海市", "聊城市"] and params(at)["lang"] == ["en"]


def test_changing_a_choice_rewrites_the_url_and_the_default_leaves_it():
    at = open_link(SCORECARD)
    assert "score_regions" not in params(at) and "lang" not in params(at)
    at.multiselect(key="_score_regions_zh").select("临沂市").run()
    assert params(at)["score_regions"] == ["临沂市"]
    at.multiselect(key="_score_regions_zh").unselect("临沂市").run()
    assert "score_regions" not in params(at)
    at.sidebar.radio(key="_lang_toggle").set_value("en").run()
    assert params(at)["lang"] == ["en"]


def test_a_url_value_is_applied_once_and_never_overrides_a_later_choice():
    at = open_link(STRATEGIES, strat_regions=["临沂市", "威海市"])
    box = at.multiselect(key="_strat_regions_zh")
    assert box.value == ["临沂市", "威海市"]
    box.select("聊城市").run()
    assert at.multiselect(key="_strat_regions_zh").value == ["临沂市", "威海市", "聊城市"]
    at.run()  # the page's own URL is not a new link
    assert at.multiselect(key="_strat_regions_zh").value == ["临沂市", "威海市", "聊城市"]
    assert params(at)["strat_regions"] == ["临沂市", "威海市", "聊城市"]


def test_an_empty_parameter_means_nothing_chosen_and_invalid_values_are_ignored():
    at = open_link(STRATEGIES, strat_regions="")
    assert at.multiselect(key="_strat_regions_zh").value == []
    assert at.warning and "两个" in at.warning[0].value
    at = open_link(SCORECARD, score_regions=["不存在市", "<script>"])
    assert at.multiselect(key="_score_regions_zh").value == []  # all regions, as without the link


def test_target_filters_and_the_open_detail_come_from_the_link():
    at = open_link(TARGETS, targets_f_status="achieved", targets_f_region="聊城市")
    assert at.multiselect(key="_targets_f_status_zh").value == ["achieved"]
    table = next(d.value for d in at.dataframe if "状态" in d.value.columns)
    assert len(table) and set(table["状态"]) == {"已达成"} and set(table["地区"]) == {"聊城市"}


def test_reader_link_restores_document_and_tab():
    at = open_link(READER, doc="002_36f57807dadc5560", reader_tab="repairs")
    assert at.selectbox(key="_reader_doc_zh").value == "002_36f57807dadc5560"
    assert at.session_state["reader_tab"] == "repairs"


def test_a_table_row_opens_the_reader_in_the_same_session_with_uploads_and_language():
    at = AppTest.from_file(HOME, default_timeout=30).run()
    at.text_area(key="home_paste").input("威海市召开新闻发布会。今年前三季度，全市规上工业增加值增长8.4%。")
    at.text_input(key="home_paste_name").input("my_note")
    at.form_submit_button[0].click().run()
    at.sidebar.radio(key="_lang_toggle").set_value("en").run()
    docs = next(d.value for d in at.dataframe if "Characters" in d.value.columns)
    row = list(docs.iloc[:, 0]).index("my_note")
    at.session_state["home_docs"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    link = next(p.proto for p in at.get("page_link") if p.proto.label == "Open the selected row in the reader")
    assert link.page == "Document_reader" and not link.external  # same tab: no new session
    assert link.query_string == "doc=my_note&lang=en"
    # following it: the same session still has the upload and the language
    at.switch_page(READER)
    at.query_params.clear()
    at.query_params["doc"] = "my_note"
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Document reader"
    assert at.selectbox(key="_reader_doc_en").value == "my_note"
    assert not at.warning  # the document is known here


def test_no_table_uses_a_link_column_that_would_open_a_new_tab():
    for page in (None, SCORECARD):
        at = AppTest.from_file(HOME, default_timeout=30).run()
        if page:
            at.switch_page(page).run()
        for df in at.dataframe:
            config = df.proto.columns or ""
            assert "link" not in str(config).lower(), config


def test_choices_of_widgets_no_longer_shown_leave_the_url():
    at = open_link(STRATEGIES, strat_regions=["临沂市", "威海市", "聊城市"])
    at.selectbox(key="_strat_draw_聊城市_zh").select_index(1).run()
    assert "strat_draw_聊城市" in params(at)
    at.multiselect(key="_strat_regions_zh").unselect("聊城市").run()
    assert "strat_draw_聊城市" not in params(at)
