"""The slide deck in the app: charts on screen and pinned charts → a .pptx (``core.slides``).

Every chart drawn through ``ui.export.show_spec`` joins this page's deck (``on_screen``); its
"pin to deck" switch (``pin_control``) keeps its spec in ``st.session_state["deck_pins"]`` across
pages. ``deck_button`` (in the sidebar) downloads the pinned charts, then the page's other charts,
then the scorecard table; the pictures are rendered only when it is clicked.
"""
from __future__ import annotations

import hashlib
from typing import Optional

import pandas as pd
import streamlit as st

PINS = "deck_pins"
SCREEN = "_deck_screen"


def _page() -> str:
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        ctx = get_script_run_ctx()
        return str(getattr(ctx, "page_script_hash", "") or "")
    except Exception:  # pragma: no cover - no runtime
        return ""


def pins() -> dict:
    """{chart key: {"spec", "title"}} of the pinned charts, in pinning order."""
    return st.session_state.setdefault(PINS, {})


def on_screen(key: str, spec: dict) -> None:
    """Record a chart drawn in this run of this page (the deck's "charts on screen")."""
    screen = st.session_state.get(SCREEN)
    if not screen or screen.get("page") != _page() or screen.get("done"):
        screen = {"page": _page(), "charts": {}, "done": False}
        st.session_state[SCREEN] = screen
    screen["charts"][key] = spec


def _toggle(key: str, spec: dict, title: str, widget: str) -> None:
    if st.session_state.get(widget):
        pins()[key] = {"spec": spec, "title": title}
    else:
        pins().pop(key, None)


def pin_control(container, key: str, spec: dict, title: str) -> None:
    """A "pin to deck" switch for one chart; a pinned chart keeps its spec and export title."""
    from ui.i18n import t
    pinned = pins()
    widget = f"pin_{hashlib.sha1(key.encode()).hexdigest()[:10]}"
    if key in pinned:  # keep the pinned copy up to date with the title being edited
        pinned[key] = {"spec": spec, "title": title}
    container.checkbox(t("export.pin"), value=key in pinned, key=widget, on_change=_toggle,
                       args=(key, spec, title, widget))


def deck_table(latest: pd.DataFrame, series_labels: dict[str, str], names: dict[str, str],
               row_name: str, language: str, min_regions: int = 2) -> pd.DataFrame:
    """The scorecard as a deck table: series rows × region columns, each cell value, unit (in the
    language) and period; only the rows at least ``min_regions`` regions report (all rows when none
    does), the number of rows left out in ``attrs["left_out"]``."""
    from ui.charts import amount_text, display_names, period_text
    if latest.empty:
        return pd.DataFrame()
    names = {**display_names(latest["region"].dropna().unique(), names, language), **names}

    def cell(value, unit, period) -> str:
        p = period_text(period, language)
        shown = amount_text(value, unit, language)
        return f"{shown} ({p})" if p else shown

    frame = pd.DataFrame({
        "row": [series_labels.get(s, s) for s in latest["series"]],
        "region": [names.get(r, r) for r in latest["region"]],
        "cell": [cell(v, u, p) for v, u, p in zip(latest["value"], latest["unit"], latest["period"])],
    })
    matrix = frame.pivot_table(index="row", columns="region", values="cell", aggfunc="first").fillna("")
    # the rows most regions report first: the deck's first table slide compares the most
    filled = (matrix != "").sum(axis=1)
    matrix = matrix.loc[sorted(matrix.index, key=lambda r: (-int(filled[r]), str(r)))]
    # a slide compares regions: rows only one region reports stay in the scorecard CSV (when some
    # row is shared); how many were left out is kept for the slide's note
    shared = matrix[filled.loc[matrix.index] >= min_regions]
    left_out = len(matrix) - len(shared) if len(shared) else 0
    matrix = shared if len(shared) else matrix
    matrix.index.name, matrix.columns.name = row_name, None
    matrix.attrs["left_out"] = left_out
    return matrix


@st.cache_data(show_spinner=False, max_entries=16)
def _scorecard_table(key: str, language: str, regions: tuple[str, ...], _corpus,
                     _names: dict) -> tuple[pd.DataFrame, str]:
    from ui.charts import citations
    from ui.i18n import t
    from ui.present import series_labels
    from ui.views import scorecard_views
    latest = scorecard_views(_corpus, list(regions))["latest"]
    if latest.empty:
        return pd.DataFrame(), ""
    table = deck_table(latest, series_labels(latest), _names, t("col.indicator"), language)
    from ui.charts import source_text
    source = source_text(t("common.source"), citations(_corpus.frames["documents"], latest["doc_id"], _names))
    return table, source


def deck_charts() -> list[tuple[str, dict, str]]:
    """(key, spec, export title) of the deck's charts: the pinned ones, then this page's others."""
    from ui.charts import export_meta
    out = [(k, p["spec"], p["title"]) for k, p in pins().items()]
    screen = st.session_state.get(SCREEN) or {}
    if screen.get("page") == _page():
        out += [(k, s, export_meta(s).get("title", "")) for k, s in screen.get("charts", {}).items()
                if k not in pins()]
    return out


def deck_bytes(charts: list[tuple[str, dict, str]], table: Optional[pd.DataFrame], language: str,
               table_title: str, table_source: str) -> bytes:
    """The .pptx of some charts (rendered here, 16:9) and a table; no Streamlit state is touched,
    so a download button can call it when clicked."""
    from core.slides import SlideChart, build_deck
    from ui.charts import export_meta
    from ui.export import chart_png
    slides = []
    for _, spec, title in charts:
        meta = export_meta(spec)
        slides.append(SlideChart(title=title or meta.get("title", ""), png=chart_png(spec, title, "deck", bare=True),
                                 source=meta.get("source", ""), note=meta.get("note", ""),
                                 subtitle=meta.get("subtitle", "")))
    return build_deck(slides, table, language, table_title=table_title, table_source=table_source)


def deck_button(corpus, names: dict[str, str], container=None) -> None:
    """The sidebar's "Download slides (PPTX)": pinned charts, this page's charts, the scorecard."""
    from ui.i18n import lang, speaking, t
    where = container if container is not None else st.sidebar
    screen = st.session_state.get(SCREEN)
    if screen:
        screen["done"] = True  # the next run of this page starts a new list
    charts = deck_charts()
    language = lang()
    regions = tuple(st.session_state.get("score_regions") or ())  # the scorecard's own choice
    table_title = t("score.title")

    def build() -> bytes:
        """On click only: the scorecard table reads the whole figures table (Home never needs it)."""
        try:
            with speaking(language):    # a click's callable runs without the session: name its language
                table, source = _scorecard_table(corpus.key, language, regions, corpus, names)
        except Exception:  # a corpus without figures: a deck without the table
            table, source = pd.DataFrame(), ""
        return deck_bytes(charts, table if not table.empty else None, language, table_title, source)

    where.caption(t("deck.caption", n=len(charts), pinned=len(pins())))
    where.download_button(
        t("deck.download"), data=build,
        file_name="slides.pptx", key="deck_download", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")

