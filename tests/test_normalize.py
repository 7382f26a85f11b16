"""core.normalize on the five real seeds plus small documents that pin single repairs."""
from __future__ import annotations

import functools
import re

import pytest

from core.ingest import decode
from core.models import Normalized
from core.normalize import normalize, split_sentences
from core.script import convert, detect_script, get_converter, taiwan_phrases
from tests.conftest import seed_bytes

PREFIXES = ["000", "001", "002", "003", "004"]
TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"


@functools.lru_cache(maxsize=None)
def seed(prefix: str) -> Normalized:
    return normalize(decode(seed_bytes(prefix)).text)


def raw(prefix: str) -> str:
    return seed_bytes(prefix).decode("utf-8")


def sentences_text(n: Normalized) -> list[str]:
    return [s.text for s in n.sentences]


def removed(n: Normalized, kind: str) -> list[str]:
    return [s for r in n.repairs if r.kind == kind for s in r.samples]


# --- every seed -----------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", PREFIXES)
def test_offsets_round_trip_and_sentences_are_clean(prefix):
    n = seed(prefix)
    assert n.sentences
    prev_end = 0
    for i, s in enumerate(n.sentences):
        assert s.index == i
        assert n.clean[s.start:s.end] == s.text
        assert s.text.strip() == s.text and s.text
        assert s.start >= prev_end
        prev_end = s.end


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_pinyin_left(prefix):
    clean = seed(prefix).clean
    assert not re.search(f"[{TONES}]", clean)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_chrome_samples_are_original_lines(prefix):
    """Everything removed as chrome is in the log verbatim, so it can be recovered."""
    lines = set(raw(prefix).split("\n"))
    for r in seed(prefix).repairs:
        if r.kind.startswith("chrome_"):
            assert r.count == len(r.samples) == len(r.spans)
            for sample in r.samples:
                assert sample in lines


@pytest.mark.parametrize("prefix,script,conversion", [
    ("000", "simplified", None), ("001", "traditional", "t2s"), ("002", "traditional", "t2s"),
    ("003", "traditional", "tw2sp"), ("004", "simplified", None)])
def test_script_detection(prefix, script, conversion):
    n = seed(prefix)
    assert (n.script, n.conversion) == (script, conversion)
    assert ("traditional" in n.defects) == (script == "traditional")


def test_000_byline_removed_body_and_headings_kept():
    n = seed("000")
    assert "连宁燕" not in n.clean
    assert removed(n, "chrome_byline") == ["齐鲁晚报·齐鲁壹点客户端 连宁燕"]
    sents = sentences_text(n)
    assert "构建强力推进体系，支撑保障更加有力" in sents
    assert "前三季度，全市数字经济核心产业增加值占GDP比重达到5.88%，稳居全省前列。" in sents
    assert "1-10月，全市规上工业增加值增长8.4%，高于全省0.1个百分点；" in sents
    assert n.clean.count("台(套)") == 2 and "(全省12个)" in n.clean
    assert n.defects == ["page_chrome"]


def test_001_pinyin_comment_box_and_mojibake():
    n = seed("001")
    assert "pinyin_gloss" in n.defects and "mojibake" in n.defects and "page_chrome" in n.defects
    assert "举行新闻发布会" in n.clean and "发(fā)" not in n.clean
    assert "验证码" not in n.clean and "所有评论仅代表网友意见" not in n.clean
    assert removed(n, "chrome_comment_box") == [
        "昵稱 驗(yàn)證碼 請(qǐng)輸入正確驗(yàn)證碼",
        "所有評(píng)論僅代表網(wǎng)友意見,與本站立場(chǎng)無關(guān)"]
    sents = sentences_text(n)
    assert "山东广播电视台记者：" in sents                      # a question label, not a byline
    assert "2023年，全省规上工业增长值增长7.1%、高于全国2.5个百分点，为全省经济发展和全国工业大盘提供了有力支撑。" in sents
    # mojibake: flagged with offsets into the clean text, kept visible, sentences marked damaged
    flag = next(r for r in n.repairs if r.kind == "mojibake")
    assert flag.count == len(flag.spans) >= 4
    for a, b in flag.spans:
        assert "?" in n.clean[a:b]
    damaged = [s.text for s in n.sentences if s.damaged]
    assert len(damaged) >= 4
    assert any(t.startswith("在减量??化方面") for t in damaged)
    assert "大众日??·大众新闻客户端记者：" in damaged
    # a real question mark between Han characters is punctuation, not damage
    q = next(s for s in n.sentences if s.text.startswith("如何推动量大面广的中小企业"))
    assert q.text.endswith("进程？") and not q.damaged
    # the rest of a gloss whose character was lost goes, the '?' stays
    assert "jī)" not in n.clean and "bào)" not in n.clean


