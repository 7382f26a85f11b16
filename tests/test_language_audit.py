"""Language audit (issue 9): every page rendered in AppTest, in Chinese and in English.

Chinese: none of the English words known to have leaked into the Chinese UI (repair kinds, notes,
sources, units, kinds, uploader and error texts) appears in any title, caption, message, widget,
tab or table; English: no Chinese character in a title, header, widget label, tab, button, metric
or table header (document text, slogans and quoted snippets are Chinese on purpose and are not
labels). In both: no table cell is None, NaN, "None" or "nan".
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from tests.apptest_nodes import nodes

ROOT = Path(__file__).resolve().parent.parent
HOME = str(ROOT / "app.py")
PAGES = [None, "pages/1_Regional_scorecard.py", "pages/2_Slogans_and_strategies.py",
         "pages/3_Target_tracking.py", "pages/4_Document_reader.py"]
# English that showed (or could show) in the Chinese UI: repair kinds and notes, document codes,
# metadata sources, figure kinds and units, store reasons, uploader texts
LEAKS = ["whitespace", "blank lines", "manifest", "traditional", "taiwan_phrasing", "page_chrome",
         "pinyin_gloss", "press_conference", "interview", "news", "rank", "actual", "target",
         "OpenCC t2s;", "flag only", "mention score", "inferred", "latest year", "explicit date",
         "labelled date", "no place", "not a number", "is empty", "missing column", "Drag and drop",
         "Browse files", "Limit 200MB", "identify", "phrase", "measure", "None", "nan", "NaN"]
LEAK_RE = re.compile(r"(?<![A-Za-z_])(?:" + "|".join(map(re.escape, LEAKS)) + r")(?![A-Za-z_])")
CJK = re.compile(r"[\u4e00-\u9fff]")
INTENDED_CJK = re.compile(r"e\.g\. 威海市|such as 地区")  # a field that asks for a Chinese name
TECHNICAL_COLUMNS = {"规则", "Rule", "编码", "Encoding", "文档", "Document", "目标来源", "Target source"}



def render(lang: str):
    """Every page once in ``lang`` with an upload in the session; yields (page, AppTest)."""
    at = AppTest.from_file(HOME, default_timeout=30).run()
    if lang == "en":
        at.sidebar.radio(key="_lang_toggle").set_value("en").run()
    at.text_area(key="home_paste").input("威海市召开新闻发布会。今年前三季度，全市规上工业增加值增长8.4%。")
    at.text_input(key="home_paste_name").input("audit_note")
    at.form_submit_button[0].click().run()
    for page in PAGES:
        if page:
            at.switch_page(page)
            if page.endswith("Document_reader.py"):
                at.query_params["doc"] = "001_cb872f3f67baec3e"  # traditional, pinyin, mojibake: every note
            at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        yield page or "app.py", at


def labels_of(at: AppTest) -> list[str]:
    """What the UI itself says (not document text): titles, headers, widget labels, tabs, buttons…"""
    out = [str(e.value) for e in (*at.title, *at.header, *at.subheader)]
    for e in nodes(at.main) + nodes(at.sidebar):
        kind = type(e).__name__
        label = getattr(e, "label", None)
        if label and kind not in ("Radio",):  # the language toggle names both languages
            out.append(str(label))
    for df in at.dataframe:
        out += [str(c) for c in df.value.columns]
    return out


def messages_of(at: AppTest) -> list[str]:
    """Captions, messages, markdown outside quoted document text, widget options, table cells."""
    out = [str(e.value) for e in (*at.caption, *at.info, *at.warning, *at.error, *at.success)]
    out += [str(e.value) for e in at.markdown if "doc-text" not in str(e.value)]
    for box in (*at.selectbox, *at.multiselect):
        out += [str(o) for o in box.options]
    for df in at.dataframe:
        v = df.value
        for col in v.columns:
            if str(col) not in TECHNICAL_COLUMNS:
                out += [str(x) for x in v[col]]
        out += [str(x) for x in v.index]
    return out


def bad_cells(at: AppTest) -> list:
    found = []
    for df in at.dataframe:
        v = df.value
        for col in v.columns:
            for x in v[col]:
                if x is None or (isinstance(x, float) and math.isnan(x)) or str(x).strip() in ("None", "nan", "NaN", "<NA>"):
                    found.append((col, x))
    return found


@pytest.fixture(autouse=True)
def _hosted(monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "1")


def test_the_chinese_ui_has_no_known_english_leaks_and_no_none_cells():
    pages = 0
    for page, at in render("zh"):
        pages += 1
        texts = labels_of(at) + messages_of(at)
        leaks = sorted({m.group(0) + " ← " + t[:80] for t in texts for m in LEAK_RE.finditer(t)})
        assert not leaks, (page, leaks[:20])
        assert not bad_cells(at), (page, bad_cells(at)[:10])
        assert len(texts) > 10
    assert pages == 5


def test_the_english_ui_has_no_chinese_in_its_labels_and_no_none_cells():
    pages = 0
    for page, at in render("en"):
        pages += 1
        chinese = [x for x in labels_of(at) if CJK.search(x) and not INTENDED_CJK.search(x)]
        assert not chinese, (page, chinese[:20])
        assert not bad_cells(at), (page, bad_cells(at)[:10])
    assert pages == 5


def test_the_leak_check_catches_a_leak():
    """The checks find what they look for: the raw repair log of a seed has English notes."""
    from core.document import load_path
    doc = load_path(ROOT / "seeds" / "001_cb872f3f67baec3e.txt")
    notes = [r.note for r in doc.normalized.repairs if r.note]
    assert any(LEAK_RE.search(n) for n in notes + ["whitespace"])
    assert CJK.search("地区") and not CJK.search("Region")
