"""Pure pandas views of the corpus frames that the pages show (no Streamlit here)."""
from __future__ import annotations

import re
from typing import Iterable, Optional
from urllib.parse import quote

import pandas as pd

READER_PATH = "Document_reader"


def text_or_empty(v) -> str:
    """A cell as text; None/NaN -> ""."""
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    return str(v)


def date_key(date: Optional[str]) -> str:
    """Sortable form of "YYYY", "YYYY-MM" or "YYYY-MM-DD" (missing sorts first)."""
    return text_or_empty(date)


def reader_url(doc_id: str, start: Optional[int] = None) -> str:
    """Relative URL of the document reader opened at a doc (and an offset)."""
    url = f"{READER_PATH}?doc={quote(str(doc_id), safe='')}"
    return url + (f"&start={int(start)}" if start is not None and pd.notna(start) else "")


def parse_reader_url(url) -> Optional[tuple[str, Optional[int]]]:
    """(doc_id, start) of a ``reader_url`` (None when it is not one)."""
    from urllib.parse import parse_qs, urlsplit
    if not isinstance(url, str) or not url:
        return None
    query = parse_qs(urlsplit(url).query)
    doc = (query.get("doc") or [None])[0]
    if not doc:
        return None
    try:
        start = int((query.get("start") or [""])[0])
    except ValueError:
        start = None
    return doc, start


def filter_regions(frame: pd.DataFrame, regions: Iterable[str]) -> pd.DataFrame:
    """Rows of the chosen regions (all rows when none chosen)."""
    regions = list(regions)
    return frame[frame["region"].isin(regions)] if regions else frame


def period_end(period: Optional[str]) -> str:
    """Sortable end date of a normalized period ("2024-01..2024-10" -> "2024-10-31"; "" when unknown)."""
    from core.targets import parse_period
    span = parse_period(period)
    return span[1].isoformat() if span else ""


def map_unique(values: pd.Series, fn) -> pd.Series:
    """``values.map(fn)`` calling ``fn`` once per distinct value (a label or a parsed period costs
    a lookup each, and they repeat a lot)."""
    present = values.notna()
    distinct = pd.unique(values[present])
    out = values.map(dict(zip(distinct, map(fn, distinct))))
    if present.all():
        return out
    # missing values (None and NaN may both be there: as keys of one map they would clash) get
    # what ``fn`` gives the first of them
    missing = fn(values[~present].iloc[0])
    return out.astype(object).where(present, missing)


# what the scorecard and its charts compare: results, achieved or estimated (flagged), never targets
RESULT_KINDS = ("actual", "estimate")


def latest_figures(figures: pd.DataFrame, kinds: tuple[str, ...] = RESULT_KINDS) -> pd.DataFrame:
    """For each comparable series (indicator, level, measure, base, subset, contribution) and region,
    the figure of the latest period, from the newest document that reports it (an actual wins over
    an estimate of the same period from the same day).

    The ranking reads only the columns it sorts on; whole rows are copied for the winners alone."""
    mask = figures["kind"].isin(kinds) & figures["indicator_id"].notna()
    if "period_source" in figures:      # where a move started (从1.8%提高到2.5%: 1.8%) is never the value
        mask &= figures["period_source"].fillna("") != "baseline"
    f = figures.loc[mask, ["period", "date", "doc_id", "start", "series", "region", "kind"]]
    if f.empty:
        return figures[mask]
    f["_end"] = map_unique(f["period"], period_end)
    f["_date"] = map_unique(f["date"], date_key)
    f["_est"] = f["kind"] == "estimate"
    f = f.sort_values(["_end", "_date", "_est", "doc_id", "start"], ascending=[False, False, True, True, True])
    return figures.loc[f.drop_duplicates(["series", "region"]).index]


# where a hedge word stands when a number is written out: 超过100亿元, 1500余家, 30家左右
_HEDGE_AFTER_NUMBER = ("余", "多")
_HEDGE_AFTER_UNIT = ("左右", "以上", "以内", "以下")


def qualified_number(num: str, unit: str, qualifier: str) -> str:
    """Number, unit and hedge words in Chinese reading order: "超过100 亿元", "1500余 家", "30 家左右", "1-2 个"."""
    words = [w for w in qualifier.replace("；", ";").split(";") if w]
    upper = next((w[1:] for w in words if w.startswith("至")), "")  # a range: 1-2个 is 1 with "至2"
    words = [w for w in words if not w.startswith("至")]
    num = f"{num}-{upper}" if upper else num
    after_num = "".join(w for w in words if w in _HEDGE_AFTER_NUMBER)
    after_unit = "".join(w for w in words if w in _HEDGE_AFTER_UNIT)
    before = "".join(w for w in words if w not in _HEDGE_AFTER_NUMBER + _HEDGE_AFTER_UNIT)
    core = f"{before}{num}{after_num}"
    return f"{core} {unit}{after_unit}".strip() if unit else f"{core}{after_unit}"


