"""Slogans and strategies: coded strategies side by side, shared/distinctive slogans, directions, vocabulary."""
import altair as alt
import pandas as pd
import streamlit as st

from ui import page_setup
from ui.charts import citations, documents_period, english_only, finish, period_text, region_doc_ids, region_order, region_scale
from ui.data import get_corpus
from ui.export import show_cached_chart
from ui.highlight import sentence_html
from ui.i18n import label_or, lang, t
from ui.safe import md, tx
from ui.present import reader_link, region_names, show_table
from ui.slides import deck_button
from ui.strategies import direction_frame, vocabulary_frame
from ui.tables import strategy_tree, tree_leaves
from ui.views import slogan_sets_of, strategy_options_of
from ui.widgets import drop_url_params, multiselect, select

DEFAULT_REGIONS = ["聊城市", "威海市"]

page_setup("strat.title")
st.caption(t("strat.intro"))
corpus = get_corpus()
frames = corpus.frames
documents = frames["documents"]
names = region_names(documents)
order = region_order(documents)  # one colour per region, both languages
all_regions = sorted(r for r in frames["documents"]["region"].dropna().unique())
default = [r for r in DEFAULT_REGIONS if r in all_regions] or all_regions[:2]
regions = multiselect(t("strat.regions"), all_regions, key="strat_regions", default=default,
                      format_func=lambda r: names.get(r, r))
drop_url_params("strat_draw_", [f"strat_draw_{r}" for r in regions])  # regions no longer chosen
if len(regions) < 2:
    st.warning(t("strat.need_two"))
    st.stop()

# ---- number-coded strategies side by side ----
st.header(t("strat.section.codes"))
for row_start in range(0, len(regions), 3):
    cols = st.columns(min(3, len(regions) - row_start))
    for col, region in zip(cols, regions[row_start:row_start + 3]):
        with col:
            st.subheader(md(names.get(region, region)))
            options = strategy_options_of(corpus, region)
            if not options:
                st.info(t("strat.no_codes"))
                continue
            i = select(t("strat.draw"), range(len(options)), key=f"strat_draw_{region}", format_func=lambda i: (
                f"{options[i]['name']} · {t('strat.kind.' + options[i]['kind'])} · "
                f"{t('strat.n_parts', n=len(options[i]['parts']))}"))
            o = options[i]

            def tree_chart(o=o, region=region):
                tree = strategy_tree(o["name"], o["parts"])
                levels, leaves = int(tree["level"].max()) + 1, max(tree_leaves(tree), 1)
                tree = tree.assign(mid=(tree["x"] + tree["x2"]) / 2)
                base = alt.Chart(tree).encode(
                    x=alt.X("level:O", axis=None),
                    y=alt.Y("x:Q", axis=None, scale=alt.Scale(domain=[0, 1], reverse=True)), y2="x2:Q",
                    tooltip=[alt.Tooltip("label:N", title=t("col.part")),
                             alt.Tooltip("detail:N", title=t("col.meaning"))])
                rects = base.mark_rect(stroke="white", strokeWidth=2).encode(
                    color=alt.Color("level:O", legend=None,
                                    scale=alt.Scale(domain=[0, 1, 2], range=["#1f5aa6", "#6f9bd6", "#c9daf2"])))
                # a label never runs past its box: the box is a share of whatever width the chart has
                text = alt.Chart(tree).mark_text(fontSize=11, limit=alt.ExprRef(expr=f"width / {levels} - 8")).encode(
                    x=alt.X("level:O", axis=None),
                    y=alt.Y("mid:Q", axis=None, scale=alt.Scale(domain=[0, 1], reverse=True)), text="label:N",
                    color=alt.condition(alt.datum.level == 0, alt.value("white"), alt.value("black")))
                chart = (rects + text).properties(height=max(24 * leaves, 72))
                chart = finish(chart, t("strat.tree_title", region=names.get(region, region), name=o["name"]),
                               t("strat.tree_unit"), period_text(o["date"]), citations(documents, [o["doc_id"]], names),
                               source_label=t("common.source"), note=t("deck.note.tree"))
                csv = tree.drop(columns=["x", "x2", "mid"]).assign(
                    region=names.get(region, region), indicator=o["name"], measure=t("strat.tree_unit"),
                    period=o["date"] or "", base="", source=" ".join(citations(documents, [o["doc_id"]], names)))
                return chart, csv

            show_cached_chart((corpus.key, lang(), "tree", region, i), tree_chart, f"strategy_{region}_{i}")
            parts = pd.DataFrame(o["parts"], columns=["part", "meaning"])
            if not parts.empty:
                show_table(parts, key=f"strat_parts_{region}")
            st.markdown(sentence_html(o["sentence"], o["name"]), unsafe_allow_html=True)
            reader_link(o["doc_id"], o["start"])
            if len(options) > 1:
                with st.expander(t("strat.other_codes")):
                    for other in options:
                        if other is o:
                            continue
                        parts_txt = "、".join(p["part"] + (f"（{p['meaning']}）" if p.get("meaning") else "")
                                             for p in other["parts"])
                        st.markdown(f"- **{md(other['name'])}** — {md(parts_txt)}" if parts_txt
                                    else f"- **{md(other['name'])}**")

# ---- shared vs distinctive slogans ----
st.header(t("strat.section.slogans"))
sets = slogan_sets_of(corpus, regions)
if sets.empty:
    st.info(t("strat.no_slogans"))
