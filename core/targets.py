"""Target tracking: every target, the latest matching actual, the gap and a progress status.

Pure pandas, no Streamlit. ``track_targets(figures, user_actuals, today)`` turns the figures frame
(``core.corpus.figures_frame``) plus the user's own entries (``core.store.ActualsStore.list()``)
into one row per target.

Matching
    An actual belongs to a target when the region is the same, the indicator is the same
    (``indicator_id`` when both have one, else the indicator text), the measure is the same (a user
    entry without a measure matches any) and the units are compatible (same base unit after the
    magnitude words 万/亿/万亿 are taken off: "万个" ~ "个"; "%" ~ "％"). Actual values are converted
    to the target's unit.

Time
    Each actual gets an observation date: the end of its period (``2024-01..2024-10`` -> 31 Oct), capped
    at its document's date (a document cannot report later data) or, for a user entry, the day it was
    entered. The target period starts at the target document's date, or on 1 January of the deadline
    year if that is earlier (an annual plan announced in March counts from January, as do the
    year-to-date figures reported against it). An actual without a period is dated by its document
    and counts only if that document is later than the target's (a result printed next to the target
    was known when it was set: a baseline). Actuals observed more than ``grace_days_after_deadline``
    after the deadline are about a later period and are ignored. The deadline is the figure's ``deadline``; when
    missing, the end of the document's year. Actuals observed after the start of the target period
    are *current*; earlier ones are *baselines*. The latest current actual is shown; if there is
    none, the latest baseline is shown with status "no data".

Status (after the Open SDG / Statistics Canada progress measure, ``open-sdg/sdg-build``
``sdg/ProgressMeasure.py``, method 2 "with a quantitative target")
    * achieved — the actual meets the target (for "about" targets (左右) within ``approx_tolerance``).
      Rates (growth, difference) reported before the period ends cannot be final: meeting the target
      early is "substantial" (on track), not "achieved".
    * otherwise a ratio R of observed to required progress is classified with the thresholds of
      ``core/data/status_thresholds.json`` (Open SDG defaults: R >= 0.95 substantial, >= 0.6 moderate,
      >= 0 limited, < 0 deterioration):
        - rates: R = actual / target (the observed rate over the required rate; for a ceiling on a
          lower-is-better rate, target / actual);
        - stocks (level, share, progress) with a baseline before the target period and a current
          value: R = d * CAGR_observed / |CAGR_required| with CAGR = (y_t / y_0) ** (1 / years) - 1
          and d = +1 when higher is better, -1 otherwise (Open SDG);
        - otherwise (one actual, and flows such as "new firms this year"): R = (actual / target) /
          share of the target period elapsed at the observation date (lower-is-better: target/actual).
    * no data — no current actual.
Gap is ``target - actual`` in the target's unit when higher is better, ``actual - target`` otherwise,
so a positive gap is always the distance still to go.
"""
from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pandas as pd

from core.frame_ops import first_distinct
from core.periods import parse_period  # noqa: F401  (re-exported: the period parser's home is core.periods)
from core.indicators import ancestors, level_covers

DATA_DIR = Path(__file__).parent / "data"

OUTCOME_KINDS = ("actual", "estimate", "rank")   # what a target can be measured against
STATUSES = ("achieved", "substantial", "moderate", "limited", "deterioration", "not achieved", "no data")
HEDGE_CLASSES = ("hard", "soft", "approx", "floor", "none")
COLUMNS = [
    "region", "indicator", "indicator_id", "measure", "unit", "target_value", "hedge", "hedge_class",
    "deadline", "target_doc", "target_sentence", "actual_value", "actual_period", "actual_source",
    "gap", "status", "method",
    # extras
    "method_zh", "ratio", "elapsed_share", "baseline_value", "baseline_period", "target_date",
    "target_start", "target_text", "actual_text", "actual_sentence", "deadline_assumed",
    "higher_is_better", "low_confidence",
    # the comparability key and the actual as stated (issue 7)
    "target_level", "target_start_offset", "actual_stated_value", "actual_unit", "actual_doc",
    "actual_offset", "match", "actual_final",
    # issue 16: whether the outcome shown is an actual or an estimate (provisional)
    "actual_kind",
]


# ---------------------------------------------------------------- reference data

