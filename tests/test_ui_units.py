"""The ui package's pure parts: escaping highlighter, chart finishing, exports with CJK text, labels, tables."""
from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from core.corpus import corpus_frames
from ui.charts import finish, source_line
from ui.export import chart_png, chart_svg, data_csv, register_fonts
from ui.highlight import Span, highlight_html, sentence_html
from ui.reader import document_spans, figure_at, focus_span, parse_start, rule_table
from ui.tables import (comparable_data, comparable_groups, latest_figures, part_members, search_figures,
                       series_periods, time_series,
                       slogan_sets, strategy_tree, tree_leaves)

LABELS = Path(__file__).resolve().parent.parent / "ui" / "labels"


def test_highlight_escapes_every_text_piece():
    text = "前<script>alert(1)</script>增长8.4%&后"
    i = text.index("8.4%")
    j = text.index("后")
    html = highlight_html(text, [Span(i, i + 4, "actual", 'title "x" <b>'), Span(j, j + 1, "slogan")])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "</mark>&amp;<mark" in html
    assert '<mark style="background:#cfe3ff;padding:0 1px;border-radius:2px" class="hl hl-actual" ' \
           'title="title &quot;x&quot; &lt;b&gt;">8.4%</mark>' in html
    assert html.count("<mark") == 2


def test_highlight_overlaps_and_focus():
    text = "规上工业增加值增长8.4%，高于全省。"
    spans = [Span(0, 7, "theme"), Span(3, 9, "actual"), Span(30, 40, "rank")]  # overlap + out of range
    html = highlight_html(text, spans, focus=(9, 13))
    assert html.count("<mark") == 3  # theme, clipped actual, focus; the out-of-range span is dropped
    assert '<mark style="background:#ff9f43;padding:0 1px;border-radius:2px" class="hl hl-focus" id="focus">8.4%</mark>' in html
    plain = html.replace("</mark>", "")
    import re
    assert re.sub(r"<[^>]+>", "", plain).replace("\n", "") == text


def test_sentence_html_marks_the_number():
    html = sentence_html("全市增长8.4%。", "8.4%")
    assert ">8.4%</mark>" in html and html.startswith("<blockquote")


def test_finish_adds_title_subtitle_footer_and_cjk_font():
    data = pd.DataFrame({"region": ["威海市", "聊城市"], "value": [8.4, 10.2]})
    chart = finish(alt.Chart(data).mark_bar().encode(x="value", y="region"), "规上工业增加值增速", "%",
                   "2024年1–10月", "来源: 威海市 · 齐鲁晚报·齐鲁壹点 · 2024-11-19", base="上年同期")
    spec = chart.to_dict()
    assert spec["title"]["text"] == "规上工业增加值增速"
    assert spec["title"]["subtitle"] == "% · 2024年1–10月 · 上年同期"
    assert spec["width"] == "container" and spec["autosize"]["type"] == "fit-x"  # fills its column
    meta = spec["usermeta"]["export"]
    assert meta["source"] == "来源: 威海市 · 齐鲁晚报·齐鲁壹点 · 2024-11-19" and meta["period"] == "2024年1–10月"
    assert "Noto Sans CJK SC" in spec["config"]["font"]
    assert spec["config"]["axisY"]["titleAngle"] == 0 and spec["config"]["axisX"]["labelAngle"] == 0


def test_source_line_dedupes_and_never_cuts():
    line = source_line("来源", [("威海市", "000", "2024"), ("威海市", "000", "2024"), ("聊城市", "002", None)])
    assert line == "来源: 威海市 000 2024; 聊城市 002"
    assert source_line("来源", []) == ""
    many = source_line("S", [(f"r{i}", "d", float("nan")) for i in range(6)])
    assert "(+" not in many and "r5 d" in many and "nan" not in many


def test_png_export_renders_chinese_with_a_real_font():
    assert any("noto" in d.lower() or "wqy" in d.lower() for d in register_fonts())

    def png(word: str) -> bytes:
        c = alt.Chart(pd.DataFrame({"x": [word], "y": [1]})).mark_bar().encode(x="x", y="y")
        return chart_png(finish(c, word, None, None, None))

    a, b = png("中文"), png("图表")
    assert a[:8] == b"\x89PNG\r\n\x1a\n"
    assert a != b  # a missing font renders both as identical boxes


