"""Selection widgets whose choice survives the language toggle and lives in the page's URL.

Streamlit remembers a select box by its *formatted* option text, which changes with the language;
these wrappers key the widget by language and keep the raw choice in ``st.session_state[key]``.

Share links: every wrapper also mirrors its raw choice into ``st.query_params`` (parameter name =
the key, or ``url=``; repeated parameters for a multiselect, an empty one for "nothing chosen") and
drops it when the choice is the default, so the address bar always holds a link to the view.
A URL value is applied when it is new to this session (a link was opened, or a page link carried
it); values the page wrote itself are remembered, so they never override a later choice. Invalid
values (an option that does not exist) are ignored.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Sequence, Union

import streamlit as st

from ui.i18n import lang, t

_SEEN = "_url_seen"  # {parameter: the value last read from or written to the URL}
UrlName = Union[str, bool, None]


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


# ------------------------------------------------------------------ URL state

def encode(option: Any) -> str:
    """An option as it stands in a URL (its text; numbers as written: 3, not 3.0)."""
    if isinstance(option, float) and option.is_integer():
        return str(int(option))
    return str(option)


def decode(values: Sequence[str], options: Sequence[Any]) -> list:
    """The options named by URL ``values`` (in the URL's order, unknown ones and repeats dropped)."""
    by_text: dict[str, Any] = {}
    for o in options:
        by_text.setdefault(encode(o), o)
    out: list = []
    for v in values:
        if v in by_text and by_text[v] not in out:
            out.append(by_text[v])
    return out


def _param(key: str, url: UrlName) -> Optional[str]:
    if url is False or url is None:
        return None
    return key if url is True else str(url)


def url_values(param: str) -> Optional[list[str]]:
    """The URL's values of ``param`` when they are new to this session (else None): a link that was
    opened, or a page link that carried them; values this session wrote itself do not count."""
    try:
        raw = st.query_params.get_all(param)
    except Exception:  # no script run context (a unit test calling a helper)
        return None
    if not raw:
        return None
    seen = st.session_state.setdefault(_SEEN, {})
    if seen.get(param) == tuple(raw):
        return None
    seen[param] = tuple(raw)
    return [v for v in raw if v != ""]


def write_url(param: str, values: Optional[Sequence[str]]) -> None:
    """Put ``values`` in the URL as ``param`` (None: remove it; []: an empty value, "none chosen")."""
    seen = st.session_state.setdefault(_SEEN, {})
    try:
        current = tuple(st.query_params.get_all(param))
        if values is None:
            if current:
                del st.query_params[param]
            seen.pop(param, None)
            return
        wanted = tuple(values) if values else ("",)
        if current != wanted:
            st.query_params[param] = list(wanted) if len(wanted) > 1 else wanted[0]
        seen[param] = wanted
    except Exception:  # no script run context
        return


# ------------------------------------------------------------------ widgets

def select(label: str, options: Sequence[Any], key: str, format_func: Callable[[Any], str] = str,
           default: Any = None, container=st, url: UrlName = True) -> Optional[Any]:
    """st.selectbox keeping its raw choice in ``st.session_state[key]`` across languages and in the
    URL (parameter ``key``, or ``url``; ``url=False``: not in the URL)."""
    options = list(options)
    if not options:
        return None
    param = _param(key, url)
    if param:
        found = decode(url_values(param) or [], options)
        if found:
            st.session_state[key] = found[-1]
            st.session_state.pop(_widget_key(key), None)  # the widget starts again at the URL's choice
    current = st.session_state.get(key, default)
    index = options.index(current) if current in options else 0
    shown = {i: format_func(o) for i, o in enumerate(options)}  # fixed now: t() needs a script run
    value = container.selectbox(label, options, index=index, format_func=_formatter(options, shown),
                                key=_widget_key(key), on_change=_remember, args=(key,))
    st.session_state[key] = value
    if param:
        first = default if default in options else options[0]
        write_url(param, None if value == first else [encode(value)])
    return value


def multiselect(label: str, options: Sequence[Any], key: str, format_func: Callable[[Any], str] = str,
                default: Sequence[Any] = (), container=st, url: UrlName = True) -> list:
    """st.multiselect keeping its raw choice in ``st.session_state[key]`` across languages and in
    the URL (repeated parameters; an empty parameter when nothing is chosen but the default is not)."""
    options = list(options)
    param = _param(key, url)
    if param:
        raw = url_values(param)
        if raw is not None:
            found = decode(raw, options)
            if found or not raw:  # an empty parameter means "nothing chosen"
                st.session_state[key] = found
                st.session_state.pop(_widget_key(key), None)
    current = [v for v in st.session_state.get(key, list(default)) if v in options]
    shown = {i: format_func(o) for i, o in enumerate(options)}
    value = container.multiselect(label, options, default=current, format_func=_formatter(options, shown),
                                  placeholder=t("common.choose"), key=_widget_key(key), on_change=_remember, args=(key,))
    st.session_state[key] = list(value)
    if param:
        usual = [v for v in default if v in options]
        write_url(param, None if list(value) == usual else [encode(v) for v in value])
    return list(value)


def text_input(label: str, key: str, container=st, url: UrlName = True) -> str:
    """st.text_input whose text is also in the URL (a search box's query can be shared)."""
    param = _param(key, url)
    if param:
        raw = url_values(param)
        if raw is not None:
            st.session_state[key] = raw[-1] if raw else ""
    value = container.text_input(label, key=key)
    if param:
        write_url(param, [value] if value else None)
    return value


def tabs(labels: dict[str, str], key: str, url: UrlName = True) -> dict[str, Any]:
    """st.tabs whose open tab (by its stable id, not its translated label) is remembered across
    languages and kept in the URL. ``labels``: {tab id: shown label}; returns {tab id: container}."""
    ids = list(labels)
    param = _param(key, url)
    if param:
        found = decode(url_values(param) or [], ids)
        if found:
            st.session_state[key] = found[-1]
            st.session_state.pop(_widget_key(key), None)
    current = st.session_state.get(key)
    current = current if current in labels else ids[0]
    by_label = {v: k for k, v in labels.items()}

    def changed() -> None:
        st.session_state[key] = by_label.get(st.session_state.get(_widget_key(key)), ids[0])

    shown = st.tabs(list(labels.values()), default=labels[current], key=_widget_key(key), on_change=changed)
    active = by_label.get(st.session_state.get(_widget_key(key)), current)
    st.session_state[key] = active
    if param:
        write_url(param, None if active == ids[0] else [active])
    return dict(zip(ids, shown))


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes, backslashes and line breaks escaped)."""
    return '"' + "".join(c if c.isalnum() or c in " ·、，：.()（）/-" or ord(c) > 127 else f"\\{ord(c):x} "
                         for c in text) + '"'


def localize_uploader(types: Sequence[str]) -> None:
    """Streamlit's file uploader writes its button and size note in English only; in Chinese they
    are replaced (CSS content from the labels) so the whole widget follows the language toggle."""
    if lang() == "en":
        return
    limit = st.get_option("server.maxUploadSize")
    note = t("upload.dropzone_note", mb=limit, types="、".join(x.upper() for x in types))
    st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{font-size: 0}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {_css_string(t("upload.button"))}; font-size: 0.875rem}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: {_css_string(note)}; font-size: 0.875rem}}
</style>""")


def drop_url_params(prefix: str, keep: Sequence[str] = ()) -> None:
    """Remove the URL parameters named ``prefix…`` except ``keep`` (the choices of widgets that are
    no longer shown: the draw choice of a region taken out of the selection, the figure picked in
    another document)."""
    try:
        names = [k for k in st.query_params.keys() if k.startswith(prefix) and k not in keep]
    except Exception:
        return
    seen = st.session_state.setdefault(_SEEN, {})
    for name in names:
        del st.query_params[name]
        seen.pop(name, None)