def _english_hedged(amount: str, qualifier: str) -> str:
    """An amount with its hedge words in English: each ``hedge_word.*`` label is a template around
    the amount ("over {amount}", "{amount} or more"), the first word outermost ("aim for over 180
    billion yuan"); a word without a label stays, in brackets, after the amount."""
    from ui.i18n import labels
    table = labels()
    words = list(dict.fromkeys(w for w in qualifier.replace("；", ";").split(";") if w))
    templates = list(dict.fromkeys(table[f"hedge_word.{w}"]["en"] for w in words if f"hedge_word.{w}" in table))
    unknown = [w for w in words if f"hedge_word.{w}" not in table]
    text = amount
    for template in reversed(templates):
        text = template.format(amount=text)
    return text + (f" ({' '.join(unknown)})" if unknown else "")


def cell_text(row: pd.Series, lang: str = "zh") -> str:
    """"8.4 % (2024年1–10月)" (or "… (Jan–Oct 2024)") for one figure; an estimate says so
    ("5.2 % (2024年)（预计）", "… (est.)")."""
    from ui.periods import format_period
    value = row["value"]
    num = f"{value:g}" if isinstance(value, (int, float)) else str(value)
    unit = text_or_empty(row.get("unit"))
    qualifier = text_or_empty(row.get("qualifier"))
    if unit == "rank":
        text = f"#{num}"
    elif lang == "en" and isinstance(value, (int, float)):
        from ui.charts import amount_text   # English units (家 → firms, 亿元 multiplied out)
        text = _english_hedged(amount_text(value, unit, "en"), qualifier)
    else:
        text = qualified_number(num, unit, qualifier)
    period = format_period(row.get("period"), lang)
    text = f"{text} ({period})" if period else text
    if row.get("kind") == "estimate":
        from ui.i18n import labels
        text = labels()["cell.estimate"][lang].format(text=text)
    return text


def scorecard_matrix(latest: pd.DataFrame, series_label: dict[str, str], lang: str = "zh") -> pd.DataFrame:
    """Series (display label) x region matrix; each cell names its value, period and document."""
    if latest.empty:
        return pd.DataFrame()
    df = latest.assign(cell=[f"{cell_text(r, lang)} · {text_or_empty(r['date']) or r['doc_id']}"
                             for _, r in latest.iterrows()],
                       row=[series_label.get(k, k) for k in latest["series"]])
    return df.pivot_table(index="row", columns="region", values="cell", aggfunc="first").fillna("")


def name_index(matrix: pd.DataFrame, name: str) -> pd.DataFrame:
    """The matrix with its row index named ``name`` and no column-axis name (for display)."""
    out = matrix.copy()
    out.index.name = name
    out.columns.name = None
    return out


def comparable_groups(figures: pd.DataFrame) -> pd.DataFrame:
    """Comparable series of actual figures (same indicator, level, measure, base, subset, contribution),
    with how many regions and periods report each, most regions first."""
    mask = figures["kind"].isin(RESULT_KINDS) & figures["indicator_id"].notna() & figures["period"].notna()
    f = figures.loc[mask, ["series", "indicator_id", "indicator", "measure", "unit", "base", "region", "period",
                           "value"]]
    cols = ["series", "indicator_id", "indicator", "measure", "unit", "base", "n_regions", "n_periods", "n"]
    if f.empty:
        return pd.DataFrame(columns=cols)
    g = (f.groupby("series", dropna=False)
         .agg(indicator_id=("indicator_id", "first"), indicator=("indicator", "first"),
              measure=("measure", "first"), unit=("unit", "first"), base=("base", "first"),
              n_regions=("region", "nunique"), n_periods=("period", "nunique"), n=("value", "size"))
         .reset_index())
    # how many regions can stand side by side: the most that report one and the same period
    best = f.groupby(["series", "period"])["region"].nunique().groupby(level=0).max()
    g["n_comparable"] = g["series"].map(best).fillna(0).astype(int)
    return g.sort_values(["n_comparable", "n_regions", "n_periods", "n"],
                         ascending=False).reset_index(drop=True)[cols + ["n_comparable"]]