def test_svg_export_keeps_the_text():
    c = alt.Chart(pd.DataFrame({"x": ["威海市"], "y": [1]})).mark_bar().encode(x="x", y="y")
    svg = chart_svg(finish(c, "标题", "%", "2024", "来源: 威海市"))
    assert svg.startswith("<svg") and "标题" in svg and "来源: 威海市" in svg


def test_csv_has_bom_for_spreadsheets():
    raw = data_csv(pd.DataFrame({"地区": ["威海市"], "值": [1.5]}))
    assert raw.startswith(b"\xef\xbb\xbf") and "威海市".encode() in raw


def test_every_label_has_both_languages_and_keys_are_unique():
    seen: dict[str, str] = {}
    for path in sorted(LABELS.glob("*.json")):
        for key, entry in json.loads(path.read_text(encoding="utf-8")).items():
            assert set(entry) >= {"zh", "en"} and entry["zh"] and entry["en"], (path.name, key)
            assert key not in seen, f"{key} in both {seen.get(key)} and {path.name}"
            seen[key] = path.name


def test_t_falls_back_to_the_key_and_formats():
    from ui.i18n import t
    assert t("no.such.label") == "no.such.label"
    assert t("score.n_found", n=3) == "共 3 条"


def test_tables_on_the_seed_frames(seed_docs):
    frames = corpus_frames(list(seed_docs.values()))
    figures = frames["figures"]
    latest = latest_figures(figures)
    assert not latest.duplicated(["series", "region"]).any()
    groups = comparable_groups(figures)
    top = groups.iloc[0]
    periods = series_periods(figures, top["series"])
    data = comparable_data(figures, top["series"], periods.at[0, "period"])
    assert len(data) == periods.at[0, "n_regions"] and data["region"].is_unique
    assert data["value"].is_monotonic_decreasing
    # side by side only the same key: one indicator, level, measure, base and one period
    same = figures[(figures["series"] == top["series"]) & (figures["period"] == periods.at[0, "period"])]
    assert set(data["region"]) == set(same["region"]) and data["period"].nunique() == 1
    hits = search_figures(figures, "增加值", ["actual"])
    assert len(hits) > 0 and (hits["kind"] == "actual").all()
    sets = slogan_sets(frames["slogans"], ["聊城市", "威海市"])
    assert sets["shared"].any() and (~sets["shared"]).any()
    assert set(sets.loc[sets["shared"], "n_regions"]) == {2}


def test_strategy_tree_of_the_435_layout(seed_docs):
    s = next(s for s in seed_docs["002"].slogans if s.name == "435")
    tree = strategy_tree(s.name, [{"part": p.part, "meaning": p.meaning} for p in s.expansion])
    assert tree_leaves(tree) == 12  # 4 + 3 + 5 clusters
    assert list(tree.loc[tree["level"] == 1, "label"]) == ["4个千亿产业集群", "3个500亿产业集群", "5个200亿产业集群"]
    assert "高端轴承" in set(tree.loc[tree["level"] == 2, "label"])
    for _, group in tree[tree["level"] == 2].groupby("parent"):  # children tile their parent
        assert group["x"].min() >= 0 and group["x2"].max() <= 1


def test_part_members_without_a_list():
    assert part_members("增品种") == ("增品种", [])
    assert part_members("2个赋能：工业设计赋能；数字融合赋能") == ("2个赋能", ["工业设计赋能", "数字融合赋能"])


def test_reader_spans_and_focus(seed_docs):
    from core.doc_tables import document_frames
    from ui.reader import DocView
    doc = DocView.from_tables(document_frames([seed_docs["001"]]))
    assert doc.clean == seed_docs["001"].clean
    spans = document_spans(doc)
    kinds = {s.kind for s in spans}
    assert {"actual", "mojibake"} <= kinds
    assert all(0 <= s.start < s.end <= len(doc.clean) for s in spans)
    fig = seed_docs["001"].figures[0]
    assert focus_span(doc, fig.start) == (fig.start, fig.end)
    assert focus_span(doc, len(doc.clean) + 5) is None
    assert parse_start("12") == 12 and parse_start("x") is None and parse_start(None) is None
    assert figure_at(doc, doc.figures["start"].iloc[3]) == 3 and figure_at(doc, -1) == 0


