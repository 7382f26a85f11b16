"""Target tracking: every target, the latest actual, gap and status; user entries in SQLite + CSV."""
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from core.targets import STATUSES, filter_tracked, status_counts, thresholds
from ui import page_setup
from ui.charts import finish, source_line
from ui.data import cached_track_targets, get_corpus, hosted_mode
from ui.export import data_csv, show_chart
from ui.i18n import indicator_label, lang, t
from ui.present import measure_label, region_names
from ui.targets import (HEDGES, OTHER, STATUS_COLORS, get_store, hedge_label, number, on_add, on_delete,
                        on_import, source_label, status_label)
from ui.widgets import multiselect, select

# ------------------------------------------------------------------ page

page_setup("targets.title")
st.caption(t("targets.intro"))
store = get_store()
if hosted_mode():
    st.info(t("targets.hosted_note"))
else:
    st.caption(t("targets.local_note", path=store.path))

corpus = get_corpus()
figures = corpus.frames["figures"]
documents = corpus.frames["documents"]
tracked = cached_track_targets(corpus, figures, store.list(), date.today())
zh = lang() == "zh"
regions_shown = region_names(documents)


def region_name(r) -> str:
    return regions_shown.get(r, r) if isinstance(r, str) else ""


def indicator_key(row) -> str:
    return row["indicator_id"] if isinstance(row["indicator_id"], str) else row["indicator"]


names = {}
for _, r in tracked.iterrows():
    names[indicator_key(r)] = indicator_label(r["indicator_id"] if isinstance(r["indicator_id"], str) else None,
                                              r["indicator"])

if "targets_flash" in st.session_state:
    kind, text = st.session_state.pop("targets_flash")
    getattr(st, kind)(text)

with st.expander(t("targets.how")):
    rules = [f"R ≥ {r['min_ratio']:g} → {status_label(r['status'])}" if r["min_ratio"] is not None
             else f"R < 0 → {status_label(r['status'])}" for r in thresholds()["statuses"]]
    st.markdown(t("targets.how_text", tol=f"{thresholds()['approx_tolerance'] * 100:g}",
                  thresholds="; ".join(rules)))

if tracked.empty:
    st.info(t("targets.none"))
