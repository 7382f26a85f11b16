"""Bilingual UI labels: every visible string goes through ``t(key)``.

Labels live in ``ui/labels/*.json`` as ``{"key": {"zh": "...", "en": "..."}}``; all files are merged,
so each page (or engineer) can own its own label file.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import time
from pathlib import Path
from typing import Iterator, Optional

import streamlit as st

LABELS_DIR = Path(__file__).parent / "labels"
LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
_LANG_KEY = "lang"
_WIDGET_KEY = "_lang_toggle"
_CHOICES = {"zh": "中文", "en": "English"}
_URL_PARAM = "lang"


RECHECK_SECONDS = 2.0  # how often the label files are stat-ed for changes (a rerun calls t() thousands of times)
_cache: dict = {"labels": None, "stamp": None, "checked": 0.0}


@functools.lru_cache(maxsize=1)
def _labels_cached(stamp: tuple) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(LABELS_DIR.glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def _stamp() -> tuple:
    return tuple((p.name, p.stat().st_mtime_ns) for p in sorted(LABELS_DIR.glob("*.json")))


def labels() -> dict[str, dict[str, str]]:
    """All labels of all files: kept in memory, the files checked for changes at most every
    ``RECHECK_SECONDS`` (an edited label file shows on the next rerun after that)."""
    now = time.monotonic()
    if _cache["labels"] is None or now - _cache["checked"] > RECHECK_SECONDS:
        stamp = _stamp()
        if stamp != _cache["stamp"]:
            _cache["labels"], _cache["stamp"] = _labels_cached(stamp), stamp
        _cache["checked"] = now
    return _cache["labels"]


_SPOKEN: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar("ui_language", default=None)


def lang() -> str:
    """The current UI language: "zh" (default) or "en" (``speaking`` overrides the session's)."""
    value = _SPOKEN.get() or st.session_state.get(_LANG_KEY, DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Labels in ``language`` inside the block, also where there is no session (a download's
    data callable runs outside the page's script)."""
    token = _SPOKEN.set(language)
    try:
        yield
    finally:
        _SPOKEN.reset(token)


def t(key: str, **fmt) -> str:
    """The label ``key`` in the current language, formatted with ``fmt``; a missing key -> the key."""
    entry = labels().get(key)
    if not entry:
        return key
    text = entry.get(lang()) or entry.get(DEFAULT_LANG) or key
    if fmt:
        try:
            text = text.format(**fmt)
        except (KeyError, IndexError, ValueError):
            pass
    return text


def label_or(key: str, fallback: str) -> str:
    """``t(key)``, or ``fallback`` when the key has no label (e.g. a repair kind added later)."""
    return t(key) if key in labels() else fallback


def _sync_lang() -> None:
    st.session_state[_LANG_KEY] = st.session_state[_WIDGET_KEY]


def language_toggle() -> str:
    """Sidebar radio 中文/English; the choice lives in ``st.session_state["lang"]`` across pages and
    in the URL (``?lang=en``; absent for Chinese), so a shared link opens in its language."""
    from ui.widgets import url_values, write_url  # ui.widgets imports this module
    wanted = url_values(_URL_PARAM)
    if wanted and wanted[-1] in LANGS:
        st.session_state[_LANG_KEY] = wanted[-1]
    current = lang()
    st.session_state[_LANG_KEY] = current
    # The widget key is reset whenever another page is shown, so seed it from the stored value.
    st.session_state[_WIDGET_KEY] = current
    st.sidebar.radio("语言 / Language", list(LANGS), format_func=_CHOICES.get,
                     key=_WIDGET_KEY, on_change=_sync_lang, horizontal=True)
    write_url(_URL_PARAM, None if lang() == DEFAULT_LANG else [lang()])
    return lang()


def indicator_label(indicator_id: str | None, indicator_zh: str) -> str:
    """Display name of an indicator: the taxonomy's English name in English, else the Chinese text."""
    if lang() != "en" or not indicator_id:
        return indicator_zh
    try:
        from core.indicators import indicator_name
    except ImportError:  # taxonomy not available yet
        return indicator_zh
    try:
        name = indicator_name(indicator_id, "en")
    except (KeyError, ValueError, LookupError):
        return indicator_zh
    return name if name and name != indicator_id else indicator_zh


def region_label(region_zh: str | None, region_en: str | None = None) -> str:
    """A region in the current language (English name when known and lang is "en")."""
    if not region_zh:
        return t("common.unknown_region")
    if lang() != "en":
        return region_zh
    if region_en:
        return region_en
    if f"region.{region_zh}" in labels():  # 全国 and other scopes that are no division
        return t(f"region.{region_zh}")
    return _gazetteer_en(region_zh) or region_zh


@functools.lru_cache(maxsize=4096)
def _gazetteer_en(region_zh: str) -> str:
    """The gazetteer's English name of an official region name ("" when unknown)."""
    try:
        from core.gazetteer import lookup
    except ImportError:
        return ""
    place = lookup(region_zh)
    return place.full_name_en if place is not None and region_zh in (place.name, place.full_name) else ""


def unit_label(unit) -> str:
    """A unit of a table cell in the current language ("rank" -> 位次/rank, 家 -> firms); in English
    a magnitude before a labelled unit is spelled out too (亿元 -> 100 million yuan, 万家 -> 10,000
    firms). Chinese keeps units as the documents write them."""
    if not isinstance(unit, str) or not unit:
        return ""
    table = labels()
    if f"unit.{unit}" in table or lang() != "en":
        return label_or(f"unit.{unit}", unit)
    magnitudes = sorted((k.split(".", 1)[1] for k in table if k.startswith("unitmag.")), key=len, reverse=True)
    for word in magnitudes:  # longest first: 万亿 before 万
        rest = unit[len(word):]
        if unit.startswith(word) and f"unit.{rest}" in table:
            return f"{t(f'unitmag.{word}')} {t(f'unit.{rest}')}"
    return unit

