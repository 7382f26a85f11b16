"""Chart and data downloads: slide-sized PNG (16:9 or square), PDF and SVG through vl-convert (with
the CJK font registered), CSV of the data with indicator, measure, period, base and source columns;
a title to edit before downloading and a "pin to deck" switch per chart (``ui.slides``).

Every file is built when its button is clicked (``data=`` a callable): nothing is rendered on a
rerun. The callables touch no Streamlit state (Streamlit runs them outside the script).
"""
from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Callable, Optional

import pandas as pd
import streamlit as st

from ui.charts import FALLBACK_FONTS, export_meta, wrap

FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/wqy",
             "/usr/share/fonts/opentype", "/usr/share/fonts/truetype")
SCALE = 2.0                      # PNG pixels per spec pixel
SHAPES = {"wide": (1920, 1080), "square": (1080, 1080),   # PNG pixels; the PDF page is half (in pt)
          "deck": (1920, 1080)}                          # a deck slide's picture: larger type (scale 3)
SCALES = {"wide": SCALE, "square": SCALE, "deck": 3.0}
_TOP_KEYS = ("config", "datasets", "$schema", "usermeta", "autosize", "title", "width", "height",
             "padding", "background")
PAD = 12                         # spec pixels around the exported chart
FOOTER_SIZE = 10                 # spec pixels (20 px in the PNG)


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


def _svg_size(svg: str) -> tuple[float, float]:
    m = re.search(r'<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"', svg)
    return (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)


def _layout(spec: dict, title: Optional[str], width: int, height: int, inner: tuple[float, float],
            padding: dict, bare: bool = False) -> dict:
    """``spec`` (a finished chart) laid out for a slide: the title and subtitle on top, the plot at
    ``inner`` size, the source lines as a wrapped footer (``bare``: the plot alone, for a deck
    slide that carries its own title and source)."""
    meta = export_meta(spec)
    out = {k: copy.deepcopy(spec[k]) for k in ("$schema", "config", "datasets", "usermeta") if k in spec}
    view = {k: copy.deepcopy(v) for k, v in spec.items() if k not in _TOP_KEYS}
    view["width"], view["height"] = max(int(inner[0]), 60), max(int(inner[1]), 60)
    text_em = (width - 2 * PAD) / FOOTER_SIZE
    lines = [line for src in (meta.get("source_lines") or []) for line in wrap(src, text_em)]
    _fit_band_labels(view, spec.get("datasets") or {}, inner[0], inner[1])
    if bare:
        out.update({"vconcat": [view], "padding": padding, "background": "white", "autosize": {"type": "pad"}})
        return out
    top = title if title is not None else meta.get("title") or (spec.get("title") or {}).get("text", "")
    head = {"text": wrap(str(top), (width - 2 * PAD) / 16) or [""], "anchor": "start", "font": FALLBACK_FONTS,
            "subtitleFont": FALLBACK_FONTS, "fontSize": 16, "subtitleFontSize": 12, "offset": 12,
            "frame": "bounds"}
    if meta.get("subtitle"):
        head["subtitle"] = wrap(meta["subtitle"], (width - 2 * PAD) / 12)
    view["title"] = head  # on the plot; the source goes under everything, legends included
    out.update({"vconcat": [view], "padding": padding, "background": "white", "autosize": {"type": "pad"}})
    if lines:
        out["title"] = {"text": lines, "orient": "bottom", "anchor": "start", "fontSize": FOOTER_SIZE,
                        "fontWeight": "normal", "color": "#555", "font": FALLBACK_FONTS, "offset": 16,
                        "lineHeight": FOOTER_SIZE + 4, "frame": "bounds"}
    return out


def _bands(view: dict, datasets: dict, channel: str) -> tuple[int, float]:
    """How many bands the view's nominal ``channel`` axis has, and its longest label in ems (a
    label split at "|" counts its longest line)."""
    data = (view.get("data") or {}).get("name")
    rows = datasets.get(data) or []
    for part in [view] + list(view.get("layer") or []):
        enc = (part.get("encoding") or {}).get(channel) or {}
        if enc.get("type") in ("nominal", "ordinal") and enc.get("field"):
            values = {str(r.get(enc["field"])) for r in rows if isinstance(r, dict)}
            longest = max((sum(1.0 if ord(c) > 0x2E80 else 0.56 for c in line)
                           for v in values for line in v.split("|")), default=0.0)
            return len(values), longest
    return 0, 0.0


def _set_label_size(view: dict, channel: str, size: float) -> None:
    for part in [view] + list(view.get("layer") or []):
        enc = (part.get("encoding") or {}).get(channel)
        if isinstance(enc, dict) and enc.get("type") in ("nominal", "ordinal"):
            if not ("axis" in enc and enc["axis"] is None):  # a hidden axis stays hidden
                enc["axis"] = {**(enc.get("axis") or {}), "labelFontSize": size}


