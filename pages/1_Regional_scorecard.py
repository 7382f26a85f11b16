"""Regional scorecard: canonical indicators x regions, rank claims, comparable charts, all figures."""
import altair as alt
import streamlit as st

from ui import page_setup
from ui.charts import citations, display_names, finish, period_text, region_order, region_scale, unit_text
from ui.data import get_corpus
from ui.export import show_cached_chart, table_download
from ui.highlight import sentence_html
from ui.i18n import lang, t, unit_label
from ui.periods import format_period
from ui.safe import md, plain
from ui.present import (base_label, kind_label, map_unique, measure_label, reader_link, region_names,
                        scope_label, series_labels, show_table, with_region_display)
from ui.slides import deck_button
from ui.widgets import multiselect, select, tabs, text_input
from ui.tables import cell_text, filter_regions, name_index, reader_url, scorecard_matrix, search_figures
from ui.views import comparable, history_of, names_of, scorecard_views, series_view

MAX_ROWS = 500  # rows drawn in the "all figures" table; the CSV has them all

page_setup("score.title")
st.caption(t("score.intro"))
corpus = get_corpus()
frames = corpus.frames
documents = frames["documents"]
names = region_names(documents)
figures = frames["figures"]
order = region_order(documents, figures)  # one colour per region, both languages
chart_names = display_names(order, names)  # 全国 → China (national) in English
if figures.empty:
    st.info(t("common.nothing_extracted"))
    st.stop()

all_regions = sorted(r for r in figures["region"].dropna().unique())
regions = multiselect(t("score.regions"), all_regions, key="score_regions", format_func=lambda r: names.get(r, r))
views = scorecard_views(corpus, regions)  # cached on the corpus and the regions
figures = filter_regions(figures, regions)
named = names_of(corpus, regions)
labels = named["indicators"]
tab = tabs({k: t(f"score.tab.{k}") for k in ("matrix", "compare", "ranks", "all")}, key="score_tab")
tab_matrix, tab_compare, tab_ranks, tab_all = tab["matrix"], tab["compare"], tab["ranks"], tab["all"]

with tab_matrix:
    latest = views["latest"]
    if latest.empty:
        st.info(t("score.no_canonical"))
    else:
        st.caption(t("score.cell_note"))
        matrix = scorecard_matrix(latest, series_labels(latest), lang())
        matrix = name_index(matrix.rename(columns=lambda r: names.get(r, r)), t("col.indicator"))
        st.dataframe(matrix, key="score_matrix")
        table_download(matrix.reset_index(), "scorecard")
        cell_labels = series_labels(latest)
        options = list(latest.index)
        pick = select(t("score.source_for"), options, key="score_pick", format_func=lambda i: " · ".join([
            cell_labels.get(latest.at[i, "series"], latest.at[i, "indicator"]),
            names.get(latest.at[i, "region"], str(latest.at[i, "region"])), cell_text(latest.loc[i], lang())]))
        row = latest.loc[pick]
        st.markdown(sentence_html(row["sentence"], row["text"]), unsafe_allow_html=True)
        st.caption(f"{t('common.source')}: {md(row['doc_id'])} · {md(plain(row['date']))}")
        reader_link(row["doc_id"], row["start"])

