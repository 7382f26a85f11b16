"""Modality (actual / estimate / target) and periods read against the document clock.

Each rule is pinned by short texts written for these tests in several wordings, never copied from
one document; the real-document checks are in tests/test_realdocs.py."""
from __future__ import annotations

import pytest

from core.document import load_document


def figures(text: str, date: str | None = "2024-01-25", region: str = "浙江省") -> dict[str, object]:
    """{number text: figure} of a small document dated ``date`` (manifest)."""
    manifest = {"region": region, **({"date": date} if date else {})}
    doc = load_document(text.encode("utf-8"), "case.txt", manifest)
    return {f.text: f for f in doc.figures}


def kinds(text: str, date: str | None = "2024-01-25") -> dict[str, str]:
    return {k: f.kind for k, f in figures(text, date).items()}


# --- a list of main targets -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # the lead on its own line, the items in the next paragraph
    "今年经济社会发展的主要预期目标是：\n地区生产总值增长5.5%左右；城镇新增就业70万人以上，城镇调查失业率5.5%左右；"
    "居民消费价格涨幅3%左右。",
    # lead and items in one paragraph
    "今年全省发展的主要目标是：生产总值增长5.5%左右；城镇新增就业70万人以上，城镇调查失业率5.5%左右；"
    "居民消费价格涨幅3%左右。",
    # a digest: a heading names the goals, bullet lines follow
    "二、2024年主要预期目标\n●经济增长5.5%左右\n●城镇新增就业70万人以上，城镇调查失业率5.5%左右\n●居民消费价格涨幅3%左右",
])
def test_items_of_a_main_target_list_are_targets(text):
    k = kinds(text)
    assert {k["5.5%"], k["70万人"], k["3%"]} == {"target"}, k


def test_the_list_ends_with_its_sentence():
    k = kinds("今年的主要预期目标是：生产总值增长5.5%左右；城镇新增就业70万人以上。\n"
              "过去一年，全省生产总值增长6%，城镇新增就业72万人。")
    assert k["5.5%"] == k["70万人"] == "target" and k["6%"] == k["72万人"] == "actual"


# --- estimates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, date, want", [
    ("一、2023年工作回顾\n预计全年地区生产总值增长5.2%左右。", "2024-01-25", "estimate"),     # 全年 = the year reviewed
    ("预计2023年全省生产总值增长5.2%左右，今年力争增长5%以上。", "2024-01-20", "estimate"),
    ("初步核算，全年地区生产总值5200亿元，比上年增长5.2%。", "2024-03-20", "estimate"),
    ("预计全年规上工业增加值增长5.2%左右。", "2023-12-20", "estimate"),                         # the year nearly over
    ("预计全年规上工业增加值增长5.2%左右。", "2023-07-20", "target"),                           # a forecast mid-year
    ("预计到2025年，全市数字经济增加值达到5.2万亿元。", "2023-07-20", "target"),
    ("项目建成投产后，预计可实现年产值5.2亿元。", "2023-07-20", "target"),
])
def test_an_estimate_of_a_period_over_and_a_forecast_of_one_to_come(text, date, want):
    f = next(f for t, f in figures(text, date).items() if t.startswith("5.2"))
    assert f.kind == want, f.rules


def test_an_estimate_says_so_in_its_trace_and_gets_the_year_reviewed():
    f = figures("一、2023年工作回顾\n预计全年地区生产总值增长5.2%左右。", "2024-01-25")["5.2%"]
    assert "kind:estimate:cue=预计" in f.rules and f.period == "2023"


# --- sections, paragraphs, tense ------------------------------------------------------------------

@pytest.mark.parametrize("heading, want", [
    ("一、2023年工作回顾", "actual"), ("一、过去一年工作回顾", "actual"), ("一、2023年计划执行情况", "actual"),
    ("三、2024年重点工作", "target"), ("二、2024年主要任务", "target"), ("三、今年工作安排", "target"),
])
def test_a_section_heading_sets_the_mode_of_cue_less_figures(heading, want):
    k = kinds(f"{heading}\n新建5G基站1.2万个，培育专精特新企业300家。", "2024-01-25")
    assert k["1.2万个"] == k["300家"] == want


