"""Regional scorecard: canonical indicators x regions, rank claims, comparable charts, all figures."""
import altair as alt
import streamlit as st

from ui import page_setup
from ui.charts import finish, source_line
from ui.data import get_corpus
from ui.export import show_cached_chart, table_download
from ui.highlight import sentence_html
from ui.i18n import indicator_label, lang, t
from ui.present import kind_label, map_unique, measure_label, reader_link, region_names, show_table, with_region_display
from ui.widgets import multiselect, select
from ui.tables import cell_text, filter_regions, name_index, reader_url, scorecard_matrix, search_figures
from ui.views import comparable, scorecard_views

MAX_ROWS = 500  # rows drawn in the "all figures" table; the CSV has them all

page_setup("score.title")
st.caption(t("score.intro"))
corpus = get_corpus()
frames = corpus.frames
names = region_names(frames["documents"])
figures = frames["figures"]
if figures.empty:
    st.info(t("common.nothing_extracted"))
    st.stop()

all_regions = sorted(r for r in figures["region"].dropna().unique())
regions = multiselect(t("score.regions"), all_regions, key="score_regions", format_func=lambda r: names.get(r, r))
views = scorecard_views(corpus, regions)  # cached on the corpus and the regions
figures = filter_regions(figures, regions)
labels = {i: indicator_label(i, zh) for i, zh in zip(views["indicators"]["indicator_id"], views["indicators"]["indicator"])}
tab_matrix, tab_compare, tab_ranks, tab_all = st.tabs(
    [t("score.tab.matrix"), t("score.tab.compare"), t("score.tab.ranks"), t("score.tab.all")])

with tab_matrix:
    latest = views["latest"]
    if latest.empty:
        st.info(t("score.no_canonical"))
    else:
        matrix = scorecard_matrix(latest.assign(measure=latest["measure"].map(measure_label)), labels)
        matrix = name_index(matrix.rename(columns=lambda r: names.get(r, r)), t("col.indicator"))
        st.dataframe(matrix, key="score_matrix")
        table_download(matrix.reset_index(), "scorecard")
        options = list(latest.index)
        cells = [cell_text(r) for _, r in latest.iterrows()]
        picks = {i: " · ".join([labels.get(iid, z), names.get(r, str(r)), c]) for i, iid, z, r, c in
                 zip(options, latest["indicator_id"], latest["indicator"], latest["region"], cells)}
        pick = select(t("score.source_for"), options, key="score_pick", format_func=picks.get)
        row = latest.loc[pick]
        st.markdown(sentence_html(row["sentence"], row["text"]), unsafe_allow_html=True)
        st.caption(f"{t('common.source')}: {row['doc_id']} · {row['date'] or ''}")
        reader_link(row["doc_id"], row["start"])

with tab_compare:
    groups = views["groups"]
    if groups.empty:
        st.info(t("score.no_canonical"))
    else:
        group_names = {i: f"{labels.get(iid, z)} · {measure_label(m)} · {u} ({n})" for i, iid, z, m, u, n in
                       zip(groups.index, groups["indicator_id"], groups["indicator"], groups["measure"],
                           groups["unit"], groups["n_regions"])}
        gi = select(t("score.compare_pick"), list(groups.index), key="score_group", format_func=group_names.get)
        g = groups.loc[gi]
        data = comparable(corpus, regions, g["indicator_id"], g["measure"], g["unit"])
        def compare_chart(g=g, data=data):
            shown = with_region_display(data, names)
            chart = alt.Chart(shown).mark_bar().encode(
                y=alt.Y("region:N", sort="-x", title=t("common.region")),
                x=alt.X("value:Q", title=f"{t('score.value_axis')} ({g['unit']})"),
                tooltip=["region", "value", "unit", "period", "doc_id"])
            chart += chart.mark_text(align="left", dx=3).encode(text=alt.Text("value:Q", format=",.4~g"))
            periods = ", ".join(sorted({str(p) for p in data["period"].dropna()}))
            title = t("score.compare_title", indicator=labels.get(g["indicator_id"], g["indicator"]),
                      measure=measure_label(g["measure"]))
            chart = finish(chart, title, g["unit"], periods or None,
                           source_line(t("common.source"), zip(shown["region"], data["doc_id"], data["date"])))
            return chart, shown

        show_cached_chart((corpus.key, lang(), "compare", tuple(regions), g["indicator_id"], g["measure"], g["unit"]),
                          compare_chart, f"compare_{g['indicator_id']}_{g['measure']}")

with tab_ranks:
    ranks = views["ranks"]
    if ranks.empty:
        st.info(t("score.no_ranks"))
    else:
        ranks = ranks.assign(indicator=[labels.get(i, z) if isinstance(i, str) else z
                                        for i, z in zip(ranks["indicator_id"], ranks["indicator"])],
                             reader=[reader_url(d, s) for d, s in zip(ranks["doc_id"], ranks["start"])])
        table = with_region_display(ranks, names).rename(columns={"value": "position"})
        show_table(table[["region", "indicator", "position", "scope", "period", "date", "sentence", "reader"]],
                   key="score_ranks")
        table_download(ranks.drop(columns="reader"), "rank_claims")

with tab_all:
    q = st.text_input(t("score.search"), key="score_search")
    kinds = multiselect(t("score.kinds"), ["actual", "target", "rank"], key="score_kinds", format_func=kind_label)
    found = search_figures(figures, q, kinds)
    st.caption(t("score.n_found", n=len(found)) + (t("score.shown_first", n=MAX_ROWS) if len(found) > MAX_ROWS else ""))
    shown_rows = found.head(MAX_ROWS)
    table = shown_rows.assign(kind=map_unique(shown_rows["kind"], kind_label),
                              measure=map_unique(shown_rows["measure"], measure_label),
                         indicator=[labels.get(i, z) if isinstance(i, str) else z
                                    for i, z in zip(shown_rows["indicator_id"], shown_rows["indicator"])],
                         reader=[reader_url(d, s) for d, s in zip(shown_rows["doc_id"], shown_rows["start"])])
    table = with_region_display(table, names)
    show_table(table[["region", "date", "kind", "indicator", "measure", "value", "unit", "qualifier", "period",
                      "scope", "sentence", "reader"]], key="score_all")
    table_download(found, "figures")
