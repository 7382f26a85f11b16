"""Streamlit UI layer: bilingual labels, cached corpus, chart theme and exports.

Pages import from here; ``core/`` never imports this package.
"""
from __future__ import annotations

import streamlit as st

from ui.i18n import language_toggle, t


def page_setup(title_key: str) -> str:
    """Page config + sidebar language toggle + the page title; returns the language ("zh"|"en")."""
    from ui.i18n import lang
    st.set_page_config(page_title=f"{t(title_key)} · {t('app.short')}", page_icon="🏭", layout="wide")
    language_toggle()
    st.sidebar.caption(t("app.sidebar_note"))
    st.title(t(title_key))
    return lang()