@lru_cache(maxsize=None)
def _json(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def thresholds() -> dict:
    """The status thresholds and measure classes (``core/data/status_thresholds.json``)."""
    return _json("status_thresholds.json")


def _method_text(key: str, lang: str, **fields: Any) -> str:
    return _json("status_methods.json")[key][lang].format(**fields)


# ---------------------------------------------------------------- small parsers

def _isna(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _str(v: Any) -> Optional[str]:
    return None if _isna(v) or str(v).strip() == "" else str(v).strip()


# ---------------------------------------------------------------- units

def split_unit(unit: Any) -> tuple[str, float]:
    """"万个" -> ("个", 1e4); "亿元" -> ("元", 1e8); "％" -> ("%", 1); "个百分点" -> ("pp", 1)."""
    return _split_unit((_str(unit) or "").replace(" ", ""))


@lru_cache(maxsize=4096)
def _split_unit(u: str) -> tuple[str, float]:
    data = _json("units.json")
    if u in data["aliases"]:
        return data["aliases"][u], 1.0
    for word, factor in sorted(data["magnitudes"].items(), key=lambda kv: -len(kv[0])):
        if u.startswith(word) and len(u) >= len(word):
            base = u[len(word):]
            base = data["aliases"].get(base, base)
            return base, float(factor)
    return u, 1.0


def unit_factor(from_unit: Any, to_unit: Any) -> Optional[float]:
    """Multiply a value in ``from_unit`` by this to express it in ``to_unit``; None if incompatible."""
    a, fa = split_unit(from_unit)
    b, fb = split_unit(to_unit)
    if a != b:
        return None
    return fa / fb


# ---------------------------------------------------------------- hedges

@lru_cache(maxsize=1)
def _hedge_classes() -> dict[str, dict]:
    """The tracked hedge classes of the one hedge vocabulary (``core/data/hedges.json``, read by
    ``core.figures.lexicon.hedges``): {class: {"before": words, "after": inner and after words,
    "anywhere": whether the words count anywhere earlier in the clause (the target-cue classes)}},
    in precedence order."""
    from core.figures.lexicon import hedges
    h = hedges()
    return {cls: {"before": list(h.classes[cls].get("before", [])),
                  "after": list(h.classes[cls].get("inner", [])) + list(h.classes[cls].get("after", [])),
                  "anywhere": bool(h.classes[cls].get("target_cue"))}
            for cls in h.precedence}


def classify_hedge(qualifier: Any, sentence: Any = None, text: Any = None) -> tuple[str, str]:
    """(hedge words found, class) for a target.

    The class is one of hard (确保), soft (力争), approx (左右), floor (以上) or none. Words come from
    the extractor's ``qualifier`` and from the sentence around the figure's ``text``: hard/soft words
    anywhere earlier in the same clause, approx/floor words right before or after the number.
    """
    from core.figures.lexicon import hedges
    cfg = hedges()
    classes = _hedge_classes()
    found: list[tuple[str, str]] = []

    def add(word: str, cls: str) -> None:
        if not any(word in w for w, _ in found):     # nor a part of a longer word found (超 of 超过)
            found.append((word, cls))

    q = _str(qualifier) or ""
    for cls, sides in classes.items():
        for word in sorted(sides["before"] + sides["after"], key=len, reverse=True):
            if word in q:
                add(word, cls)
    sent, num = _str(sentence) or "", _str(text) or ""
    pos = sent.find(num) if num else -1
    if pos >= 0:
        breaks = cfg.clause_breaks
        start = max((sent.rfind(ch, 0, pos) for ch in breaks), default=-1) + 1
        before = sent[start:pos]
        near_before = before[-cfg.window_before:]
        after = sent[pos + len(num):pos + len(num) + cfg.window_after]
        for ch in breaks:
            after = after.split(ch)[0]
        for cls, sides in classes.items():
            scope = before if sides["anywhere"] else near_before
            for word in sorted(sides["before"], key=len, reverse=True):
                if word in scope:
                    add(word, cls)
            for word in sorted(sides["after"], key=len, reverse=True):
                if after.startswith(word) or (cls == "approx" and word in after):
                    add(word, cls)
    if not found:
        return "", "none"
    present = {cls for _, cls in found}
    cls = next(c for c in cfg.precedence if c in present)
    return " ".join(w for w, _ in found), cls


def is_ceiling(qualifier: Any, sentence: Any = None, text: Any = None) -> bool:
    """True when a ceiling word (以内, 以下, 控制在, 不超过: ``hedges.json`` class ceiling) stands
    right before or after the number, or in its qualifier: the target is an upper limit."""
    from core.figures.lexicon import hedges
    cfg = hedges()
    c = cfg.classes["ceiling"]
    before_words, after_words = c.get("before", []), c.get("after", [])
    q = _str(qualifier) or ""
    if any(w in q for w in before_words + after_words):
        return True
    sent, num = _str(sentence) or "", _str(text) or ""
    pos = sent.find(num) if num else -1
    if pos < 0:
        return False
    start = max((sent.rfind(ch, 0, pos) for ch in cfg.clause_breaks), default=-1) + 1
    near_before = sent[start:pos][-cfg.window_before:]
    after = sent[pos + len(num):pos + len(num) + cfg.window_after]
    after = after.lstrip("左右上下")
    return any(w in near_before for w in before_words) or any(after.startswith(w) for w in after_words)


def is_approx(hedge: str) -> bool:
    """True when the hedge words include an "about" word (左右, 约 ...), whatever the class."""
    sides = _hedge_classes()["approx"]
    return any(w in (sides["before"] + sides["after"]) for w in (hedge or "").split())


# ---------------------------------------------------------------- direction

@lru_cache(maxsize=4096)
def _taxonomy_direction(indicator_id: str) -> Optional[bool]:
    """``higher_is_better`` of an id in the indicator taxonomy (core.indicators), if known."""
    try:
        from core.indicators import taxonomy
        tax = taxonomy()
    except Exception:  # taxonomy module or file not available: fall back to the rules
        return None
    if "id" not in tax or "higher_is_better" not in tax:
        return None
    hit = tax.loc[tax["id"] == indicator_id, "higher_is_better"]
    return None if hit.empty else bool(hit.iloc[0])


def higher_is_better(indicator_id: Any, indicator: Any, measure: Any, hedge_class: str = "") -> bool:
    """Whether a higher value is better: ranks never are, nor targets with a ceiling hedge
    (以内, 以下, 控制在…以内); else the indicator taxonomy's ``higher_is_better`` when the id is known;
    else a short keyword list (能耗, 排放, 失业率, 价格涨幅 ...) marks lower-is-better indicators."""
    cfg = thresholds()
    if _str(measure) in cfg["lower_is_better_measures"]:  # a rank: first place is best
        return False
    if hedge_class == "ceiling":
        return False
    iid = _str(indicator_id)
    if iid:
        value = _taxonomy_direction(iid)
        if value is not None:
            return value
    name = _str(indicator) or ""
    return not any(k in name for k in cfg["lower_is_better_keywords"])


# ---------------------------------------------------------------- status

def status_for_ratio(ratio: Optional[float]) -> str:
    """Open SDG category for a ratio of observed to required progress (None -> "no data")."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return "no data"
    for row in thresholds()["statuses"]:
        if row["min_ratio"] is None or ratio >= row["min_ratio"]:
            return row["status"]
    return "deterioration"


def _fmt(v: Optional[float], digits: int = 4) -> str:
    if v is None:
        return "–"
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.{digits}g}"


def _years(a: date, b: date) -> float:
    return (b - a).days / 365.25


def _cagr(y1: float, y0: float, years: float) -> Optional[float]:
    if years <= 0 or y0 <= 0 or y1 <= 0:
        return None
    return (y1 / y0) ** (1.0 / years) - 1.0


def assess(target: float, actual: Optional[float], *, measure: str, approx: bool, higher: bool,
           start: Optional[date], deadline_end: Optional[date], obs: Optional[date],
           baseline: Optional[float] = None, baseline_obs: Optional[date] = None) -> dict:
    """Status of one target given its current actual (in the target's unit) and optional baseline.

    Returns {status, key, ratio, elapsed, cagr_o, cagr_r, tolerance}: ``key`` names the method
    sentence in ``core/data/status_methods.json``.
    """
    cfg = thresholds()
    out: dict[str, Any] = {"status": "no data", "key": "no_actual", "ratio": None, "elapsed": None,
                           "cagr_o": None, "cagr_r": None, "tolerance": False}
    if actual is None:
        return out
    d = 1.0 if higher else -1.0
    tol = cfg["approx_tolerance"] if approx else 0.0
    met = d * (actual - target) >= -tol * abs(target)
    out["tolerance"] = tol > 0 and met and d * (actual - target) < 0
    period_over = deadline_end is not None and obs is not None and obs >= deadline_end
    if met:
        if measure in cfg["rate_measures"] and not period_over:
            out.update(status="substantial", key="rate_on_pace")
        else:
            out.update(status="achieved", key="achieved")
        return out
    if measure in cfg["rate_measures"]:
        if target == 0:
            out.update(status="deterioration" if d * actual < 0 else "no data", key="no_ratio")
            return out
        # observed rate / required rate; for a ceiling (lower is better, target >= 0) the inverse
        if higher or target < 0:
            ratio = actual / target
        else:
            ratio = target / actual if actual > 0 else None
        if ratio is None:
            out.update(key="no_ratio")
            return out
        out.update(ratio=ratio, status=status_for_ratio(ratio), key="rate")
        return out
    if (measure in cfg["stock_measures"] and baseline is not None and baseline_obs is not None
            and obs is not None and deadline_end is not None and obs > baseline_obs):
        cagr_o = _cagr(actual, baseline, _years(baseline_obs, obs))
        cagr_r = _cagr(target, baseline, _years(baseline_obs, deadline_end))
        if cagr_o is not None and cagr_r is not None and cagr_r != 0:
            ratio = d * cagr_o / abs(cagr_r)
            out.update(ratio=ratio, status=status_for_ratio(ratio), key="cagr",
                       cagr_o=cagr_o, cagr_r=cagr_r)
            return out
    # one actual (or a flow): share of the target reached vs share of the time elapsed
    if target == 0 or actual == 0 or (target > 0) != (actual > 0):
        if d * actual < 0 <= d * target:
            out.update(status="deterioration", key="no_ratio")
        else:
            out.update(key="no_ratio")
        return out
    fraction = actual / target if higher else target / actual
    if start is not None and deadline_end is not None and obs is not None and deadline_end > start:
        elapsed = (obs - start).days / (deadline_end - start).days
        elapsed = min(1.0, max(cfg["min_elapsed_share"], elapsed))
    else:
        elapsed = 1.0
    ratio = fraction / elapsed
    out.update(ratio=ratio, elapsed=elapsed, status=status_for_ratio(ratio), key="pro_rata",
               fraction=fraction)
    return out


# ---------------------------------------------------------------- frames

def _norm_indicator(s: Any) -> str:
    return re.sub(r"\s+", "", _str(s) or "")


def _get(r: Any, name: str, default: Any = None) -> Any:
    v = getattr(r, name, default)
    return default if _isna(v) else v


def _doc_actuals(figures: pd.DataFrame) -> list[dict]:
    """Actual and rank figures as candidates, dated by their period (capped at their document's date)."""
    rows = []
    if figures is None or figures.empty:
        return rows
    for r in figures[figures["kind"].isin(OUTCOME_KINDS)].itertuples(index=False):
        value = pd.to_numeric(r.value, errors="coerce")
        if _isna(value) or not _str(r.region):
            continue
        period = parse_period(r.period)
        doc_span = parse_period(r.date)
        by_document = _str(_get(r, "period_source")) == "document"
        if period is not None:
            obs = period[1] if doc_span is None else min(period[1], doc_span[1])
        else:
            obs = doc_span[0] if doc_span is not None else None
        rows.append({
            "region": _str(r.region), "indicator": _norm_indicator(r.indicator),
            "indicator_id": _str(r.indicator_id), "measure": _str(r.measure), "value": float(value),
            "unit": _str(r.unit) or "", "period": _str(r.period) or _str(r.date) or "",
            "span": period, "obs": obs, "dated_by_period": period is not None and not by_document,
            "level": _str(_get(r, "ind_level")), "subset": _str(_get(r, "subset")),
            "contribution": bool(_get(r, "contribution", False)), "base": _str(_get(r, "base")),
            "source": f"document {r.doc_id}", "doc_id": r.doc_id, "priority": 0,
            "text": _str(r.text) or "", "sentence": _str(r.sentence) or "",
            "start": _get(r, "start"), "qualifier": _str(_get(r, "qualifier")),
            "estimate": _str(r.kind) == "estimate", "average": _str(_get(r, "period_kind")) == "average",
        })
    return rows


def _user_actuals(user: Optional[pd.DataFrame]) -> list[dict]:
    rows = []
    if user is None or user.empty:
        return rows
    for r in user.to_dict("records"):
        value = pd.to_numeric(r.get("value"), errors="coerce")
        if _isna(value) or not _str(r.get("region")):
            continue
        created = None
        if _str(r.get("created_at")):
            try:
                created = datetime.fromisoformat(str(r["created_at"]).replace("Z", "+00:00")).date()
            except ValueError:
                created = None
        period = parse_period(r.get("period"))
        if period is not None:
            obs = period[1] if created is None else min(period[1], created)
        else:
            obs = created
        unit = _str(r.get("unit")) or ""
        rows.append({
            "region": _str(r.get("region")), "indicator": _norm_indicator(r.get("indicator")),
            "indicator_id": _str(r.get("indicator_id")), "measure": _str(r.get("measure")),
            "value": float(value), "unit": unit, "period": _str(r.get("period")) or "",
            "span": period, "obs": obs, "dated_by_period": True, "level": None, "subset": None,
            "contribution": False, "base": None, "user": True,
            "source": "user entry", "doc_id": None, "priority": 1,
            "text": f"{_fmt(float(value))}{unit}", "sentence": _str(r.get("note")) or "",
            "start": None, "qualifier": None, "estimate": False, "average": False,
        })
    return rows


@lru_cache(maxsize=1)
def _rules() -> dict:
    """Matching rules of ``core/data/tracking_rules.json`` (flow verbs, count units)."""
    cfg = _json("tracking_rules.json")
    cfg["_flow"] = re.compile(cfg["flow_target_verbs"])
    return cfg


def _is_flow(measure: Optional[str], unit: str, sentence: str, text: str) -> bool:
    """A count of new things: count_new, or a yearly target to cultivate/add N (培育…15个, 争创…10家)."""
    if measure == "count_new":
        return True
    if measure != "level" or split_unit(unit)[0] not in _rules()["count_units"]:
        return False
    pos = sentence.find(text) if text else -1
    if pos < 0:
        return False
    start = max((sentence.rfind(ch, 0, pos) for ch in "，,；;。"), default=-1) + 1
    return bool(_rules()["_flow"].search(sentence[start:pos]))


def _units_compatible(a: str, b: str) -> Optional[float]:
    """Factor from unit ``a`` to unit ``b``; counts of things (家, 个, 项 …) are one unit class."""
    f = unit_factor(a, b)
    if f is not None:
        return f
    (ua, fa), (ub, fb) = split_unit(a), split_unit(b)
    counts = _rules()["count_units"]
    if ua in counts and ub in counts:
        return fa / fb
    return None


def _relation(target: dict, actual: dict) -> Optional[str]:
    """How an actual bears on a target: "same" (the same quantity), "component" (a part of what the
    target counts: a child indicator or a covered level, whose value is a lower bound), or None.

    Same region, same measure (a yearly 培育 target and a count of new ones are both flows), units
    of one class, the same contribution flag and, for gaps, the same base; then the indicator (ids
    when both have one, else the words) and its level (国家级/省级…)."""
    if target["region"] != actual["region"]:
        return None
    if actual.get("user"):
        same = (target["indicator_id"] == actual["indicator_id"]) if (target["indicator_id"] and actual["indicator_id"]) \
            else target["indicator"] != "" and target["indicator"] == actual["indicator"]
        if not same or (actual["measure"] is not None and actual["measure"] != target["measure"]):
            return None
        return "same" if _units_compatible(actual["unit"], target["unit"]) is not None else None
    flows = target["flow"] and actual["measure"] == "count_new"
    if actual["measure"] != target["measure"] and not flows:
        return None
    if _units_compatible(actual["unit"], target["unit"]) is None:
        return None
    if actual["contribution"] != target["contribution"]:
        return None
    if target["measure"] == "difference" and (actual["base"] or None) != (target["base"] or None):
        return None
    tid, aid = target["indicator_id"], actual["indicator_id"]
    if tid is not None and aid is not None:
        if tid == aid:
            rel = "same"
        elif tid in ancestors(aid) and flows:
            rel = "component"              # 新培育创新型中小企业500家 toward 新增优质企业200家
        else:
            return None
    elif target["indicator"] != "" and target["indicator"] == actual["indicator"]:
        rel = "same"
    else:
        return None
    if (actual["subset"] or None) != (target["subset"] or None):
        if target["subset"] or not flows:
            return None
        rel = "component"                  # 其中…, 重点支持的…: a part of the whole
    if target["level"] != actual["level"]:
        if not (flows and level_covers(target["level"], actual["level"])):
            return None
        rel = "component"                  # 新增省级绿色制造单位27家 toward 省级以上…10家
    return rel


_NOT_COMPARED = ("doc_id", "source")  # what tells two copies of one statement apart
# the columns of a figure an actual is made of (all but its document)
_TRACK_BLOCK = 2_000  # targets tracked at once
_ACTUAL_COLUMNS = ("kind", "value", "region", "period", "date", "period_source", "period_kind", "indicator",
                   "indicator_id", "measure", "unit", "ind_level", "subset", "contribution", "base", "text",
                   "sentence", "start", "qualifier")


def _distinct(actuals: list[dict]) -> list[dict]:
    """The actuals without repeats: an actual stated alike in several documents (a press release
    reprinted, a figure restated) is kept once, at its first place, which is the one a full scan
    would pick among equals (``max`` keeps the first)."""
    seen: set = set()
    out = []
    for a in actuals:
        key = tuple((k, repr(v)) for k, v in a.items() if k not in _NOT_COMPARED)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


class ActualsIndex:
    """Actuals by region and by what they count, so a target is checked only against the actuals
    ``_relation`` could accept: the same indicator id or one below it in the taxonomy, the same
    indicator words, and the region's user entries. Candidates keep the actuals' order (ties in the
    choice of the latest actual are broken as in a full scan)."""

    def __init__(self, actuals: list[dict]) -> None:
        self._by_id: dict[tuple, list[int]] = {}
        self._by_words: dict[tuple, list[int]] = {}
        self._user: dict[Optional[str], list[int]] = {}
        self._ids: dict[Optional[str], set[str]] = {}
        self._below: dict[tuple, list[str]] = {}
        self._actuals = actuals
        for i, a in enumerate(actuals):
            region = a["region"]
            if a.get("user"):
                self._user.setdefault(region, []).append(i)
                continue
            if a["indicator_id"]:
                self._by_id.setdefault((region, a["indicator_id"]), []).append(i)
                self._ids.setdefault(region, set()).add(a["indicator_id"])
            if a["indicator"]:
                self._by_words.setdefault((region, a["indicator"]), []).append(i)

    def _ids_below(self, region: Optional[str], tid: str) -> list[str]:
        key = (region, tid)
        if key not in self._below:
            self._below[key] = [aid for aid in self._ids.get(region, ()) if aid != tid and tid in ancestors(aid)]
        return self._below[key]

    def candidates(self, target: dict) -> list[dict]:
        """Actuals of the target's region that may measure what it counts, in their original order."""
        region = target["region"]
        if not region:
            return []
        found = set(self._user.get(region, ()))
        if target["indicator"]:
            found.update(self._by_words.get((region, target["indicator"]), ()))
        tid = target["indicator_id"]
        if tid:
            found.update(self._by_id.get((region, tid), ()))
            for aid in self._ids_below(region, tid):
                found.update(self._by_id[(region, aid)])
        return [self._actuals[i] for i in sorted(found)]


def _period_label(a: Optional[dict]) -> Optional[str]:
    if a is None:
        return None
    return a["period"] or (a["obs"].isoformat() if a["obs"] else None)


def _final(a: dict, start: Optional[date], deadline_end: Optional[date], measure: str) -> bool:
    """True when the actual covers the target period to its end (a full-year rate or flow of the
    deadline year, a stock observed at or after the deadline); else it is partial progress."""
    if a["obs"] is None or deadline_end is None:
        return False
    if a["obs"] < deadline_end - timedelta(days=_rules()["final_days_before_deadline"]):
        return False
    if measure in thresholds()["stock_measures"] or measure == "rank":
        return True
    span = a.get("span")
    return span is not None and start is not None and span[0] <= max(start, date(deadline_end.year, 1, 1))


_SPAN_SLACK_DAYS = 45    # an actual may cover a little more than the target's period (Dec-Jan)


def _row_key(r: Any) -> tuple:
    return (r.get("doc_id"), r.get("start"))


def _ranges(targets: pd.DataFrame) -> tuple[dict[tuple, float], set]:
    """Targets written as a range (5%—5.5%: two figures, 区间下限 and 区间上限) are one target:
    {key of the lower row: upper value} and the index labels of the upper rows (tracked with the
    lower one: a floor is judged on the lower end, a ceiling on the upper end)."""
    lower_word, upper_word = _range_words()
    out, uppers = {}, set()
    prev = None
    cols = [c for c in ("doc_id", "start", "sentence", "qualifier", "value") if c in targets.columns]
    for idx, r in zip(targets.index, targets[cols].to_dict("records")):
        q = _str(r.get("qualifier")) or ""
        if upper_word in q and prev is not None and prev[1].get("doc_id") == r.get("doc_id") \
                and prev[1].get("sentence") == r.get("sentence") and lower_word in (_str(prev[1].get("qualifier")) or ""):
            value = pd.to_numeric(r.get("value"), errors="coerce")
            if not _isna(value):
                out[_row_key(prev[1])] = float(value)
                uppers.add(idx)
        prev = (idx, r)
    return out, uppers


@lru_cache(maxsize=1)
def _range_words() -> tuple[str, str]:
    from core.figures.lexicon import cues
    return cues().special["range_lower"], cues().special["range_upper"]


def target_key(r: dict) -> dict:
    """What a target figure (a row of the figures frame) counts, in the terms ``_relation`` compares."""
    unit = _str(r.get("unit")) or ""
    measure = _str(r.get("measure")) or "level"
    return {"region": _str(r.get("region")), "indicator": _norm_indicator(r.get("indicator")),
            "indicator_id": _str(r.get("indicator_id")), "measure": measure, "unit": unit,
            "level": _str(r.get("ind_level")), "subset": _str(r.get("subset")),
            "contribution": bool(r.get("contribution")) if not _isna(r.get("contribution")) else False,
            "base": _str(r.get("base")),
            "flow": _is_flow(measure, unit, _str(r.get("sentence")) or "", _str(r.get("text")) or "")}


def track_targets(figures: pd.DataFrame, user_actuals: Optional[pd.DataFrame] = None,
                  today: Optional[date] = None) -> pd.DataFrame:
    """One row per target (deduplicated per document) with its latest actual, gap, status and method.

    ``figures`` is the figures frame of ``core.corpus.figures_frame``; ``user_actuals`` the frame of
    ``core.store.ActualsStore.list()`` (region, indicator_id, indicator, measure, value, unit,
    period, note, created_at); ``today`` caps observation dates (default: today).
    """
    today = today or date.today()
    if figures is None or figures.empty or "kind" not in figures:
        return pd.DataFrame(columns=COLUMNS)
    targets = figures[figures["kind"] == "target"]
    if targets.empty:
        return pd.DataFrame(columns=COLUMNS)
    targets = targets.drop_duplicates(subset=["doc_id", "indicator", "measure", "value", "unit"])
    regions = set(targets["region"].dropna())
    # only the columns an actual is made of (a copy of every column of most figures would double
    # the memory of a large corpus), one row per statement before building a dict per row
    # (``_distinct`` then compares the dicts)
    have = [c for c in _ACTUAL_COLUMNS if c in figures.columns]
    mask = figures["region"].isin(regions) & figures["kind"].isin(OUTCOME_KINDS)
    stated = figures.loc[first_distinct(figures, mask, have), ["doc_id", *have]]
    actuals = _doc_actuals(stated) + _user_actuals(user_actuals)
    for a in actuals:
        if a["obs"] is not None and a["obs"] > today:
            a["obs"] = today
    index = ActualsIndex(_distinct(actuals))
    ranges, upper_rows = _ranges(targets)
    if upper_rows:
        targets = targets.drop(index=list(upper_rows))

    def track(r: dict) -> Optional[dict]:
        value = pd.to_numeric(r.get("value"), errors="coerce")
        if _isna(value):
            return None
        target_value = float(value)
        unit = _str(r.get("unit")) or ""
        measure = _str(r.get("measure")) or "level"
        region = _str(r.get("region"))
        t = target_key(r)
        hedge, hedge_cls = classify_hedge(r.get("qualifier"), r.get("sentence"), r.get("text"))
        doc_span = parse_period(r.get("date"))
        set_date = doc_span[0] if doc_span else None
        deadline_txt = _str(r.get("deadline"))
        deadline_span = parse_period(deadline_txt)
        deadline_assumed = False
        if deadline_span is None:
            period_span = parse_period(r.get("period"))
            if period_span is not None:
                deadline_span, deadline_txt = period_span, _str(r.get("period"))
            elif doc_span is not None:
                deadline_span, deadline_txt = (date(set_date.year, 1, 1), date(set_date.year, 12, 31)), \
                    str(set_date.year)
            deadline_assumed = True
        deadline_end = deadline_span[1] if deadline_span else None
        start = None
        if deadline_end is not None:
            year_start = date(deadline_end.year, 1, 1)
            start = min(set_date, year_start) if set_date else year_start
        ceiling = is_ceiling(r.get("qualifier"), r.get("sentence"), r.get("text"))
        higher = higher_is_better(t["indicator_id"], r.get("indicator"), measure, "ceiling" if ceiling else "")
        d = 1.0 if higher else -1.0
        range_end = ranges.get(_row_key(r))
        if range_end is not None and not higher:
            target_value = range_end           # a ceiling range (3%—3.5%) is judged on its upper end
        target_span_days = (deadline_end - start).days if deadline_end is not None and start else None
        own_doc, own_sentence = r.get("doc_id"), _str(r.get("sentence"))

        matched = []
        for a in index.candidates(t):
            rel = _relation(t, a)
            if rel is None:
                continue
            if deadline_end is not None and a.get("span") and a["span"][0] > deadline_end:
                continue                   # about a later period than the target's
            if a.get("doc_id") is not None and a["doc_id"] == own_doc:
                a = dict(a, own=True)      # the target's own document: a baseline at most, never its outcome
            if target_span_days is not None and (a.get("average") or (
                    a.get("span") and (a["span"][1] - a["span"][0]).days > target_span_days + _SPAN_SLACK_DAYS)):
                continue                   # a five-year average or total is no outcome of one year
            a = dict(a, relation=rel, _conv=a["value"] * _units_compatible(a["unit"], unit))
            # a part is only a lower bound: it tells something only when it already meets the target
            if rel == "component" and d * (a["_conv"] - target_value) < 0:
                continue
            matched.append(a)

        def key(a: dict) -> tuple:
            return (a["relation"] == "same", a["obs"] or date.min, a["priority"])

        if start is None:  # no dates at all: every actual of another document is "current"
            current, base = [a for a in matched if not a.get("own")], []
        else:
            late = deadline_end + timedelta(days=thresholds()["grace_days_after_deadline"])
            current = [a for a in matched if a["obs"] is not None and start < a["obs"] <= late
                       and (a["dated_by_period"] or set_date is None or a["obs"] > set_date)
                       and not a.get("own")]
            in_current = {id(a) for a in current}
            base = [a for a in matched if a["obs"] is not None and id(a) not in in_current
                    and (a["obs"] <= start or (not a["dated_by_period"] and set_date is not None
                                               and a["obs"] <= set_date))
                    and not (a.get("own") and a["sentence"] == own_sentence)]
        latest = max(current, key=key) if current else None
        baseline = max((a for a in base if a["relation"] == "same"), key=key, default=None)
        shown = latest or baseline
        final = latest is not None and not latest.get("estimate") and _final(latest, start, deadline_end, measure)

        approx = is_approx(hedge) and measure not in thresholds()["strict_about_measures"] \
            and split_unit(unit)[0] not in thresholds()["strict_about_units"]
        res = assess(target_value, latest["_conv"] if latest else None, measure=measure,
                     approx=approx, higher=higher, start=start, deadline_end=deadline_end,
                     obs=latest["obs"] if latest else None,
                     baseline=baseline["_conv"] if baseline else None,
                     baseline_obs=baseline["obs"] if baseline else None)
        key_name = res["key"]
        status = res["status"] if latest is not None else "no data"
        if latest is not None and final and status != "achieved" and key_name != "no_ratio" \
                or latest is not None and final and status == "deterioration":
            status, key_name = "not achieved", "not_achieved"
        provisional = latest is not None and bool(latest.get("estimate"))
        if provisional and status == "achieved":
            status = "substantial"             # an estimate shows progress, never decides
        if latest is None and baseline is not None:
            key_name = "baseline_only"
        actual_value = shown["_conv"] if shown else None
        gap = None
        if latest is not None:
            gap = (target_value - latest["_conv"]) if higher else (latest["_conv"] - target_value)
        fields = {
            "region": region or "?", "indicator": _str(r.get("indicator")) or "?", "unit": unit,
            "actual": _fmt(actual_value), "target": _fmt(target_value),
            "actual_period": _period_label(shown) or "?", "start": start.isoformat() if start else "?",
            "deadline": deadline_txt or "?", "ratio": _fmt(res["ratio"], 3),
            "baseline": _fmt(baseline["_conv"]) if baseline else "–",
            "baseline_period": _period_label(baseline) or "?",
            "cagr_o": _fmt(res["cagr_o"] * 100 if res["cagr_o"] is not None else None, 3),
            "cagr_r": _fmt(res["cagr_r"] * 100 if res["cagr_r"] is not None else None, 3),
            "fraction": _fmt(res.get("fraction", 0) * 100 if res.get("fraction") is not None else None, 3),
            "elapsed": _fmt(res["elapsed"] * 100 if res["elapsed"] is not None else None, 3),
            "obs": latest["obs"].isoformat() if latest and latest["obs"] else "?",
            "pct": _fmt(thresholds()["approx_tolerance"] * 100),
            "part": shown["indicator"] if shown else "?",
        }
        methods = {}
        for lang in ("en", "zh"):
            tolerance = _method_text("tolerance", lang, pct=fields["pct"]) if res["tolerance"] else ""
            text = _method_text(key_name, lang, **fields, tolerance=tolerance)
            if latest is not None and latest["relation"] == "component":
                text += _method_text("component", lang, **fields)
            if provisional:
                text += _method_text("estimate", lang, **fields)
            elif latest is not None and not final and status not in ("no data",):
                text += _method_text("partial", lang, **fields)
            if not higher and latest is not None:
                text += _method_text("lower_better", lang)
            if deadline_assumed and deadline_txt:
                text += _method_text("deadline_assumed", lang, deadline=deadline_txt)
            methods[lang] = text
        return {
            "region": region, "indicator": _str(r.get("indicator")), "indicator_id": t["indicator_id"],
            "measure": measure, "unit": unit, "target_value": target_value, "hedge": hedge,
            "hedge_class": hedge_cls, "deadline": deadline_txt, "target_doc": r.get("doc_id"),
            "target_sentence": _str(r.get("sentence")),
            "actual_value": actual_value, "actual_period": _period_label(shown),
            "actual_source": shown["source"] if shown else None,
            "gap": round(gap, 6) if gap is not None else None,
            "status": status, "method": methods["en"], "method_zh": methods["zh"],
            "ratio": res["ratio"], "elapsed_share": res["elapsed"],
            "baseline_value": baseline["_conv"] if baseline else None,
            "baseline_period": _period_label(baseline),
            "target_date": set_date.isoformat() if set_date else None,
            "target_start": start.isoformat() if start else None,
            "target_text": _str(r.get("text")), "actual_text": shown["text"] if shown else None,
            "actual_sentence": shown["sentence"] if shown else None,
            "deadline_assumed": deadline_assumed, "higher_is_better": higher,
            "low_confidence": bool(r.get("low_confidence")) if not _isna(r.get("low_confidence")) else False,
            "target_level": t["level"], "target_start_offset": r.get("start"),
            "actual_stated_value": shown["value"] if shown else None,
            "actual_unit": shown["unit"] if shown else None,
            "actual_doc": shown["doc_id"] if shown else None,
            "actual_offset": shown["start"] if shown else None,
            "match": shown["relation"] if shown else None,
            "actual_final": bool(final) if latest is not None else None,
            "actual_kind": ("estimate" if shown.get("estimate") else "actual") if shown else None,
        }

    # a block of targets at a time: never a dict per row for every target of the corpus at once
    blocks = []
    for i in range(0, len(targets), _TRACK_BLOCK):
        rows = [row for r in targets.iloc[i:i + _TRACK_BLOCK].to_dict("records") if (row := track(r)) is not None]
        blocks.append(pd.DataFrame(rows, columns=COLUMNS))
    out = pd.concat(blocks, ignore_index=True) if len(blocks) > 1 else blocks[0]
    order = {s: i for i, s in enumerate(STATUSES)}
    out["_o"] = out["status"].map(order)
    return out.sort_values(["region", "_o", "indicator"], kind="stable").drop(columns="_o").reset_index(drop=True)


# ---------------------------------------------------------------- views for the page

def filter_tracked(tracked: pd.DataFrame, regions: Any = (), indicators: Any = (), statuses: Any = (),
                   hedges: Any = ()) -> pd.DataFrame:
    """Rows of ``track_targets`` output matching every non-empty choice (empty choice = all).

    ``indicators`` are matched against ``indicator_id`` or, for rows without one, ``indicator``.
    """
    out = tracked
    if len(regions):
        out = out[out["region"].isin(list(regions))]
    if len(indicators):
        key = out["indicator_id"].where(out["indicator_id"].notna(), out["indicator"])
        out = out[key.isin(list(indicators))]
    if len(statuses):
        out = out[out["status"].isin(list(statuses))]
    if len(hedges):
        out = out[out["hedge_class"].isin(list(hedges))]
    return out


def status_counts(tracked: pd.DataFrame) -> pd.DataFrame:
    """Targets per (region, status), statuses in their fixed order: region, status, order, n."""
    if tracked.empty:
        return pd.DataFrame(columns=["region", "status", "order", "n"])
    g = tracked.groupby(["region", "status"], dropna=False).size().reset_index(name="n")
    g["order"] = g["status"].map({s: i for i, s in enumerate(STATUSES)})
    return g.sort_values(["region", "order"]).reset_index(drop=True)[["region", "status", "order", "n"]]
