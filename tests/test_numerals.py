"""Numeral parser, period resolution and indicator taxonomy."""
import pytest

from core.indicators import indicator_name, match_indicator, taxonomy
from core.numerals import magnitude, parse_chinese, parse_numeral, split_magnitude
from core.periods import resolve_deadline, resolve_period


@pytest.mark.parametrize("text,value", [
    ("两千", 2000), ("三千二百零二", 3202), ("十五", 15), ("二十", 20), ("一百零五", 105),
    ("五十二点六", 52.6), ("三万二千", 32000), ("一亿二千万", 120_000_000), ("二〇二四", 2024),
])
def test_parse_chinese(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize("text,value", [
    ("1.2万", 12000), ("2万亿", 2e12), ("3千", 3000), ("1,234.5", 1234.5), ("8.4", 8.4), ("两千", 2000),
])
def test_parse_numeral(text, value):
    assert parse_numeral(text) == pytest.approx(value)


def test_not_numerals():
    assert parse_numeral("企业") is None and parse_chinese("一企") is None and parse_numeral("") is None


def test_magnitude_split():
    assert split_magnitude("1.2万") == ("1.2", "万")
    assert split_magnitude("2万亿") == ("2", "万亿")
    assert magnitude("万个") == 1e4 and magnitude("亿元") == 1e8 and magnitude("个") == 1


@pytest.mark.parametrize("left,period", [
    ("1-10月，全市规上工业增加值增长", "2024-01..2024-10"),
    ("1—10月份威海市工业技改投资同比增长", "2024-01..2024-10"),
    ("前三季度，全市数字经济", "2024-Q1..Q3"),
    ("去年全省规上工业能耗强度下降", "2023"),
    ("2022年，全市", "2022"),
    ("截至10月底更新设备", "2024-10"),
    ("今年上半年", "2024-H1"),
])
def test_resolve_period(left, period):
    assert resolve_period(left, "2024-11-19") == period


def test_period_month_range_rolls_back_in_january():
    assert resolve_period("1-11月，全市", "2024-01-10") == "2023-01..2023-11"


def test_comparison_base_is_not_a_period():
    assert resolve_period("行业增长面达到74.3%，较上年同期提高了", "2024-11-19") is None


def test_deadline():
    assert resolve_deadline("到2025年建成晨星工厂", "2024-03-01") == "2025"
    assert resolve_deadline("确保今年实施", "2024-03-08") == "2024"
    assert resolve_deadline("实施项目", "2024-03-08") is None


@pytest.mark.parametrize("phrase,ind", [
    ("规模以上工业增加值", "ind_va_above_size"), ("规上工业增加值", "ind_va_above_size"),
    ("规上工业增长值", "ind_va_above_size"), ("数字经济核心产业增加值占GDP比重", "digital_core_share_gdp"),
    ("数字经济核心产业增加值", "digital_core_va"), ("专精特新“小巨人”", "little_giant"),
    ("国家级单项冠军企业", "single_champion"), ("省级智能工厂和数字化车间", "smart_factory"),
    ("1—10月份威海市工业技改投资", "techrenov_invest"), ("工业占GDP比重", "ind_share_gdp"),
    ("规上工业企业数字化转型覆盖率", "digital_transform_coverage"), ("企业", None),
])
def test_match_indicator(phrase, ind):
    assert match_indicator(phrase) == ind


def test_taxonomy_shape_and_names():
    df = taxonomy()
    assert list(df.columns) == ["id", "name_zh", "name_en", "synonyms", "unit_class", "measure", "higher_is_better",
                                "parent"]
    assert set(df["parent"]) - {""} <= set(df["id"])       # every parent is an indicator of its own
    assert df["id"].is_unique
    assert set(df["measure"]) <= {"level", "growth", "share", "difference", "rank", "count_new", "progress"}
    assert not df.loc[df["id"] == "energy_intensity", "higher_is_better"].iloc[0]
    assert indicator_name("morning_star", "zh") == "晨星工厂"
    assert "Morning star" in indicator_name("morning_star")
    # every synonym maps back to its own row (no synonym shadowed by another indicator)
    for row in df.itertuples():
        for syn in [row.name_zh, *row.synonyms.split("|")]:
            assert match_indicator(syn) == row.id, (syn, row.id)
