"""Frames prepared for display in the current language (column names, codes -> labels)."""
from __future__ import annotations

from typing import Iterable, Optional

import pandas as pd
import streamlit as st

from ui.i18n import indicator_label, label_or, lang, region_label, t
from ui.tables import reader_url


def map_unique(values: pd.Series, fn) -> pd.Series:
    """``values.map(fn)`` calling ``fn`` once per distinct value (a label costs a lookup each)."""
    table = {v: fn(v) for v in pd.unique(values)}
    return values.map(table)


def region_names(documents: pd.DataFrame) -> dict[str, str]:
    """{official name: display name} for the regions of the documents frame."""
    out = {}
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
            "n_chars", "n_sentences", "n_figures", "n_targets", "n_slogans", "n_repairs", "defects"]
    df = documents[cols].copy()
    df = with_region_display(df, names)
    for col in ("genre", "level", "script"):
        df[col] = map_unique(df[col], lambda g, col=col: label_or(f"{col}.{g}", g) if isinstance(g, str) and g else "")
    kinds = {k for v in df["defects"] for k in (v or [])}
    shown = {k: label_or(f"repair.{k}", k) for k in kinds}
    df["defects"] = [", ".join(shown[k] for k in (v or [])) for v in df["defects"]]
    df["reader"] = [reader_url(d) for d in documents["doc_id"]]
    return df


def show_table(frame: pd.DataFrame, key: Optional[str] = None, link_cols: Iterable[str] = ("reader",),
               height: Optional[int] = None) -> None:
    """st.dataframe with localized headers and reader links as link columns."""
    config = {label_or(f"col.{c}", c): st.column_config.LinkColumn(label_or(f"col.{c}", c),
                                                                    display_text=t("common.open_in_reader"))
              for c in link_cols if c in frame}
    kwargs = {"height": height} if height else {}
    st.dataframe(rename_columns(frame), hide_index=True, column_config=config, key=key, **kwargs)


def indicator_names(figures: pd.DataFrame) -> dict[str, str]:
    """{indicator_id: display name} in the current language."""
    f = figures[figures["indicator_id"].notna()].drop_duplicates("indicator_id")
    return {i: indicator_label(i, zh) for i, zh in zip(f["indicator_id"], f["indicator"])}


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


def reader_link(doc_id: str, start=None) -> None:
    """A link that opens the document reader at a document (and an offset)."""
    from streamlit.errors import StreamlitAPIException
    params = {"doc": doc_id}
    if start is not None and not pd.isna(start):
        params["start"] = str(int(start))
    try:
        st.page_link("pages/4_Document_reader.py", label=t("common.open_in_reader"), icon=":material/description:",
                     query_params=params)
    except StreamlitAPIException:  # run outside the multipage app (e.g. a page tested alone)
        st.markdown(f"[{t('common.open_in_reader')}]({reader_url(doc_id, start)})")


def list_text(v) -> str:
    """Lists as "a, b" for tables."""
    return _join_list(v)


__all__ = ["region_names", "with_region_display", "rename_columns", "documents_table", "show_table",
           "indicator_names", "measure_label", "kind_label", "source_items", "list_text", "lang", "doc_sources"]
