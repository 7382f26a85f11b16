"""Strategy-direction themes: directions named together ("高端化、智能化、绿色化、集群化").

The directions are listed in ``core/data/directions.txt``; a direction followed by a character
of ``core/data/themes_not_after.txt`` is another word ("高端化工", "绿色化工") and is not counted.
A theme is a run of two or more directions in one sentence joined by 、 , 和 与 及 (optionally
after a short word: "数字化引领、智能化改造") or written back to back ("数字化绿色化诊断").
Every such run is one ``Theme``; ``start``/``end`` span the run in the clean text.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from core.models import Sentence, Theme

DATA = Path(__file__).parent / "data"

_GAP = re.compile(r"[“”\"\s]*(?:[\u4e00-\u9fff]{0,2}[、，,]|[\u4e00-\u9fff]{0,2}[和与及]|)[“”\"\s]*")


def _read_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.lstrip().startswith("#")]


@functools.lru_cache(maxsize=1)
def directions() -> list[str]:
    """The strategy directions, in display order."""
    return _read_list("directions.txt")


@functools.lru_cache(maxsize=1)
def _direction_re() -> re.Pattern:
    terms = sorted(directions(), key=len, reverse=True)
    not_after = "".join(_read_list("themes_not_after.txt"))
    tail = f"(?![{re.escape(not_after)}])" if not_after else ""
    return re.compile(f"(?:{'|'.join(map(re.escape, terms))}){tail}")


def find_directions(text: str) -> list[re.Match]:
    """Every direction mention in ``text`` (高端化工 excluded)."""
    return list(_direction_re().finditer(text or ""))


def extract_themes(clean: str, sentences: list[Sentence]) -> list[Theme]:
    """Runs of two or more directions named together, in text order."""
    clean, sentences = clean or "", sentences or []
    out: list[Theme] = []
    for s in sentences:
        hits = find_directions(s.text)
        run: list[re.Match] = []
        for m in hits + [None]:
            if m is not None and run and _GAP.fullmatch(s.text, run[-1].end(), m.start()):
                run.append(m)
                continue
            terms = list(dict.fromkeys(h.group() for h in run))
            if len(terms) >= 2:
                out.append(Theme(terms, s.text, s.start + run[0].start(), s.start + run[-1].end()))
            run = [m] if m is not None else []
    return out


def direction_counts(text: str) -> dict[str, int]:
    """Mentions of each direction in ``text``."""
    counts = dict.fromkeys(directions(), 0)
    for m in find_directions(text):
        counts[m.group()] += 1
    return counts


def direction_matrix(docs: Iterable) -> pd.DataFrame:
    """Region x direction mention counts (rows: region, columns: directions in file order).

    ``docs`` are ``core.document.Document`` objects; a document without a region is its own row,
    named by its ``doc_id``. Documents of the same region are summed.
    """
    rows: dict[str, dict[str, int]] = {}
    for doc in docs:
        region = getattr(doc.meta, "region", None) or doc.doc_id
        counts = direction_counts(doc.normalized.clean)
        acc = rows.setdefault(region, dict.fromkeys(directions(), 0))
        for k, v in counts.items():
            acc[k] += v
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=directions()).astype(int)
    frame.index.name = "region"
    return frame
