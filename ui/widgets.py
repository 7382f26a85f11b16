"""Selection widgets whose choice survives the language toggle.

Streamlit remembers a select box by its *formatted* option text, which changes with the language;
these wrappers key the widget by language and keep the raw choice in ``st.session_state[key]``.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Sequence

import streamlit as st

from ui.i18n import lang, t


def _widget_key(key: str) -> str:
    return f"_{key}_{lang()}"


def _remember(key: str) -> None:
    st.session_state[key] = st.session_state[_widget_key(key)]


def _formatter(options: list, shown: dict[int, str]) -> Callable[[Any], str]:
    positions: dict = {}
    try:
        for i, o in enumerate(options):
            positions.setdefault(o, i)
    except TypeError:  # unhashable options: look them up in the list
        positions = {}

    def fmt(option: Any) -> str:
        try:
            i = positions[option] if positions else options.index(option)
        except (KeyError, ValueError, TypeError):
            return str(option)
        return shown[i]
    return fmt


def select(label: str, options: Sequence[Any], key: str, format_func: Callable[[Any], str] = str,
           default: Any = None, container=st) -> Optional[Any]:
    """st.selectbox keeping its raw choice in ``st.session_state[key]`` across languages."""
    options = list(options)
    if not options:
        return None
    current = st.session_state.get(key, default)
    index = options.index(current) if current in options else 0
    shown = {i: format_func(o) for i, o in enumerate(options)}  # fixed now: t() needs a script run
    value = container.selectbox(label, options, index=index, format_func=_formatter(options, shown),
                                key=_widget_key(key), on_change=_remember, args=(key,))
    st.session_state[key] = value
    return value


def multiselect(label: str, options: Sequence[Any], key: str, format_func: Callable[[Any], str] = str,
                default: Sequence[Any] = (), container=st) -> list:
    """st.multiselect keeping its raw choice in ``st.session_state[key]`` across languages."""
    options = list(options)
    current = [v for v in st.session_state.get(key, list(default)) if v in options]
    shown = {i: format_func(o) for i, o in enumerate(options)}
    value = container.multiselect(label, options, default=current, format_func=_formatter(options, shown),
                                  placeholder=t("common.choose"), key=_widget_key(key), on_change=_remember, args=(key,))
    st.session_state[key] = list(value)
    return list(value)
