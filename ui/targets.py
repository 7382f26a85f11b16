"""Target tracking page helpers: this visitor's actuals store, labels and form callbacks."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.ingest import IngestError, decode
from core.store import ActualsStore, StoreError, StoreImportError, default_path
from ui.data import hosted_mode
from ui.csv_headers import english_headers
from ui.i18n import t
from ui.messages import store_reason
from ui.safe import md, tx

HEDGES = ("hard", "soft", "approx", "floor", "none")
STATUS_COLORS = {"achieved": "#1a7f37", "substantial": "#3a9b5c", "moderate": "#e0b000",
                 "limited": "#e07b00", "deterioration": "#c23b4e", "not achieved": "#8b1e2d",
                 "no data": "#9e9e9e"}
OTHER = "__other__"


def get_store() -> ActualsStore:
    """This visitor's store: a private in-memory database when hosted, else the shared file."""
    path = ":memory:" if hosted_mode() else default_path()
    store = st.session_state.get("targets_store")
    if store is None or store.path != path:
        try:
            store = ActualsStore(path)
        except Exception as err:  # unwritable folder, locked or corrupt file
            flash("error", tx("targets.db_error", path=path, reason=err))
            store = ActualsStore(":memory:")
            store.path = path  # do not retry on every rerun
        st.session_state["targets_store"] = store
    return store


FLASH = "targets_flash"


def flash(kind: str, text: str, where: str = "top") -> None:
    """Keep a message for the next run, to be shown at ``where`` (``show_flash``): next to the
    button that caused it ("entry", "import", "delete"), or at the top of the page."""
    st.session_state[FLASH] = (where, kind, text)


def show_flash(where: str) -> None:
    """Show (once) the message kept for ``where``, right here on the page."""
    kept = st.session_state.get(FLASH)
    if not kept:
        return
    if len(kept) == 2:  # a message kept by an older run: shown at the top
        kept = ("top", *kept)
    if kept[0] == where:
        st.session_state.pop(FLASH, None)
        getattr(st, kept[1])(kept[2])


def status_label(s: str) -> str:
    return t(f"targets.status.{s}")


def hedge_label(h: str) -> str:
    return t(f"targets.hedge.{h}")


def source_label(src) -> str:
    if not isinstance(src, str):
        return ""
    if src == "user entry":
        return t("targets.source.user")
    return t("targets.source.document", doc=src.split(" ", 1)[-1])


def indicator_keys(frame: pd.DataFrame) -> list[str]:
    """Per row: the indicator id, or the indicator's own words when it has none."""
    return [i if isinstance(i, str) else z for i, z in zip(frame["indicator_id"].tolist(), frame["indicator"].tolist())]


def indicator_choices(frame: pd.DataFrame) -> dict[str, str]:
    """{indicator key: label} for the indicator filter; a target with neither id nor words (a
    figure whose phrase was lost) has nothing to filter by and is left out."""
    from ui.i18n import indicator_label
    names: dict[str, str] = {}
    for key, iid, zh_name in zip(indicator_keys(frame), frame["indicator_id"].tolist(), frame["indicator"].tolist()):
        if isinstance(key, str) and key and key not in names:
            names[key] = indicator_label(iid if isinstance(iid, str) else None, zh_name)
    return names


def number(v) -> str:
    return "" if v is None or pd.isna(v) else f"{float(v):,.6g}"


# ------------------------------------------------------------------ callbacks (run before the rerun)

def on_add(store: ActualsStore, choices: dict) -> None:
    ss = st.session_state
    pick = ss.get("targets_in_indicator")
    region = (ss.get("targets_in_region_text") or "").strip() or ss.get("targets_in_region") or ""
    typed = (ss.get("targets_in_indicator_text") or "").strip()
    if pick in choices and not typed:
        iid, indicator, measure, unit = choices[pick]
    else:  # a typed indicator wins over the select box, whatever it shows
        iid, indicator, measure, unit = None, typed, None, ss.get("targets_in_unit", "")
    try:
        store.add(region, iid, indicator, ss.get("targets_in_value"), unit or "",
                  ss.get("targets_in_period"), ss.get("targets_in_note"), measure=measure)
    except StoreError as err:
        flash("error", tx("targets.entry.error", reason=store_reason(str(err))), "entry")
        return
    flash("success", tx("targets.entry.saved", region=region, indicator=indicator,
                        value=number(ss.get("targets_in_value")), unit=unit or ""), "entry")


def on_import(store: ActualsStore) -> None:
    upload = st.session_state.get("targets_csv_file")
    pasted = st.session_state.get("targets_csv_text") or ""
    if upload is None and not pasted.strip():
        flash("warning", t("targets.csv.no_file"), "import")
        return
    text = pasted
    if upload is not None:
        try:  # the same decoder as documents: UTF-8/16 with BOM, GB18030, Big5; binary refused
            text = decode(upload.getvalue()).text
        except IngestError:
            flash("error", t("targets.csv.not_text"), "import")
            return
    try:
        n = store.import_csv(english_headers(text))  # 地区,指标,数值 … read as region,indicator,value …
    except StoreImportError as err:
        lines = [tx("targets.csv.row_error", row=r, reason=store_reason(why)) if r else md(store_reason(why))
                 for r, why in err.errors[:10]]
        more = f"\n- … (+{len(err.errors) - 10})" if len(err.errors) > 10 else ""
        flash("error", t("targets.csv.error", message="") + "\n\n- " + "\n- ".join(lines) + more, "import")
        return
    flash("success", t("targets.csv.imported", n=n), "import")


def on_delete(store: ActualsStore) -> None:
    entry = st.session_state.get("targets_delete_id")
    if entry is not None and store.delete(int(entry)):
        flash("success", t("targets.deleted", id=entry), "delete")
