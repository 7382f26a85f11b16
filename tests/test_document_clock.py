"""The document clock: a document's reference date and issuer from what the text says of itself.

Each rule is pinned by short texts in several wordings (written for these tests, not copied from
one document), and by the real national work reports of ``../shared/national-reports``."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.gazetteer import lookup
from core.metadata import infer_metadata
from core.metadata.dates import infer_date
from core.normalize import normalize

NATIONAL = Path(__file__).resolve().parents[2] / "shared" / "national-reports"

REPORT_BODY = "各位代表：\n现在，我代表省人民政府，向大会报告政府工作，请予审议。\n"


def _date(text: str) -> str | None:
    return infer_date(text)[0]


@pytest.mark.parametrize("text, date", [
    # the day a work report was delivered, on its own line under the title
    ("政府工作报告\n——2024年1月23日在浙江省第十四届人民代表大会第二次会议上\n" + REPORT_BODY, "2024-01-23"),
    ("政府工作报告\n（2023年2月14日在广州市第十六届人民代表大会第三次会议上）\n" + REPORT_BODY, "2023-02-14"),
    ("2025年1月15日在某县第十八届人民代表大会第五次会议上\n" + REPORT_BODY, "2025-01-15"),
])
def test_session_date_line(text, date):
    assert _date(text) == date


@pytest.mark.parametrize("text, year", [
    ("在第十三届全国人民代表大会第三次会议上\n各位代表：", "2020"),
    ("——在第十四届全国人民代表大会第一次会议上\n各位代表：今年经济社会发展要继续努力。", "2023"),
    ("在第九届全国人民代表大会第四次会议上的报告。", "2001"),
])
def test_the_national_congress_session_gives_its_year(text, year):
    assert _date(text)[:4] == year


def test_a_past_congress_session_named_in_a_review_does_not_date_the_text():
    text = "第八届全国人民代表大会第一次会议以来的五年，我国经济快速发展。今年是新中国成立五十周年。"
    assert _date(text)[:4] == "1999"


@pytest.mark.parametrize("text, year", [
    ("今年是新中国成立75周年，做好经济工作意义重大。", "2024"),
    ("今年是中国共产党成立一百周年，是开启全面建设社会主义现代化国家新征程的一年。", "2021"),
    ("明年是改革开放40周年，要以此为契机。今年全市将继续推进改革。", "2017"),
    ("今年是“十四五”规划开局之年，全省要起好步。", "2021"),
    ("今年是十三五规划收官之年，也是全面建成小康社会之年。", "2020"),
    ("今年是“十二五”的第二年，各项工作任务繁重。", "2012"),
])
def test_what_the_text_says_this_year_is(text, year):
    assert _date(text)[:4] == year


@pytest.mark.parametrize("text, year", [
    ("一、2023年工作回顾\n过去一年，全省经济回升向好。\n二、2024年主要任务\n今年要抓好以下工作。", "2024"),
    ("一、2010年工作回顾\n过去一年极不平凡。\n二、2011年的工作\n今年是关键一年，要做好以下工作。", "2011"),
    ("一、“十三五”时期发展成就\n五年来，全市经济稳步增长。\n三、2021年重点工作\n今年要抓好以下工作。", "2021"),
])
def test_section_headings_name_the_reviewed_and_the_planned_year(text, year):
    assert _date(text)[:4] == year


def test_a_january_congress_with_an_estimate_of_last_year():
    text = ("1月20日，某省第十四届人民代表大会第二次会议在省会开幕。省长作政府工作报告时说，"
            "预计2023年全省生产总值增长5.5%左右，今年的预期目标是增长5%以上。")
    assert _date(text) == "2024-01-20"


def test_an_estimate_said_mid_year_is_about_the_same_year():
    text = "7月18日，市政府新闻办召开新闻发布会。会上介绍，预计2024年全市工业增加值增长6%以上。"
    assert _date(text)[:4] == "2024"


def test_no_year_cue_leaves_the_date_unknown():
    date, source = infer_date("各位代表：现在，我代表市人民政府，向大会报告政府工作，请予审议。全市经济稳中向好。")
    assert date is None and source is None


# --- the issuer: the nation ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "各位代表：\n现在，我代表国务院，向大会报告政府工作。全面准确贯彻“一国两制”方针，支持香港特别行政区、"
    "澳门特别行政区融入国家发展大局。香港特别行政区和澳门特别行政区保持繁荣稳定。",
    "——2024年3月5日在第十四届全国人民代表大会第二次会议上\n各位代表：上海市、北京市要发挥引领作用。",
    "中华人民共和国2023年国民经济和社会发展统计公报\n初步核算，全年国内生产总值1260582亿元。山东省和广东省…",
])
def test_the_central_government_issues_for_the_nation(text):
    meta = infer_metadata(normalize(text).clean)
    assert (meta.region, meta.level) == ("全国", "national")
    assert lookup("全国").level == "national" and lookup("中国").name == "全国"


def test_a_province_quoting_the_state_council_stays_the_province():
    text = ("各位代表：现在，我代表省人民政府，向大会报告政府工作。全省上下认真落实国务院部署，"
            "浙江省经济持续向好，全省生产总值增长6%。省委、省政府坚持稳中求进。")
    meta = infer_metadata(normalize(text).clean)
    assert meta.region == "浙江省"


# --- digits typeset with spaces -----------------------------------------------------------------

def test_spaced_digits_are_one_number():
    n = normalize("1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，比上年增长8 ．8 ％，粮食4 9 2 5 0 万吨，下降到6 ％。")
    assert n.clean == "1997年国内生产总值达到74772亿元，比上年增长8.8%，粮食49250万吨，下降到6%。"
    assert any(r.kind == "spaced_digits" for r in n.repairs)
    assert normalize("2023 2024年对比表").clean == "2023 2024年对比表"


def test_middle_dot_before_percent_or_magnitude_is_a_decimal_point():
    n = normalize("全年增长19·5％，全社会固定资产投资增长14·1％，发行债券1·5亿元。“12345·10”行动深入实施。")
    assert n.clean == "全年增长19.5%，全社会固定资产投资增长14.1%，发行债券1.5亿元。“12345·10”行动深入实施。"
    assert any(r.kind == "dot_decimal" for r in n.repairs)


def test_a_line_break_inside_a_figure_or_symbol_is_joined():
    text = ("国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%，光缆线路550\n\u200b\n多万公里。"
            "去年广义货币M\n2\n增长13.6%，细颗粒物（PM\n2.5\n）浓度下降。")
    n = normalize(text)
    assert n.clean == ("国内生产总值达到74.4万亿元，增长6.7%，光缆线路550多万公里。"
                       "去年广义货币M2增长13.6%，细颗粒物（PM2.5）浓度下降。")
    assert {"subscript_line", "broken_number_line"} <= {r.kind for r in n.repairs}


def test_a_heading_number_or_a_short_line_stays_a_line_of_its_own():
    for text in ("附件1\n\n万亿元级产业集群名单", "一、2024年\n\n%的变化"):
        assert normalize(text).clean == text


# --- the real national work reports -------------------------------------------------------------

KNOWN_UNDATED = {
    # an end-of-term review (过去五年) whose only year cue for "today" is the first session of the
    # congress five years before (第九届…第一次会议以来的五年); its plans say only 今年
    "2003": "end-of-term review: no cue names the year delivered",
}


@pytest.mark.skipif(not NATIONAL.exists(), reason="../shared/national-reports is not beside the project")
def test_national_work_reports_are_the_nations_and_dated_to_their_year():
    files = sorted((NATIONAL / "reports").glob("*.txt"))
    assert len(files) == 32
    wrong = []
    for f in files:
        n = normalize(f.read_text(encoding="utf-8"))
        meta = infer_metadata(n.clean, n.sentences, n.header)
        if meta.region != "全国" or (meta.date or "")[:4] != f.stem:
            wrong.append((f.stem, meta.region, meta.date))
    assert {w[0] for w in wrong} <= set(KNOWN_UNDATED), wrong


@pytest.mark.parametrize("text, date", [
    ("2025年前三季度全市主要经济数据解读。前三季度，全市地区生产总值增长5.5%。", "2025-10"),
    ("2024年1-10月，全省规上工业增加值增长8%。", "2024-11"),
    ("2024年上半年，全省工业投资增长21.7%。", "2024-07"),
])
def test_a_text_dated_by_the_part_of_a_year_it_reports_comes_out_the_month_after(text, date):
    got, source = infer_date(text)
    assert got == date and source.startswith("inferred:")


def test_every_date_source_reads_in_chinese():
    from ui.i18n import speaking
    from ui.messages import source_text
    texts = ["——2024年1月23日在浙江省第十四届人民代表大会第二次会议上\n" + REPORT_BODY,
             "今年是新中国成立75周年。", "2025年前三季度全市主要经济数据解读。", "各位代表：全市经济稳中向好。",
             "1月20日，某省第十四届人民代表大会第二次会议在省会开幕。预计2023年全省生产总值增长5.5%左右。",
             "页面\n1722403500\n正文：全市工业增长5%。",
             "1月中旬，省第十四届人民代表大会第二次会议召开。预计2023年全省生产总值增长5.5%左右。"]
    for text in texts:
        n = normalize(text)
        meta = infer_metadata(n.clean, n.sentences, n.header)
        with speaking("zh"):
            zh = source_text(meta.date_source)
        assert zh and not re.search(r"[A-Za-z]{4,}", re.sub(r"“[^”]*”", "", zh)), (meta.date_source, zh)


def test_a_part_of_a_month_with_the_year_reported():
    text = "1月中旬，某省第十四届人民代表大会第二次会议在省会召开。省长说，预计2023年全省生产总值增长5.5%左右。"
    date, source = infer_date(text)
    assert date == "2024-01" and "1月" in source
