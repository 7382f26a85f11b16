"""Home: the corpus at a glance, what was repaired, and upload or paste of new documents."""
import re

import altair as alt
import streamlit as st

from ui import page_setup
from ui.charts import finish, source_line
from ui.data import get_corpus, hosted_mode, remove_upload, upload_names
from ui.export import show_cached_chart, table_download
from ui.i18n import label_or, lang, t
from ui.messages import note_text
from ui.uploads import PENDING, offer_splits, re_extract, receive
from ui.safe import md, plain, tx
from ui.present import documents_table, map_unique, region_names, show_table, with_region_display
from ui.settings import page_setting
from ui.widgets import localize_uploader
from ui.tables import most_repaired, repairs_by_document

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
# the repair log without its spans: Home never highlights, and spans are most of the table's memory
repairs = corpus.table("repairs", ("doc_id", "region", "date", "kind", "count", "samples", "note"))
if repairs.empty:
    st.info(t("home.no_repairs"))
else:
    total = repairs["doc_id"].nunique()
    top = page_setting("heatmap_docs")
    if total > top:
        st.caption(t("home.repairs_top", n=top, total=total))

    def repairs_chart():
        data = repairs_by_document(repairs)
        if data["doc_id"].nunique() > top:
            data = most_repaired(data, top)
        data = data.assign(kind_label=map_unique(data["kind"], lambda k: label_or(f"repair.{k}", k)))
        base = alt.Chart(data).encode(y=alt.Y("doc_id:N", title=t("col.doc_id")),
                                      x=alt.X("kind_label:N", title=t("col.kind"), axis=alt.Axis(labelAngle=-40)))
        chart = base.mark_rect().encode(
            color=alt.Color("count:Q", title=t("home.repairs_unit"), scale=alt.Scale(type="log", scheme="oranges")),
            tooltip=["doc_id", "kind_label", "count"]) + base.mark_text(fontSize=11).encode(text="count:Q")
        chart = finish(chart, t("home.repairs_chart"), t("home.repairs_unit"), None,
                       source_line(t("common.source"), zip(data["region"], data["doc_id"], [None] * len(data))))
        return chart, data

    show_cached_chart((corpus.key, lang(), "repairs"), repairs_chart, "repairs")
    rows = page_setting("repair_rows")
    shown = repairs.head(rows)
    table = shown.assign(kind=map_unique(shown["kind"], lambda k: label_or(f"repair.{k}", k)),
                         samples=[" | ".join(map(str, s)) for s in shown["samples"]],
                         note=map_unique(shown["note"], note_text))
    if len(repairs) > rows:
        st.caption(t("score.shown_first", n=rows))
    show_table(with_region_display(table[["doc_id", "region", "kind", "count", "samples", "note"]], names),
               key="home_repairs")
    if len(repairs) > rows:
        table_download(repairs, "repairs")