def _fit_band_labels(view: dict, datasets: dict, width: float, height: float) -> None:
    """Smaller axis labels (and cell texts) when many rows or columns share the slide, so no label
    runs into the next (40 terms on 540 px, 11 dated documents side by side)."""
    sizes = []
    n, _ = _bands(view, datasets, "y")
    if n and height / n < 15:
        size = max(6.0, round(height / n * 0.8, 1))
        _set_label_size(view, "y", size)
        sizes.append(size)
    n, longest = _bands(view, datasets, "x")
    if n and longest and (width * 0.85) / n < longest * 12:
        size = max(6.0, round((width * 0.85) / n / longest, 1))
        _set_label_size(view, "x", size)
        sizes.append(size)
    if sizes:
        for part in [view] + list(view.get("layer") or []):
            mark = part.get("mark")
            if isinstance(mark, dict) and mark.get("type") == "text":
                mark["fontSize"] = min(mark.get("fontSize", 11), min(sizes) + 1)


@functools.lru_cache(maxsize=128)
def _export_spec(spec_json: str, title: Optional[str], shape: str, bare: bool = False) -> str:
    import vl_convert as vlc
    register_fonts()
    spec = json.loads(spec_json)
    target_w, target_h = (v / SCALES[shape] for v in SHAPES[shape])
    inner = [target_w - 2 * PAD - 120, max(target_h - 2 * PAD - (60 if bare else 160), 120)]
    pad = {"left": PAD, "top": PAD, "right": PAD, "bottom": PAD}
    out = _layout(spec, title, int(target_w), int(target_h), tuple(inner), pad, bare)
    for attempt in range(5):  # axes, legends and titles take what the plot does not: measure, adjust
        w, h = _svg_size(vlc.vegalite_to_svg(out))
        if not w:
            break
        dw, dh = target_w - w, target_h - h
        if abs(dw) < 0.5 and abs(dh) < 0.5:
            break
        if (dw >= 0 and dh >= 0 and abs(dw) < 8 and abs(dh) < 8) or attempt == 4:  # pad to the exact size
            pad = {"left": PAD, "top": PAD, "right": PAD + max(dw, 0), "bottom": PAD + max(dh, 0)}
            out = _layout(spec, title, int(target_w), int(target_h), tuple(inner), pad, bare)
            break
        inner = [inner[0] + dw, inner[1] + dh]
        out = _layout(spec, title, int(target_w), int(target_h), tuple(inner), pad, bare)
    return json.dumps(out, ensure_ascii=False)


def export_spec(chart, title: Optional[str] = None, shape: str = "wide", bare: bool = False) -> dict:
    """The chart laid out for a slide: ``SHAPES[shape]`` pixels as PNG (half that in PDF points),
    ``title`` instead of the chart's own when given; ``bare``: without title and footer."""
    return json.loads(_export_spec(json.dumps(_spec(chart), sort_keys=True, ensure_ascii=False), title, shape,
                                   bare))


def _fit(png: bytes, size: tuple[int, int]) -> bytes:
    """The PNG on a white canvas of exactly ``size`` (a pixel or two of rounding)."""
    import io
    from PIL import Image
    img = Image.open(io.BytesIO(png))
    if img.size == size:
        return png
    canvas = Image.new("RGB", size, "white")
    img.thumbnail(size)
    canvas.paste(img.convert("RGB"), (0, 0))
    buf = io.BytesIO()
    canvas.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


@functools.lru_cache(maxsize=128)
def _png(spec_json: str, title: Optional[str], shape: str, bare: bool) -> bytes:
    import vl_convert as vlc
    register_fonts()
    out = json.loads(_export_spec(spec_json, title, shape, bare))
    return _fit(vlc.vegalite_to_png(out, scale=SCALES[shape]), SHAPES[shape])


def chart_png(chart, title: Optional[str] = None, shape: str = "wide", bare: bool = False) -> bytes:
    """The chart as a slide PNG: 1920×1080 (``shape="wide"``) or 1080×1080 (``"square"``);
    ``bare``: the plot without title and source (a deck slide has its own)."""
    return _png(json.dumps(_spec(chart), sort_keys=True, ensure_ascii=False), title, shape, bare)


def chart_pdf(chart, title: Optional[str] = None, shape: str = "wide") -> bytes:
    """The chart as a one-page PDF (960×540 pt for 16:9) with its glyphs embedded."""
    import vl_convert as vlc
    register_fonts()
    return vlc.vegalite_to_pdf(export_spec(chart, title, shape))


def chart_svg(chart, title: Optional[str] = None, shape: str = "wide") -> str:
    """The chart as SVG text (text as text: it needs the viewer's fonts; PDF embeds them)."""
    import vl_convert as vlc
    register_fonts()
    return vlc.vegalite_to_svg(export_spec(chart, title, shape))


def data_csv(data: pd.DataFrame) -> bytes:
    """CSV bytes with a UTF-8 BOM so spreadsheet programs show the Chinese text; text cells that
    a spreadsheet would run as a formula are quoted (``core.csv_safe``), numbers stay numbers."""
    from core.csv_safe import safe_frame
    return safe_frame(data).to_csv(index=False).encode("utf-8-sig")


