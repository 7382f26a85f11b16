"""Home: the corpus at a glance, what was repaired, and upload or paste of new documents."""
import re

import altair as alt
import streamlit as st

from ui import page_setup
from ui.charts import citations, documents_period, finish
from ui.data import get_corpus, hosted_mode, remove_upload, upload_names
from ui.export import show_cached_chart, table_download
from ui.i18n import label_or, lang, t
from ui.messages import note_text
from ui.uploads import PENDING, offer_splits, re_extract, receive
from ui.safe import md, plain
from ui.present import documents_table, map_unique, region_names, show_table, with_region_display
from ui.settings import page_setting
from ui.widgets import localize_uploader
from ui.slides import deck_button
from ui.tables import most_repaired, repairs_by_document
from ui.views import first_rows

HEATMAP_COLUMNS = 12  # documents per repairs heat map: more wrap onto further maps (each fits its column)

page_setup("app.title")
st.caption(t("home.intro"))

# ---- add documents (handled first so the tables below include them) ----
with st.expander(t("home.add"), expanded=bool(st.session_state.get(PENDING))):
    st.caption(t("home.add_help") + " " + t("home.hosted_note" if hosted_mode() else "home.local_note"))
    done = st.session_state.setdefault("_uploads_done", set())
    files = st.file_uploader(t("home.upload"), type=["txt", "html", "htm", "md"],
                             accept_multiple_files=True, key="home_upload")
    localize_uploader(["txt", "html", "md"])
    for f in files or []:
        token = (f.name, f.size, getattr(f, "file_id", ""))
        if token in done:
            continue
        done.add(token)
        receive(f.getvalue(), f.name, token)  # progress by stage; several documents -> a choice
    with st.form("paste_form", clear_on_submit=True):
        pasted = st.text_area(t("home.paste"), height=150, key="home_paste")
        paste_name = st.text_input(t("home.paste_name"), value="pasted", key="home_paste_name")
        if st.form_submit_button(t("home.paste_submit")):
            if not pasted.strip():
                st.warning(t("home.paste_empty"))
            else:
                name = (paste_name.strip() or "pasted") + ".txt"
                receive(pasted.encode("utf-8"), name, ("paste", name, hash(pasted)))
    offer_splits()  # a file (or paste) that holds several documents: split it or keep it whole

corpus = get_corpus()
frames, problems = corpus.frames, corpus.problems
documents = frames["documents"]
names = region_names(documents)

c = st.columns(5)  # counts from the documents table: Home never loads the figures of every document
c[0].metric(t("home.metric.documents"), len(documents))
c[1].metric(t("home.metric.regions"), documents["region"].nunique())
c[2].metric(t("home.metric.figures"), int(documents["n_figures"].sum()))
c[3].metric(t("home.metric.targets"), int(documents["n_targets"].sum()))
c[4].metric(t("home.metric.slogans"), corpus.table("slogans", ("key",))["key"].nunique())

st.subheader(t("home.documents"))
show_table(documents_table(documents, names), key="home_docs")
unknown = int(documents["region"].isna().sum())
if unknown:
    st.warning(t("home.unknown_region", n=unknown))
if problems:
    st.warning(t("home.problems") + ": " + "; ".join(f"{md(n)}: {md(m)}" for n, m in problems))

# ---- user-added documents: correct the detected region and date ----
added = upload_names()
mine = documents[documents["path"].map(lambda p: str(p).split("/")[-1] in added)]
if not mine.empty:
    st.subheader(t("home.uploaded"))
    with st.form("meta_form"):
        st.caption(t("home.edit_meta"))
        choice = st.selectbox(t("home.edit_doc"), list(mine["doc_id"]), key="meta_doc")
        row = mine[mine["doc_id"] == choice].iloc[0]
        region = st.text_input(t("home.edit_region"), value=plain(row["region"]), key=f"meta_region_{choice}")
        date = st.text_input(t("home.edit_date"), value=plain(row["date"]), key=f"meta_date_{choice}")
        cols = st.columns(2)
        save = cols[0].form_submit_button(t("home.edit_save"))
        drop = cols[1].form_submit_button(t("home.remove"))
    if save:
        if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date.strip()):
            st.error(t("home.edit_bad_date"))
        else:
            if re_extract(str(row["path"]).split("/")[-1], {"region": region.strip(), "date": date.strip()}):
                st.success(t("home.edit_saved"))
                st.rerun()
    if drop:
        remove_upload(str(row["path"]).split("/")[-1])
        st.rerun()

