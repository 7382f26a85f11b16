"""Target tracking: matching, gap, Open SDG-style status, hedges, periods (core.targets)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from core.targets import (COLUMNS, STATUSES, classify_hedge, parse_period, split_unit,
                          status_for_ratio, track_targets, unit_factor)

TODAY = date(2025, 6, 1)
FIG_COLS = ["doc_id", "region", "date", "figure_no", "kind", "indicator", "indicator_id", "measure",
            "value", "unit", "text", "qualifier", "period", "scope", "compared_to", "sentence",
            "start", "end", "low_confidence", "deadline"]

LC_TARGET_SENT = "2024年，力争规上工业增加值增长7%，确保新增规上工业企业100家。"


def fig(doc_id, region, doc_date, kind, indicator, value, unit, measure, *, text=None, qualifier=None,
        period=None, sentence="", deadline=None, indicator_id=None, no=0):
    """One row shaped like core.corpus.figures_frame output."""
    text = text or f"{value:g}{unit}"
    start = max(sentence.find(text), 0)
    return {"doc_id": doc_id, "region": region, "date": doc_date, "figure_no": no, "kind": kind,
            "indicator": indicator, "indicator_id": indicator_id, "measure": measure, "value": value,
            "unit": unit, "text": text, "qualifier": qualifier, "period": period, "scope": None,
            "compared_to": None, "sentence": sentence, "start": start, "end": start + len(text),
            "low_confidence": False, "deadline": deadline}


def frame(*rows):
    extra = [k for r in rows for k in r if k not in FIG_COLS]
    return pd.DataFrame(list(rows), columns=FIG_COLS + list(dict.fromkeys(extra)))


def lc_growth_target(**kw):
    return fig("002", "聊城市", "2024-03-27", "target", "规上工业增加值", 7.0, "%", "growth",
               qualifier="力争", sentence=LC_TARGET_SENT, deadline="2024",
               indicator_id="industrial_value_added", **kw)


def lc_growth_actual(value, period, doc_date, doc_id="lc_later", indicator_id="industrial_value_added"):
    sent = f"{period}，全市规上工业增加值增长{value:g}%。"
    return fig(doc_id, "聊城市", doc_date, "actual", "规上工业增加值", value, "%", "growth",
               period=period, sentence=sent, indicator_id=indicator_id)


def one(df: pd.DataFrame) -> pd.Series:
    assert len(df) == 1, df
    return df.iloc[0]


# ------------------------------------------------------------------ rates (growth targets)

def test_growth_target_met_midyear_is_on_track_not_achieved():
    row = one(track_targets(frame(lc_growth_target(), lc_growth_actual(8.4, "2024-01..2024-06", "2024-07-20")),
                            None, TODAY))
    assert row.status == "substantial"
    assert row.actual_value == pytest.approx(8.4)
    assert row.gap == pytest.approx(7.0 - 8.4)
    assert row.hedge_class == "soft" and "力争" in row.hedge
    assert row.actual_source == "document lc_later"
    assert row.actual_period == "2024-01..2024-06"
    assert row.deadline == "2024" and row.target_doc == "002"
    assert "8.4" in row.method and "7" in row.method
    assert "8.4" in row.method_zh


def test_growth_target_met_for_full_year_is_achieved():
    row = one(track_targets(frame(lc_growth_target(), lc_growth_actual(8.4, "2024", "2025-02-10")), None, TODAY))
    assert row.status == "achieved"


@pytest.mark.parametrize("actual,status", [(5.6, "moderate"), (3.0, "limited"), (-1.0, "deterioration"),
                                           (6.7, "substantial")])
def test_growth_rate_ratio_classified_by_open_sdg_thresholds(actual, status):
    row = one(track_targets(frame(lc_growth_target(), lc_growth_actual(actual, "2024-01..2024-09", "2024-10-25")),
                            None, TODAY))
    assert row.ratio == pytest.approx(actual / 7.0)
    assert row.status == status


def test_latest_actual_wins_over_earlier_ones():
    df = frame(lc_growth_target(), lc_growth_actual(3.0, "2024-01..2024-03", "2024-04-20", doc_id="q1"),
               lc_growth_actual(6.0, "2024-01..2024-09", "2024-10-20", doc_id="q3"))
    row = one(track_targets(df, None, TODAY))
    assert row.actual_source == "document q3" and row.actual_value == pytest.approx(6.0)


def test_prior_year_actual_is_only_a_baseline():
    base = lc_growth_actual(8.4, "2023", "2024-03-27", doc_id="002")
    row = one(track_targets(frame(lc_growth_target(), base), None, TODAY))
    assert row.status == "no data"
    assert row.actual_value == pytest.approx(8.4)  # shown, but not progress
    assert row.gap is None or pd.isna(row.gap)
    assert "predates" in row.method


def test_same_region_only():
    other = lc_growth_actual(8.4, "2024-01..2024-06", "2024-07-20")
    other["region"] = "威海市"
    row = one(track_targets(frame(lc_growth_target(), other), None, TODAY))
    assert row.status == "no data" and (row.actual_value is None or pd.isna(row.actual_value))


def test_matches_by_indicator_text_when_ids_missing():
    df = frame(lc_growth_target(), lc_growth_actual(8.4, "2024-01..2024-06", "2024-07-20", indicator_id=None))
    assert one(track_targets(df, None, TODAY)).actual_value == pytest.approx(8.4)
    other = lc_growth_actual(8.4, "2024-01..2024-06", "2024-07-20", indicator_id="digital_core_value_added")
    assert one(track_targets(frame(lc_growth_target(), other), None, TODAY)).status == "no data"


def test_incompatible_unit_or_measure_is_not_matched():
    wrong_unit = lc_growth_actual(8.4, "2024-01..2024-06", "2024-07-20")
    wrong_unit["unit"] = "亿元"
    wrong_measure = lc_growth_actual(35.0, "2024-01..2024-06", "2024-07-20")
    wrong_measure["measure"] = "share"
    row = one(track_targets(frame(lc_growth_target(), wrong_unit, wrong_measure), None, TODAY))
    assert row.status == "no data"


# ------------------------------------------------------------------ flows and stocks

def new_firms_target():
    return fig("002", "聊城市", "2024-03-27", "target", "新增规上工业企业", 100.0, "家", "count_new",
               text="100家", sentence=LC_TARGET_SENT, deadline="2024")


def test_flow_with_one_actual_compares_share_done_with_share_of_time():
    actual = fig("lc_h1", "聊城市", "2024-07-15", "actual", "新增规上工业企业", 60.0, "家", "count_new",
                 period="2024-01..2024-06", sentence="上半年新增规上工业企业60家。")
    row = one(track_targets(frame(new_firms_target(), actual), None, TODAY))
    elapsed = (date(2024, 6, 30) - date(2024, 1, 1)).days / (date(2024, 12, 31) - date(2024, 1, 1)).days
    assert row.elapsed_share == pytest.approx(elapsed)
    assert row.ratio == pytest.approx(0.6 / elapsed)
    assert row.status == "substantial"
    assert row.hedge_class == "hard" and row.hedge == "确保"
    assert row.gap == pytest.approx(40.0)
    slow = dict(actual, value=20.0)
    assert one(track_targets(frame(new_firms_target(), slow), None, TODAY)).status == "limited"


def test_stock_with_baseline_uses_cagr_ratio_and_converts_units():
    target = fig("002", "聊城市", "2024-03-27", "target", "5G基站", 1.2, "万个", "level", text="1.2万个",
                 sentence="加快5G建设，力争5G基站总量突破1.2万个。", deadline="2024")
    base = fig("002", "聊城市", "2024-03-27", "actual", "5G基站", 0.9, "万个", "level", text="0.9万个",
               period="2023", sentence="2023年底全市5G基站0.9万个。")
    now = fig("lc_mid", "聊城市", "2024-07-15", "actual", "5G基站", 10000.0, "个", "level", text="10000个",
              period="2024-06", sentence="截至6月底，5G基站达到10000个。")
    row = one(track_targets(frame(target, base, now), None, TODAY))
    assert row.actual_value == pytest.approx(1.0)            # 10000个 in the target's unit 万个
    assert (row.actual_stated_value, row.actual_unit) == (10000.0, "个")   # and as the text states it
    assert row.baseline_value == pytest.approx(0.9)
    assert row.hedge_class == "soft" and "突破" in row.hedge
    # observed CAGR 0.9 -> 1.0 over 182 days vs required 0.9 -> 1.2 over 366 days (hand-computed)
    assert row.ratio == pytest.approx(0.708, abs=0.005)
    assert row.status == "moderate"
    assert "CAGR" in row.method or "growth" in row.method


def test_stock_without_baseline_falls_back_to_time_share():
    target = fig("002", "聊城市", "2024-03-27", "target", "5G基站", 1.2, "万个", "level", text="1.2万个",
                 sentence="力争5G基站总量突破1.2万个。", deadline="2024")
    now = fig("lc_mid", "聊城市", "2024-07-15", "actual", "5G基站", 1.1, "万个", "level", text="1.1万个",
              period="2024-06", sentence="5G基站达到1.1万个。")
    row = one(track_targets(frame(target, now), None, TODAY))
    assert row.baseline_value is None or pd.isna(row.baseline_value)
    assert row.elapsed_share is not None and row.ratio == pytest.approx((1.1 / 1.2) / row.elapsed_share)


def test_about_target_within_tolerance_is_achieved():
    sent = "确保今年实施省级企业技术创新项目3000项左右。"
    target = fig("001", "山东省", "2024-03-08", "target", "省级企业技术创新项目", 3000.0, "项", "count_new",
                 text="3000项", sentence=sent, deadline="2024")
    actual = fig("sd_y", "山东省", "2025-01-20", "actual", "省级企业技术创新项目", 2950.0, "项", "count_new",
                 period="2024", sentence="全年实施省级企业技术创新项目2950项。")
    row = one(track_targets(frame(target, actual), None, TODAY))
    assert row.hedge_class == "hard" and "左右" in row.hedge and "确保" in row.hedge
    assert row.status == "achieved"
    strict = dict(target, sentence="确保今年实施省级企业技术创新项目3000项。")
    assert one(track_targets(frame(strict, actual), None, TODAY)).status != "achieved"


def test_rank_is_lower_is_better():
    target = fig("w", "威海市", "2024-03-01", "target", "工业投资增速全省排名", 3.0, "rank", "rank",
                 text="前3", sentence="力争工业投资增速进入全省前3。", deadline="2024")
    behind = fig("w2", "威海市", "2024-11-19", "actual", "工业投资增速全省排名", 5.0, "rank", "rank",
                 text="第5", period="2024-01..2024-10", sentence="工业投资增速居全省第5位。")
    row = one(track_targets(frame(target, behind), None, TODAY))
    assert bool(row.higher_is_better) is False
    assert row.gap == pytest.approx(2.0)        # still two places to go
    assert row.status != "achieved"
    ahead = dict(behind, value=2.0)
    assert one(track_targets(frame(target, ahead), None, TODAY)).status == "achieved"


# ------------------------------------------------------------------ user entries

def test_user_entry_is_matched_and_reported_as_such():
    user = pd.DataFrame([{"id": 1, "region": "聊城市", "indicator_id": "industrial_value_added",
                          "indicator": "规上工业增加值", "measure": "growth", "value": 7.5, "unit": "%",
                          "period": "2024", "note": "统计公报", "created_at": "2025-03-01T08:00:00+00:00"}])
    df = frame(lc_growth_target(), lc_growth_actual(6.0, "2024-01..2024-09", "2024-10-20"))
    row = one(track_targets(df, user, TODAY))
    assert row.actual_source == "user entry"
    assert row.status == "achieved"
    other_region = user.assign(region="临沂市")
    assert one(track_targets(df, other_region, TODAY)).actual_source == "document lc_later"


def test_user_entry_without_measure_matches_on_indicator_and_unit():
    user = pd.DataFrame([{"region": "聊城市", "indicator_id": None, "indicator": "规上工业增加值",
                          "measure": None, "value": 5.0, "unit": "％", "period": "2024-01..2024-06",
                          "note": None, "created_at": "2024-07-20T08:00:00+00:00"}])
    row = one(track_targets(frame(lc_growth_target()), user, TODAY))
    assert row.actual_source == "user entry" and row.status == "moderate"


# ------------------------------------------------------------------ shape, hedges, helpers

def test_no_targets_gives_empty_frame_with_the_columns():
    out = track_targets(frame(lc_growth_actual(8.4, "2024", "2025-01-01")), None, TODAY)
    assert out.empty and list(out.columns) == COLUMNS
    assert track_targets(pd.DataFrame(columns=FIG_COLS), None, TODAY).empty


def test_repeated_target_in_one_document_is_one_row_and_no_target_without_actual_is_no_data():
    df = frame(lc_growth_target(no=1), lc_growth_target(no=7), new_firms_target())
    out = track_targets(df, None, TODAY)
    assert len(out) == 2
    assert set(out["status"]) == {"no data"}
    assert out["method"].str.len().min() > 10


def test_missing_deadline_defaults_to_document_year():
    row = one(track_targets(frame(dict(lc_growth_target(), deadline=None)), None, TODAY))
    assert row.deadline == "2024" and bool(row.deadline_assumed)


@pytest.mark.parametrize("sentence,text,cls,word", [
    ("确保新增规上工业企业100家。", "100家", "hard", "确保"),
    ("力争数字经济核心产业增加值增长15%。", "15%", "soft", "力争"),
    ("组织实施前沿技术攻关项目20项左右。", "20项", "approx", "左右"),
    ("培育省级智能工厂、数字化车间15个以上。", "15个", "floor", "以上"),
    ("推动1000家中小企业数字化转型。", "1000家", "none", ""),
])
def test_classify_hedge(sentence, text, cls, word):
    words, got = classify_hedge(None, sentence, text)
    assert got == cls and word in words


def test_hedge_only_from_the_clause_of_the_number():
    words, cls = classify_hedge(None, "力争覆盖率达到90%，新增企业200家。", "200家")
    assert cls == "none" and words == ""
    assert classify_hedge("确保", "", "")[1] == "hard"


def test_status_thresholds_come_from_the_data_file():
    cfg = json.loads((Path(__file__).parent.parent / "core/data/status_thresholds.json").read_text("utf-8"))
    mins = {r["status"]: r["min_ratio"] for r in cfg["statuses"]}
    assert status_for_ratio(mins["substantial"]) == "substantial"
    assert status_for_ratio(mins["substantial"] - 1e-6) == "moderate"
    assert status_for_ratio(mins["moderate"] - 1e-6) == "limited"
    assert status_for_ratio(-1e-6) == "deterioration"
    assert status_for_ratio(None) == "no data"


@pytest.mark.parametrize("text,expected", [
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2024-01..2024-10", (date(2024, 1, 1), date(2024, 10, 31))),
    ("2024-01..10", (date(2024, 1, 1), date(2024, 10, 31))),
    ("2024-Q1..Q3", (date(2024, 1, 1), date(2024, 9, 30))),
    ("2024-H1", (date(2024, 1, 1), date(2024, 6, 30))),
    ("2021..2025", (date(2021, 1, 1), date(2025, 12, 31))),
    ("2024年1-10月", (date(2024, 1, 1), date(2024, 10, 31))),
    ("2024年上半年", (date(2024, 1, 1), date(2024, 6, 30))),
    ("2023年底", (date(2023, 12, 1), date(2023, 12, 31))),
    ("2024-11-19", (date(2024, 11, 19), date(2024, 11, 19))),
])
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["", None, "soon", "2024-13", "2024-10..2024-01", "今年"])
def test_parse_period_rejects_without_raising(text):
    assert parse_period(text) is None


def test_units():
    assert split_unit("万个") == ("个", 1e4)
    assert split_unit("个百分点") == ("pp", 1.0)
    assert unit_factor("个", "万个") == pytest.approx(1e-4)
    assert unit_factor("％", "%") == 1.0
    assert unit_factor("亿元", "%") is None


# ------------------------------------------------------------------ real seeds

def test_seed_targets_tracked(seed_docs):
    from core.corpus import figures_frame
    figures = figures_frame(list(seed_docs.values()))
    targets = figures[figures["kind"] == "target"]
    assert not targets.empty
    out = track_targets(figures, None, TODAY)
    distinct = targets.drop_duplicates(subset=["doc_id", "indicator", "measure", "value", "unit"])
    # a range (1—2个) is one target: its upper end (区间上限) is tracked with its lower end
    uppers = distinct["qualifier"].fillna("").str.contains("区间上限").sum()
    assert uppers >= 1
    assert len(out) == len(distinct) - uppers
    assert set(out["status"]) <= set(STATUSES)
    assert set(out["hedge_class"]) <= {"hard", "soft", "approx", "floor", "none"}
    assert out["method"].str.len().min() > 10
    # every matched actual comes from the same region as its target
    for row in out[out["actual_source"].fillna("").str.startswith("document")].itertuples():
        doc_id = row.actual_source.split(" ", 1)[1]
        assert figures.loc[figures["doc_id"] == doc_id, "region"].iloc[0] == row.region


def test_direction_from_taxonomy_when_available():
    from core.targets import higher_is_better
    try:
        from core.indicators import taxonomy
        tax = taxonomy()
    except Exception:
        pytest.skip("indicator taxonomy not available")
    lower = tax[~tax["higher_is_better"]]
    if lower.empty:
        pytest.skip("taxonomy has no lower-is-better indicator")
    iid = lower["id"].iloc[0]
    assert higher_is_better(iid, "", "level") is False
    assert higher_is_better(iid, "", "rank") is False
    assert higher_is_better(None, "单位工业增加值能耗", "growth") is False
    assert higher_is_better(None, "规上工业增加值", "growth") is True


def test_filter_and_counts():
    from core.targets import filter_tracked, status_counts
    sd = fig("001", "山东省", "2024-03-08", "target", "省级企业技术创新项目", 3000.0, "项", "count_new",
             text="3000项", sentence="确保今年实施省级企业技术创新项目3000项左右。", deadline="2024")
    df = frame(lc_growth_target(), new_firms_target(), sd,
               lc_growth_actual(8.4, "2024-01..2024-06", "2024-07-20"))
    out = track_targets(df, None, TODAY)
    assert len(filter_tracked(out, regions=["聊城市"])) == 2
    assert list(filter_tracked(out, indicators=["industrial_value_added"])["indicator"]) == ["规上工业增加值"]
    assert list(filter_tracked(out, indicators=["新增规上工业企业"])["target_value"]) == [100.0]
    assert set(filter_tracked(out, hedges=["hard"])["region"]) == {"聊城市", "山东省"}
    assert len(filter_tracked(out, statuses=["substantial"])) == 1
    assert filter_tracked(out, regions=["聊城市"], statuses=["achieved"]).empty
    counts = status_counts(out)
    assert counts["n"].sum() == 3
    lc = counts[counts["region"] == "聊城市"]
    assert list(lc["status"]) == ["substantial", "no data"] and list(lc["n"]) == [1, 1]


def test_undated_result_in_the_target_document_is_a_baseline_not_progress():
    # 山东省 2024-03-08: "实施省级企业技术创新项目3202项" (last year's result, no period) next to the
    # target "确保今年实施省级企业技术创新项目3000项左右"
    target = fig("001", "山东省", "2024-03-08", "target", "省级企业技术创新项目", 3000.0, "项", "level",
                 text="3000项", sentence="确保今年实施省级企业技术创新项目3000项左右。", deadline="2024")
    result = fig("001", "山东省", "2024-03-08", "actual", "省级企业技术创新项目", 3202.0, "项", "level",
                 sentence="实施省级企业技术创新项目3202项。")
    row = one(track_targets(frame(target, result), None, TODAY))
    assert row.status == "no data" and row.actual_value == pytest.approx(3202.0)
    later = dict(result, doc_id="sd_later", date="2024-09-01", value=2000.0)
    row = one(track_targets(frame(target, result, later), None, TODAY))
    assert row.actual_source == "document sd_later" and row.baseline_value == pytest.approx(3202.0)


def test_actuals_long_after_the_deadline_are_ignored():
    late = lc_growth_actual(3.0, "2026-01..2026-06", "2026-07-20")
    row = one(track_targets(frame(lc_growth_target(), late), None, date(2026, 8, 1)))
    assert row.status == "no data"


def test_lower_is_better_rates():
    # 规上工业单位增加值能耗下降4%以上: target -4 (%), lower is better
    target = fig("001", "山东省", "2024-03-08", "target", "规上工业单位增加值能耗", -4.0, "%", "growth",
                 text="4%", sentence="规上工业单位增加值能耗下降4%以上。", deadline="2024")

    def actual(v):
        return fig("sd", "山东省", "2025-01-20", "actual", "规上工业单位增加值能耗", v, "%", "growth",
                   text=f"{abs(v):g}%", period="2024", sentence="规上工业单位增加值能耗下降。")
    assert one(track_targets(frame(target, actual(-5.0)), None, TODAY)).status == "achieved"
    row = one(track_targets(frame(target, actual(-3.0)), None, TODAY))
    # the full-year figure closes the period: 75% of the required decline is not the target
    assert row.ratio == pytest.approx(0.75) and row.status == "not achieved" and bool(row.actual_final)
    assert row.gap == pytest.approx(1.0)          # one point of decline still missing
    assert one(track_targets(frame(target, actual(1.0)), None, TODAY)).status == "not achieved"
    midyear = dict(actual(-3.0), period="2024-01..2024-06", date="2024-07-20")
    row = one(track_targets(frame(target, midyear), None, TODAY))
    assert row.status == "moderate" and not row.actual_final and "Partial" in row.method


def test_full_year_growth_below_target_after_the_deadline_is_not_achieved():
    target = dict(lc_growth_target(), value=6.0, sentence="2024年，力争规上工业增加值增长6%。", text="6%")
    row = one(track_targets(frame(target, lc_growth_actual(5.1, "2024", "2025-01-20")), None, TODAY))
    assert row.status == "not achieved" and row.actual_final
    assert "not achieved" in row.method and "未达成" in row.method_zh


@pytest.fixture(scope="module")
def seed_figures():
    from core.corpus import corpus_frames, load_corpus
    from tests.conftest import SEEDS
    return corpus_frames(load_corpus([SEEDS]).documents)["figures"]


def test_seed_results_printed_next_to_targets_are_baselines(seed_figures):
    out = track_targets(seed_figures, None, TODAY)
    if out.empty:
        pytest.skip("no targets extracted")
    own = out[out["actual_source"] == "document " + out["target_doc"].astype(str)]
    for row in own.itertuples():
        if row.status != "no data":   # only a dated in-period figure of the same document may count
            span = parse_period(row.actual_period)
            assert span is not None and span[1] > date.fromisoformat(row.target_start), row


def test_seed_liaocheng_hard_target_with_a_user_entry(seed_figures):
    lc = seed_figures[(seed_figures["region"] == "聊城市") & (seed_figures["kind"] == "target")
                      & seed_figures["sentence"].str.contains("确保新增规上工业企业100家", regex=False)
                      & (seed_figures["text"] == "100家")]
    if lc.empty:
        pytest.skip("the extractor does not produce the 聊城市 新增规上工业企业 target")
    t = lc.iloc[0]
    out = track_targets(seed_figures, None, TODAY)
    row = one(out[(out["region"] == "聊城市") & (out["indicator"] == t["indicator"]) & (out["target_value"] == 100)])
    assert row.hedge_class == "hard" and row.deadline == "2024" and row.status == "no data"
    user = pd.DataFrame([{"region": "聊城市", "indicator_id": t["indicator_id"], "indicator": t["indicator"],
                          "measure": None, "value": 55, "unit": "家", "period": "2024年上半年",
                          "note": "", "created_at": "2024-07-15T00:00:00+00:00"}])
    out = track_targets(seed_figures, user, TODAY)
    row = one(out[(out["region"] == "聊城市") & (out["indicator"] == t["indicator"]) & (out["target_value"] == 100)])
    assert row.actual_source == "user entry" and row.gap == pytest.approx(45.0)
    assert row.status == "substantial"        # 55% done after 49.6% of the year
    # the same entry for another region changes nothing in 聊城市
    other = track_targets(seed_figures, user.assign(region="威海市"), TODAY)
    assert (other["actual_source"] == "user entry").sum() == 0


def test_the_actuals_index_offers_every_actual_a_full_scan_would_match():
    """The index (by region, indicator id and words) drops no actual that ``_relation`` accepts:
    checked for every target of the seeds and the vendored devset against every actual."""
    from core.corpus import figures_frame, load_corpus
    from core.targets import ActualsIndex, _doc_actuals, _relation, target_key, track_targets
    from tests.conftest import DEVSET, SEEDS
    figures = figures_frame(load_corpus([SEEDS, DEVSET / "docs"]).documents)
    actuals = _doc_actuals(figures)
    index = ActualsIndex(actuals)
    tracked = track_targets(figures, None, date(2026, 12, 1))
    assert (tracked["match"].notna()).sum() >= 12          # the devset's known outcomes are found
    checked = matched = 0
    for r in figures[figures["kind"] == "target"].to_dict("records"):
        t = target_key(r)
        offered = {id(a) for a in index.candidates(t)}
        for a in actuals:
            checked += 1
            if _relation(t, a) is not None:
                matched += 1
                assert id(a) in offered, (r["sentence"], a["sentence"])
    assert matched >= 12 and checked > 10_000            # not vacuous: the known outcomes are among them


def test_repeated_actuals_are_matched_once_with_the_same_outcome(monkeypatch):
    """Three copies of every document (a reprinted release): tracking with repeats collapsed gives
    the very rows a scan of every copy gives."""
    import core.targets as targets
    from core.corpus import figures_frame, load_corpus
    from tests.conftest import DEVSET, SEEDS
    base = figures_frame(load_corpus([SEEDS, DEVSET / "docs"]).documents)
    figures = pd.concat([base.assign(doc_id=base["doc_id"] + f"~{i}") for i in range(3)], ignore_index=True)
    assert len(targets._distinct(targets._doc_actuals(figures))) * 3 == len(targets._doc_actuals(figures))
    collapsed = targets.track_targets(figures, None, date(2026, 12, 1))
    monkeypatch.setattr(targets, "_distinct", lambda actuals: actuals)        # every copy, scanned
    monkeypatch.setattr(targets, "_ACTUAL_COLUMNS", ("doc_id", *targets._ACTUAL_COLUMNS))
    every_copy = targets.track_targets(figures, None, date(2026, 12, 1))
    assert collapsed["match"].notna().sum() >= 36      # the 12 known outcomes, in each copy
    pd.testing.assert_frame_equal(collapsed, every_copy)


# ------------------------------------------------------------------ tracking that cannot fool itself (issue 16)

def gdp(doc_id, doc_date, kind, value, *, period=None, sentence="", qualifier=None, deadline=None, text=None,
        period_kind=None):
    row = fig(doc_id, "湖北省", doc_date, kind, "地区生产总值", value, "%", "growth", qualifier=qualifier,
              period=period, sentence=sentence, deadline=deadline, indicator_id="gdp", text=text)
    row["period_kind"] = period_kind
    return row


GDP_TARGET_SENT = "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。"


def test_a_target_is_never_met_by_its_own_sentence_or_document():
    target = gdp("r2025", "2025-01-17", "target", 6.0, sentence=GDP_TARGET_SENT, deadline="2025")
    # the same number misread as an actual in the target's own sentence, and a figure of its plan section
    own = gdp("r2025", "2025-01-17", "actual", 6.0, period="2025", sentence=GDP_TARGET_SENT)
    plan = gdp("r2025", "2025-01-17", "actual", 6.5, period="2025", sentence="全年地区生产总值增长6.5%。")
    row = one(track_targets(frame(target, own, plan), None, TODAY))
    assert row.status == "no data" and row.actual_sentence != GDP_TARGET_SENT


def test_an_estimate_shows_progress_and_never_decides():
    target = gdp("r2025", "2025-01-17", "target", 6.0, sentence=GDP_TARGET_SENT, deadline="2025")
    for value in (6.2, 5.5):
        est = gdp("r2026", "2026-01-27", "estimate", value, period="2025",
                  sentence=f"预计全年地区生产总值增长{value:g}%左右。", qualifier="左右")
        row = one(track_targets(frame(target, est), None, date(2026, 6, 1)))
        assert row.status not in ("achieved", "not achieved") and row.actual_kind == "estimate"
        assert "estimate" in row.method and "预计" in row.method_zh
    final = gdp("r2026", "2026-01-27", "actual", 6.2, period="2025", sentence="全年地区生产总值增长6.2%。")
    row = one(track_targets(frame(target, final), None, date(2026, 6, 1)))
    assert row.status == "achieved" and row.actual_kind == "actual"


@pytest.mark.parametrize("actual", [
    dict(period="2021..2025", sentence="“十四五”时期地区生产总值年均增长6.4%。", period_kind="average"),
    dict(period="2025", sentence="五年来地区生产总值年均增长6.4%。", period_kind="average"),
    dict(period="2021..2025", sentence="五年地区生产总值累计增长36.4%。"),
])
def test_a_multi_year_figure_is_no_outcome_of_one_year(actual):
    target = gdp("r2025", "2025-01-17", "target", 6.0, sentence=GDP_TARGET_SENT, deadline="2025")
    value = 36.4 if "累计" in actual["sentence"] else 6.4
    later = gdp("r2026", "2026-01-27", "actual", value, **actual)
    assert one(track_targets(frame(target, later), None, date(2026, 6, 1))).status == "no data"


def test_an_about_target_of_a_rate_is_met_only_by_reaching_it():
    target = gdp("r2025", "2025-01-17", "target", 6.0, sentence=GDP_TARGET_SENT, deadline="2025", qualifier="左右")
    near = gdp("r2026", "2026-01-27", "actual", 5.9, period="2025", sentence="全年地区生产总值增长5.9%。")
    assert one(track_targets(frame(target, near), None, date(2026, 6, 1))).status == "not achieved"


@pytest.mark.parametrize("sentence, text, qualifier", [
    ("居民消费价格涨幅控制在3%以内。", "3%", "控制在;以内"),
    ("城镇调查失业率5.5%以内。", "5.5%", "以内"),
    ("单位产值能耗不超过0.5吨标准煤。", "0.5吨标准煤", "不超过"),
])
def test_a_ceiling_is_judged_downwards(sentence, text, qualifier):
    value, unit = (0.5, "吨标准煤") if "吨" in text else (float(text.rstrip("%")), "%")
    target = fig("r2025", "湖北省", "2025-01-17", "target", "某项指标", value, unit, "level", text=text,
                 qualifier=qualifier, sentence=sentence, deadline="2025")
    for actual, want in ((value * 0.8, "achieved"), (value * 1.2, "not achieved")):
        later = fig("r2026", "湖北省", "2026-01-27", "actual", "某项指标", actual, unit, "level",
                    period="2025", sentence=f"全年某项指标为{actual:g}{unit}。")
        row = one(track_targets(frame(target, later), None, date(2026, 6, 1)))
        assert bool(row.higher_is_better) is False and row.status == want, (sentence, actual, row.status)


def test_a_range_is_one_target_floor_on_its_lower_end():
    sent = "今年地区生产总值增长5%—5.5%。"
    low = gdp("r2025", "2025-01-17", "target", 5.0, sentence=sent, deadline="2025", qualifier="区间下限", text="5%")
    high = gdp("r2025", "2025-01-17", "target", 5.5, sentence=sent, deadline="2025", qualifier="区间上限",
               text="5.5%")
    high["start"] = low["start"] + 3
    later = gdp("r2026", "2026-01-27", "actual", 5.2, period="2025", sentence="全年地区生产总值增长5.2%。")
    row = one(track_targets(frame(low, high, later), None, date(2026, 6, 1)))
    assert row.target_value == 5.0 and row.status == "achieved"
