"""Data for the Slogans and strategies page: chains, direction matrix, distinctive vocabulary (cached).

All of it comes from the corpus's stored tables (``ui.data.Corpus``), cached on the corpus key.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core.corpus_stats import direction_matrix_from, vocabulary_from
from ui.tables import date_key

CHAIN_COLUMNS = ["region", "doc_id", "date", "count", "label", "names", "sentence", "start", "end"]


def chains_frame(corpus) -> pd.DataFrame:
    """Counted chains/clusters ("10条优势产业链") of every document, one row each."""
    chains = corpus.frames["chains"]
    return chains[[c for c in CHAIN_COLUMNS if c in chains]]


@st.cache_data(show_spinner=False, max_entries=16)
def _directions(key: str, _corpus) -> pd.DataFrame:
    return direction_matrix_from(_corpus.table("directions"), _corpus.table("documents", ("doc_id", "region")))


def direction_frame(corpus, regions: list[str]) -> pd.DataFrame:
    """Long form of the region x direction matrix: region, direction, n (chosen regions only)."""
    matrix = _directions(corpus.key, corpus)
    if matrix is None or matrix.empty:
        return pd.DataFrame(columns=["region", "direction", "n"])
    long = matrix.rename_axis(index="region", columns="direction").stack().rename("n").reset_index()
    if regions:
        long = long[long["region"].isin(regions)]
    used = long.groupby("direction")["n"].transform("sum") > 0  # drop directions nobody mentions
    return long[used].reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=32)
def _vocabulary(key: str, region_a: str, region_b: str | None, top: int, _corpus) -> pd.DataFrame:
    return vocabulary_from(_corpus, region_a, region_b, top=top)


def vocabulary_frame(corpus, region_a: str, region_b: str | None, top: int = 20) -> pd.DataFrame:
    """Distinctive terms of region A vs region B (or vs all others): term, region, z, counts, sentences."""
    return _vocabulary(corpus.key, region_a, region_b, top, corpus)


def strategy_options(slogans: pd.DataFrame, chains: pd.DataFrame, region: str) -> list[dict]:
    """Drawable strategies of a region, biggest first: number-coded slogans and counted chains
    (a chain stated the same way in several documents once, from the newest)."""
    from ui.tables import numeric_strategies, strategy_tree, tree_leaves
    out = []
    for _, s in numeric_strategies(slogans, region).iterrows():
        parts = [p for p in (s["expansion"] or []) if isinstance(p, dict)]
        out.append({"kind": "slogan", "name": s["name"], "parts": parts, "sentence": s["sentence"],
                    "doc_id": s["doc_id"], "date": s["date"], "start": s["start"]})
    mine = chains[chains["region"] == region]
    if len(mine):
        mine = mine.assign(_date=mine["date"].map(date_key), _names=mine["names"].map(lambda n: tuple(n or ())))
        mine = mine.sort_values("_date", ascending=False, kind="stable").drop_duplicates(["count", "label", "_names"])
    for _, c in mine.iterrows():
        parts = [{"part": n, "meaning": ""} for n in c["names"]]
        out.append({"kind": "chain", "name": f"{c['count']}个{c['label']}", "parts": parts,
                    "sentence": c["sentence"], "doc_id": c["doc_id"], "date": c["date"], "start": c["start"]})
    out.sort(key=lambda o: (-tree_leaves(strategy_tree(o["name"], o["parts"])), o["kind"] != "slogan"))
    return out
