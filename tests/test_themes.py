"""Strategy-direction themes, the region x direction matrix, and counted chains/clusters."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.chains import cn_to_int, extract_chains
from core.document import load_path
from core.models import Sentence
from core.themes import direction_counts, direction_matrix, directions, extract_themes

FIXTURES = Path(__file__).parent / "fixtures" / "slogan_docs"


def chains(doc):
    return extract_chains(doc.clean, doc.normalized.sentences)


def test_liaocheng_four_directions(seed_docs):
    doc = seed_docs["002"]
    themes = [t.terms for t in doc.themes]
    assert ["高端化", "智能化", "绿色化", "集群化"] in themes
    t = next(t for t in doc.themes if len(t.terms) == 4)
    assert doc.clean[t.start:t.end] == "高端化、智能化、绿色化、集群化"
    assert t.sentence in doc.clean and "锚定" in t.sentence
    # "聚焦高端化，抢占发展新赛道" names one direction: no theme
    assert all(len(t.terms) >= 2 for t in doc.themes)


def test_linyi_themes(seed_docs):
    themes = [t.terms for t in seed_docs["004"].themes]
    assert themes.count(["高端化", "智能化", "绿色化", "集群化"]) == 2
    assert ["数字化", "智能化", "链条化", "融合化"] in themes  # 数字化引领、智能化改造、…
    assert ["数字化", "绿色化"] in themes                      # 数字化绿色化诊断评估


def test_weihai_three_directions(seed_docs):
    themes = [t.terms for t in seed_docs["000"].themes]
    assert ["高端化", "绿色化", "服务化"] in themes
    assert ["增品种", "提品质", "创品牌"] in themes            # the 三品 action: parallel verb-object items
    assert all(len(t) >= 2 for t in themes)


def test_chemicals_are_not_directions(seed_docs):
    # 绿色化工 (002) and 高端化工 (001) are industries, not 绿色化/高端化
    assert direction_counts("有色金属、绿色化工4个千亿产业集群")["绿色化"] == 0
    assert direction_counts("聚焦高端化工、汽车")["高端化"] == 0
    text = seed_docs["002"].clean
    assert direction_counts(text)["绿色化"] == text.count("绿色化") - text.count("绿色化工")


def test_direction_matrix(seed_docs):
    m = direction_matrix(seed_docs.values())
    assert list(m.columns) == directions()
    assert m.index.name == "region"
    assert set(m.index) == {"威海市", "山东省", "聊城市", "临沂市"}
    # Weihai's two documents are summed
    wh = [d for d in seed_docs.values() if d.meta.region == "威海市"]
    assert m.loc["威海市", "高端化"] == sum(direction_counts(d.clean)["高端化"] for d in wh) == 3
    assert m.loc["聊城市", "集群化"] == 2
    assert m.loc["临沂市", "融合化"] == 1 and m.loc["聊城市", "融合化"] == 0


def test_weihai_ten_chains_and_seven_clusters(seed_docs):
    c000 = {(c.count, c.label): c for c in chains(seed_docs["000"])}
    assert (10, "优势产业链") in c000 and (8, "产业集群") in c000
    c003 = {(c.count, c.label): c for c in chains(seed_docs["003"])}
    seven = c003[(7, "优势产业集群")]
    assert seven.names == ["新一代信息技术", "新医药与医疗器械", "先进装备与智能制造", "碳纤维等复合材料",
                           "海洋生物与健康食品", "时尚与休闲运动产品", "康养旅游"]
    assert seed_docs["003"].clean[seven.start:seven.end] == "七大优势产业集群"
    assert c003[(10, "优势产业链条")].names[0] == "医药医疗器械"


def test_shandong_and_liaocheng_chains(seed_docs):
    c001 = {(c.count, c.label) for c in chains(seed_docs["001"])}
    assert (11, "标志性产业链") in c001
    c002 = {(c.count, c.label): c for c in chains(seed_docs["002"])}
    assert (12, "产业链") in c002
    assert c002[(4, "千亿产业集群")].names == ["有色金属", "农副产品加工", "黑色金属", "绿色化工"]
    assert len(c002[(3, "500亿产业集群")].names) == 3
    assert len(c002[(5, "200亿产业集群")].names) == 5
    assert c002[(8, "传统产业")].names == ["有色金属", "黑色金属"]  # 有色金属、黑色金属等八大传统产业


def test_no_chain_from_ranges_or_other_counts(seed_docs):
    found = {(c.count, c.label) for d in seed_docs.values() for c in chains(d)}
    labels = {label for _, label in found}
    assert not any("示范基地" in x or "创新中心" in x for x in labels)
    assert not any(label == "集群" for label in labels)    # "4个集群入选…"
    assert (2, "百亿级产业集群") not in found               # "1—2个百亿级产业集群" is a range


def test_fixture_cities():
    zibo = load_path(FIXTURES / "zibo_2_3_n.txt")
    assert [t.terms for t in zibo.themes][0] == ["智能化", "数字化", "绿色化"]
    assert all(len(t.terms) >= 2 for t in zibo.themes)
    assert direction_counts(zibo.clean)["精细化"] == 0  # 精细化工
    four = next(c for c in chains(zibo) if c.count == 4)
    assert four.names == ["新材料", "高端装备", "精细化工", "医药健康"]
    yantai = load_path(FIXTURES / "yantai_traditional.txt")
    assert [t.terms for t in yantai.themes] == [["高端化", "国际化"]]  # 高端化和国际化
    six = next(c for c in chains(yantai) if c.count == 6)
    assert six.label == "千亿级产业集群" and six.names[0] == "绿色石化" and len(six.names) == 6


def test_cn_to_int():
    assert [cn_to_int(x) for x in ["七", "十", "十二", "二十", "两", "一百", "12", "万"]] == [7, 10, 12, 20, 2, 100, 12, 10000]
    assert cn_to_int("多") is None and cn_to_int("") is None


@pytest.mark.parametrize("text", ["", "高端化", "高端化、", "、绿色化", "化" * 50, "十大产业链" * 20, "\n"])
def test_never_raises(text):
    sents = [Sentence(0, 0, len(text), text)]
    for t in extract_themes(text, sents):
        assert len(t.terms) >= 2
    for c in extract_chains(text, sents):
        assert c.count > 0


def test_offsets_lie_in_their_sentences(seed_docs):
    for doc in seed_docs.values():
        for t in doc.themes:
            assert doc.clean[t.start:t.end] in t.sentence
            assert doc.clean[t.start:t.end].startswith(t.terms[0])
        for c in doc.chains:
            assert doc.clean[c.start:c.end] in c.sentence
            assert doc.clean[c.start:c.end].endswith(c.label)


# --- parallel strategy phrases beyond the -化 directions ---------------------------------------

@pytest.mark.parametrize("sentence, terms", [
    ("坚持产业为王、项目为王、企业为王，推动高质量发展。", ["产业为王", "项目为王", "企业为王"]),
    ("推动质量变革、效率变革、动力变革。", ["质量变革", "效率变革", "动力变革"]),
    ("深入实施建链、延链、补链、强链行动。", ["建链", "延链", "补链", "强链"]),
    ("推进50项投资50亿元以上的延链补链强链项目。", ["延链", "补链", "强链"]),
    ("加快设备换芯、生产换线、机器换人。", ["设备换芯", "生产换线", "机器换人"]),
    ("加力推进技术改造、产销对接、两化融合，传统产业焕新。", ["技术改造", "产销对接", "两化融合"]),
    ("聚力推动传统产业优布局、调结构、促转型。", ["优布局", "调结构", "促转型"]),
    ("坚持规划同编、交通同网、科技同兴、产业同链。", ["规划同编", "交通同网", "科技同兴", "产业同链"]),
    ("建设绿色工厂、绿色园区和绿色供应链。", ["绿色工厂", "绿色园区", "绿色供应链"]),
    ("推进规模化、集约化发展。", ["规模化", "集约化"]),
])
def test_parallel_phrases_are_themes(sentence, terms):
    themes = extract_themes(sentence, [Sentence(0, 0, len(sentence), sentence)])
    assert [t.terms for t in themes] == [terms]
    t = themes[0]
    assert sentence[t.start:t.end].replace("、", "").replace("和", "") == "".join(terms)


@pytest.mark.parametrize("sentence", [
    "郑州、洛阳、许昌、南阳等市增速居前。",                                   # places
    "聚焦新材料、新能源汽车、电子信息、先进装备、现代医药。",                 # industries
    "电子信息产业、装备制造产业、食品轻纺产业加快发展。",                    # members of a category
    "全市工业投资、工业技改投资同比分别增长23.4%、14.8%。",                 # indicators
    "新能源、新材料、新医药等产业加速崛起。",                                 # a common 新 is not parallelism
    "其中医药、化工、农副食品加工增加值分别同比增长。",
])
def test_lists_of_places_industries_or_indicators_are_not_themes(sentence):
    assert extract_themes(sentence, [Sentence(0, 0, len(sentence), sentence)]) == []
