"""Uploads with progress by stage, and a file holding several documents split on request (AppTest)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from tests.apptest_nodes import nodes

ROOT = Path(__file__).resolve().parent.parent
HOME = str(ROOT / "app.py")
DOCS = ROOT / "tests" / "fixtures" / "devset" / "docs"


@pytest.fixture(autouse=True)
def _hosted(monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "1")


def joined() -> bytes:
    return ((DOCS / "14_sichuan.txt").read_text(encoding="utf-8") + "\n"
            + (DOCS / "01_liaocheng.txt").read_text(encoding="utf-8")).encode("utf-8")


def docs_table(at: AppTest):
    return next(d.value for d in at.dataframe if "字数" in d.value.columns or "Characters" in d.value.columns)



def test_the_pipeline_reports_its_stages_in_order(seed_docs):
    from core.document import STAGES, load_document
    seen: list[str] = []
    doc = load_document((ROOT / "seeds" / "000_2dfa9084b4fb9eee.txt").read_bytes(), "x.txt", on_stage=seen.append)
    assert tuple(seen) == STAGES
    assert len(doc.figures) == len(seed_docs["000"].figures) == 52


def test_an_upload_shows_a_finished_status_with_its_stages():
    at = AppTest.from_file(HOME, default_timeout=30).run()
    at.file_uploader(key="home_upload").set_value(("weihai.txt", (ROOT / "seeds" / "000_2dfa9084b4fb9eee.txt").read_bytes(),
                                                   "text/plain")).run()
    assert not at.exception and not at.error
    statuses = [e for e in nodes(at.main) if type(e).__name__ == "Status"]
    assert len(statuses) == 1 and statuses[0].label == "已处理 weihai：52 个数字"
    bars = [e for e in nodes(statuses[0]) if type(e).__name__ == "Progress"]
    assert bars and bars[0].value == 100 and "完成" in bars[0].proto.text
    assert any("weihai" in s.value for s in at.success)


def test_a_file_of_two_documents_is_offered_a_split_and_split_into_two_regions():
    at = AppTest.from_file(HOME, default_timeout=30).run()
    at.file_uploader(key="home_upload").set_value(("two.txt", joined(), "text/plain")).run()
    assert not at.exception
    assert at.warning and "2 篇文档" in at.warning[0].value
    assert "two" not in set(docs_table(at).iloc[:, 0])  # nothing kept before the user chooses
    next(b for b in at.button if b.label == "拆分为 2 篇文档").click().run()
    assert not at.exception and not at.error
    docs = docs_table(at)
    added = docs[docs.iloc[:, 0].isin(["two-1", "two-2"])]
    assert list(added.iloc[:, 1]) == ["四川省", "聊城市"]
    assert not [w for w in at.warning if "篇文档" in w.value]  # the choice is gone once made


def test_keeping_the_file_whole_adds_one_document():
    at = AppTest.from_file(HOME, default_timeout=30).run()
    at.sidebar.radio(key="_lang_toggle").set_value("en").run()
    at.file_uploader(key="home_upload").set_value(("two.txt", joined(), "text/plain")).run()
    assert at.warning and "looks like 2 documents" in at.warning[0].value
    next(b for b in at.button if b.label == "Keep it as one document").click().run()
    docs = docs_table(at)
    assert "two" in set(docs.iloc[:, 0]) and "two-1" not in set(docs.iloc[:, 0])


def test_part_names():
    from ui.uploads import part_names
    assert part_names("report.html", 3) == ["report-1.html", "report-2.html", "report-3.html"]
    assert part_names("noext", 2) == ["noext-1.txt", "noext-2.txt"]
