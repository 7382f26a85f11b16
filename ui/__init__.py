"""Streamlit UI layer: bilingual labels, cached corpus, chart theme and exports.

Pages import from here; ``core/`` never imports this package.
"""
from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui.i18n import language_toggle, t


# (script path, label key): the sidebar menu, drawn with translated labels because Streamlit's
# automatic menu (hidden in .streamlit/config.toml) can only show file names.
PAGES = (
    ("app.py", "nav.home"),
    ("pages/1_Regional_scorecard.py", "score.title"),
    ("pages/2_Slogans_and_strategies.py", "strat.title"),
    ("pages/3_Target_tracking.py", "targets.title"),
    ("pages/4_Document_reader.py", "reader.title"),
)


def navigation() -> None:
    """Sidebar links to every page, in the current language."""
    try:
        for path, key in PAGES:
            st.sidebar.page_link(path, label=t(key))
    except StreamlitPageNotFoundError:
        return  # a page run on its own (AppTest of one file) has no multipage app to link to
    st.sidebar.divider()


def page_setup(title_key: str) -> str:
    """Page config + translated page menu + language toggle + the page title; returns the language."""
    from ui.i18n import lang
    st.set_page_config(page_title=f"{t(title_key)} · {t('app.short')}", page_icon="🏭", layout="wide")
    language_toggle()
    navigation()
    st.sidebar.caption(t("app.sidebar_note"))
    st.title(t(title_key))
    return lang()
