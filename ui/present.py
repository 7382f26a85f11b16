"""Frames prepared for display in the current language (column names, codes -> labels)."""
from __future__ import annotations

from typing import Iterable, Optional

import pandas as pd
import streamlit as st

from ui.i18n import indicator_label, label_or, lang, region_label, t
from ui.messages import source_text
from ui.safe import md
from ui.tables import map_unique, parse_reader_url, reader_url, text_or_empty


class RegionNames(dict):
    """{official name: display name}; ``get`` of a region no document has (a figure about 全国 or
    a district) still names it in the current language."""

    def get(self, key, default=None):
        if key in self:
            return self[key]
        return region_label(key) if isinstance(key, str) and key else default


def region_names(documents: pd.DataFrame) -> dict[str, str]:
    """{official name: display name} for the regions of the documents frame (``RegionNames``)."""
    out = RegionNames()
    pairs = documents[["region", "region_en"]].drop_duplicates()
    for region, region_en in zip(pairs["region"], pairs["region_en"]):
        if isinstance(region, str) and region and region not in out:
            out[region] = region_label(region, region_en if isinstance(region_en, str) else None)
    return out


def with_region_display(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Replace the region column with its display name."""
    if "region" not in frame:
        return frame
    return frame.assign(region=map_unique(frame["region"], lambda r: names.get(r, region_label(r))
                                          if isinstance(r, str) or r is None else region_label(None)))


def _join_list(v) -> str:
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)


def rename_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Column headers in the current language (``col.<name>`` labels)."""
    return frame.rename(columns={c: label_or(f"col.{c}", c) for c in frame.columns})


def documents_table(documents: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The documents frame for the Home table: localized codes and headers, a reader link."""
    cols = ["doc_id", "region", "level", "date", "genre", "title", "script", "encoding",
            "n_chars", "n_sentences", "n_figures", "n_targets", "n_slogans", "n_repairs", "defects",
            "region_source", "date_source"]
    df = documents[cols].copy()
    df = with_region_display(df, names)
    for col in ("genre", "level", "script"):
        df[col] = map_unique(df[col], lambda g, col=col: label_or(f"{col}.{g}", g) if isinstance(g, str) and g else "")
    kinds = {k for v in df["defects"] for k in (v or [])}
    shown = {k: label_or(f"repair.{k}", k) for k in kinds}
    df["defects"] = [", ".join(shown[k] for k in (v or [])) for v in df["defects"]]
    for col in ("region_source", "date_source"):
        df[col] = map_unique(df[col], source_text)
    df["reader"] = [reader_url(d) for d in documents["doc_id"]]
    return df


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as a table shows it: missing cells empty (never "None" or "nan"), lists joined.
    Number columns with gaps become text (numbers as ``:g``) so a gap is an empty cell too."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            out[col] = [_join_list(v) if isinstance(v, (list, tuple)) else text_or_empty(v) for v in s]
        elif s.isna().any():
            out[col] = [number_text(v) for v in s]
    return out


def number_text(v) -> str:
    """A number for a table cell: 8.4, 1,500, 3 ("" when missing)."""
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return f"{int(f):,}" if f.is_integer() and abs(f) < 1e15 else f"{f:,.6g}"


def show_table(frame: pd.DataFrame, key: Optional[str] = None, link_cols: Iterable[str] = ("reader",),
               height: Optional[int] = None) -> None:
    """st.dataframe with localized headers and no "None"/"nan" cells. A table with a ``reader``
    column (``reader_url`` of each row) lets the user pick a row and open it in the reader with a
    page link: same tab, same session (a link column would open a new tab, i.e. a new session that
    has lost this visitor's uploads and language)."""
    links = [c for c in link_cols if c in frame]
    kwargs = {"height": height} if height else {}
    shown = rename_columns(display_frame(frame.drop(columns=links)))
    if not links:
        st.dataframe(shown, hide_index=True, key=key, **kwargs)
        return
    event = st.dataframe(shown, hide_index=True, key=key, on_select="rerun", selection_mode="single-row", **kwargs)
    rows = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    target = parse_reader_url(frame[links[0]].iloc[rows[0]]) if rows and rows[0] < len(frame) else None
    if target:
        reader_link(*target, label=t("common.open_row_in_reader"))
    else:
        st.caption(t("common.pick_row_for_reader"))


def indicator_names(figures: pd.DataFrame) -> dict[str, str]:
    """{indicator_id: display name} in the current language, from the taxonomy (never the first
    phrase a document happened to use)."""
    from core.indicators import indicator_name
    ids = figures.loc[figures["indicator_id"].notna(), "indicator_id"].unique()
    return {i: indicator_label(i, indicator_name(i, "zh")) for i in ids}


def level_label(level) -> str:
    return label_or(f"ind_level.{level}", str(level)) if isinstance(level, str) and level else ""


def series_label(row) -> str:
    """What a comparable series is, in the current language: level + indicator, measure, base,
    subset, contribution ("省级 智能工厂和数字化车间 · 新增数", "规上工业增加值 · 增速 · 比全国")."""
    from core.indicators import indicator_name
    iid = row.get("indicator_id")
    name = indicator_label(iid, indicator_name(iid, "zh")) if isinstance(iid, str) else str(row.get("indicator"))
    parts = [" ".join(x for x in (level_label(row.get("ind_level")), name) if x), measure_label(row.get("measure"))]
    base = row.get("base")
    if isinstance(base, str) and base and row.get("measure") in ("difference", "share", "rank"):
        parts.append(t("series.base", base=base_label(base)))
    subset = row.get("subset")
    if isinstance(subset, str) and subset:
        parts.append(t("series.subset", subset=subset_label(subset)))
    if bool(row.get("contribution")) and not pd.isna(row.get("contribution")):
        parts.append(t("series.contribution"))
    return " · ".join(p for p in parts if p)


def base_label(base: str) -> str:
    """A comparison base in the current language: 全国 -> national, 3年前 -> 3 years earlier."""
    import re
    m = re.fullmatch(r"(\d+)年前", base)
    if m:
        return t("base.years_ago", n=m.group(1))
    m = re.fullmatch(r"(\d{4})年(同期)?", base)
    if m:
        return t("base.year_same_period" if m.group(2) else "base.year", year=m.group(1))
    return label_or(f"base.{base}", base)


def scope_label(scope) -> str:
    """Where a rank or figure holds (全省, 全国 …) in the current language; "" when none."""
    return base_label(scope) if isinstance(scope, str) and scope else ""


def subset_label(subset: str) -> str:
    """A subset modifier (重点支持的) or a population that is itself an indicator (先进制造业集群)."""
    from core.indicators import match
    key = subset.rstrip("的")
    known = label_or(f"subset.{key}", "")
    if known:
        return known
    m = match(subset)
    if m.indicator_id and m.confidence >= 0.95:
        return indicator_label(m.indicator_id, subset)
    return subset


def series_labels(figures: pd.DataFrame) -> dict[str, str]:
    """{series key: display label} for every series of a figures frame."""
    f = figures.drop_duplicates("series")
    return {r["series"]: series_label(r) for _, r in f.iterrows()}


def measure_label(measure: str) -> str:
    return label_or(f"measure.{measure}", measure)


def kind_label(kind: str) -> str:
    return label_or(f"kind.{kind}", kind)


def source_items(frame: pd.DataFrame) -> list[tuple]:
    """(region, doc_id, date) triples of a frame, for chart footers."""
    if frame.empty:
        return []
    return list(zip(frame["region"], frame["doc_id"], frame["date"]))


def doc_sources(documents: pd.DataFrame, regions: Iterable[str], names: dict[str, str]) -> list[tuple]:
    """(region shown, doc_id, date) of the documents of some regions, for chart footers."""
    wanted = set(regions)
    return [(names.get(r, r), d, date) for r, d, date in zip(documents["region"], documents["doc_id"], documents["date"])
            if r in wanted]


def reader_params(doc_id: str, start=None) -> dict[str, str]:
    """Query parameters of the reader opened at a document (and an offset), with the language."""
    params = {"doc": str(doc_id)}
    if start is not None and not pd.isna(start):
        params["start"] = str(int(start))
    if lang() != "zh":
        params["lang"] = lang()
    return params


def reader_link(doc_id: str, start=None, label: Optional[str] = None) -> None:
    """A link that opens the document reader at a document (and an offset) in this tab and session."""
    from streamlit.errors import StreamlitAPIException
    label = label or t("common.open_in_reader")
    try:
        st.page_link("pages/4_Document_reader.py", label=label, icon=":material/description:",
                     query_params=reader_params(doc_id, start))
    except StreamlitAPIException:  # run outside the multipage app (e.g. a page tested alone)
        st.caption(md(label))


def list_text(v) -> str:
    """Lists as "a, b" for tables."""
    return _join_list(v)


__all__ = ["display_frame", "number_text", "reader_params", "region_names", "with_region_display", "rename_columns", "documents_table", "show_table",
           "indicator_names", "measure_label", "kind_label", "source_items", "list_text", "lang",
           "series_label", "series_labels", "level_label", "doc_sources"]
