"""Home: the corpus at a glance, what was repaired, and upload/paste of new documents."""
import streamlit as st

from ui import page_setup
from ui.data import get_corpus
from ui.i18n import t

page_setup("app.title")
docs, frames = get_corpus()
st.dataframe(frames["documents"][["doc_id", "region", "date", "genre", "n_chars"]], hide_index=True)
