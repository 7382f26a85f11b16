"""Clean text with extractions highlighted, as safe HTML (every text piece is escaped)."""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable, Optional

KIND_COLORS = {
    "actual": "#cfe3ff", "estimate": "#c9ece6", "target": "#ffe0b3", "rank": "#d9f2d0",
    "slogan": "#f3d1f0", "theme": "#fff3a8", "mojibake": "#ffb3b3", "focus": "#ff9f43",
}


@dataclass(frozen=True)
class Span:
    """One highlighted stretch of the clean text."""

    start: int
    end: int
    kind: str
    title: str = ""
    anchor: Optional[str] = None


def _non_overlapping(spans: Iterable[Span], n: int) -> list[Span]:
    """Clip spans to the text and drop the parts that overlap an earlier (longer-first) span."""
    ordered = sorted((s for s in spans if 0 <= s.start < s.end <= n or (0 <= s.start < n)),
                     key=lambda s: (s.start, -(s.end - s.start)))
    out: list[Span] = []
    pos = 0
    for s in ordered:
        start, end = max(s.start, pos), min(s.end, n)
        if start >= end:
            continue
        out.append(Span(start, end, s.kind, s.title, s.anchor))
        pos = end
    return out


def highlight_html(text: str, spans: Iterable[Span], focus: Optional[tuple[int, int]] = None) -> str:
    """HTML of ``text`` with each span wrapped in ``<mark>``; all text is ``html.escape``d.

    ``focus`` (start, end) gets an ``id="focus"`` anchor and a stronger colour.
    """
    spans = list(spans)
    if focus is not None:
        spans.append(Span(focus[0], focus[1], "focus", "", "focus"))
        # the focus span wins over any other span it overlaps
        spans = [s for s in spans if s.kind == "focus" or s.end <= focus[0] or s.start >= focus[1]]
    parts: list[str] = []
    pos = 0
    for s in _non_overlapping(spans, len(text)):
        parts.append(html.escape(text[pos:s.start]))
        color = KIND_COLORS.get(s.kind, "#eeeeee")
        attrs = f' style="background:{color};padding:0 1px;border-radius:2px"'
        attrs += f' class="hl hl-{html.escape(s.kind, quote=True)}"'
        if s.title:
            attrs += f' title="{html.escape(s.title, quote=True)}"'
        if s.anchor:
            attrs += f' id="{html.escape(s.anchor, quote=True)}"'
        parts.append(f"<mark{attrs}>{html.escape(text[s.start:s.end])}</mark>")
        pos = s.end
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>\n")
    return f'<div class="doc-text" style="line-height:1.9;font-size:1.02rem">{body}</div>'


def legend_html(labels: dict[str, str]) -> str:
    """A small colour legend: {kind: label}."""
    items = [f'<mark style="background:{KIND_COLORS.get(k, "#eee")};padding:0 4px">{html.escape(v)}</mark>'
             for k, v in labels.items()]
    return " ".join(items)


def sentence_html(sentence: str, needle: Optional[str] = None, kind: str = "focus") -> str:
    """One sentence (escaped) with the first occurrence of ``needle`` marked, as a block quote."""
    sentence = sentence or ""
    i = sentence.find(needle) if needle else -1
    spans = [Span(i, i + len(needle), kind)] if i >= 0 else []
    inner = highlight_html(sentence, spans)
    return f'<blockquote style="border-left:4px solid #ccc;margin:0.5em 0;padding:0.3em 0.8em">{inner}</blockquote>'