def test_002_footer_removed_435_layout_kept():
    n = seed("002")
    for gone in ("版权所有", "ICP", "举报电话", "liufei@", "2025-08-04", "文/记者", "许可证"):
        assert gone not in n.clean, gone
    assert len(removed(n, "chrome_timestamp")) == 6
    assert removed(n, "chrome_contact") == [
        "本網(wǎng)違法和不良信息舉報(bào)電話:18663509279 舉報(bào)郵箱:liufei@lcxw.cn"]
    assert removed(n, "chrome_byline") == ["文/記者 林晨 劉志耀 圖/馬新濤"]
    assert any("魯ICP備09083931號" in s for s in removed(n, "chrome_copyright"))
    assert "加快构建“435”产业格局" in n.clean
    assert "引导县(市、区)重点打造1-2个百亿级产业集群" in n.clean
    assert sentences_text(n)[-1] == "鼓励县(市、区)发挥产业优势，提升产业竞争力，全力争创省级新型工业化示范区。"


def test_003_taiwan_phrasing_converted_without_rewriting_ordinary_words():
    n = seed("003")
    for word in ("人工智能", "互联网", "打印机", "知识产权"):
        assert word in n.clean, word
    for tw in ("人工智慧", "网际网路", "印表机", "「", "」"):
        assert tw not in n.clean, tw
    # full OpenCC tw2sp would give 指针, 添加, 内核, 集成 here: the ordinary words must survive
    assert "60余项指标" in n.clean and "新增" in n.clean and "核心" in n.clean and "整合" in n.clean
    assert "指针" not in n.clean and "内核" not in n.clean
    assert "“精致城市·幸福威海”" in n.clean
    assert "taiwan_phrasing" in n.defects


def test_003_photo_captions_removed_section_headings_kept():
    n = seed("003")
    captions = removed(n, "chrome_photo_caption")
    assert captions[0] == "第三屆威海市市長國際經濟諮詢委員會年會現場" and captions[-1] == "美麗威海灣"
    assert len(captions) == 9
    assert "美丽威海湾" not in n.clean and "桑沟湾海洋牧场" not in n.clean
    sents = sentences_text(n)
    for heading in ("冲击新目标", "培强做优龙头骨干企业", "做优创新链", "“信治”托起一流营商环境"):
        assert heading in sents, heading
    assert sents[-1].startswith("威海市通过实施信用“进企业”工程")


def test_004_breadcrumb_removed_title_kept_quotes_balanced():
    n = seed("004")
    assert "当前位置" not in n.clean and "首页" not in n.clean
    assert removed(n, "chrome_breadcrumb") == ["当前位置是: 首页 >> 互动 >> 政务访谈 >> 正文"]
    assert n.sentences[0].text == "市工业和信息化局局长王林艳访谈：进中提质 承压奋进 加力提速工业经济高质量发展"
    assert "省“技改专项贷”项目库" in n.clean
    assert "规模以上工业企业研究与试验发展(R&D)经费" in n.clean and "44220家(次)" in n.clean
    assert "市政府网站：大家好！" in sentences_text(n)


# --- small pinned documents ------------------------------------------------------------------

def test_pinyin_gloss_only_after_han_with_tone_marks():
    n = normalize("新聞發(fā)布會(huì)上,首台(套)產品、縣(市、區)和研發(R&D)投入,應用(app)女(nǚ)性")
    assert n.clean.startswith("新闻发布会上，首台(套)产品、县(市、区)和研发(R&D)投入，应用(app)女性")
    rep = next(r for r in n.repairs if r.kind == "pinyin_gloss")
    assert rep.samples == ("(fā)", "(huì)", "(nǚ)")


