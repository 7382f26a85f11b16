"""Shared chart look: a CJK font, a title with unit, period and base, a source footer, region colours.

A finished chart (``finish``) is one view (or layer) that fills its container's width; what an
export needs beyond the screen (the editable title, the subtitle, the source lines, the method
note) travels in the spec's ``usermeta["export"]`` (Vega ignores it), so ``ui.export`` can lay the
same chart out at slide size (``export_spec``) without the page's help.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence, Union

import altair as alt
import pandas as pd

FONT = "Noto Sans CJK SC"
FALLBACK_FONTS = f"{FONT}, Noto Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
PALETTE = ["#1f5aa6", "#d9622b", "#3a9b5c", "#8c5fb8", "#c23b4e", "#7f7f7f", "#b8a31f", "#2aa1b3",
           "#5b3a29", "#e377c2", "#17becf", "#9edae5"]

CONFIG = {
    "font": FALLBACK_FONTS,
    "title": {"font": FALLBACK_FONTS, "fontSize": 16, "anchor": "start", "subtitleFontSize": 12,
              "subtitleColor": "#555", "subtitleFont": FALLBACK_FONTS},
    # no rotated text: axis titles sit horizontally at the top of the axis, labels are level
    "axis": {"labelFont": FALLBACK_FONTS, "titleFont": FALLBACK_FONTS, "labelFontSize": 12,
             "titleFontSize": 12, "labelLimit": 260},
    "axisY": {"titleAngle": 0, "titleAlign": "left", "titleAnchor": "end", "titleBaseline": "bottom",
              "titleY": -8, "titleX": 0},
    "axisX": {"labelAngle": 0},
    "legend": {"labelFont": FALLBACK_FONTS, "titleFont": FALLBACK_FONTS, "labelLimit": 260},
    "header": {"labelFont": FALLBACK_FONTS, "titleFont": FALLBACK_FONTS, "labelAngle": 0},
    "text": {"font": FALLBACK_FONTS},
    "range": {"category": PALETTE},
    "view": {"stroke": None, "continuousHeight": 300},
    "background": "white",
}
EXPORT_KEY = "export"  # usermeta key of the export metadata

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


def english_only(label: str) -> str:
    """An English label without its Chinese gloss ("digital (数字化)" → "digital"); Chinese as is."""
    stripped = re.sub(r"\s*[(（][^()（）]*[\u3400-\u9fff][^()（）]*[)）]", "", label).strip()
    return stripped if stripped and not re.search(r"[\u3400-\u9fff]", stripped) else label


def _join(parts: Iterable[Optional[str]], sep: str = " · ") -> str:
    return sep.join(str(p) for p in parts if p not in (None, "") and not (isinstance(p, float) and p != p))


def _configured(chart: AnyChart) -> AnyChart:
    simple = {k: v for k, v in CONFIG.items() if not isinstance(v, dict)}
    return (chart.configure(**simple).configure_title(**CONFIG["title"]).configure_axis(**CONFIG["axis"])
            .configure_axisY(**CONFIG["axisY"]).configure_axisX(**CONFIG["axisX"])
            .configure_legend(**CONFIG["legend"]).configure_header(**CONFIG["header"])
            .configure_text(**CONFIG["text"]).configure_range(**CONFIG["range"])
            .configure_view(**CONFIG["view"]))


def finish(chart: AnyChart, title: str, unit: Optional[str], period: Optional[str],
           source: Union[str, Sequence[str], None], base: Optional[str] = None,
           note: Optional[str] = None, source_label: str = "") -> AnyChart:
    """The chart with a title, a subtitle (unit · period · base), the shared font, and its export
    metadata; it fills the width of its container (``width="container"``, ``autosize fit-x``).

    ``source`` is the footer: a finished line, or a list of document citations (``citations``)
    that ``source_text`` joins after ``source_label`` ("来源"). ``note`` is the method note of a
    deck slide (what is compared).
    """
    subtitle = _join([unit, period, base])
    if isinstance(source, str) or source is None:
        source_lines = [source] if source else []
        footer = source or ""
    else:
        footer = source_text(source_label, list(source))
        source_lines = [footer] if footer else []
    top = alt.TitleParams(text=title, anchor="start", font=FALLBACK_FONTS, subtitleFont=FALLBACK_FONTS,
                          **({"subtitle": subtitle} if subtitle else {}))
    meta = {"title": title, "subtitle": subtitle, "source": footer, "source_lines": source_lines,
            "note": note or "", "unit": unit or "", "period": period or "", "base": base or ""}
    sized = chart.properties(width="container", title=top, usermeta={EXPORT_KEY: meta},
                             autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return _configured(sized)


def export_meta(spec: dict) -> dict:
    """The export metadata ``finish`` stored in a spec (empty for a chart made elsewhere)."""
    return dict((spec.get("usermeta") or {}).get(EXPORT_KEY) or {})


# ------------------------------------------------------------------ sources


_CJK_RUN = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff·・]*[\u3400-\u9fff]")


def publisher(source) -> str:
    """The publisher named by a manifest ``source``: the text itself, or, for a URL with a note
    ("https://… (大众网)", "http://… (mirror of 大众日报; …)"), the first Chinese name in it, else the
    URL's host. Empty for nothing usable."""
    if not isinstance(source, str) or not source.strip() or source.strip().lower() == "nan":
        return ""
    s = source.strip()
    if re.match(r"(?i)(https?://|www\.|no url)", s):
        m = _CJK_RUN.search(s)
        if m:
            return m.group(0)
        host = re.match(r"(?i)(?:https?://)?([^/\s]+)", s)
        return host.group(1) if host else ""
    return s


