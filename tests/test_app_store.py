"""The app on a corpus store: APP_STORE, the bundled store built on first start, uploads into the
store (local) or the session (hosted), and reruns that read and hash nothing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.build import build
from core.corpus_store import CorpusStore
from tests.conftest import ROOT, SEED_FILES

HOME = str(ROOT / "app.py")
PAGES = ["pages/1_Regional_scorecard.py", "pages/2_Slogans_and_strategies.py", "pages/3_Target_tracking.py",
         "pages/4_Document_reader.py"]


def home() -> AppTest:
    at = AppTest.from_file(HOME, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def doc_ids(at: AppTest) -> set[str]:
    table = next(df.value for df in at.dataframe if "字数" in df.value.columns)
    return set(table.iloc[:, 0])


def paste(at: AppTest, text: str, name: str) -> None:
    at.text_area(key="home_paste").input(text)
    at.text_input(key="home_paste_name").input(name)
    at.form_submit_button[0].click().run()
    assert not at.exception and not at.error


def test_app_store_points_the_app_at_a_built_store(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for p in (SEED_FILES[0], SEED_FILES[2], ROOT / "tests" / "fixtures" / "docs" / "hefei_2023.txt"):
        shutil.copy2(p, folder / p.name)
    build([folder], tmp_path / "mystore")
    monkeypatch.setenv("APP_STORE", str(tmp_path / "mystore"))
    monkeypatch.setenv("APP_HOSTED", "1")
    at = home()
    assert doc_ids(at) == {SEED_FILES[0].stem, SEED_FILES[2].stem, "hefei_2023"}
    at.switch_page(PAGES[0]).run()
    assert not at.exception


def test_an_app_store_without_a_store_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_STORE", str(tmp_path / "nothing"))
    at = home()
    assert at.error and str(tmp_path / "nothing") in at.error[0].value
    at.switch_page(PAGES[1]).run()
    assert not at.exception and at.error


def test_the_first_start_builds_the_bundled_store(app_data, monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "1")
    shutil.rmtree(app_data / "store")
    at = home()
    manifest = CorpusStore(app_data / "store").manifest()
    assert len(manifest.documents()) == len(doc_ids(at)) >= 5
    assert {e.name for e in manifest.documents()} >= {f"seeds/{p.name}" for p in SEED_FILES}


def test_local_uploads_go_into_the_store_hosted_ones_stay_in_the_session(app_data, monkeypatch):
    store = CorpusStore(app_data / "store")
    monkeypatch.setenv("APP_HOSTED", "1")
    at = home()
    before = store.manifest().revision
    paste(at, "威海市召开新闻发布会。全市规上工业增加值增长8.4%。", "hosted_note")
    assert "hosted_note" in doc_ids(at)
    assert store.manifest().revision == before
    monkeypatch.setenv("APP_HOSTED", "0")
    at = home()
    paste(at, "济南市召开新闻发布会。全市规上工业增加值增长6%。", "local_note")
    names = [e.name for e in store.manifest().documents()]
    assert any(n.endswith("uploads/local_note.txt") for n in names)
    assert "local_note" in doc_ids(home())  # another session sees it


def test_a_warm_rerun_reads_and_hashes_nothing(monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "1")
    import core.build
    at = home()
    calls: list[str] = []
    real_read, real_manifest = CorpusStore.read_table, CorpusStore.manifest
    monkeypatch.setattr(CorpusStore, "read_table", lambda self, *a, **k: calls.append(f"read {a[0]}") or real_read(self, *a, **k))
    monkeypatch.setattr(CorpusStore, "manifest", lambda self: calls.append("manifest") or real_manifest(self))
    monkeypatch.setattr(core.build, "_file_sha", lambda *a: calls.append("hash") or pytest.fail("hashed"))
    monkeypatch.setattr(Path, "read_bytes", lambda self: calls.append(f"bytes {self}") or pytest.fail(str(self)))
    for page in [None, *PAGES]:
        if page:
            at.switch_page(page)
        at.run()  # first visit of the page: may read the tables it needs
        assert not at.exception, (page, [e.value for e in at.exception])
        calls.clear()
        at.run()
        assert not at.exception
        assert calls == [], (page, calls)


def test_labels_are_read_once_not_on_every_call(monkeypatch):
    import ui.i18n
    ui.i18n.labels()
    stats = []
    real = ui.i18n._stamp
    monkeypatch.setattr(ui.i18n, "_stamp", lambda: stats.append(1) or real())
    for _ in range(5000):
        ui.i18n.labels()
    assert len(stats) <= 1
    assert ui.i18n.labels()["app.title"]["zh"]
