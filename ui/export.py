"""Chart and data downloads: PNG and SVG through vl-convert (with the CJK font), CSV of the data."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pandas as pd
import streamlit as st

FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/wqy",
             "/usr/share/fonts/opentype", "/usr/share/fonts/truetype")


@functools.lru_cache(maxsize=1)
def register_fonts() -> tuple[str, ...]:
    """Register the machine's CJK font folders with vl-convert (once per process)."""
    import vl_convert as vlc
    done = []
    for folder in FONT_DIRS:
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)
            done.append(folder)
    return tuple(done)


def _spec(chart) -> dict:
    return chart.to_dict() if hasattr(chart, "to_dict") else dict(chart)


@functools.lru_cache(maxsize=256)
def _png(spec_json: str, scale: float) -> bytes:
    import vl_convert as vlc
    register_fonts()
    return vlc.vegalite_to_png(json.loads(spec_json), scale=scale)


@functools.lru_cache(maxsize=256)
def _svg(spec_json: str) -> str:
    import vl_convert as vlc
    register_fonts()
    return vlc.vegalite_to_svg(json.loads(spec_json))


def chart_png(chart, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes (2x scale for slides)."""
    return _png(json.dumps(_spec(chart), sort_keys=True, ensure_ascii=False), scale)


def chart_svg(chart) -> str:
    """The chart as SVG text."""
    return _svg(json.dumps(_spec(chart), sort_keys=True, ensure_ascii=False))


def data_csv(data: pd.DataFrame) -> bytes:
    """CSV bytes with a UTF-8 BOM so spreadsheet programs show the Chinese text; text cells that
    a spreadsheet would run as a formula are quoted (``core.csv_safe``), numbers stay numbers."""
    from core.csv_safe import safe_frame
    return safe_frame(data).to_csv(index=False).encode("utf-8-sig")


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w\-\u4e00-\u9fff]+", "_", name).strip("_") or "chart"


def chart_downloads(chart, data: pd.DataFrame, name: str) -> None:
    """PNG, SVG and CSV download buttons under a chart (each file is built on click)."""
    from ui.i18n import t
    stem = _file_stem(name)
    cols = st.columns(3)
    cols[0].download_button(t("export.png"), data=lambda: chart_png(chart), file_name=f"{stem}.png",
                            mime="image/png", key=f"dl_png_{stem}", on_click="ignore")
    cols[1].download_button(t("export.svg"), data=lambda: chart_svg(chart), file_name=f"{stem}.svg",
                            mime="image/svg+xml", key=f"dl_svg_{stem}", on_click="ignore")
    cols[2].download_button(t("export.csv"), data=lambda: data_csv(data), file_name=f"{stem}.csv",
                            mime="text/csv", key=f"dl_csv_{stem}", on_click="ignore")


def table_download(data: pd.DataFrame, name: str) -> None:
    """A single CSV download button for a table (the CSV is built when the button is clicked)."""
    from ui.i18n import t
    stem = _file_stem(name)
    st.download_button(t("export.csv"), data=lambda: data_csv(data), file_name=f"{stem}.csv", mime="text/csv",
                       key=f"dl_tbl_{stem}", on_click="ignore")


@st.cache_resource(show_spinner=False, max_entries=256)
def _built_chart(key: tuple, _build) -> tuple[dict, pd.DataFrame]:
    chart, data = _build()
    return _spec(chart), data  # the spec is validated once, here


def show_cached_chart(key: tuple, build, name: str) -> None:
    """``show_chart`` of ``build() -> (chart, data)``, built once per ``key``: Altair spends ~0.1 s
    building and validating each chart, so a rerun draws the stored spec instead. ``key`` must hold
    everything the chart depends on (corpus key, language, the user's choices)."""
    spec, data = _built_chart(key, build)
    st.vega_lite_chart(spec=spec, theme=None, width="stretch")
    chart_downloads(spec, data, name)


def show_chart(chart, data: pd.DataFrame, name: str) -> None:
    """Draw a finished chart (our theme, not Streamlit's) with its PNG/SVG/CSV downloads."""
    st.altair_chart(chart, theme=None, width="stretch")
    chart_downloads(chart, data, name)
