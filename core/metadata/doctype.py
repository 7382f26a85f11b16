"""Genre (press conference, interview, feature, report) and title of a document."""
from __future__ import annotations

import re
from typing import Optional

from core.metadata.cues import load, rx
from core.metadata.text import Prepared

GENRES = ("press_conference", "interview", "feature", "report")


def genre_scores(prep: Prepared) -> dict[str, float]:
    """Weighted cue counts per genre over breadcrumbs and body (cues at the start count double)."""
    cfg = load("metadata_cues")
    g = cfg["genre"]
    early = cfg["early_chars"]
    text = (prep.crumbs + "\n" + prep.body) if prep.crumbs else prep.body
    head_len = len(prep.crumbs) + 1 + early if prep.crumbs else early
    out = {}
    for genre, cues in g["cues"].items():
        total = 0.0
        for pattern, weight in cues.items():
            hits = [m.start() for m in rx(pattern, re.M).finditer(text)][: g["cap"]]
            total += sum(weight * (g["early_factor"] if s < head_len else 1) for s in hits)
        out[genre] = total
    return out


def infer_genre(prep: Prepared) -> Optional[str]:
    """The best-supported genre, or None when no genre has enough cues."""
    scores = genre_scores(prep)
    best = max(GENRES, key=lambda k: scores.get(k, 0.0))
    return best if scores.get(best, 0.0) >= load("metadata_cues")["genre"]["min_score"] else None


def _tidy(s: str) -> str:
    s = s.replace("「", "“").replace("」", "”").replace("『", "‘").replace("』", "’")
    s = re.sub(r"\s*[,，]\s*", " ", s.strip())
    return re.sub(r"\s+", " ", s)


def heading(prep: Prepared) -> Optional[str]:
    """The first body line when it looks like a heading (short, no sentence end), else None."""
    t = load("metadata_cues")["title"]
    if len(prep.lines) < 2:
        return None
    first = prep.lines[0]
    if not (t["min_heading_chars"] <= len(first) <= t["max_heading_chars"]):
        return None
    if rx(t["heading_reject"]).search(first) or not rx(r"[\u4e00-\u9fff]").search(first):
        return None
    return first.strip()


def infer_title(prep: Prepared, genre: Optional[str]) -> Optional[str]:
    """A heading line if the document has one; else a title built from its opening sentence:
    the named press conference (“十二项提升行动”主题系列新闻发布会——…专场), the topic it
    introduces + 新闻发布会, or 'topic——访 person' for an interview; else None."""
    h = heading(prep)
    if h:
        return h
    t = load("metadata_cues")["title"]
    opening = prep.body[:400]
    if genre == "press_conference":
        m = rx(t["named_event"]).search(opening)
        if m:
            return _tidy(m.group(1))
        m = rx(t["event_topic"]).search(opening)
        if m:
            return _tidy(m.group(1)) + t["event_suffix"]
    if genre in ("interview", "feature"):
        m = rx(t["interview"]).search(opening)
        if m:
            return _tidy(m.group("topic")) + t["interview_join"] + _tidy(m.group("person"))
    return None
