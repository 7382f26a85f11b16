"""Document reader: clean text with every extraction highlighted, the raw text and the repair log."""
import streamlit as st

from core.limits import shorten

from ui import page_setup
from ui.data import get_corpus
from ui.highlight import highlight_html, legend_html
from ui.i18n import label_or, t
from ui.messages import note_text, source_text
from ui.safe import tx
from ui.present import kind_label, region_names, rename_columns
from ui.widgets import drop_url_params, multiselect, select, tabs
from ui.reader import (DocView, document_spans, extraction_table, figure_at, figure_label, focus_span,
                       parse_start, repair_table, rule_table)
from ui.tables import text_or_empty

page_setup("reader.title")
corpus = get_corpus()
documents = corpus.frames["documents"]
if documents.empty:
    st.info(t("reader.no_docs"))
    st.stop()
names = region_names(documents)
ids = list(documents["doc_id"])
regions = dict(zip(ids, documents["region"]))
dates = dict(zip(ids, documents["date"]))
wanted = st.query_params.get("doc")
if wanted and wanted not in ids:
    st.warning(tx("reader.unknown_doc", doc=shorten(wanted)))
if wanted in ids and st.session_state.get("_reader_from_url") != (wanted, st.query_params.get("start")):
    st.session_state["_reader_from_url"] = (wanted, st.query_params.get("start"))
    st.session_state["reader_doc"] = wanted  # raw choice read by ui.widgets.select


def _doc_label(doc_id: str) -> str:
    region = text_or_empty(regions.get(doc_id))
    return f"{doc_id} · {names.get(region, region or t('common.unknown_region'))} · {text_or_empty(dates.get(doc_id))}"


doc_id = select(t("reader.pick"), ids, key="reader_doc", format_func=_doc_label, url=False)  # ?doc= above
if doc_id != wanted:
    st.query_params["doc"] = doc_id
    st.query_params.pop("start", None)
drop_url_params("reader_rules_fig_", [f"reader_rules_fig_{doc_id}"])  # the figure picked in another document
doc = DocView.from_tables(corpus.document(doc_id))
region, genre, script = doc.field("region"), doc.field("genre"), doc.field("script")
st.caption(tx("reader.meta", region=names.get(region, region or t("common.unknown_region")),
              date=doc.field("date") or t("common.unknown"), date_source=source_text(doc.field("date_source")) or "-",
              genre=label_or(f"genre.{genre}", genre or "-"), encoding=doc.field("encoding"),
              script=label_or(f"script.{script}", script)))

tab = tabs({k: t(f"reader.tab.{k}") for k in ("clean", "extractions", "raw", "repairs")}, key="reader_tab")
tab_clean, tab_ext, tab_raw, tab_rep = tab["clean"], tab["extractions"], tab["raw"], tab["repairs"]
with tab_clean:
    all_kinds = ["actual", "estimate", "target", "rank", "slogan", "theme", "mojibake"]
    shown = multiselect(t("reader.show"), all_kinds, key="reader_kinds", default=all_kinds,
                        format_func=lambda k: t(f"hl.{k}"))
    focus = focus_span(doc, parse_start(st.query_params.get("start")) if doc_id == wanted else None)
    if focus:
        st.info(t("reader.focus", start=focus[0]))
        st.markdown(f"[{t('reader.focus_jump')}](#focus)")
    st.markdown(legend_html({k: t(f"hl.{k}") for k in all_kinds}), unsafe_allow_html=True)
    st.markdown(highlight_html(doc.clean, document_spans(doc, set(shown or [])), focus=focus),
                unsafe_allow_html=True)
with tab_ext:
    table = extraction_table(doc)
    if table.empty:
        st.info(t("reader.no_extractions"))
    else:
        st.dataframe(rename_columns(table.assign(kind=table["kind"].map(lambda k: label_or(f"hl.{k}", kind_label(k))))),
                     hide_index=True, key="reader_ext")
    if not doc.figures.empty:
        st.subheader(t("reader.rules.title"))
        st.caption(t("reader.rules.help"))
        start = parse_start(st.query_params.get("start")) if doc_id == wanted else None
        rows = doc.figures.reset_index(drop=True)
        picked = select(t("reader.rules.pick"), list(range(len(rows))), key=f"reader_rules_fig_{doc_id}",
                        format_func=lambda i: figure_label(rows.iloc[i], kind_label), default=figure_at(doc, start))
        rules = rule_table(rows.iloc[picked or 0])
        rules = rules.assign(stage=[label_or(f"stage.{x}", x) for x in rules["stage"]])
        st.dataframe(rename_columns(rules), hide_index=True, key="reader_rules")
with tab_raw:
    st.code(doc.raw, language=None, wrap_lines=True)
with tab_rep:
    reps = repair_table(doc)
    if reps.empty:
        st.info(t("reader.no_repairs"))
    else:
        st.dataframe(rename_columns(reps.assign(kind=reps["kind"].map(lambda k: label_or(f"repair.{k}", k)),
                                                note=reps["note"].map(note_text))),
                     hide_index=True, key="reader_repairs")