EXPORT_COLUMNS = ("indicator", "measure", "unit", "period", "base", "source")


def export_frame(data: pd.DataFrame, spec: dict, **columns) -> pd.DataFrame:
    """A chart's data for its CSV: the chart's own columns plus indicator, measure, unit, period,
    base and source (given per row in ``data`` already, as ``columns``, or from the chart's
    export metadata)."""
    meta = export_meta(spec)
    out = data.copy()
    defaults = {"indicator": meta.get("title", ""), "measure": "", "unit": meta.get("unit", ""),
                "period": meta.get("period", ""), "base": meta.get("base", ""), "source": meta.get("source", "")}
    for col in EXPORT_COLUMNS:
        if col in columns:
            out[col] = columns[col]
        elif col not in out:
            out[col] = defaults[col]
    for col in ("source",):
        out[col] = out[col].fillna("")
    return out


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w\-\u4e00-\u9fff]+", "_", name).strip("_") or "chart"


def chart_downloads(chart, data: pd.DataFrame, name: str, pin_key: Optional[str] = None) -> None:
    """Under a chart: the export title (editable), the shape, PNG/PDF/SVG/CSV downloads (each
    built on click) and the "pin to deck" switch."""
    from ui.i18n import t
    from ui import slides
    spec = _spec(chart)
    meta = export_meta(spec)
    stem = _file_stem(name)
    c1, c2 = st.columns([3, 2])
    default = meta.get("title", "")
    digest = hashlib.sha1(default.encode()).hexdigest()[:8]  # a new chart title resets the field
    title = c1.text_input(t("export.title"), value=default, key=f"ex_title_{stem}_{digest}")
    # the option labels are the same in both languages (a radio whose labels change loses its choice)
    shape = c2.radio(t("export.shape"), ["wide", "square"], key=f"ex_shape_{stem}", horizontal=True,
                     format_func=lambda s: t(f"export.shape.{s}"))
    title = title.strip() or meta.get("title", "")
    cols = st.columns(5)
    cols[0].download_button(t("export.png"), data=lambda: chart_png(spec, title, shape), file_name=f"{stem}.png",
                            mime="image/png", key=f"dl_png_{stem}", on_click="ignore")
    cols[1].download_button(t("export.pdf"), data=lambda: chart_pdf(spec, title, shape), file_name=f"{stem}.pdf",
                            mime="application/pdf", key=f"dl_pdf_{stem}", on_click="ignore")
    cols[2].download_button(t("export.svg"), data=lambda: chart_svg(spec, title, shape), file_name=f"{stem}.svg",
                            mime="image/svg+xml", key=f"dl_svg_{stem}", on_click="ignore")
    cols[3].download_button(t("export.csv"), data=lambda: data_csv(export_frame(data, spec)), file_name=f"{stem}.csv",
                            mime="text/csv", key=f"dl_csv_{stem}", on_click="ignore")
    slides.pin_control(cols[4], pin_key or stem, spec, title)


def table_download(data: pd.DataFrame | Callable[[], pd.DataFrame], name: str) -> None:
    """A single CSV download button for a table, or for a function that reads it (the CSV, and a
    table given as a function, are built when the button is clicked)."""
    from ui.i18n import t
    stem = _file_stem(name)
    st.download_button(t("export.csv"), data=lambda: data_csv(data() if callable(data) else data),
                       file_name=f"{stem}.csv", mime="text/csv",
                       key=f"dl_tbl_{stem}", on_click="ignore")


@st.cache_resource(show_spinner=False, max_entries=256)
def _built_chart(key: tuple, _build) -> tuple[dict, pd.DataFrame]:
    chart, data = _build()
    return _spec(chart), data  # the spec is validated once, here


def show_spec(spec: dict, data: pd.DataFrame, name: str) -> None:
    """Draw a finished chart's spec at the width of its column, its source line under it (as
    text), its downloads and pin switch; the chart joins this page's deck."""
    from ui import slides
    from ui.safe import md
    st.vega_lite_chart(spec=spec, theme=None, width="stretch")
    source = export_meta(spec).get("source")
    if source:
        st.caption(md(source))
    chart_downloads(spec, data, name)
    slides.on_screen(_file_stem(name), spec)


def show_cached_chart(key: tuple, build, name: str) -> None:
    """``show_chart`` of ``build() -> (chart, data)``, built once per ``key``: Altair spends ~0.1 s
    building and validating each chart, so a rerun draws the stored spec instead. ``key`` must hold
    everything the chart depends on (corpus key, language, the user's choices)."""
    spec, data = _built_chart(key, build)
    show_spec(spec, data, name)


def show_chart(chart, data: pd.DataFrame, name: str) -> None:
    """Draw a finished chart (our theme, not Streamlit's) with its downloads."""
    show_spec(_spec(chart), data, name)