# ---- what was repaired ----
st.subheader(t("home.repairs"))
# the repair log without its spans (Home never highlights) and, corpus-wide, without its samples:
# lists of strings are most of the table's memory; the rows shown read theirs
REPAIR_COLUMNS = ("doc_id", "region", "date", "kind", "count", "samples", "note")
repairs = corpus.table("repairs", tuple(c for c in REPAIR_COLUMNS if c != "samples"))
if repairs.empty:
    st.info(t("home.no_repairs"))
else:
    total = repairs["doc_id"].nunique()
    top = page_setting("heatmap_docs")
    if total > top:
        st.caption(t("home.repairs_top", n=top, total=total))

    data = repairs_by_document(repairs)
    if data["doc_id"].nunique() > top:
        data = most_repaired(data, top)
    order = list(data.groupby("doc_id")["count"].sum().sort_values(ascending=False, kind="stable").index)
    chunks = [order[i:i + HEATMAP_COLUMNS] for i in range(0, len(order), HEATMAP_COLUMNS)]

    def repairs_chart(docs: list[str], part: str):
        """Repair kinds (rows) × documents (columns, a region and date under each other)."""
        shown = data[data["doc_id"].isin(docs)]
        meta = documents.set_index("doc_id")
        label = {}
        for d in docs:
            region = names.get(meta.at[d, "region"], "") if d in meta.index and isinstance(meta.at[d, "region"], str) else ""
            date = plain(meta.at[d, "date"]) if d in meta.index else ""
            text = f"{region or t('common.unknown_region')}|{date}"
            while text in label.values():
                text += " "
            label[d] = text
        shown = shown.assign(kind_label=map_unique(shown["kind"], lambda k: label_or(f"repair.{k}", k)),
                             document=shown["doc_id"].map(label))
        base = alt.Chart(shown).encode(
            x=alt.X("document:N", title=None, sort=[label[d] for d in docs],
                    axis=alt.Axis(labelAngle=0, labelExpr="split(datum.label, '|')", labelLimit=120,
                                  labelFontSize=10)),
            y=alt.Y("kind_label:N", title=None, axis=alt.Axis(labelLimit=220)))
        chart = base.mark_rect().encode(
            color=alt.Color("count:Q", title=t("home.repairs_unit"), scale=alt.Scale(type="log", scheme="oranges"),
                            legend=alt.Legend(orient="bottom", direction="horizontal", titleOrient="left")),
            tooltip=[alt.Tooltip("document:N", title=t("common.document")),
                     alt.Tooltip("kind_label:N", title=t("col.kind")), alt.Tooltip("count:Q", title=t("common.count"))]
        ) + base.mark_text(fontSize=11).encode(text="count:Q")
        dates = [meta.at[d, "date"] for d in docs if d in meta.index]
        chart = finish(chart.properties(height=alt.Step(22)), t("home.repairs_chart") + part, t("home.repairs_unit"),
                       documents_period(dates), citations(documents, docs, names),
                       source_label=t("common.source"), note=t("deck.note.repairs"))
        csv = shown.drop(columns=["document"]).assign(
            region=shown["region"].map(lambda r: names.get(r, r) if isinstance(r, str) else ""),
            indicator=t("home.repairs_chart"), measure=t("home.repairs_unit"), unit="",
            period=shown["doc_id"].map(lambda d: plain(meta.at[d, "date"]) if d in meta.index else ""), base="",
            source=shown["doc_id"].map(lambda d: " ".join(citations(documents, [d], names))))
        return chart, csv

    for n, docs in enumerate(chunks, start=1):
        part = f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""
        show_cached_chart((corpus.key, lang(), "repairs", tuple(docs)),
                          lambda docs=docs, part=part: repairs_chart(docs, part), f"repairs_{n}")
    rows = page_setting("repair_rows")
    shown = first_rows(corpus, "repairs", repairs, REPAIR_COLUMNS, rows)
    table = shown.assign(kind=map_unique(shown["kind"], lambda k: label_or(f"repair.{k}", k)),
                         samples=[" | ".join(map(str, s)) for s in shown["samples"]],
                         note=map_unique(shown["note"], note_text))
    if len(repairs) > rows:
        st.caption(t("score.shown_first", n=rows))
    show_table(with_region_display(table[["doc_id", "region", "kind", "count", "samples", "note"]], names),
               key="home_repairs")
    if len(repairs) > rows:
        table_download(lambda: corpus.rows_of("repairs", None, REPAIR_COLUMNS), "repairs")

deck_button(corpus, names)