@pytest.mark.parametrize("text, want", [
    ("2025年全市数字经济规模达到1万亿元。", "target"),          # after the reference date
    ("2023年全市数字经济规模达到1万亿元。", "actual"),          # before it
    ("我们将继续推进技术改造，去年完成技改投资1万亿元。", "actual"),   # a past period nearer than the cue
    ("今年将新建5G基站1万个。", "target"),
])
def test_the_tense_of_a_figures_own_period(text, want):
    assert next(iter(kinds(text, "2024-03-10").values())) == want


def test_follow_on_sentences_of_a_plan_are_targets():
    k = kinds("全年计划实施重点项目300个，总投资2000亿元。其中，产业项目200个。", "2024-02-01")
    assert {k["300个"], k["2000亿元"], k["200个"]} == {"target"}


@pytest.mark.parametrize("text, want", [
    ("骨干企业加快冲击新目标，产值增长13%。", "actual"),        # a goal named, not set
    ("冲击新目标重点项目13个开工建设。", "actual"),
    ("全市工业增速超过年度目标13个百分点。", "actual"),        # a goal compared with
    ("今年全市工业增长目标为13%。", "target"),
    ("全市工业预期增长13%左右。", "target"),
])
def test_goal_nouns_govern_only_what_they_introduce(text, want):
    assert next(iter(kinds(text, "2024-11-20").values())) == want


def test_a_part_of_the_year_is_a_result_unless_a_goal_governs_it():
    k = kinds("1-10月，全市规上工业增加值增长8.4%。力争一季度新增工业产值1100亿元。", "2024-11-20")
    assert k["8.4%"] == "actual"
    k = kinds("力争一季度新增工业产值1100亿元。", "2024-01-05")
    assert k["1100亿元"] == "target"


# --- periods ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, date, period", [
    ("2016年以来，全市规上工业增加值年均增长7%。", "2024-03-10", "2016..2024"),
    ("过去五年，全省生产总值年均增长5.2%。", "2023-01-15", "2018..2022"),
    ("“十四五”时期，全省生产总值年均增长5.5%。", "2026-01-20", "2021..2025"),
    ("2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%。", "2008-03-05", "2003..2007"),
])
def test_multi_year_periods(text, date, period):
    f = [f for f in figures(text, date).values() if f.measure == "growth"][-1]
    assert f.period == period


def test_an_average_over_years_is_marked_as_one():
    f = figures("过去五年，全省生产总值年均增长5.2%。", "2023-01-15")["5.2%"]
    assert f.period_kind == "average" and "period:average" in f.rules


# --- from -> to -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, baseline, baseline_period", [
    ("研发投入强度从1.8%提高到2.5%。", 2.5, 1.8, None),
    ("研发投入强度由2.77%提升至3.3%左右。", 3.3, 2.77, None),
    ("人均地区生产总值从2020年的10.5万元提高到2025年的14万元左右。", 14, 10.5, "2020"),
    ("规上工业企业从4.7万家增加到6.1万家。", 6.1, 4.7, None),
])
def test_from_to_is_one_figures_story(text, value, baseline, baseline_period):
    figs = figures(text, "2026-01-20")
    to = next(f for f in figs.values() if f.value == value)
    assert to.baseline_value == baseline and to.baseline_period == baseline_period
    start = next(f for f in figs.values() if f.value == baseline)
    assert start.kind == "actual" and "fromto:from" in start.rules
    assert start.period != to.period          # never the current value


# --- documents without a date --------------------------------------------------------------------

def test_no_date_no_period_and_no_tense():
    f = figures("全市规上工业增加值增长8.4%。", date=None)["8.4%"]
    assert f.period is None and f.kind == "actual"


@pytest.mark.parametrize("text, date, want", [
    ("今年全市规上工业增加值增长7%。", "2024-03-10", "target"),          # a year's rate, the year just begun
    ("2024年全省地区生产总值增长5.5%。", "2024-02-01", "target"),
    ("今年全市规上工业增加值增长7%。", "2024-12-28", "actual"),          # the year nearly over: a result
    ("今年以来，全市规上工业增加值增长7%。", "2024-07-10", "actual"),    # a part of the year: a result
])
def test_a_rate_of_a_year_not_over_is_a_goal(text, date, want):
    assert kinds(text, date)["7%" if "7%" in text else "5.5%"] == want


