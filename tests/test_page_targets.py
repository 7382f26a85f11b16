"""The Target tracking page through streamlit's AppTest, on the real seeds."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "3_Target_tracking.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "app.sqlite3"
    monkeypatch.setenv("APP_DB_PATH", str(path))
    monkeypatch.delenv("APP_HOSTED", raising=False)
    return path


@pytest.fixture(scope="module")
def expected():
    """What core.targets says about the seeds (the page must show the same)."""
    from core.corpus import corpus_frames, load_corpus
    from core.targets import track_targets
    from ui.settings import bundled_folders
    frames = corpus_frames(load_corpus(bundled_folders()).documents)
    return track_targets(frames["figures"], None, date.today())


def run() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest):
    return next(df for df in (d.value for d in at.dataframe) if "状态" in df.columns or "Status" in df.columns)


def no_errors(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not [e.value for e in at.error]


def test_renders_on_the_seeds(db, expected):
    at = run()
    no_errors(at)
    assert at.title[0].value == "目标追踪"
    if expected.empty:
        assert any("尚未" in i.value for i in at.info)
        return
    shown = table(at)
    assert len(shown) == len(expected)
    assert set(shown["地区"]) == set(expected["region"])
    assert at.caption and any(f"{len(expected)} 个目标" in c.value for c in at.caption)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    # the bundled follow-up reports give real outcomes out of the box
    assert (expected["status"] == "achieved").sum() >= 8
    assert "已达成" in set(shown["状态"])


def test_filters_and_language_toggle(db, expected):
    if expected.empty:
        pytest.skip("no targets extracted from the seeds")
    at = run()
    region = sorted(expected["region"].unique())[0]
    at.multiselect(key="_targets_f_region_zh").set_value([region]).run()
    no_errors(at)
    shown = table(at)
    assert len(shown) == (expected["region"] == region).sum() and set(shown["地区"]) == {region}
    at.multiselect(key="_targets_f_status_zh").set_value(["achieved"]).run()
    assert len(table(at)) == ((expected["region"] == region) & (expected["status"] == "achieved")).sum()
    at.multiselect(key="_targets_f_status_zh").set_value([]).run()
    at.sidebar.radio[0].set_value("en").run()
    no_errors(at)
    assert at.title[0].value == "Target tracking"
    shown = table(at)
    assert "Status" in shown.columns and "Region" in shown.columns
    assert len(shown) == (expected["region"] == region).sum()   # the filters survived the toggle
    assert set(shown["Region"]) != {region}                     # region shown by its English name


def pick_count_target(expected):
    """A seed target with a 家/个 count, for entering a user actual."""
    rows = expected[(expected["measure"] == "count_new") & (expected["status"] == "no data")]
    if rows.empty:
        pytest.skip("no count_new target in the seeds")
    return rows.iloc[0]


def test_entering_an_actual_updates_the_table(db, expected):
    if expected.empty:
        pytest.skip("no targets extracted from the seeds")
    target = pick_count_target(expected)
    at = run()
    label = next(o for o in at.selectbox(key="targets_in_indicator").options
                 if o.startswith(f"{target['indicator']} · ") and o.endswith(f"· {target['unit']}"))
    at.selectbox(key="targets_in_region").set_value(target["region"])
    at.selectbox(key="targets_in_indicator").set_value(label)
    deadline_year = int(str(target["deadline"])[:4])
    at.number_input(key="targets_in_value").set_value(float(target["target_value"]) * 0.6)
    at.text_input(key="targets_in_period").set_value(f"{deadline_year}-01..{deadline_year}-06")
    at.text_input(key="targets_in_note").set_value("半年报")
    at.button[[b.label for b in at.button].index("保存")].click().run()
    no_errors(at)
    assert any("已保存" in s.value for s in at.success)
    shown = table(at)
    row = shown[(shown["地区"] == target["region"]) & (shown["指标"] == target["indicator"])
                & (shown["来源" if "来源" in shown else "实际值来源"] == "用户录入")]
    assert len(row) >= 1
    assert set(row["状态"]) <= {"显著进展", "中等进展", "进展有限", "已达成"}
    # the entry is in the database file
    import sqlite3
    assert sqlite3.connect(db).execute("SELECT count(*) FROM actuals").fetchone()[0] == 1


def test_bad_entry_shows_an_error_not_a_traceback(db):
    at = run()
    at.text_input(key="targets_in_region_text").set_value("聊城市")
    at.selectbox(key="targets_in_indicator").set_value("__other__")
    at.text_input(key="targets_in_indicator_text").set_value("规上工业增加值")
    at.text_input(key="targets_in_period").set_value("someday")
    at.button[[b.label for b in at.button].index("保存")].click().run()
    assert not at.exception
    assert any("未保存" in e.value and "时期" in e.value and "someday" in e.value for e in at.error)
    assert not any("is not a date" in e.value for e in at.error)  # the reason is in Chinese


def test_bad_csv_import_is_rejected_with_row_and_reason(db):
    at = run()
    at.text_area(key="targets_csv_text").set_value(
        "region,indicator,value,unit,period\n聊城市,规上工业增加值,7.1,%,2024\n聊城市,规上工业增加值,abc,%,2024\n")
    at.button(key="targets_import").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors and "第 3 行" in errors[0] and "不是数字" in errors[0] and "not a number" not in errors[0]
    import sqlite3
    assert sqlite3.connect(db).execute("SELECT count(*) FROM actuals").fetchone()[0] == 0
    at.text_area(key="targets_csv_text").set_value(
        "region,indicator,value,unit,period\n聊城市,规上工业增加值,7.1,%,2024\n")
    at.button(key="targets_import").click().run()
    assert any("已导入 1 条" in s.value for s in at.success)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM actuals").fetchone()[0] == 1


def test_hosted_entries_stay_in_the_session(db, monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "1")
    first, second = run(), run()
    first.text_area(key="targets_csv_text").set_value("region,indicator,value\n聊城市,规上工业增加值,7.1\n")
    first.button(key="targets_import").click().run()
    assert any("已导入 1 条" in s.value for s in first.success)
    assert any(d.value.shape[0] == 1 and "录入时间" in d.value.columns for d in first.dataframe)
    second.run()
    assert not any("录入时间" in d.value.columns and len(d.value) for d in second.dataframe)
    assert not db.exists()                        # nothing written to the shared file


def _order(at: AppTest) -> list:
    """(kind, text) of the main area's elements in page order."""
    out = []

    def walk(block):
        for child in getattr(block, "children", {}).values():
            label = getattr(child, "label", None)
            value = getattr(child, "value", None)
            out.append((type(child).__name__, str(label if label is not None else value)))
            walk(child)
    walk(at.main)
    return out


