"""Text from documents, file names, URLs and forms shown as text, never as markdown or HTML.

Streamlit renders the body of ``st.markdown``, ``st.caption``, ``st.info/success/warning/error``,
headers and ``st.write(str)`` as markdown: an image ``![](http://…)`` would be fetched, a link
planted, ``:red[…]`` or ``$…$`` formatted. ``md(text)`` backslash-escapes every ASCII punctuation
character (CommonMark allows that for all of them) and puts an invisible word joiner into bare
URLs and e-mail addresses (GFM links those even when escaped), so the text shows as written and no
markdown, HTML, link or Streamlit directive survives; ``tx(key, **values)`` is ``t()`` with
every value escaped (the label itself is ours and may use markdown). Long values are cut
(``core.limits.shorten``) so a crafted URL cannot fill the screen.
"""
from __future__ import annotations

import re

from core.limits import shorten
from ui.i18n import t

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")   # all ASCII punctuation
_BREAKS = re.compile(r"[\r\n]+")
# GFM turns bare "http://…", "www.…" and "a@b.c" into links even when escaped: an invisible
# WORD JOINER (U+2060) after "://"'s colon, after "www" and after "@" keeps them plain text
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.I)
WORD_JOINER = "\u2060"


def md(text, max_chars: int | None = None) -> str:
    """``text`` as markdown source that renders as exactly that text (on one line)."""
    if text is None:
        return ""
    s = _BREAKS.sub(" ", str(text))
    if max_chars:
        s = shorten(s, max_chars)
    return _PUNCT.sub(r"\\\1", _AUTOLINK.sub(WORD_JOINER, s))


def tx(key: str, **values) -> str:
    """The label ``key`` (``ui.i18n.t``) with every value escaped by ``md``."""
    return t(key, **{k: md(v) for k, v in values.items()})


def plain(value) -> str:
    """A display string for a cell value that may be missing: None and NaN -> ""."""
    if value is None:
        return ""
    try:
        if value != value:  # NaN
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)