def test_simplified_text_is_never_converted():
    text = "我们要做什么？怎么办？这么多企业为什么要转型。"
    n = normalize(text)
    assert n.script == "simplified" and n.conversion is None
    assert n.clean == text
    # why: the reimplemented OpenCC turns 什么 into 什幺 under tw2sp
    assert get_converter("tw2sp").convert("什么") == "什幺"


def test_plain_traditional_uses_t2s():
    info = detect_script("國家級專精特新企業數量繼續保持全國領先,鞏固提升優勢產業。")
    assert (info.script, info.conversion) == ("traditional", "t2s")
    info = detect_script("「現代優勢產業集群+人工智慧+網際網路」發展,印表機產業鏈")
    assert (info.script, info.conversion) == ("traditional", "tw2sp")


def test_taiwan_phrase_list_is_what_tw2sp_converts():
    for phrase in taiwan_phrases():
        assert convert(phrase, "tw2sp") != get_converter("t2s").convert(phrase), phrase


def test_punctuation_width_and_ranges():
    n = normalize("增长１２％,1—10月、1~11月、1－10月和1 — 2个\r\n时间10:23,投资1,000万元:完成;好!\r\n")
    assert n.clean == "增长12%，1-10月、1-11月、1-10月和1-2个\n时间10:23，投资1,000万元：完成；好！"
    kinds = {r.kind for r in n.repairs}
    assert {"fullwidth_ascii", "range_dash", "cjk_punctuation", "line_endings"} <= kinds


def test_quotes_spaces_and_commas():
    n = normalize("他说\u00a0「好」和『行』,,\u3000\u3000然后\u200b离开，，了。")
    assert n.clean == "他说 “好”和‘行’，然后离开，了。"
    kinds = {r.kind for r in n.repairs}
    assert {"cjk_quotes", "odd_spaces", "zero_width", "doubled_comma"} <= kinds


def test_html_is_stripped_and_logged():
    page = ("<html><head><title>发布会</title><style>p{color:red}</style></head><body>"
            "<p>威海市举行新闻发布会。</p><script>var x = '<p>坏</p>';</script>"
            "<div>工业增长8.4%&amp;利润增长&#12290;</div></body></html>")
    n = normalize(page)
    assert "html" in n.defects
    assert "var x" not in n.clean and "color" not in n.clean and "<" not in n.clean
    assert "威海市举行新闻发布会。" in sentences_text(n)
    assert "工业增长8.4%&利润增长。" in sentences_text(n)
    assert any("var x" in s for s in removed(n, "html_script"))


def test_html_image_captions_are_dropped_and_logged():
    page = ("<html><body><p>芜湖2021年GDP为4302.63亿元。</p>"
            '<div class="img_wrapper"><img src="a.jpg" alt="x"><span class="img_descr">安徽第二经济大市芜湖布局装备基地</span></div>'
            "<figure><img src='b.jpg'><figcaption>图为合肥新站高新区</figcaption></figure>"
            '<p class="content">全市新增企业12家。</p></body></html>')
    n = normalize(page)
    assert "第二经济大市" not in n.clean and "新站高新区" not in n.clean
    assert "全市新增企业12家。" in sentences_text(n)
    assert len(removed(n, "html_caption")) == 2


def test_chrome_in_a_small_document_is_conservative():
    doc = ("当前位置：首页 > 新闻 > 正文\n"
           "全市工业增加值增长8%，高于全省1个百分点。\n"
           "强化科技创新引领\n"
           "新增省级专精特新企业20家。\n"
           "2024-03-01\n"
           "记者：请问今年有哪些目标？\n"
           "今年力争增长10%。\n"
           "责任编辑：张三\n"
           "版权所有 某某新闻网\n")
    n = normalize(doc)
    assert sentences_text(n) == ["全市工业增加值增长8%，高于全省1个百分点。", "强化科技创新引领",
                                 "新增省级专精特新企业20家。", "2024-03-01", "记者：请问今年有哪些目标？",
                                 "今年力争增长10%。"]
    assert removed(n, "chrome_byline") == ["责任编辑：张三"]
    assert "page_chrome" in n.defects


