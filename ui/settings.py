"""App settings from ``settings.toml`` and the environment (no Streamlit here).

* ``APP_DATA``  the app's writable folder (default: the project's ``data/``): the bundled corpus's
  store and, off hosted mode, the uploads;
* ``APP_STORE`` a store built with ``python -m core build`` that the app reads instead.
"""
from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "settings.toml"
DEFAULT_DATA = ROOT / "data"  # the app's writable folder when APP_DATA is unset


@functools.lru_cache(maxsize=1)
def settings() -> dict:
    """The parsed ``settings.toml``."""
    return tomllib.loads(SETTINGS_FILE.read_text(encoding="utf-8"))


def bundled_folders() -> list[Path]:
    """Folders of the bundled default corpus, in order (those that exist)."""
    return [ROOT / f for f in settings()["corpus"]["folders"] if (ROOT / f).is_dir()]


def data_dir() -> Path:
    """The app's writable folder: ``APP_DATA`` or the project's ``data/``."""
    return Path(os.environ.get("APP_DATA") or DEFAULT_DATA)


def external_store() -> Optional[Path]:
    """The store named by ``APP_STORE`` (read as built; None when unset)."""
    value = os.environ.get("APP_STORE", "").strip()
    return Path(value) if value else None


def store_dir() -> Path:
    """The store the app reads: ``APP_STORE``, else the bundled corpus's store under ``data_dir()``."""
    return external_store() or data_dir() / settings()["store"]["dir"]


def uploads_dir() -> Path:
    """Where uploads are saved off hosted mode."""
    return data_dir() / settings()["store"]["uploads"]


def page_setting(name: str) -> int:
    """A number from the ``[pages]`` table."""
    return int(settings()["pages"][name])