@pytest.mark.parametrize("text", [
    "到年底，全市5G基站总数达到2万个。",
    "今年底前，全市5G基站总数达到2万个。",
    "力争到年底，全市5G基站总数达到2万个。",
])
def test_a_deadline_of_this_year_end_is_a_goal(text):
    assert kinds(text, "2024-04-10")["2万个"] == "target"


def test_the_year_end_of_a_review_is_a_result():
    k = kinds("一、2023年工作回顾\n到年底，全市5G基站总数达到2万个。", "2024-01-25")
    assert k["2万个"] == "actual"


@pytest.mark.parametrize("date, want", [("2023-01-14", "target"), ("2023-11-24", "actual")])
def test_a_paragraph_led_by_this_year_is_a_plan_early_in_the_year_and_results_late(date, want):
    assert kinds("今年，全市新认定国家级专精特新中小企业13家。", date)["13家"] == want


# --- how far an estimate cue reaches --------------------------------------------------------------

@pytest.mark.parametrize("text, estimates, results", [
    # the cue after a subject speaks of its own clause; the next subject reads for itself
    ("2025年，汽车产业增加值预计增长26.7%，规上工业增加值增长7.3%。", ["26.7%"], ["7.3%"]),
    ("2025年，工业投资预计分别增长3%、11.2%，589个重点项目完成年度投资计划125.4%。",
     ["3%", "11.2%"], ["589个", "125.4%"]),
    # the cue heading its clause reaches the list after it
    ("预计2025年，全市地区生产总值增长5.2%，规上工业增加值增长6.1%，固定资产投资增长3.4%。",
     ["5.2%", "6.1%", "3.4%"], []),
    ("2025年全年预计：地区生产总值增长5.2%，一般公共预算收入增长2.1%。", ["5.2%", "2.1%"], []),
])
def test_an_estimate_cue_reaches_its_clause_or_the_list_it_heads(text, estimates, results):
    k = kinds(text, "2026-01-20")
    assert [k[t] for t in estimates] == ["estimate"] * len(estimates), k
    assert [k[t] for t in results] == ["actual"] * len(results), k


# --- a paragraph led by a plan of this year -------------------------------------------------------

@pytest.mark.parametrize("lead", ["今年计划要求，", "今年要", "2024年的主要任务是，", "本年计划安排，"])
def test_a_paragraph_led_by_this_years_plan_is_a_plan_late_in_the_year_too(lead):
    text = f"{lead}地区生产总值增长6%，去年同期为5%。投资要符合产业政策。社会消费品零售总额增长8%。"
    assert kinds(text, "2024-10-20")["8%"] == "target"


# --- deadlines: a plan period's end, the horizon of a plan section --------------------------------

@pytest.mark.parametrize("phrase", ["到“十四五”末，", "“十四五”期末，", "至十四五末，"])
def test_the_end_of_a_plan_period_is_the_deadline(phrase):
    f = figures(f"{phrase}全市规模以上工业企业达到3000家以上。", "2024-01-15")["3000家"]
    assert (f.kind, f.deadline) == ("target", "2025")


@pytest.mark.parametrize("text", [
    "二、主要目标\n到2026年，全市新型工业化取得明显进展。\n——产业规模持续壮大。工业总产值突破5000亿元。"
    "\n——创新能力显著提升。新培育专精特新企业200家。\n三、重点任务\n重点打造5个百亿级产业集群。",
    "（一）总体目标。力争到2026年，全省工业增加值达到2万亿元。\n（二）具体目标。\n1.产业结构更优。工业总产值突破5000亿元。"
    "\n2.创新能力更强。新培育专精特新企业200家。\n三、重点任务\n重点打造5个百亿级产业集群。",
])
def test_a_plan_sections_horizon_is_the_deadline_of_its_targets(text):
    f = figures(text, "2024-01-15")
    assert [f[t].deadline for t in ("5000亿元", "200家")] == ["2026", "2026"], f
    assert f["5个"].deadline == "2024"                 # a new top-level section: its own year