with tab_compare:
    groups = views["groups"]
    if groups.empty:
        st.info(t("score.no_canonical"))
    else:
        glabels = named["series"]
        gi = select(t("score.compare_pick"), list(groups.index), key="score_group", format_func=lambda i: (
            f"{glabels.get(groups.at[i, 'series'], groups.at[i, 'indicator'])} · {groups.at[i, 'unit']} "
            f"({groups.at[i, 'n_comparable']}/{groups.at[i, 'n_regions']})"))
        g = groups.loc[gi]
        one_series = series_view(corpus, regions, g["series"])
        periods = one_series["periods"]
        pi = select(t("score.compare_period"), list(periods.index), key="score_period",
                    format_func=lambda i: f"{format_period(periods.at[i, 'period'], lang())} ({periods.at[i, 'n_regions']})")
        period = periods.at[pi, "period"]
        data = comparable(corpus, regions, g["series"], period)
        name = labels.get(g["indicator_id"], g["indicator"])
        base = g["base"] if isinstance(g["base"], str) and g["base"] else None

        def compare_chart(g=g, data=data, period=period):
            shown = with_region_display(data, chart_names).assign(kind=[kind_label(k) for k in data["kind"]])
            unit = unit_text(data["unit"].iloc[0] if len(data) else g["unit"])
            chart = alt.Chart(shown).mark_bar().encode(
                y=alt.Y("region:N", sort="-x", title=None),
                x=alt.X("value:Q", title=f"{t('score.value_axis')} ({unit})"),
                color=alt.Color("region:N", scale=region_scale(order, chart_names, data["region"]), legend=None),
                opacity=alt.condition(alt.datum.kind == kind_label("estimate"), alt.value(0.45), alt.value(1.0)),
                tooltip=["region", "value", "unit", "period", "kind", "date"])
            chart += chart.mark_text(align="left", dx=3, color="#222").encode(
                text=alt.Text("value:Q", format=",.4~g"))
            chart = chart.properties(height=alt.Step(30))
            base_shown = base_label(base) if base else None
            title = (t("score.compare_title_base", indicator=name, measure=measure_label(g["measure"]),
                       base=base_shown) if base
                     else t("score.compare_title", indicator=name, measure=measure_label(g["measure"])))
            series_name = glabels.get(g["series"], name)
            chart = finish(chart, title, unit, period_text(period), citations(documents, data["doc_id"], names),
                           base=base_shown, source_label=t("common.source"),
                           note=t("deck.note.compare", series=series_name, period=period_text(period)))
            csv = shown.assign(indicator=series_name, measure=measure_label(g["measure"]),
                               unit=[unit_text(u) for u in shown["unit"]], base=base_shown or "",
                               source=[" ".join(citations(documents, [d], names)) for d in data["doc_id"]])
            return chart, csv

        show_cached_chart((corpus.key, lang(), "compare", tuple(regions), g["series"], period),
                          compare_chart, f"compare_{g['indicator_id']}_{g['measure']}")

        # the same series over time in one region
        with_history = one_series["history"]
        if not with_history:
            st.caption(t("score.no_series"))
        else:
            region = select(t("score.series_region"), with_history, key="score_series_region",
                            format_func=lambda r: names.get(r, r))
            ts = history_of(corpus, regions, g["series"], region)

            def series_chart(ts=ts, region=region):
                unit = unit_text(ts["unit"].iloc[0])
                shown = with_region_display(ts, chart_names).assign(period_label=[period_text(p) for p in ts["period"]],
                                                                     kind=[kind_label(k) for k in ts["kind"]])
                line = alt.Chart(shown).mark_line(point=True).encode(
                    x=alt.X("period_label:N", sort=list(shown["period_label"]), title=t("score.period_axis")),
                    y=alt.Y("value:Q", title=f"{t('score.value_axis')} ({unit})"),
                    color=alt.Color("region:N", scale=region_scale(order, chart_names, [region]), legend=None),
                    tooltip=["period", "value", "unit", "kind", "date"])
                line += line.mark_text(dy=-10, color="#222").encode(text=alt.Text("value:Q", format=",.4~g"))
                series_name = glabels.get(g["series"], name)
                base_shown = base_label(base) if base else None
                line = finish(line, t("score.series_title", region=names.get(region, region), indicator=name,
                                      measure=measure_label(g["measure"])), unit,
                              f"{period_text(ts['period'].iloc[0])} – {period_text(ts['period'].iloc[-1])}",
                              citations(documents, ts["doc_id"], names), base=base_shown,
                              source_label=t("common.source"), note=t("deck.note.series", series=series_name))
                csv = shown.drop(columns="period_label").assign(
                    indicator=series_name, measure=measure_label(g["measure"]),
                    unit=[unit_text(u) for u in ts["unit"]], base=base_shown or "",
                    source=[" ".join(citations(documents, [d], names)) for d in ts["doc_id"]])
                return line, csv

            show_cached_chart((corpus.key, lang(), "series", tuple(regions), g["series"], region),
                              series_chart, f"series_{g['indicator_id']}_{g['measure']}")

with tab_ranks:
    ranks = views["ranks"]
    if ranks.empty:
        st.info(t("score.no_ranks"))
    else:
        def named_ranks(frame):
            return frame.assign(indicator=[labels.get(i, z) if isinstance(i, str) else z
                                           for i, z in zip(frame["indicator_id"], frame["indicator"])])

        shown_ranks = named_ranks(ranks.head(MAX_ROWS))
        shown_ranks = shown_ranks.assign(reader=[reader_url(d, s) for d, s in zip(shown_ranks["doc_id"],
                                                                                   shown_ranks["start"])])
        table = with_region_display(shown_ranks, names).rename(columns={"value": "position"})
        table = table.assign(period=map_unique(table["period"], lambda p: format_period(p, lang())),
                             scope=map_unique(table["scope"], scope_label))
        if len(ranks) > MAX_ROWS:
            st.caption(t("score.n_found", n=len(ranks)) + t("score.shown_first", n=MAX_ROWS))
        show_table(table[["region", "indicator", "position", "scope", "period", "date", "sentence", "reader"]],
                   key="score_ranks")
        table_download(lambda: named_ranks(ranks), "rank_claims")

with tab_all:
    q = text_input(t("score.search"), key="score_search")
    kinds = multiselect(t("score.kinds"), ["actual", "estimate", "target", "rank"], key="score_kinds", format_func=kind_label)
    found = search_figures(figures, q, kinds)
    st.caption(t("score.n_found", n=len(found)) + (t("score.shown_first", n=MAX_ROWS) if len(found) > MAX_ROWS else ""))
    shown_rows = found.head(MAX_ROWS)
    table = shown_rows.assign(kind=map_unique(shown_rows["kind"], kind_label),
                              measure=map_unique(shown_rows["measure"], measure_label),
                         indicator=[labels.get(i, z) if isinstance(i, str) else z
                                    for i, z in zip(shown_rows["indicator_id"], shown_rows["indicator"])],
                         reader=[reader_url(d, s) for d, s in zip(shown_rows["doc_id"], shown_rows["start"])])
    table = with_region_display(table, names).assign(
        period=map_unique(table["period"], lambda p: format_period(p, lang())),
        unit=map_unique(table["unit"], unit_label), scope=map_unique(table["scope"], scope_label))
    show_table(table[["region", "date", "kind", "indicator", "measure", "value", "unit", "qualifier", "period",
                      "scope", "sentence", "reader"]], key="score_all")
    table_download(found, "figures")

deck_button(corpus, names)
