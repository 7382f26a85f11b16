"""Data for the Slogans and strategies page: chains, direction matrix, distinctive vocabulary (cached)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.chains import extract_chains
from core.document import Document
from core.themes import direction_matrix
from core.vocabulary import distinctive_vocabulary
from ui.data import corpus_key

CHAIN_COLUMNS = ["region", "doc_id", "date", "count", "label", "names", "sentence", "start", "end"]


@st.cache_data(show_spinner=False, max_entries=16)
def _chains(key: tuple, _docs: list[Document]) -> pd.DataFrame:
    rows = []
    for d in _docs:
        for c in extract_chains(d.clean, d.normalized.sentences):
            rows.append({"region": d.meta.region, "doc_id": d.doc_id, "date": d.meta.date, "count": c.count,
                         "label": c.label, "names": list(c.names), "sentence": c.sentence,
                         "start": c.start, "end": c.end})
    return pd.DataFrame(rows, columns=CHAIN_COLUMNS)


def chains_frame(docs: list[Document]) -> pd.DataFrame:
    """Counted chains/clusters ("10条优势产业链") of every document, one row each."""
    return _chains(corpus_key(docs), docs)


@st.cache_data(show_spinner=False, max_entries=16)
def _directions(key: tuple, _docs: list[Document]) -> pd.DataFrame:
    return direction_matrix(_docs)


def direction_frame(docs: list[Document], regions: list[str]) -> pd.DataFrame:
    """Long form of the region x direction matrix: region, direction, n (chosen regions only)."""
    matrix = _directions(corpus_key(docs), docs)
    if matrix is None or matrix.empty:
        return pd.DataFrame(columns=["region", "direction", "n"])
    long = matrix.rename_axis(index="region", columns="direction").stack().rename("n").reset_index()
    if regions:
        long = long[long["region"].isin(regions)]
    used = long.groupby("direction")["n"].transform("sum") > 0  # drop directions nobody mentions
    return long[used].reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=32)
def _vocabulary(key: tuple, region_a: str, region_b: str | None, top: int, _docs: list[Document]) -> pd.DataFrame:
    return distinctive_vocabulary(_docs, region_a, region_b, top=top)


def vocabulary_frame(docs: list[Document], region_a: str, region_b: str | None, top: int = 20) -> pd.DataFrame:
    """Distinctive terms of region A vs region B (or vs all others): term, region, z, counts, sentences."""
    return _vocabulary(corpus_key(docs), region_a, region_b, top, docs)


def strategy_options(slogans: pd.DataFrame, chains: pd.DataFrame, region: str) -> list[dict]:
    """Drawable strategies of a region, biggest first: number-coded slogans and counted chains."""
    from ui.tables import numeric_strategies, strategy_tree, tree_leaves
    out = []
    for _, s in numeric_strategies(slogans, region).iterrows():
        parts = [p for p in (s["expansion"] or []) if isinstance(p, dict)]
        out.append({"kind": "slogan", "name": s["name"], "parts": parts, "sentence": s["sentence"],
                    "doc_id": s["doc_id"], "date": s["date"], "start": s["start"]})
    for _, c in chains[chains["region"] == region].iterrows():
        parts = [{"part": n, "meaning": ""} for n in c["names"]]
        out.append({"kind": "chain", "name": f"{c['count']}个{c['label']}", "parts": parts,
                    "sentence": c["sentence"], "doc_id": c["doc_id"], "date": c["date"], "start": c["start"]})
    out.sort(key=lambda o: (-tree_leaves(strategy_tree(o["name"], o["parts"])), o["kind"] != "slogan"))
    return out
