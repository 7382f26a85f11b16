"""Derived frames of the pages, cached on the corpus key and the page's choices.

The corpus frames are shared and read-only, so these are resources (not copied on each hit);
callers must not modify them in place (``assign``/filters make copies).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.strategies import chains_frame, strategy_options
from ui.i18n import lang
from ui.present import indicator_names, series_labels
from ui.tables import (comparable_data, comparable_groups, filter_regions, latest_figures, rank_claims,
                       regions_with_history, series_periods, slogan_sets, time_series)


@st.cache_resource(show_spinner=False, max_entries=64)
def _scorecard(key: str, regions: tuple[str, ...], _figures: pd.DataFrame) -> dict[str, pd.DataFrame]:
    figures = filter_regions(_figures, regions)
    named = figures[["indicator_id", "indicator"]].dropna(subset=["indicator_id"]).drop_duplicates("indicator_id")
    return {"latest": latest_figures(figures), "groups": comparable_groups(figures),
            "ranks": rank_claims(figures), "indicators": named}


def scorecard_views(corpus, regions: list[str]) -> dict[str, pd.DataFrame]:
    """latest figures, comparable groups, rank claims and the indicators of the chosen regions."""
    return _scorecard(corpus.key, tuple(regions), corpus.frames["figures"])


@st.cache_resource(show_spinner=False, max_entries=64)
def _comparable(key: str, regions: tuple[str, ...], series: str, period: str,
                _figures: pd.DataFrame) -> pd.DataFrame:
    return comparable_data(filter_regions(_figures, regions), series, period)


def comparable(corpus, regions: list[str], series: str, period: str) -> pd.DataFrame:
    """One value per region of one comparable series in one period, for the comparison chart."""
    return _comparable(corpus.key, tuple(regions), series, period, corpus.frames["figures"])


@st.cache_resource(show_spinner=False, max_entries=64)
def _slogan_sets(key: str, regions: tuple[str, ...], _slogans: pd.DataFrame) -> pd.DataFrame:
    return slogan_sets(_slogans, list(regions))


def slogan_sets_of(corpus, regions: list[str]) -> pd.DataFrame:
    """Shared and distinctive slogans of the chosen regions."""
    return _slogan_sets(corpus.key, tuple(regions), corpus.frames["slogans"])


@st.cache_resource(show_spinner=False, max_entries=128)
def _options(key: str, region: str, _corpus) -> list[dict]:
    return strategy_options(_corpus.frames["slogans"], chains_frame(_corpus), region)


def strategy_options_of(corpus, region: str) -> list[dict]:
    """Drawable strategies of a region (see ``ui.strategies.strategy_options``)."""
    return _options(corpus.key, region, corpus)


@st.cache_resource(show_spinner=False, max_entries=8)
def _first_rows(key: str, name: str, doc_ids: tuple[str, ...], columns: tuple[str, ...], n: int,
                _corpus) -> pd.DataFrame:
    return _corpus.rows_of(name, doc_ids, columns).head(n)


def first_rows(corpus, name: str, frame: pd.DataFrame, columns: tuple[str, ...], n: int) -> pd.DataFrame:
    """The first ``n`` rows of table ``name`` with ``columns`` that ``frame`` (the same table read
    corpus-wide without some of them) leaves out: read for those rows' documents alone, once."""
    docs = tuple(frame["doc_id"].head(n).unique())
    return _first_rows(corpus.key, name, docs, columns, n, corpus)


@st.cache_resource(show_spinner=False, max_entries=64)
def _labels(key: str, regions: tuple[str, ...], language: str, _figures: pd.DataFrame) -> dict[str, dict]:
    figures = filter_regions(_figures, regions)
    return {"indicators": indicator_names(figures), "series": series_labels(figures)}


def names_of(corpus, regions: list[str]) -> dict[str, dict]:
    """Display names of the chosen regions' indicators and series in the current language:
    ``{"indicators": {id: name}, "series": {series key: label}}``."""
    return _labels(corpus.key, tuple(regions), lang(), corpus.frames["figures"])


@st.cache_resource(show_spinner=False, max_entries=64)
def _series(key: str, regions: tuple[str, ...], series: str, _figures: pd.DataFrame) -> dict:
    figures = filter_regions(_figures, regions)
    figures = figures[figures["series"] == series]
    return {"figures": figures, "periods": series_periods(figures, series),
            "history": regions_with_history(figures, series)}


def series_view(corpus, regions: list[str], series: str) -> dict:
    """One comparable series of the chosen regions: its ``periods`` (``series_periods``), the
    regions with a ``history`` of two periods or more, and its ``figures``."""
    return _series(corpus.key, tuple(regions), series, corpus.frames["figures"])


@st.cache_resource(show_spinner=False, max_entries=64)
def _history(key: str, regions: tuple[str, ...], series: str, region: str, _figures: pd.DataFrame) -> pd.DataFrame:
    return time_series(_figures, series, region)


def history_of(corpus, regions: list[str], series: str, region: str) -> pd.DataFrame:
    """``time_series`` of one series in one region."""
    return _history(corpus.key, tuple(regions), series, region, series_view(corpus, regions, series)["figures"])
