"""Slogans on the real seeds and on two small documents of other cities."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.document import load_path
from core.models import Sentence
from core.slogans import code_parts, extract_slogans, is_numeric_code, slogan_key

FIXTURES = Path(__file__).parent / "fixtures" / "slogan_docs"


@pytest.fixture(scope="module")
def fixture_docs():
    return {p.stem: load_path(p) for p in sorted(FIXTURES.glob("*.txt"))}


def by_key(doc) -> dict:
    return {s.key: s for s in doc.slogans}


def parts(slogan) -> dict[str, str]:
    return {p.part: p.meaning for p in slogan.expansion}


def test_liaocheng_435_parts_and_twelve_clusters_with_scales(seed_docs):
    s = by_key(seed_docs["002"])["435"]
    assert s.quoted and s.numeric_code and s.name == "435"
    p = parts(s)
    assert list(p) == ["4", "3", "5"]
    clusters = {
        "4": (["有色金属", "农副产品加工", "黑色金属", "绿色化工"], "千亿"),
        "3": (["装备制造", "轻工纺织", "绿色建材"], "500亿"),
        "5": (["汽车及零部件", "新能源", "新一代信息技术", "大健康", "高端轴承"], "200亿"),
    }
    for part, (names, scale) in clusters.items():
        for name in names:
            assert name in p[part], (part, name)
        assert scale + "产业集群" in p[part]
    assert sum(len(n) for n, _ in clusters.values()) == 12
    # the part markers “4”即 … are not slogans of their own
    assert not {"4", "3", "5"} & set(by_key(seed_docs["002"]))


def test_weihai_1_4_n_parts(seed_docs):
    s = by_key(seed_docs["003"])["1+4+n"]
    assert s.name == "1+4+N" and s.numeric_code and s.quoted
    p = parts(s)
    assert list(p) == ["1", "4", "N"]
    assert "产业技术研究院" in p["1"]
    assert "4个重大平台" in p["4"] and "哈工大威海创新创业园" in p["4"]
    assert "技术创新团队" in p["N"]
    # the richest occurrence is reported, and its offsets point at the name
    doc = seed_docs["003"]
    assert doc.clean[s.start:s.end] == "1+4+N"
    assert "1+4+N" in s.sentence


def test_linyi_12345_10_parts(seed_docs):
    s = by_key(seed_docs["004"])["12345·10"]
    p = parts(s)
    assert list(p) == ["1", "2", "3", "4", "5", "10"]
    assert "先进工业强市战略" in p["1"]
    assert "工业设计赋能" in p["2"] and "数字融合赋能" in p["2"]
    assert p["3"].count("平台") >= 3
    assert "提升产业发展绿色水平" in p["4"]
    assert p["5"].count("求突破") == 5
    assert "淘汰一批落后企业" in p["10"] and "建设一批优势产业集群" in p["10"]


def test_ten_batches_spelled_out_by_the_labelled_part(seed_docs):
    s = by_key(seed_docs["004"])[slogan_key("十个一批")]
    assert slogan_key("10个一批") == slogan_key("十个一批") == s.key
    assert len(s.expansion) == 10


def test_one_policy_per_industry_is_one_key_in_three_documents(seed_docs):
    holders = [k for k, doc in seed_docs.items() if "一业一策" in by_key(doc)]
    assert holders == ["000", "001", "002"]
    for k in holders:
        s = by_key(seed_docs[k])["一业一策"]
        assert s.quoted and s.numeric_code
        assert seed_docs[k].clean[s.start:s.end] == "一业一策"


def test_one_record_per_key_per_document(seed_docs, fixture_docs):
    for doc in [*seed_docs.values(), *fixture_docs.values()]:
        keys = [s.key for s in doc.slogans]
        assert len(keys) == len(set(keys)), doc.doc_id
        assert [s.start for s in doc.slogans] == sorted(s.start for s in doc.slogans)


def test_number_coded_names_found_quoted_or_not(seed_docs):
    expected = {
        "000": {"十大行动", "一业一策", "一企一策", "三品", "九大工程"},
        "001": {"十大行动", "一业一策", "十大工程", "两大重点", "四类资源"},
        "002": {"435", "6293", "1+n+x", "一业一策", "十二项提升行动"},
        "003": {"1+4+n", "五个一", "双百工程", "四张清单", "稳链六法", "三互四港五联通", "四港联动", "一企一策"},
        "004": {"12345·10", "十个一批", "四个能力"},
    }
    for k, keys in expected.items():
        found = {s.key for s in seed_docs[k].slogans if s.numeric_code}
        assert keys <= found, (k, keys - found)


def test_unquoted_names(seed_docs):
    s = by_key(seed_docs["001"])
    assert not s["十大行动"].quoted and not s["头号工程"].quoted
    assert not s["头号工程"].numeric_code
    assert by_key(seed_docs["002"])["头号工程"].quoted


def test_expansions_from_lists_definitions_and_parentheses(seed_docs):
    k3 = by_key(seed_docs["003"])
    assert [p.meaning for p in k3["四张清单"].expansion] == ["企业困难问题", "技术需求", "资金需求", "产业链配套"]
    assert [p.meaning for p in k3["五个一"].expansion][0] == "一个工作专班推进"
    assert len(k3["五个一"].expansion) == 5
    assert len(k3["稳链六法"].expansion) == 6
    assert [p.meaning for p in k3["双百工程"].expansion] == ["100家入库企业示范领跑", "100家后备库企业紧追跟进"]
    assert [p.meaning for p in k3["三互"].expansion] == ["信息互换", "监管互认", "执法互助"]
    assert [p.meaning for p in by_key(seed_docs["000"])["三品"].expansion] == ["增品种", "提品质", "创品牌"]
    assert [p.meaning for p in by_key(seed_docs["004"])["四个能力"].expansion] == ["企业鼎新", "行业更新", "产业育新", "服务工业"]
    # "钢铁、炼化等“两高”" gives examples, not the two parts
    assert by_key(seed_docs["001"])["两高"].expansion == []


def test_chain_chief_written_with_inner_quotes(seed_docs):
    s = by_key(seed_docs["003"])["链长制"]
    assert s.name == "链长制" and s.quoted
    assert seed_docs["003"].clean[s.start:s.end].replace("”", "") == "链长制"


def test_emphasis_words_are_not_number_codes(seed_docs):
    k = by_key(seed_docs["002"])
    assert not k["一站式"].numeric_code
    assert not by_key(seed_docs["000"])["定盘星"].numeric_code
    # one-character emphasis (“点”上强企业) is not reported
    assert "点" not in by_key(seed_docs["000"])


def test_zibo_2_3_n(fixture_docs):
    doc = fixture_docs["zibo_2_3_n"]
    k = by_key(doc)
    p = parts(k["2+3+n"])
    assert list(p) == ["2", "3", "N"]
    assert p["2"].startswith("新材料、高端装备") and "医药健康" in p["3"] and "陶瓷琉璃" in p["N"]
    assert not k["1+n+x"].quoted and k["1+n+x"].numeric_code
    assert [x.meaning for x in k["三个一"].expansion] == ["项目包保", "要素保障", "专班推进"]
    assert k["链长制"].quoted and not k["链长制"].numeric_code
    assert [s.key for s in doc.slogans].count("一业一策") == 1  # twice in one sentence, one record


def test_yantai_traditional_full_width_code(fixture_docs):
    doc = fixture_docs["yantai_traditional"]
    k = by_key(doc)
    s = k["1+6+n"]
    assert list(parts(s)) == ["1", "6", "N"]
    assert "生物医药" in parts(s)["6"]
    assert not k["十大行动"].quoted
    assert [x.meaning for x in k["四张清单"].expansion] == ["企业问题", "技术需求", "资金需求", "人才需求"]


def test_keys():
    assert slogan_key("1+4+N") == slogan_key("１＋４＋ｎ") == "1+4+n"
    assert slogan_key("「435」") == "435"
    assert slogan_key("12345•10") == slogan_key("12345·10")
    assert code_parts("12345·10") == ["1", "2", "3", "4", "5", "10"]
    assert code_parts("435") == ["4", "3", "5"]
    assert code_parts("一业一策") == []
    assert is_numeric_code("三互四港五联通") and is_numeric_code("稳链六法") and is_numeric_code("6293")
    assert not is_numeric_code("一站式") and not is_numeric_code("头号工程")


@pytest.mark.parametrize("text", ["", "“”", "“", "”“", "“4”即", "“435”", "1+", "十个一批" * 3, "\n\n",
                                  "“1+2+N”“1”就是；“2”即。" * 50])
def test_never_raises(text):
    sents = [Sentence(0, 0, len(text), text)]
    out = extract_slogans(text, sents)
    for s in out:
        assert 0 <= s.start < s.end <= len(text)


def test_offsets_and_sentences_point_at_the_name(seed_docs, fixture_docs):
    for doc in [*seed_docs.values(), *fixture_docs.values()]:
        for s in doc.slogans:
            assert doc.clean[s.start:s.end].replace("”", "") == s.name
            assert s.name in s.sentence.replace("”", "").replace("“", "")
            assert s.key == slogan_key(s.name)


# --- expansions named by content, counted lists, codes spelled by counts -----------------------

def _slogans(text: str):
    from core.normalize import normalize
    n = normalize(text)
    return {s.name: s for s in extract_slogans(n.clean, n.sentences)}


def test_an_enumerated_name_is_spelled_out_by_its_markers():
    s = _slogans("坚持“点、线、面”协同发力。“点”上强企业，推进百亿企业培育。“线”上固链条，落实链长制。"
                 "“面”上育集群，壮大产业集群。")["点、线、面"]
    assert [(p.part, p.meaning) for p in s.expansion] == [("点", "强企业"), ("线", "固链条"), ("面", "育集群")]


def test_counted_lists_with_their_items():
    s = _slogans("推动电子信息、装备制造、食品轻纺、先进材料、能源化工、医药健康六大优势产业到2027年翻一番。")
    assert [p.meaning for p in s["六大优势产业"].expansion] == ["电子信息", "装备制造", "食品轻纺", "先进材料",
                                                            "能源化工", "医药健康"]
    s = _slogans("2020年湖南以数字化和产业化双轮驱动，聚焦5G等领域持续发力。")
    assert [p.meaning for p in s["双轮驱动"].expansion] == ["数字化", "产业化"]
    # a count that does not match the list before it is no counted list
    assert "四大优势产业" not in _slogans("推动电子信息、装备制造、食品轻纺四大优势产业发展。")


def test_a_digit_code_spelled_out_by_the_counts_before_it():
    s = _slogans("全省着力构建包含16个产业集群和50条重点产业链、更具江苏特色的“1650”产业发展体系。")["1650"]
    assert [(p.part, p.meaning) for p in s.expansion] == [("16", "16个产业集群"), ("50", "50条重点产业链")]