def test_rule_table_splits_stage_rule_and_quoted_word(seed_docs):
    fig = next(f for f in seed_docs["002"].figures if f.qualifier and "力争" in f.qualifier)
    t = rule_table(fig)
    assert list(t.columns) == ["step", "stage", "rule", "word"] and list(t["step"]) == list(range(1, len(fig.rules) + 1))
    row = t[t["rule"] == "hedge:target"].iloc[0]
    assert (row["stage"], row["word"]) == ("hedge", "力争")
    assert t["stage"].iloc[0] == "number" and t["stage"].iloc[-1] == "identify"


def test_hedge_words_stand_where_chinese_puts_them():
    from ui.tables import qualified_number
    assert qualified_number("1500", "家", "余") == "1500余 家"
    assert qualified_number("30", "家", "左右") == "30 家左右"
    assert qualified_number("600", "项", "确保;以上") == "确保600 项以上"
    assert qualified_number("8300", "亿元", "力争;突破") == "力争突破8300 亿元"
    assert qualified_number("1", "个", "至2") == "1-2 个"
    assert qualified_number("8.4", "%", "") == "8.4 %"


def test_regions_with_history_names_each_region_once_and_only_those_with_two_periods():
    """On the seeds + devset, replicated so every region repeats: each region once, and exactly those
    whose time series has two periods or more (the page once called time_series per figure row)."""
    import pandas as pd
    from core.corpus import figures_frame, load_corpus
    from tests.conftest import DEVSET, SEEDS
    from ui.tables import regions_with_history, time_series
    base = figures_frame(load_corpus([SEEDS, DEVSET / "docs"]).documents)
    figures = pd.concat([base.assign(doc_id=base["doc_id"] + f"~{i}") for i in range(3)], ignore_index=True)
    found_any = False
    for series in figures.loc[figures["kind"] == "actual", "series"].dropna().unique():
        regions = regions_with_history(figures, series)
        assert len(regions) == len(set(regions))
        expected = sorted(r for r in figures.loc[figures["series"] == series, "region"].dropna().unique()
                          if len(time_series(figures, series, r)) >= 2)
        assert regions == expected
        found_any = found_any or bool(regions)
    assert found_any


def test_scorecard_cells_speak_english_units_in_english():
    import pandas as pd
    from ui.tables import cell_text
    firms = pd.Series(dict(value=12.0, unit="家", period="2024", qualifier=None))
    money = pd.Series(dict(value=1800.0, unit="亿元", period="2024", qualifier="超过"))
    assert cell_text(firms, "en") == "12 firms (2024)" and "家" in cell_text(firms, "zh")
    assert cell_text(money, "en") == "over 180 billion yuan (2024)" and "亿元" in cell_text(money, "zh")


def test_scorecard_cells_put_every_hedge_word_in_english():
    import json
    import pandas as pd
    from ui.tables import cell_text
    classes = json.loads((Path(__file__).resolve().parent.parent / "core" / "data" / "hedges.json").read_text(encoding="utf-8"))["classes"]
    words = {w for c in classes.values() for where in ("before", "inner", "after") for w in c.get(where, [])}
    assert len(words) > 20
    for w in words:
        cell = cell_text(pd.Series(dict(value=30.0, unit="家", period="2024", qualifier=w)), "en")
        assert not re.search(r"[\u4e00-\u9fff]", cell), (w, cell)
    floor = pd.Series(dict(value=30.0, unit="家", period="2024", qualifier="以上"))
    assert cell_text(floor, "en") == "30 firms or more (2024)"


def test_map_unique_labels_none_and_nan_alike_without_clashing():
    import numpy as np
    import pandas as pd
    from ui.tables import map_unique
    calls = []
    values = pd.Series(["全省", None, np.nan, "全国", "全省"], dtype=object)
    out = map_unique(values, lambda v: calls.append(v) or (v if isinstance(v, str) else "-"))
    assert out.tolist() == ["全省", "-", "-", "全国", "全省"]
    assert len(calls) == 3  # once per distinct value, once for the missing ones


def test_units_with_a_magnitude_are_spelled_out_in_english_and_kept_in_chinese():
    from ui.i18n import speaking, unit_label
    with speaking("en"):
        assert [unit_label(u) for u in ("亿元", "万亿元", "万家", "家")] == [
            "100 million yuan", "trillion yuan", "10,000 firms", "firms"]
    with speaking("zh"):
        assert [unit_label(u) for u in ("亿元", "万亿元", "家")] == ["亿元", "万亿元", "家"]
