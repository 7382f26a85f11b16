"""Shared chart look: a CJK font, a title with unit and period, and a source footer."""
from __future__ import annotations

from typing import Iterable, Optional, Union

import altair as alt

FONT = "Noto Sans CJK SC"
FALLBACK_FONTS = f"{FONT}, Noto Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
PALETTE = ["#1f5aa6", "#d9622b", "#3a9b5c", "#8c5fb8", "#c23b4e", "#7f7f7f", "#b8a31f", "#2aa1b3"]

CONFIG = {
    "font": FALLBACK_FONTS,
    "title": {"font": FALLBACK_FONTS, "fontSize": 16, "anchor": "start", "subtitleFontSize": 12,
              "subtitleColor": "#555", "subtitleFont": FALLBACK_FONTS},
    "axis": {"labelFont": FALLBACK_FONTS, "titleFont": FALLBACK_FONTS, "labelFontSize": 12,
             "titleFontSize": 12, "labelLimit": 260},
    "legend": {"labelFont": FALLBACK_FONTS, "titleFont": FALLBACK_FONTS, "labelLimit": 260},
    "header": {"labelFont": FALLBACK_FONTS, "titleFont": FALLBACK_FONTS},
    "text": {"font": FALLBACK_FONTS},
    "range": {"category": PALETTE},
    "view": {"stroke": None},
    "background": "white",
}

AnyChart = Union[alt.Chart, alt.LayerChart, alt.ConcatChart, alt.HConcatChart, alt.VConcatChart,
                 alt.FacetChart, alt.RepeatChart]


def theme() -> dict:
    """The shared Vega-Lite config (also registered as the altair theme "policy")."""
    return {"config": CONFIG}


# Altair validates every schema object as it is built ("debug mode"); the finished spec is still
# validated once when it is drawn. Building each page's charts cost ~0.1 s per chart in debug mode.
alt.utils.schemapi.disable_debug_mode()

try:  # altair >= 5.5
    alt.theme.register("policy", enable=True)(lambda: alt.theme.ThemeConfig(theme()))
except AttributeError:  # pragma: no cover - older altair
    alt.themes.register("policy", theme)
    alt.themes.enable("policy")


def _join(parts: Iterable[Optional[str]], sep: str = " · ") -> str:
    return sep.join(str(p) for p in parts if p not in (None, ""))


def finish(chart: AnyChart, title: str, unit: Optional[str], period: Optional[str],
           source: Optional[str]) -> alt.VConcatChart:
    """The chart with a title, a subtitle (unit, period), a source footer and the shared font.

    ``source`` is the footer text, e.g. "来源: 威海市 · 000_... · 2024-11-19".
    """
    subtitle = _join([unit, period])
    footer = alt.TitleParams(text=source or "", orient="bottom", anchor="start", fontSize=10,
                             fontWeight="normal", color="#666", font=FALLBACK_FONTS)
    inner = chart.properties(title=footer)
    if getattr(chart, "width", alt.Undefined) is alt.Undefined and not isinstance(
            chart, (alt.ConcatChart, alt.HConcatChart, alt.VConcatChart, alt.FacetChart)):
        inner = inner.properties(width=620)  # concat children cannot use the container width
    extra = {"subtitle": subtitle} if subtitle else {}
    top = alt.TitleParams(text=title, anchor="start", font=FALLBACK_FONTS, subtitleFont=FALLBACK_FONTS, **extra)
    return (alt.vconcat(inner).properties(title=top)
            .configure(**{k: v for k, v in CONFIG.items() if k not in ("title", "axis", "legend", "header", "text", "range", "view")})
            .configure_title(**CONFIG["title"]).configure_axis(**CONFIG["axis"])
            .configure_legend(**CONFIG["legend"]).configure_header(**CONFIG["header"])
            .configure_text(**CONFIG["text"]).configure_range(**CONFIG["range"])
            .configure_view(**CONFIG["view"]))


def source_line(label: str, items: Iterable[tuple[Optional[str], Optional[str], Optional[str]]],
                limit: int = 4) -> str:
    """Footer text from (region, doc_id, date) triples: "来源: 威海市 000_… 2024-11-19; …"."""
    seen, parts = set(), []
    for region, doc, date in items:
        key = (region, doc, date)
        if key in seen:
            continue
        seen.add(key)
        parts.append(_join([region, doc, date], " "))
    more = f" (+{len(parts) - limit})" if len(parts) > limit else ""
    return f"{label}: " + "; ".join(parts[:limit]) + more if parts else ""