def _text(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    s = str(v).strip()
    return "" if s.lower() in ("nan", "none", "nat") else s


def citation(region: str, source, title, date, genre: str = "", lang: str = "zh") -> str:
    """One document as a footer names it: region · publisher, title (or genre) · date.

    Chinese: ``威海市 · 齐鲁晚报·齐鲁壹点《威海市推进新型工业化新闻发布会》 · 2024-11-19``; English:
    the region's English name, the publisher and the genre in English
    (``Weihai · 齐鲁晚报·齐鲁壹点, press conference · 2024-11-19``). Never an id or "nan".
    """
    pub, title_s, date_s = publisher(source), _text(title), _text(date)
    if lang == "en":
        what = _join([pub, genre], ", ") or title_s
    else:
        what = pub + (f"《{title_s}》" if title_s else "") if pub else (f"《{title_s}》" if title_s else genre)
    return _join([_text(region), what, date_s])


def citations(documents: pd.DataFrame, doc_ids: Iterable, names: dict[str, str]) -> list[str]:
    """Citations (``citation``) of some documents, in the current language, once each, in order
    of date (newest last); ``names`` maps official region names to display names."""
    from ui.i18n import label_or, lang
    wanted = list(dict.fromkeys(d for d in doc_ids if isinstance(d, str)))
    if not wanted or documents.empty:
        return []
    cols = [c for c in ("doc_id", "region", "genre", "source", "title", "date") if c in documents]
    docs = documents.loc[documents["doc_id"].isin(wanted), cols].drop_duplicates("doc_id")  # one lookup for all
    rows = docs.to_dict("records")
    rows.sort(key=lambda r: (_text(r.get("date")), str(r["doc_id"])))
    language = lang()
    out: dict[str, None] = {}  # ordered, each citation once
    for r in rows:
        region = r.get("region")
        genre = r.get("genre")
        genre_s = label_or(f"genre.{genre}", "") if isinstance(genre, str) and genre else ""
        item = citation(names.get(region, region) if isinstance(region, str) else "", r.get("source"),
                        r.get("title"), r.get("date"), genre_s.lower() if language == "en" else genre_s, language)
        if item:
            out.setdefault(item)
    return list(out)


def region_doc_ids(documents: pd.DataFrame, regions: Iterable[str]) -> list[str]:
    """The documents of some regions (for charts drawn from every document of a region)."""
    wanted = set(regions)
    return [d for d, r in zip(documents["doc_id"], documents["region"]) if r in wanted]


def source_text(label: str, items: Sequence[str]) -> str:
    """``来源: a; b`` for a few documents, ``来源（12 份文档）: a; b; …`` for many: every one named."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) > 3:
        from ui.i18n import t
        return f"{t('export.n_documents', label=label, n=len(items))}: " + "; ".join(items)
    return f"{label}: " + "; ".join(items)


def source_line(label: str, items: Iterable[tuple[Optional[str], Optional[str], Optional[str]]],
                limit: int = 0) -> str:
    """Footer text from (region, name, date) triples, each once: "来源: 威海市 … 2024-11-19; …".

    Kept for callers that have no documents frame; ``citations`` names publisher and title.
    """
    seen, parts = set(), []
    for region, doc, date in items:
        part = _join([_text(region), _text(doc), _text(date)], " ")
        if part and part not in seen:
            seen.add(part)
            parts.append(part)
    return f"{label}: " + "; ".join(parts) if parts else ""


def wrap(text: str, width_em: float) -> list[str]:
    """``text`` cut into lines of at most ``width_em`` ems (a Han character 1 em, others ~0.55),
    at "; " or spaces where possible."""
    def size(s: str) -> float:
        return sum(1.0 if ord(c) > 0x2E80 else 0.56 for c in s)

    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for token in re.split(r"(?<=; )|(?<= )", para):
            if size(line + token) <= width_em:
                line += token
                continue
            if line.strip():
                lines.append(line.rstrip())
            while size(token) > width_em:  # a token longer than a line: cut it
                acc, cut = 0.0, 0
                for i, ch in enumerate(token):
                    acc += size(ch)
                    if acc > width_em:
                        break
                    cut = i + 1
                cut = max(cut, 1)
                lines.append(token[:cut].rstrip())
                token = token[cut:]
            line = token
        if line.strip():
            lines.append(line.rstrip())
    return lines


# ------------------------------------------------------------------ region colours


def region_order(documents: pd.DataFrame, *others: pd.DataFrame) -> list[str]:
    """The colour domain of every chart: the documents' official region names sorted, then the
    other frames' regions (全国 …) sorted after them, so a region's place never depends on the page."""
    def names_of(f: pd.DataFrame) -> set[str]:
        return {r for r in f["region"].dropna().unique() if isinstance(r, str) and r} if "region" in f else set()

    first = sorted(names_of(documents))
    rest = sorted(set().union(*(names_of(f) for f in others)) - set(first)) if others else []
    return first + rest


def region_display(region, names: dict[str, str], language: Optional[str] = None) -> str:
    """A region as charts show it: the page's display name, else a label (``region.全国``), else
    the gazetteer's English name in English, else the name itself."""
    from ui.i18n import labels, lang
    r = _text(region)
    if not r:
        return ""
    shown = names.get(r)        # the page's names (RegionNames also names regions no document has)
    if shown:
        return shown
    language = language or lang()
    entry = labels().get(f"region.{r}")
    if entry:
        return entry.get(language) or r
    if language == "en":
        from core.gazetteer import lookup
        place = lookup(r)
        if place is not None and place.name_en:
            return place.full_name_en
    return r


def display_names(order: Iterable[str], names: dict[str, str], language: Optional[str] = None) -> dict[str, str]:
    """``region_display`` of every region of ``order``: {official name: display name}."""
    return {r: region_display(r, names, language) for r in order}


def region_color(region: str, order: Sequence[str]) -> str:
    """The colour of an official region name: its place in ``order`` (the same in both languages)."""
    try:
        return PALETTE[list(order).index(region) % len(PALETTE)]
    except ValueError:
        return PALETTE[-1]


def region_scale(order: Sequence[str], names: dict[str, str], present: Optional[Iterable[str]] = None) -> alt.Scale:
    """A colour scale over display names whose colours are keyed on the official names: the same
    region has the same colour on every chart and in both languages. ``present`` (official names)
    keeps only those regions in the scale (and its legend), each with its own colour still."""
    keep = set(present) if present is not None else None
    domain, colours, seen = [], [], set()
    for i, r in enumerate(order):
        shown = names.get(r, r)
        if shown in seen or (keep is not None and r not in keep):
            continue
        seen.add(shown)
        domain.append(shown)
        colours.append(PALETTE[i % len(PALETTE)])
    return alt.Scale(domain=domain, range=colours)


# ------------------------------------------------------------------ units and periods


def unit_text(unit, language: Optional[str] = None) -> str:
    """A unit in a language: 个百分点 → pp, 家 → firms, 亿元 → 100 million yuan, 万家 → 10,000 firms
    (labels ``unit.*`` and magnitudes ``unitmag.*`` in ``ui/labels/units.json``); Chinese text as
    is; an unknown unit unchanged."""
    from ui.i18n import labels, lang
    u = _text(unit)
    if not u:
        return ""
    language = language or lang()
    table = labels()

    def one(key: str) -> Optional[str]:
        entry = table.get(key)
        return entry.get(language) if entry else None

    exact = one(f"unit.{u}")
    if exact is not None:
        return exact
    if language != "en":
        return u
    for mag in sorted((k[len("unitmag."):] for k in table if k.startswith("unitmag.")), key=len, reverse=True):
        if u.startswith(mag) and len(u) > len(mag):
            base = one(f"unit.{u[len(mag):]}")
            if base is not None:
                return f"{one(f'unitmag.{mag}')} {base}".strip()
    return u


def amount_text(value, unit, language: Optional[str] = None) -> str:
    """A value with its unit for a table cell: 8.4%, 12 家 / 12 firms; in English a magnitude
    unit is multiplied out (20.2 万个 → 202,000; 1,800 亿元 → 180 billion yuan); a count has no word."""
    from ui.i18n import labels, lang
    language = language or lang()
    u = _text(unit)
    try:
        v = float(value)
    except (TypeError, ValueError):
        return _text(value)
    if u == "rank":
        return f"#{v:g}"
    if language == "en" and u:
        table = labels()
        for mag in sorted((k[len("unitmag."):] for k in table if k.startswith("unitmag.")), key=len, reverse=True):
            base = table.get(f"unit.{u[len(mag):]}") if u.startswith(mag) and len(u) > len(mag) else None
            if base:
                total = v * _magnitude(mag)
                word = base.get("en", "")
                for size, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
                    if abs(total) >= size:
                        return f"{total / size:,.4g} {name} {word}".replace(" count", "").strip()
                return f"{total:,.0f} {word}".replace(" count", "").strip()
    shown = unit_text(u, language)
    num = f"{v:,.6g}"
    if shown in ("%", ""):
        return f"{num}{shown}"
    if shown == "count":
        return num
    return f"{num} {shown}" if language == "en" else f"{num}{shown}"


def _magnitude(word: str) -> float:
    """The factor of a magnitude word (万 = 1e4 …), from the one unit table of ``core``."""
    from core.targets import split_unit
    return split_unit(word)[1]


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def period_text(period, language: Optional[str] = None) -> str:
    """A period code in words: 2024 → 2024年 / 2024; 2024-01..2024-10 → 2024年1–10月 / Jan–Oct 2024;
    2024-Q1..Q3 → 2024年1–3季度 / Q1–Q3 2024; anything else as is."""
    from ui.i18n import lang
    p = _text(period)
    if not p:
        return ""
    en = (language or lang()) == "en"
    if m := re.fullmatch(r"(\d{4})", p):
        return p if en else f"{p}年"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", p):
        y, mo = m.group(1), int(m.group(2))
        return f"{_MONTHS[mo - 1]} {y}" if en else f"{y}年{mo}月"
    if m := re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", p):
        y1, m1, y2, m2 = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
        if y1 == y2:
            return f"{_MONTHS[m1 - 1]}–{_MONTHS[m2 - 1]} {y1}" if en else f"{y1}年{m1}–{m2}月"
        return (f"{_MONTHS[m1 - 1]} {y1}–{_MONTHS[m2 - 1]} {y2}" if en else f"{y1}年{m1}月–{y2}年{m2}月")
    if m := re.fullmatch(r"(\d{4})-Q(\d)(?:\.\.Q?(\d))?", p):
        y, q1, q2 = m.group(1), m.group(2), m.group(3)
        if q2:
            return f"Q{q1}–Q{q2} {y}" if en else f"{y}年{q1}–{q2}季度"
        return f"Q{q1} {y}" if en else f"{y}年{q1}季度"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", p):
        y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
        return f"{d} {_MONTHS[mo - 1]} {y}" if en else f"{y}年{mo}月{d}日"
    return p


def date_span(dates: Iterable) -> tuple[str, str]:
    """The first and last year of some document dates ("" when none)."""
    years = sorted({str(d)[:4] for d in dates if _text(d) and re.match(r"\d{4}", str(d))})
    return (years[0], years[-1]) if years else ("", "")


def documents_period(dates: Iterable) -> str:
    """The period a chart drawn from whole documents covers: 文档日期 2020–2025 / documents of 2020–2025."""
    from ui.i18n import t
    first, last = date_span(dates)
    if not first:
        return ""
    return t("export.period_docs", span=first if first == last else f"{first}–{last}")