def series_periods(figures: pd.DataFrame, series: str) -> pd.DataFrame:
    """The periods a series is reported for, with how many regions report each: the period most
    regions report first (the default for a comparison), then the latest."""
    f = figures[figures["kind"].isin(RESULT_KINDS) & (figures["series"] == series) & figures["period"].notna()]
    if f.empty:
        return pd.DataFrame(columns=["period", "n_regions", "end"])
    g = f.groupby("period").agg(n_regions=("region", "nunique")).reset_index()
    g["end"] = g["period"].map(period_end)
    return g.sort_values(["n_regions", "end"], ascending=False).reset_index(drop=True)


def _one_unit(f: pd.DataFrame) -> pd.DataFrame:
    """Values of one series expressed in its most common unit (万个 and 个 of counts line up)."""
    from core.targets import unit_factor
    if f.empty:
        return f
    unit = f["unit"].mode().iloc[0]
    factor = [unit_factor(u, unit) for u in f["unit"]]
    keep = [x is not None for x in factor]
    f = f[keep].copy()
    f["value"] = [v * x for v, x in zip(f["value"], (x for x in factor if x is not None))]
    f["unit"] = unit
    return f


def comparable_data(figures: pd.DataFrame, series: str, period: str) -> pd.DataFrame:
    """One value per region for one series and one period (the newest document's), for a bar chart."""
    f = figures[figures["kind"].isin(RESULT_KINDS) & (figures["series"] == series) & (figures["period"] == period)]
    f = f.assign(_date=f["date"].map(date_key), _est=f["kind"] == "estimate")
    f = _one_unit(f.sort_values(["_date", "_est", "doc_id"], ascending=[False, True, True]))
    f = f.drop_duplicates("region")
    cols = ["region", "value", "unit", "period", "kind", "base", "doc_id", "date", "sentence", "start", "indicator"]
    return f[cols].sort_values("value", ascending=False).reset_index(drop=True)


def time_series(figures: pd.DataFrame, series: str, region: str) -> pd.DataFrame:
    """One region's values of one series over its periods (newest document per period), in time
    order; only periods of one kind (all years, or all Jan–N months …) so the line compares like
    with like."""
    f = figures[figures["kind"].isin(RESULT_KINDS) & (figures["series"] == series)
                & (figures["region"] == region) & figures["period"].notna()]
    if f.empty:
        return f.assign(end=pd.Series(dtype=str))
    f = f.assign(_date=f["date"].map(date_key), end=f["period"].map(period_end))
    f = f[f["end"] != ""]
    if "period_kind" in f and f["period_kind"].notna().any():
        kind = f["period_kind"].mode().iloc[0]
        f = f[f["period_kind"] == kind]
    f = f.assign(_est=f["kind"] == "estimate")
    f = _one_unit(f.sort_values(["_date", "_est", "doc_id"], ascending=[False, True, True])).drop_duplicates("period")
    cols = ["region", "period", "end", "value", "unit", "kind", "doc_id", "date", "sentence", "start"]
    return f.sort_values("end")[cols].reset_index(drop=True)


def regions_with_history(figures: pd.DataFrame, series: str) -> list[str]:
    """Regions whose ``time_series`` of ``series`` has two periods or more (each region once)."""
    f = figures[figures["kind"].isin(RESULT_KINDS) & (figures["series"] == series) & figures["period"].notna()]
    return sorted(r for r in f["region"].dropna().unique() if len(time_series(f, series, r)) >= 2)


def rank_claims(figures: pd.DataFrame) -> pd.DataFrame:
    """All rank claims ("全省第1"), best position first."""
    f = figures[figures["kind"] == "rank"]
    cols = ["region", "indicator", "indicator_id", "value", "scope", "period", "doc_id", "date",
            "sentence", "start"]
    return f[cols].sort_values(["value", "region"]).reset_index(drop=True)


def search_figures(figures: pd.DataFrame, query: str = "", kinds: Iterable[str] = ()) -> pd.DataFrame:
    """Figures whose indicator, text or sentence contains ``query`` (case-insensitive), by kind."""
    f = figures
    kinds = list(kinds)
    if kinds:
        f = f[f["kind"].isin(kinds)]
    q = query.strip()
    if q:  # column by column: no joined copy of every sentence
        hit = pd.Series(False, index=f.index)
        for col in ("indicator", "text", "sentence"):
            hit |= f[col].str.contains(q, case=False, regex=False, na=False)
        f = f[hit]
    return f