def test_split_sentences_keeps_quotes_whole():
    clean = "他说：“今年要做好三件事。第一，稳增长！”然后离开了。下一句？  \n\n  “引号”开头；最后"
    sents = split_sentences(clean)
    assert [s.text for s in sents] == ["他说：“今年要做好三件事。第一，稳增长！”然后离开了。", "下一句？",
                                       "“引号”开头；", "最后"]
    assert all(clean[s.start:s.end] == s.text for s in sents)


def test_split_sentences_survives_unbalanced_quotes():
    clean = "他说：“没有结束。第二句。\n新的一行。"
    assert [s.text for s in split_sentences(clean)] == ["他说：“没有结束。", "第二句。", "新的一行。"]


def test_repair_spans_point_into_the_text_before_the_repair():
    text = "發(fā)布會(huì)\r\n"
    n = normalize(text)
    rep = next(r for r in n.repairs if r.kind == "pinyin_gloss")
    for (a, b), sample in zip(rep.spans, rep.samples):
        assert text.replace("\r\n", "\n")[a:b] == sample


# --- non-body text of news sites: removed and logged, never silently lost ---------------------

NEWS_PAGE = """---
title: '某省GDP突破4万亿'
date: Thu, 27 Jan 2022 06:23:02 GMT
---
原标题：某省GDP突破4万亿元
某省GDP突破4万亿元
W020200115383283992633.jpg
听新闻
2021年，全省地区生产总值达到42959.2亿元，突破4万亿元，同比增长8.3%。
图片来源：时代数据
集虎卡，开鸿运！最高拆522元惊喜福袋！
全省规上工业增加值增长8.9%，高于全国0.8个百分点。
3月20日，省政府召开新闻发布会。省政府新闻办公室供图
海量资讯、精准解读，尽在新浪财经APP
相关阅读：
某市GDP增长9.1%
某县规上工业增长12%
"""


def test_news_page_non_body_is_removed_by_kind():
    n = normalize(NEWS_PAGE)
    kinds = {r.kind: list(r.samples) for r in n.repairs}
    assert "chrome_front_matter" in kinds and any("date:" in s for s in kinds["chrome_front_matter"])
    assert kinds["chrome_original_title"] == ["原标题：某省GDP突破4万亿元"]
    assert kinds["chrome_headline"] == ["某省GDP突破4万亿元"]          # restated by the body
    assert {"W020200115383283992633.jpg", "听新闻"} <= set(kinds["chrome_widget"])
    assert "集虎卡，开鸿运！最高拆522元惊喜福袋！" in kinds["chrome_promotion"]
    assert "海量资讯、精准解读，尽在新浪财经APP" in kinds["chrome_promotion"]
    assert "图片来源：时代数据" in kinds["chrome_photo_caption"]
    assert any(s.endswith("供图") for s in kinds["chrome_photo_caption"])
    assert kinds["chrome_related"] == ["相关阅读：", "某市GDP增长9.1%", "某县规上工业增长12%"]
    # the body stays whole, in order
    assert "全省地区生产总值达到42959.2亿元" in n.clean and "高于全国0.8个百分点" in n.clean
    for gone in ("522元", "福袋", "9.1%", "W0202", "供图", "原标题"):
        assert gone not in n.clean
    assert n.clean.count("4万亿元") == 1                            # the headline's figure counts once


def test_a_short_line_whose_figures_the_body_does_not_restate_stays():
    n = normalize("全省工业增长7%\n今年以来，全省固定资产投资增长5.1%，社会消费品零售总额增长6%。\n")
    assert "全省工业增长7%" in n.clean
    assert not [r for r in n.repairs if r.kind == "chrome_headline"]


def test_toneless_pinyin_glosses_when_frequent():
    raw = "四川省政府新聞辦在成都舉(ju) 行新聞發布會，全省工業(ye) 規模突破10萬(wan) 億(yi) 元。"
    n = normalize(raw)
    assert "举行" in n.clean and "10万亿元" in n.clean and "(" not in n.clean
    assert [r.kind for r in n.repairs if r.kind == "pinyin_gloss_toneless"]
    one = normalize("方案分为两类：甲(a)和乙。")            # a lone real note stays
    assert "(a)" in one.clean
