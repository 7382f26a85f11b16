"""Target tracking: every target, the latest actual, gap and status; user entries in SQLite + CSV."""
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from core.limits import limit
from core.targets import STATUSES, filter_tracked, status_counts, thresholds
from ui import page_setup
from ui.charts import citations, finish, period_text
from ui.data import cached_track_targets, get_corpus, hosted_mode
from ui.export import data_csv, show_cached_chart
from ui.highlight import sentence_html
from ui.i18n import lang, t, unit_label
from ui.periods import format_period
from ui.safe import md, plain, tx
from ui.messages import method_text
from ui.present import kind_label, map_unique, measure_label, region_names, show_table
from ui.settings import page_setting
from ui.slides import deck_button
from ui.targets import (HEDGES, OTHER, STATUS_COLORS, get_store, hedge_label, indicator_choices, indicator_keys,
                        number,
                        on_add, on_delete, on_import, show_flash, source_label, status_label)
from ui.widgets import localize_uploader, multiselect, select

# ------------------------------------------------------------------ page

page_setup("targets.title")
st.caption(t("targets.intro"))
store = get_store()
if hosted_mode():
    st.info(t("targets.hosted_note"))
else:
    st.caption(tx("targets.local_note", path=store.path))

corpus = get_corpus()
figures = corpus.frames["figures"]
documents = corpus.frames["documents"]
entries = store.list()  # once per run (the callbacks that change it ran before the script)
tracked = cached_track_targets(corpus, figures, entries, date.today())
zh = lang() == "zh"
regions_shown = region_names(documents)


def region_name(r) -> str:
    return regions_shown.get(r, r) if isinstance(r, str) else ""


names = indicator_choices(tracked)

moved = store.take_notice()  # a damaged database was set aside (core.store)
if moved:
    st.warning(tx("targets.db_recovered", path=store.path, moved=moved))
show_flash("top")  # a database problem; the answers to the forms show next to their buttons

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
    max_rows = page_setting("target_rows")
    rows = shown.head(max_rows)

    st.subheader(t("targets.table"))
    table = pd.DataFrame({
        t("targets.col.region"): map_unique(rows["region"], region_name),
        t("targets.col.indicator"): [names.get(k, k) for k in indicator_keys(rows)],
        t("targets.col.measure"): map_unique(rows["measure"], measure_label),
        t("targets.col.target"): rows["target_value"].map(number),
        t("targets.col.unit"): map_unique(rows["unit"], unit_label),
        t("targets.col.hedge"): rows["hedge"],
        t("targets.col.hedge_class"): map_unique(rows["hedge_class"], hedge_label),
        t("targets.col.deadline"): map_unique(rows["deadline"], lambda p: format_period(p, lang())),
        t("targets.col.actual"): rows["actual_value"].map(number),
        t("targets.col.actual_period"): map_unique(rows["actual_period"], lambda p: format_period(p, lang())),
        t("targets.col.actual_kind"): map_unique(rows["actual_kind"], lambda k: kind_label(k) if isinstance(k, str) else ""),
        t("targets.col.actual_source"): map_unique(rows["actual_source"], source_label),
        t("targets.col.gap"): rows["gap"].map(number),
        t("targets.col.status"): map_unique(rows["status"], status_label),
        t("targets.col.method"): map_unique(rows["method_zh" if zh else "method"], method_text),
        t("targets.col.target_doc"): rows["target_doc"],
        t("targets.col.sentence"): rows["target_sentence"],
    })
    if len(shown) > max_rows:
        st.caption(t("score.shown_first", n=max_rows))
    st.dataframe(table, hide_index=True, key="targets_table")
    st.download_button(t("targets.csv.export_table"), data=lambda: data_csv(shown), file_name="targets.csv",
                       mime="text/csv", key="targets_dl_table", on_click="ignore")

    counts = status_counts(shown)
    if not counts.empty:
        counts = counts.assign(status_label=counts["status"].map(status_label),
                               region=counts["region"].map(region_name))
        cites = citations(documents, shown["target_doc"].tolist(), regions_shown)
        deadlines = sorted({str(d)[:4] for d in shown["deadline"].dropna() if str(d)[:4].isdigit()})
        today = period_text(date.today().isoformat())
        span = (deadlines[0] if len(deadlines) == 1 else f"{deadlines[0]}–{deadlines[-1]}") if deadlines else ""
        period = (t("export.period_deadlines", span=span, today=today) if span
                  else t("export.period_as_of", today=today))

        def status_chart():
            order = [status_label(s) for s in STATUSES]
            chart = alt.Chart(counts).mark_bar().encode(
                y=alt.Y("region:N", title=None),
                x=alt.X("n:Q", title=t("targets.chart_count"), axis=alt.Axis(tickMinStep=1)),
                color=alt.Color("status_label:N", title=t("targets.col.status"), sort=order,
                                scale=alt.Scale(domain=order, range=[STATUS_COLORS[s] for s in STATUSES]),
                                legend=alt.Legend(orient="bottom", columns=4)),
                order=alt.Order("order:Q"),
                tooltip=["region", "status_label", "n"])
            chart = finish(chart.properties(height=alt.Step(30)), t("targets.chart_title"), t("targets.chart_unit"), period, cites,
                           source_label=t("common.source"), note=t("deck.note.targets"))
            csv = counts.assign(indicator=t("targets.chart_title"), measure=counts["status_label"],
                                unit=t("targets.chart_unit"), period=period, base="", source=" ".join(cites))
            return chart, csv

        content = tuple(map(tuple, counts.astype(str).to_numpy()))  # the chart is a function of these
        show_cached_chart((lang(), content, period, tuple(cites)), status_chart, "target_status")

    with st.expander(t("targets.detail")):
        status_names = {s: status_label(s) for s in STATUSES}
        # the rows of the table above (filters narrow it): a list of every target of a large corpus
        # would be sent to the browser on every rerun
        details = {i: f"{region_name(r)} · {names.get(k, k)} · {number(v)}{unit_label(u)} · {status_names.get(s, s)}"
                   for i, r, k, v, u, s in zip(rows.index, rows["region"].tolist(), indicator_keys(rows),
                                               rows["target_value"].tolist(), rows["unit"].tolist(),
                                               rows["status"].tolist())}
        pick = select(t("targets.detail"), list(rows.index), key="targets_detail", format_func=details.get)
        if pick is not None:
            row = rows.loc[pick]
            st.markdown(f"**{t('targets.detail_target')}** ({md(row['target_doc'])}, {md(plain(row['target_date']))})")
            st.markdown(sentence_html(plain(row["target_sentence"])), unsafe_allow_html=True)
            if isinstance(row["actual_source"], str):
                st.markdown(f"**{t('targets.detail_actual')}**: {md(source_label(row['actual_source']))} "
                            f"({md(format_period(row['actual_period'], lang()))})")
                st.markdown(sentence_html(plain(row["actual_sentence"])), unsafe_allow_html=True)
            st.info(md(method_text(row["method_zh" if zh else "method"])))

