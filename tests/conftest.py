"""Shared fixtures: seed paths, a warm jieba (a cold load takes ~1 s) and, for every test, a
private app data folder holding a copy of the bundled corpus's store (built once per session)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# the development set of ../shared/devset, vendored byte-for-byte so CI needs nothing outside the repo
DEVSET = ROOT / "tests" / "fixtures" / "devset"


def seed_bytes(prefix: str) -> bytes:
    """Raw bytes of the seed whose name starts with ``prefix`` ("000" .. "004")."""
    return next(p for p in SEED_FILES if p.name.startswith(prefix)).read_bytes()


@pytest.fixture(scope="session", autouse=True)
def _warm_jieba():
    from core.tokenizer import get_tokenizer
    get_tokenizer()


@pytest.fixture(scope="session")
def seed_docs():
    """All five seeds through the full pipeline, manifest ignored, keyed by prefix."""
    from core.document import load_path
    return {p.name[:3]: load_path(p) for p in SEED_FILES}


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory) -> Path:
    """The bundled corpus's store, built once per test session the way the app builds it."""
    from core.build import build
    from ui.settings import ROOT as APP_ROOT, bundled_folders
    path = tmp_path_factory.mktemp("bundled") / "store"
    build(bundled_folders(), path, base=APP_ROOT)
    return path


@pytest.fixture(autouse=True)
def app_data(tmp_path, monkeypatch, bundled_store) -> Path:
    """``APP_DATA`` for this test: a copy of the bundled store, no uploads, and its own actuals
    database (never the developer's data/ nor data/app.sqlite3)."""
    data = tmp_path / "app_data"
    shutil.copytree(bundled_store, data / "store")
    monkeypatch.setenv("APP_DATA", str(data))
    monkeypatch.setenv("APP_DB_PATH", str(data / "app.sqlite3"))
    monkeypatch.delenv("APP_STORE", raising=False)
    return data