def test_a_csv_with_chinese_headers_is_imported_and_the_answer_sits_under_its_button(db):
    at = run()
    at.text_area(key="targets_csv_text").set_value(
        "地区,指标,数值,单位,期间,备注\n聊城市,规上工业增加值,7.1,%,2024年1-10月,手工录入\n")
    at.button(key="targets_import").click().run()
    no_errors(at)
    order = _order(at)
    button = order.index(("Button", "导入"))
    answer = next(i for i, (k, v) in enumerate(order) if k == "Success" and "已导入 1 条" in v)
    assert answer == button + 1  # right under the import button, not at the top of the page
    import sqlite3
    row = sqlite3.connect(db).execute("SELECT region, indicator, value, unit, period, note FROM actuals").fetchone()
    assert row == ("聊城市", "规上工业增加值", 7.1, "%", "2024年1-10月", "手工录入")


def test_a_saved_entry_is_confirmed_under_the_form_and_reasons_follow_the_language(db):
    at = run()
    at.sidebar.radio(key="_lang_toggle").set_value("en").run()
    at.text_area(key="targets_csv_text").set_value("地区,指标\n聊城市,规上工业增加值\n")
    at.button(key="targets_import").click().run()
    import re
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]  # markdown escapes off
    assert errors and "missing column(s) value" in errors[0]  # English UI: English reason
    at.sidebar.radio(key="_lang_toggle").set_value("zh").run()
    at.text_area(key="targets_csv_text").set_value("地区,指标\n聊城市,规上工业增加值\n")
    at.button(key="targets_import").click().run()
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]
    assert errors and "缺少列：数值" in errors[0] and "missing" not in errors[0]
    at.text_input(key="targets_in_region_text").set_value("聊城市")
    at.selectbox(key="targets_in_indicator").set_value("__other__")
    at.text_input(key="targets_in_indicator_text").set_value("规上工业增加值")
    at.number_input(key="targets_in_value").set_value(7.5)
    at.button[[b.label for b in at.button].index("保存")].click().run()
    order = _order(at)
    form_end = max(i for i, (k, v) in enumerate(order) if v == "保存")
    saved = next(i for i, (k, v) in enumerate(order) if k == "Success" and "已保存" in v)
    assert saved == form_end + 1


def test_indicator_filter_leaves_out_targets_without_indicator_words():
    """A target whose phrase was lost (no id, no words) must not break the indicator filter
    (sorting its NaN beside text raised TypeError on the page after an upload)."""
    import pandas as pd
    from ui.targets import indicator_choices
    tracked = pd.DataFrame({"indicator_id": ["srdi_sme", None, None], "indicator": ["专精特新中小企业", "规上工业企业", None]})
    names = indicator_choices(tracked)
    assert sorted(names) == ["srdi_sme", "规上工业企业"]