# ------------------------------------------------------------------ entry form
st.subheader(t("targets.entry.header"))
st.caption(t("targets.entry.help"))
choices = {}
kinds = tracked.drop_duplicates(["indicator", "measure", "unit"])
for key, iid, zh_name, measure, unit in zip(indicator_keys(kinds), kinds["indicator_id"], kinds["indicator"],
                                            kinds["measure"], kinds["unit"]):
    label = f"{names.get(key, zh_name)} · {measure_label(measure)} · {unit_label(unit)}"
    choices[label] = (iid if isinstance(iid, str) else None, zh_name, measure, unit)
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
show_flash("entry")

st.subheader(t("targets.entries"))
if entries.empty:
    st.caption(t("targets.entries_none"))
else:
    show_table(entries, key="targets_entries")
    d1, d2 = st.columns([3, 1])
    cap = limit("delete_choices_max")
    if len(entries) <= cap:
        # labels built once, vectorized (looking each option up in the frame was quadratic)
        shown_entries = entries[["id", "region", "indicator", "value", "unit", "period"]].fillna("").astype(str)
        entry_labels = dict(zip(entries["id"].astype(int), shown_entries.agg(" · ".join, axis=1)))
        d1.selectbox(t("targets.delete"), list(entry_labels), key="targets_delete_id",
                     format_func=lambda i: entry_labels.get(i, str(i)))
    else:  # a select box of 100 000 options is neither usable nor cheap: ask for the id
        d1.number_input(t("targets.delete_by_id", n=len(entries)), min_value=1, step=1, key="targets_delete_id")
    d2.button(t("targets.delete_button"), key="targets_delete", on_click=on_delete, args=(store,))
show_flash("delete")

st.subheader(t("targets.csv.header"))
st.download_button(t("targets.csv.export"), data=lambda: store.export_csv().encode("utf-8-sig"),  # on click
                   file_name="target_actuals.csv", mime="text/csv", key="targets_dl_entries", on_click="ignore")
st.file_uploader(t("targets.csv.upload"), type=["csv", "txt"], key="targets_csv_file")
localize_uploader(["csv", "txt"])
st.text_area(t("targets.csv.paste"), key="targets_csv_text", height=100)
st.button(t("targets.csv.import"), key="targets_import", on_click=on_import, args=(store,))
show_flash("import")

deck_button(corpus, regions_shown)