else:
    shared = sets[sets["shared"]]
    st.subheader(t("strat.shared"))
    if shared.empty:
        st.caption(t("strat.no_shared"))
    else:
        show_table(shared.assign(regions=shared["regions"].map(lambda rs: "、".join(names.get(r, r) for r in rs)))
                   [["name", "regions", "n"]].rename(columns={"name": "key"}), key="strat_shared")
    cols = st.columns(len(regions[:4]))
    for col, region in zip(cols, regions[:4]):
        only = sets[(~sets["shared"]) & sets["regions"].map(lambda rs: rs == [region])]
        col.markdown(f"**{tx('strat.distinctive', region=names.get(region, region))}**")
        col.dataframe(only[["name", "n"]].rename(columns={"name": t("col.key"), "n": t("col.n")}),
                      hide_index=True, key=f"strat_only_{region}")

# ---- region x direction matrix ----
st.header(t("strat.section.directions"))
directions = direction_frame(corpus, regions)
if directions.empty or directions["n"].sum() == 0:
    st.info(t("strat.no_directions"))
else:
    def direction_chart():
        """Directions (rows) × regions (columns): a few columns, labels level."""
        shown = directions.assign(region=directions["region"].map(lambda r: names.get(r, r)),
                                  direction=directions["direction"].map(lambda d: english_only(label_or(f"direction.{d}", d))))
        base = alt.Chart(shown).encode(
            x=alt.X("region:N", title=None, axis=alt.Axis(orient="top", labelAngle=0, labelLimit=160),
                    sort=[names.get(r, r) for r in regions]),
            y=alt.Y("direction:N", title=None, sort=alt.EncodingSortField("n", op="sum", order="descending")))
        heat = base.mark_rect().encode(color=alt.Color("n:Q", title=t("strat.matrix_unit"),
                                                       scale=alt.Scale(scheme="blues"),
                                                       legend=alt.Legend(orient="bottom", direction="horizontal")),
                                       tooltip=["region", "direction", "n"])
        text = base.mark_text().encode(text="n:Q", color=alt.condition(alt.datum.n > shown["n"].max() / 2,
                                                                         alt.value("white"), alt.value("black")))
        docs = region_doc_ids(documents, regions)
        dates = documents.loc[documents["doc_id"].isin(docs), "date"]
        chart = finish((heat + text).properties(height=alt.Step(24)), t("strat.matrix_title"),
                       t("strat.matrix_unit"), documents_period(dates), citations(documents, docs, names),
                       source_label=t("common.source"), note=t("deck.note.directions"))
        csv = shown.assign(indicator=shown["direction"], measure=t("strat.matrix_unit"), unit="",
                           period=documents_period(dates), base="",
                           source=" ".join(citations(documents, docs, names)))
        return chart, csv

    show_cached_chart((corpus.key, lang(), "directions", tuple(regions)), direction_chart, "directions")

# ---- distinctive vocabulary ----
st.header(t("strat.section.vocab"))
c1, c2 = st.columns(2)
region_a = select(t("strat.vocab_a"), regions, key="strat_vocab_a", format_func=lambda r: names.get(r, r),
                  container=c1)
region_b = select(t("strat.vocab_b"), [r for r in regions if r != region_a], key="strat_vocab_b",
                  format_func=lambda r: names.get(r, r), container=c2)
vocab = vocabulary_frame(corpus, region_a, region_b, top=20)
if vocab.empty:
    st.info(t("strat.no_vocab"))
else:
    def vocabulary_chart():
        shown = vocab.assign(region=vocab["region"].map(lambda r: names.get(r, r)))
        chart = alt.Chart(shown).mark_bar().encode(
            y=alt.Y("term:N", sort="-x", title=None), x=alt.X("z:Q", title=t("strat.vocab_unit")),
            color=alt.Color("region:N", title=None, scale=region_scale(order, names, [region_a, region_b]),
                            legend=alt.Legend(orient="bottom", direction="horizontal")),
            tooltip=["term", "region", alt.Tooltip("z:Q", format=".2f"), "count_a", "count_b"])
        a_name, b_name = names.get(region_a, region_a), names.get(region_b, region_b)
        docs = region_doc_ids(documents, [region_a, region_b])
        dates = documents.loc[documents["doc_id"].isin(docs), "date"]
        chart = finish(chart, t("strat.vocab_title", a=a_name, b=b_name), t("strat.vocab_unit"),
                       documents_period(dates), citations(documents, docs, names),
                       source_label=t("common.source"), note=t("deck.note.vocabulary"))
        csv = shown.drop(columns=["sentences"], errors="ignore").assign(
            indicator=shown["term"], measure=t("strat.vocab_unit"), unit="", period=documents_period(dates),
            base=t("strat.vocab_title", a=a_name, b=b_name), source=" ".join(citations(documents, docs, names)))
        return chart, csv

    show_cached_chart((corpus.key, lang(), "vocabulary", region_a, region_b), vocabulary_chart,
                      f"vocabulary_{region_a}_{region_b}")
    term = select(t("strat.vocab_term"), list(vocab["term"]), key="strat_term")
    sentences = vocab.loc[vocab["term"] == term, "sentences"].iloc[0] if "sentences" in vocab else []
    for s in list(sentences)[:10]:
        st.markdown(sentence_html(str(s), term), unsafe_allow_html=True)

deck_button(corpus, names)
