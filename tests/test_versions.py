"""requirements.txt pins exactly what the suite runs on, and the tests never read the developer's data/."""
from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]+\])?==([^\s;#]+)")


def _pins(name: str) -> dict[str, str]:
    out = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "-r")):
            continue
        m = PIN.match(line)
        assert m, f"{name}: {line!r} is not an exact pin (name==version)"
        out[m.group(1)] = m.group(2)
    return out


def test_requirements_are_exact_pins_of_the_installed_versions():
    pins = {**_pins("requirements.txt"), **_pins("requirements-dev.txt")}
    assert {"streamlit", "pandas", "altair", "pyarrow"} <= set(pins)
    wrong = {n: (v, version(n)) for n, v in pins.items() if version(n) != v}
    assert not wrong, f"pinned vs installed: {wrong}"


def test_the_pinned_streamlit_has_the_apis_the_pages_use():
    import inspect
    import streamlit as st
    assert "query_params" in inspect.signature(st.page_link).parameters
    assert "width" in inspect.signature(st.altair_chart).parameters


def test_uploads_in_the_default_data_folder_do_not_reach_the_tests(tmp_path, monkeypatch, bundled_store):
    """A developer's data/ holding an upload (planted in a fake default folder) changes nothing: the
    suite's private APP_DATA wins. The control run without APP_DATA sees the upload, so the plant works."""
    import shutil
    import ui.settings as settings
    fake = tmp_path / "dev_data"
    shutil.copytree(bundled_store, fake / "store")
    (fake / "uploads").mkdir()
    (fake / "uploads" / "planted.txt").write_text("威海市召开新闻发布会。全市规上工业增加值增长8.4%。", encoding="utf-8")
    monkeypatch.setattr(settings, "DEFAULT_DATA", fake)
    monkeypatch.delenv("APP_HOSTED", raising=False)  # local mode: uploads are read from data_dir()

    def home_ids() -> set:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
        assert not at.exception, [e.value for e in at.exception]
        return set(at.dataframe[0].value.iloc[:, 0])

    ids = home_ids()
    assert "planted" not in ids and len(ids) == 11
    monkeypatch.delenv("APP_DATA")
    assert settings.data_dir() == fake
    assert "planted" in home_ids()