else:
    c1, c2, c3, c4 = st.columns(4)
    regions = multiselect(t("targets.filter.region"), sorted(tracked["region"].dropna().unique()),
                          key="targets_f_region", format_func=region_name, container=c1)
    indicators = multiselect(t("targets.filter.indicator"), sorted(names), key="targets_f_indicator",
                             format_func=lambda k: names.get(k, k), container=c2)
    statuses = multiselect(t("targets.filter.status"), list(STATUSES), key="targets_f_status",
                           format_func=status_label, container=c3)
    hedges = multiselect(t("targets.filter.hedge"), list(HEDGES), key="targets_f_hedge",
                         format_func=hedge_label, container=c4)
    shown = filter_tracked(tracked, regions, indicators, statuses, hedges)
    st.caption(t("targets.n_shown", n=len(shown), total=len(tracked)))

    st.subheader(t("targets.table"))
    table = pd.DataFrame({
        t("targets.col.region"): shown["region"].map(region_name),
        t("targets.col.indicator"): [names.get(indicator_key(r), r["indicator"]) for _, r in shown.iterrows()],
        t("targets.col.measure"): shown["measure"].map(measure_label),
        t("targets.col.target"): shown["target_value"].map(number),
        t("targets.col.unit"): shown["unit"],
        t("targets.col.hedge"): shown["hedge"],
        t("targets.col.hedge_class"): shown["hedge_class"].map(hedge_label),
        t("targets.col.deadline"): shown["deadline"].fillna(""),
        t("targets.col.actual"): shown["actual_value"].map(number),
        t("targets.col.actual_period"): shown["actual_period"].fillna(""),
        t("targets.col.actual_source"): shown["actual_source"].map(source_label),
        t("targets.col.gap"): shown["gap"].map(number),
        t("targets.col.status"): shown["status"].map(status_label),
        t("targets.col.method"): shown["method_zh" if zh else "method"],
        t("targets.col.target_doc"): shown["target_doc"],
        t("targets.col.sentence"): shown["target_sentence"],
    })
    st.dataframe(table, hide_index=True, key="targets_table")
    st.download_button(t("targets.csv.export_table"), data=lambda: data_csv(shown), file_name="targets.csv",
                       mime="text/csv", key="targets_dl_table", on_click="ignore")

    counts = status_counts(shown)
    if not counts.empty:
        counts = counts.assign(status_label=counts["status"].map(status_label),
                               region=counts["region"].map(region_name))
        order = [status_label(s) for s in STATUSES]
        chart = alt.Chart(counts).mark_bar().encode(
            y=alt.Y("region:N", title=t("targets.col.region")),
            x=alt.X("n:Q", title=t("targets.chart_count"), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("status_label:N", title=t("targets.col.status"), sort=order,
                            scale=alt.Scale(domain=order, range=[STATUS_COLORS[s] for s in STATUSES])),
            order=alt.Order("order:Q"),
            tooltip=["region", "status_label", "n"])
        doc_dates = dict(zip(documents["doc_id"], documents["date"]))
        src = source_line(t("common.source"), ((r, d, doc_dates.get(d)) for r, d in
                                               zip(shown["region"], shown["target_doc"])))
        chart = finish(chart, t("targets.chart_title"), t("targets.chart_unit"), None, src)
        show_chart(chart, counts, "target_status")

    with st.expander(t("targets.detail")):
        pick = select(t("targets.detail"), list(shown.index), key="targets_detail", format_func=lambda i: (
            f"{region_name(shown.at[i, 'region'])} · {names.get(indicator_key(shown.loc[i]), shown.at[i, 'indicator'])} · "
            f"{number(shown.at[i, 'target_value'])}{shown.at[i, 'unit']} · {status_label(shown.at[i, 'status'])}"))
        if pick is not None:
            row = shown.loc[pick]
            st.markdown(f"**{t('targets.detail_target')}** ({row['target_doc']}, {row['target_date'] or ''})")
            st.write(row["target_sentence"] or "")
            if isinstance(row["actual_source"], str):
                st.markdown(f"**{t('targets.detail_actual')}**: {source_label(row['actual_source'])} "
                            f"({row['actual_period'] or ''})")
                st.write(row["actual_sentence"] or "")
            st.info(row["method_zh" if zh else "method"])

# ------------------------------------------------------------------ entry form
st.subheader(t("targets.entry.header"))
st.caption(t("targets.entry.help"))
choices = {}
for _, r in tracked.drop_duplicates(["indicator", "measure", "unit"]).iterrows():
    label = f"{names.get(indicator_key(r), r['indicator'])} · {measure_label(r['measure'])} · {r['unit']}"
    choices[label] = (r["indicator_id"] if isinstance(r["indicator_id"], str) else None, r["indicator"],
                      r["measure"], r["unit"])
region_options = sorted(set(tracked["region"].dropna()) | set(documents["region"].dropna()))
with st.form("targets_entry", clear_on_submit=False):
    f1, f2 = st.columns(2)
    f1.selectbox(t("targets.entry.region"), region_options or [""], key="targets_in_region",
                 format_func=region_name)
    f2.text_input(t("targets.entry.region_other"), key="targets_in_region_text")
    f1.selectbox(t("targets.entry.indicator"), list(choices) + [OTHER], key="targets_in_indicator",
                 format_func=lambda k: t("targets.entry.other") if k == OTHER else k)
    f2.text_input(t("targets.entry.indicator_text"), key="targets_in_indicator_text")
    f1.number_input(t("targets.entry.value"), value=0.0, step=0.1, format="%g", key="targets_in_value")
    f2.text_input(t("targets.entry.unit"), key="targets_in_unit")
    f1.text_input(t("targets.entry.period"), key="targets_in_period")
    f2.text_input(t("targets.entry.note"), key="targets_in_note")
    st.form_submit_button(t("targets.entry.submit"), on_click=on_add, args=(store, choices))

entries = store.list()
st.subheader(t("targets.entries"))
if entries.empty:
    st.caption(t("targets.entries_none"))
else:
    st.dataframe(entries, hide_index=True, key="targets_entries")
    d1, d2 = st.columns([3, 1])
    d1.selectbox(t("targets.delete"), list(entries["id"]), key="targets_delete_id",
                 format_func=lambda i: " · ".join(str(v) for v in entries.loc[entries["id"] == i,
                                                   ["id", "region", "indicator", "value", "unit", "period"]]
                                                   .iloc[0].fillna("")))
    d2.button(t("targets.delete_button"), key="targets_delete", on_click=on_delete, args=(store,))

st.subheader(t("targets.csv.header"))
st.download_button(t("targets.csv.export"), data=lambda: store.export_csv().encode("utf-8-sig"),
                   file_name="target_actuals.csv", mime="text/csv", key="targets_dl_entries", on_click="ignore")
st.file_uploader(t("targets.csv.upload"), type=["csv", "txt"], key="targets_csv_file")
st.text_area(t("targets.csv.paste"), key="targets_csv_text", height=100)
st.button(t("targets.csv.import"), key="targets_import", on_click=on_import, args=(store,))
