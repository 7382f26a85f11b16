"""The pages under hostile input (issue 11): clear messages, nothing rendered as markdown, no crash."""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app_pages import HOME, READER, open_page, table, unescape

ROOT = Path(__file__).resolve().parent.parent
TARGETS = "pages/3_Target_tracking.py"
STRATEGIES = "pages/2_Slogans_and_strategies.py"
IMG = "![t](http://127.0.0.1:9/p.png)"
LINK = "[官网](http://127.0.0.1:9/l)"
# markdown that would render as an image or a link: "](" after an unescaped "]"
LIVE_MARKDOWN = re.compile(r"(?<!\\)\]\((?!\))|(?<!\\)!\[|(?<!\\)<img|(?<![\\\w])https?(?<!\\):(?!\\)//")


@pytest.fixture(autouse=True)
def _hosted(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_HOSTED", "1")
    monkeypatch.setenv("APP_DB_PATH", str(tmp_path / "app.sqlite3"))
    # uploads go to the private APP_DATA of tests/conftest.py (never the developer's data/)


def markdown_bodies(at: AppTest) -> list[str]:
    """Every element body Streamlit renders as markdown (HTML blocks built by ui.highlight excluded:
    their text is html-escaped)."""
    out = [e.value for e in (*at.title, *at.header, *at.subheader, *at.caption, *at.info, *at.warning,
                             *at.error, *at.success)]
    out += [m.value for m in at.markdown if not m.value.lstrip().startswith(("<blockquote", "<div", "<mark"))]
    return out


def assert_no_live_markdown(at: AppTest) -> None:
    for body in markdown_bodies(at):
        assert not LIVE_MARKDOWN.search(body), body


def test_a_crafted_reader_url_is_shown_as_text():
    at = open_page(READER, doc=f"x {IMG} {LINK}")
    (warning,) = at.warning
    assert "![t]" in unescape(warning.value) and "http://127.0.0.1:9/p.png" in unescape(warning.value)
    assert_no_live_markdown(at)


def test_a_crafted_upload_name_and_region_are_shown_as_text():
    at = open_page()
    at.file_uploader(key="home_upload").set_value((f"{IMG}.png.txt", b"\x89PNG\r\n\x1a\n" + bytes(40),
                                                   "text/plain")).run()
    assert not at.exception and at.error
    assert_no_live_markdown(at)
    at.text_area(key="home_paste").input(f"威海市新闻发布会。力争2025年新增企业100家 {IMG} {LINK}。")
    at.text_input(key="home_paste_name").input("crafted")
    at.form_submit_button[0].click().run()
    at.text_input(key="meta_region_crafted").input(f"威海市{IMG}")
    next(b for b in at.form_submit_button if b.label == "保存").click().run()
    assert not at.exception
    for page in (READER, "pages/1_Regional_scorecard.py", STRATEGIES, TARGETS):
        at.switch_page(page)
        if page == READER:
            at.query_params["doc"] = "crafted"
        at.run()
        assert not at.exception, (page, at.exception)
        assert_no_live_markdown(at)


def test_a_300_byte_upload_name_is_shortened_not_a_crash(monkeypatch, app_data):
    monkeypatch.setenv("APP_HOSTED", "0")  # local mode writes the file: the name must fit the disk
    name = "山东省" * 30 + "新型工业化新闻发布会.txt"
    assert len(name.encode()) > 255
    at = open_page()
    at.file_uploader(key="home_upload").set_value((name, "威海市召开新闻发布会。新增企业3家。".encode(), "text/plain")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    saved = [p for p in (app_data / "uploads").iterdir() if p.suffix == ".txt"]
    assert len(saved) == 1 and len(saved[0].name.encode()) <= 255


def test_an_upload_named_like_a_seed_is_renamed_and_opens(monkeypatch):
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    at = open_page()
    at.file_uploader(key="home_upload").set_value((seed.name, "临沂市新闻发布会。新增企业5家。".encode(), "text/plain")).run()
    assert not at.exception and not at.error
    assert at.info and seed.stem + "-2" in unescape(at.info[0].value)
    docs = table(at, "home_docs")
    before = len(list(seed.parent.glob("*.txt"))) + len(list((seed.parent / "followups").glob("*.txt")))
    assert len(docs) == before + 1 and seed.stem + "-2" in set(docs.iloc[:, 0])
    at.switch_page(READER)
    at.query_params["doc"] = seed.stem + "-2"
    at.run()
    assert not at.exception and not at.warning
    assert "临沂市新闻发布会" in "".join(m.value for m in at.markdown)


def test_the_metadata_form_prefills_nothing_when_nothing_was_detected():
    at = open_page()
    at.text_area(key="home_paste").input("一段没有地区也没有日期的文字。")
    at.text_input(key="home_paste_name").input("plain")
    at.form_submit_button[0].click().run()
    assert at.text_input(key="meta_region_plain").value == ""
    assert at.text_input(key="meta_date_plain").value == ""
    at.text_input(key="meta_date_plain").input("2024")
    next(b for b in at.form_submit_button if b.label == "保存").click().run()
    assert not at.exception and not at.error
    docs = table(at, "home_docs")
    assert docs[docs.iloc[:, 0] == "plain"].iloc[0].iloc[3] == "2024"


def _targets() -> AppTest:
    """Target tracking in local mode: the store is the file at APP_DB_PATH."""
    at = AppTest.from_file(str(ROOT / TARGETS), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_typed_other_indicator_is_kept_whatever_the_select_shows(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "0")
    at = _targets()
    assert at.selectbox(key="targets_in_indicator").value != "__other__"  # a real indicator is selected
    at.text_input(key="targets_in_region_text").set_value("聊城市")
    at.text_input(key="targets_in_indicator_text").set_value("自定义指标")
    at.number_input(key="targets_in_value").set_value(3.0)
    at.button[[b.label for b in at.button].index("保存")].click().run()
    assert not at.exception and not at.error
    rows = sqlite3.connect(tmp_path / "app.sqlite3").execute("SELECT indicator, indicator_id FROM actuals").fetchall()
    assert rows == [("自定义指标", None)]


def test_a_damaged_database_is_reported_moved_aside_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "0")
    path = tmp_path / "app.sqlite3"
    from core.store import ActualsStore
    with ActualsStore(path) as s:
        for i in range(400):
            s.add("威海市", None, f"指标{i}", i, "", None, "x" * 40)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2: 4096 * 6] = bytes((i * 7919) % 251 for i in range(4096 * 4))
    path.write_bytes(bytes(data))
    at = _targets()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("damaged" in unescape(w.value) or "损坏" in w.value for w in at.warning)
    moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1 and moved[0].read_bytes() == bytes(data)
    at.run()
    assert not at.exception and not at.warning  # told once; the fresh database works


def test_ingest_errors_follow_the_language():
    at = open_page()
    at.sidebar.radio[0].set_value("en").run()
    at.file_uploader(key="home_upload").set_value(("a.txt", b"\x89PNG\r\n\x1a\n" + bytes(40), "text/plain")).run()
    assert "a PNG image" in unescape(at.error[0].value)
    at = open_page()
    at.file_uploader(key="home_upload").set_value(("b.txt", b"\x89PNG\r\n\x1a\n" + bytes(40), "text/plain")).run()
    assert "PNG 图片" in at.error[0].value


@pytest.mark.parametrize("cap", [2000, 2])
def test_deleting_an_entry_with_few_or_many_entries(tmp_path, monkeypatch, cap):
    monkeypatch.setenv("APP_HOSTED", "0")
    import core.limits
    caps = {**core.limits.limits(), "delete_choices_max": cap}
    monkeypatch.setattr(core.limits, "limits", lambda: caps)
    from core.store import ActualsStore
    with ActualsStore(tmp_path / "app.sqlite3") as s:
        for i in range(3):
            s.add("威海市", None, f"指标{i}", i, "亿元")
    at = _targets()
    if cap >= 3:
        box = at.selectbox(key="targets_delete_id")
        assert box.options == ["1 · 威海市 · 指标0 · 0.0 · 亿元 · ", "2 · 威海市 · 指标1 · 1.0 · 亿元 · ",
                               "3 · 威海市 · 指标2 · 2.0 · 亿元 · "]
        box.set_value(2)
    else:
        at.number_input(key="targets_delete_id").set_value(2)
    at.button(key="targets_delete").click().run()
    assert not at.exception and not at.error
    with ActualsStore(tmp_path / "app.sqlite3") as s:
        assert s.list()["indicator"].tolist() == ["指标0", "指标2"]
