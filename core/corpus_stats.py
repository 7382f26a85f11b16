"""Corpus-wide views computed from stored tables instead of ``Document`` objects.

* ``direction_matrix_from`` = ``core.themes.direction_matrix`` from the ``directions`` table;
* ``vocabulary_from`` = ``core.vocabulary.distinctive_vocabulary`` from per-region term counts
  (``CorpusView.region_terms``) and, for the example sentences, the sentences of one side only.

Both give the same result as the ``Document`` versions (the tests check it on the seeds).
"""
from __future__ import annotations

from collections import Counter
from typing import Optional, Protocol

import pandas as pd

from core.themes import directions
from core.vocabulary import MAX_SENTENCES, rank_terms, terms

EXAMPLE_BLOCK = 20_000  # sentences searched at once for a term's examples (a vectorized substring test)


class TermSource(Protocol):
    def table(self, name: str, columns: Optional[tuple[str, ...]] = None) -> pd.DataFrame: ...

    def region_terms(self) -> pd.DataFrame: ...

    def sentences_of(self, doc_ids) -> pd.DataFrame: ...


def direction_matrix_from(counts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Region x direction mention counts; a document without a region is its own row (its doc_id)."""
    names = directions()
    region = {d: (r if isinstance(r, str) and r else d) for d, r in zip(documents["doc_id"], documents["region"])}
    rows: dict[str, dict[str, int]] = {r: dict.fromkeys(names, 0) for r in region.values()}
    for doc_id, direction, n in zip(counts["doc_id"], counts["direction"], counts["n"]):
        if doc_id in region and direction in rows[region[doc_id]]:
            rows[region[doc_id]][direction] += int(n)
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=names).astype(int)
    frame.index.name = "region"
    return frame


def _counts(frame: pd.DataFrame) -> Counter:
    return Counter(dict(zip(frame["term"], frame["n"].astype(int))))


def vocabulary_from(view: TermSource, region_a: str, region_b: Optional[str] = None,
                    top: int = 20) -> pd.DataFrame:
    """Distinctive terms of ``region_a`` vs ``region_b`` (or all others), as ``distinctive_vocabulary``."""
    by_region = view.region_terms()
    prior = Counter()
    for t, n in zip(by_region["term"], by_region["n"]):
        prior[t] += int(n)
    counts_a = _counts(by_region[by_region["region"] == region_a])
    if region_b is None:
        counts_b = prior - counts_a
    else:
        counts_b = _counts(by_region[by_region["region"] == region_b])
    docs = view.table("documents", ("doc_id", "region"))
    side_a = [d for d, r in zip(docs["doc_id"], docs["region"]) if r == region_a]
    if region_b is None:
        side_b = [d for d, r in zip(docs["doc_id"], docs["region"]) if r != region_a]
    else:
        side_b = [d for d, r in zip(docs["doc_id"], docs["region"]) if r == region_b]
    sentences: dict[bool, Optional[pd.Series]] = {True: None, False: None}

    def examples(term: str, favours_a: bool) -> list[str]:
        if sentences[favours_a] is None:  # kept as the store's text column, not a list of Python strings
            sentences[favours_a] = view.sentences_of(side_a if favours_a else side_b)["text"].reset_index(drop=True)
        texts = sentences[favours_a]
        found: list[str] = []
        for i in range(0, len(texts), EXAMPLE_BLOCK):  # in corpus order, a block at a time, until enough
            block = texts.iloc[i:i + EXAMPLE_BLOCK]
            for s in block[block.str.contains(term, regex=False, na=False)]:
                if s not in found and term in terms(s):
                    found.append(s)
                    if len(found) >= MAX_SENTENCES:
                        return found
        return found

    return rank_terms(counts_a, counts_b, prior, region_a, region_b, top, examples)