def slogan_sets(slogans: pd.DataFrame, regions: list[str]) -> pd.DataFrame:
    """One row per slogan key in the chosen regions: name, regions using it, shared or distinctive."""
    s = slogans[slogans["region"].isin(regions)] if regions else slogans
    if s.empty:
        return pd.DataFrame(columns=["key", "name", "regions", "n_regions", "shared", "n"])
    g = (s.groupby("key").agg(name=("name", "first"),
                              regions=("region", lambda r: sorted(set(x for x in r if x))),
                              n=("name", "size")).reset_index())
    g["n_regions"] = g["regions"].map(len)
    g["shared"] = g["n_regions"] >= 2
    return g.sort_values(["n_regions", "n"], ascending=False).reset_index(drop=True)


def numeric_strategies(slogans: pd.DataFrame, region: str) -> pd.DataFrame:
    """Number-coded slogans of one region with a spelled-out expansion (one row per slogan)."""
    s = slogans[(slogans["region"] == region) & slogans["numeric_code"].astype(bool)]
    s = s.assign(n_parts=s["expansion"].map(lambda e: len(e) if isinstance(e, list) else 0))
    s = s.sort_values(["n_parts", "start"], ascending=[False, True])
    return s.drop_duplicates("key").reset_index(drop=True)


_HEAD_RE = re.compile(r"([0-9一二三四五六七八九十百两]+(?:个|大|项|条|家|批|张)[^、；，。]*)$")


def part_members(meaning: str) -> tuple[str, list[str]]:
    """Split a part's meaning into (head, members).

    "有色金属、农副产品加工、黑色金属、绿色化工4个千亿产业集群" -> ("4个千亿产业集群", [4 members]);
    "2个赋能：工业设计赋能；数字融合赋能" -> ("2个赋能", [2 members]); a plain phrase -> (phrase, []).
    """
    text = (meaning or "").strip()
    head = ""
    if "：" in text:
        head, text = text.split("：", 1)
    items = [x.strip() for x in re.split(r"[、；]", text) if x.strip()]
    if items:
        m = _HEAD_RE.search(items[-1])
        if m and m.start() > 0 and len(items) > 1:
            head = head or m.group(1)
            items[-1] = items[-1][:m.start()]
    if len(items) < 2:
        return (head or text), []
    return head, items


def strategy_tree(name: str, expansion: list[dict]) -> pd.DataFrame:
    """Rectangles of an icicle (tree) chart: the strategy, its parts, and each part's members.

    Columns: level (0..2), x, x2 (0..1), label, detail, parent.
    """
    parts = [p for p in expansion if isinstance(p, dict)]
    rows = [{"level": 0, "x": 0.0, "x2": 1.0, "label": name, "detail": "", "parent": ""}]
    split = [part_members(str(p.get("meaning", ""))) for p in parts]
    weights = [max(1, len(members)) for _, members in split]
    total = sum(weights) or 1
    x = 0.0
    for p, (head, members), w in zip(parts, split, weights):
        x2 = x + w / total
        label = str(p.get("part", ""))
        meaning = str(p.get("meaning", ""))
        shown = (head if head.startswith(label) else f"{label} {head}".strip()) if members else (f"{label}：{meaning}" if meaning and meaning != label else label)
        rows.append({"level": 1, "x": x, "x2": x2, "label": shown, "detail": meaning, "parent": name})
        for k, member in enumerate(members):
            a = x + (x2 - x) * k / len(members)
            rows.append({"level": 2, "x": a, "x2": a + (x2 - x) / len(members), "label": member,
                         "detail": meaning, "parent": label})
        x = x2
    return pd.DataFrame(rows)


def tree_leaves(tree: pd.DataFrame) -> int:
    """How many leaves a strategy tree has (its size, for ordering)."""
    deepest = tree["level"].max()
    return int((tree["level"] == deepest).sum()) if deepest > 0 else 0


def most_repaired(data: pd.DataFrame, top: int) -> pd.DataFrame:
    """Rows of ``repairs_by_document`` for the ``top`` documents with the most repairs."""
    totals = data.groupby("doc_id")["count"].sum().sort_values(ascending=False, kind="stable")
    return data[data["doc_id"].isin(totals.index[:top])]


def repairs_by_document(repairs: pd.DataFrame) -> pd.DataFrame:
    """Repair counts per document and kind (for the Home chart)."""
    if repairs.empty:
        return pd.DataFrame(columns=["doc_id", "region", "kind", "count"])
    return (repairs.groupby(["doc_id", "region", "kind"], dropna=False)["count"].sum()
            .reset_index())
