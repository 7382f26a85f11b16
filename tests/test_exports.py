"""Slide-ready exports (issue 9): the charts the pages draw from the bundled corpus, exported as a
user downloads them (PNG 16:9 and square, PDF, CSV), in both languages, and the PPTX deck."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from ui.charts import citation, export_meta, period_text, publisher, unit_text, wrap
from ui.export import chart_pdf, chart_png, export_frame, export_spec

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", "pages/1_Regional_scorecard.py", "pages/2_Slogans_and_strategies.py",
         "pages/3_Target_tracking.py"]
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def drawn(bundled_store, tmp_path_factory):
    """{(lang, chart name): (spec, data)} of every chart the four chart pages draw by default."""
    import ui.export as export
    data_dir = tmp_path_factory.mktemp("exports_data")
    shutil.copytree(bundled_store, data_dir / "store")
    saved = {k: os.environ.get(k) for k in ("APP_DATA", "APP_HOSTED")}
    os.environ.update({"APP_DATA": str(data_dir), "APP_HOSTED": "1"})
    seen: dict = {}
    original = export.show_spec
    state = {"lang": "zh"}

    def record(spec, data, name):
        seen[(state["lang"], name)] = (spec, data)
        return original(spec, data, name)

    export.show_spec = record
    try:
        for lang in ("zh", "en"):
            state["lang"] = lang
            for page in PAGES:
                at = AppTest.from_file(str(ROOT / page), default_timeout=60)
                at.session_state["lang"] = lang
                at.run()
                assert not at.exception, [e.value for e in at.exception]
    finally:
        export.show_spec = original
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return seen


def _chart(drawn, lang: str, prefix: str):
    return next(v for (lg, name), v in drawn.items() if lg == lang and name.startswith(prefix))


def test_every_page_chart_is_drawn_in_both_languages(drawn):
    names = {name for _, name in drawn}
    for prefix in ("repairs", "compare_", "series_", "strategy_", "directions", "vocabulary_", "target_status"):
        assert any(n.startswith(prefix) for n in names), prefix
    assert {lg for lg, _ in drawn} == {"zh", "en"}


def test_every_chart_fits_its_column_and_says_unit_and_period(drawn):
    for (lang, name), (spec, _) in drawn.items():
        assert spec["width"] == "container", name
        meta = export_meta(spec)
        assert meta["period"] and meta["period"] in meta["subtitle"], (lang, name, meta)
        assert meta["source"] and "nan" not in meta["source"] and "(+" not in meta["source"], (lang, name)
        assert not re.search(r"\d{2,3}_[0-9a-f]{8,}", meta["source"]), (name, meta["source"])  # no doc ids


def test_sources_name_region_publisher_title_and_date(drawn):
    spec, _ = _chart(drawn, "zh", "repairs")
    source = export_meta(spec)["source"]
    assert source.startswith("来源（11 份文档）: ")
    assert "威海市 · 齐鲁晚报·齐鲁壹点《威海市推进新型工业化新闻发布会》 · 2024-11-19" in source
    assert "聊城市 · 大众网《1-11月份,聊城全市规上工业增加值同比增长8.4%》 · 2024-12-20" in source  # a URL source
    en = export_meta(_chart(drawn, "en", "repairs")[0])["source"]
    assert en.startswith("Source (11 documents): ") and "Weihai · 齐鲁晚报·齐鲁壹点, press conference · 2024-11-19" in en
    assert publisher("http://www.slrbs.com/cj/jjgc/2025-03-20/1615896.html (republication of 中国新闻网)") == "中国新闻网"
    assert publisher("nan") == "" and citation("威海市", None, None, "2020", "访谈") == "威海市 · 访谈 · 2020"


def test_english_exports_have_english_units_regions_and_axes(drawn):
    spec, data = _chart(drawn, "en", "compare_")
    meta = export_meta(spec)
    assert not HAN.search(meta["title"] + meta["subtitle"]), meta
    assert set(data["region"]) <= {"Linyi", "Shandong", "Liaocheng", "Weihai"}
    axis_titles = json.dumps([layer.get("encoding") for layer in spec["layer"]], ensure_ascii=False)
    assert not HAN.search(axis_titles)
    _, directions = _chart(drawn, "en", "directions")
    assert "digital" in set(directions["direction"]) and not directions["direction"].str.contains(HAN).any()
    assert set(directions["region"]) == {"Liaocheng", "Weihai"}
    for (lang, name), (s, _) in drawn.items():
        if lang == "en":
            m = export_meta(s)
            assert not HAN.search(m["subtitle"] + m["note"]), (name, m["subtitle"])


def test_units_translate_from_the_label_file(bundled_store):
    assert unit_text("个百分点", "en") == "pp" and unit_text("家", "en") == "firms"
    assert unit_text("亿元", "en") == "100 million yuan" and unit_text("万元", "en") == "10,000 yuan"
    assert unit_text("台(套)", "en") == "units (sets)" and unit_text("万吨", "en") == "10,000 tonnes"
    assert unit_text("家", "zh") == "家" and unit_text("rank", "zh") == "位次"
    from core.corpus_view import StoreView
    units = StoreView(bundled_store).table("figures")["unit"].dropna().unique()
    untranslated = [u for u in units if HAN.search(unit_text(u, "en"))]
    assert not untranslated, untranslated  # every unit of the bundled corpus has an English name


def test_periods_read_as_words():
    assert period_text("2024-01..2024-10", "zh") == "2024年1–10月"
    assert period_text("2024-01..2024-10", "en") == "Jan–Oct 2024"
    assert period_text("2024-Q1..Q3", "en") == "Q1–Q3 2024" and period_text("2023", "zh") == "2023年"


def test_one_colour_per_region_in_both_languages(drawn):
    def colours(lang: str) -> dict[str, str]:
        out = {}
        for (lg, name), (spec, _) in drawn.items():
            if lg != lang:
                continue
            for part in [spec] + spec.get("layer", []):
                scale = ((part.get("encoding") or {}).get("color") or {}).get("scale") or {}
                if part.get("encoding", {}).get("color", {}).get("field") == "region" and "range" in scale:
                    for d, r in zip(scale["domain"], scale["range"]):
                        assert out.setdefault(d, r) == r, (name, d)  # the same on every chart
        return out

    zh, en = colours("zh"), colours("en")
    names = {"临沂市": "Linyi", "山东省": "Shandong", "聊城市": "Liaocheng", "威海市": "Weihai"}
    shared = [z for z in names if z in zh and names[z] in en]
    assert len(shared) >= 2
    for z in shared:
        assert zh[z] == en[names[z]], z
    assert len({zh[z] for z in shared}) == len(shared)  # and different regions differ


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_png_is_16_9_or_square_and_pdf_embeds_fonts(drawn, lang):
    spec, _ = _chart(drawn, lang, "compare_")
    wide = chart_png(spec)
    assert Image.open(io.BytesIO(wide)).size == (1920, 1080)
    square = chart_png(spec, shape="square")
    assert Image.open(io.BytesIO(square)).size == (1080, 1080)
    pdf = chart_pdf(spec)
    assert pdf.startswith(b"%PDF") and b"/FontFile" in pdf  # glyphs embedded, not the viewer's fonts
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+960(\.0+)?\s+540(\.0+)?\s*\]", pdf)


def test_the_export_title_is_editable_and_the_footer_wraps(drawn):
    spec, _ = _chart(drawn, "zh", "repairs")
    out = export_spec(spec, "我的标题")
    view = out["vconcat"][0]
    assert view["title"]["text"] == ["我的标题"]
    footer = out["title"]["text"]
    def ems(line: str) -> float:
        return sum(1.0 if HAN.match(c) else 0.56 for c in line)

    assert len(footer) >= 3 and all(ems(line) <= (960 - 24) / 10 for line in footer)  # 11 documents, wrapped
    assert "".join(footer).replace(" ", "") == export_meta(spec)["source"].replace(" ", "")
    assert chart_png(spec, "我的标题") != chart_png(spec)
    assert wrap("aaaa; bbbb; cccc", 4) == ["aaaa;", "bbbb;", "cccc"]


def test_csv_carries_indicator_measure_period_base_and_source(drawn):
    for lang in ("zh", "en"):
        spec, data = _chart(drawn, lang, "compare_")
        frame = export_frame(data, spec)
        for col in ("indicator", "measure", "unit", "period", "source"):
            assert col in frame and frame[col].astype(str).str.len().gt(0).all(), (lang, col)
        # the base column is there; it is filled when the series has a base (a growth rate, a gap)
        assert "base" in frame
        named = export_meta(spec).get("base")
        assert frame["base"].astype(str).str.len().gt(0).all() == bool(named), (lang, named)
        assert not frame["source"].str.contains("nan|_[0-9a-f]{16}").any()
    for (lang, name), (spec, data) in drawn.items():  # every chart's CSV has the columns
        assert {"indicator", "period", "source"} <= set(export_frame(data, spec).columns), name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deck_from_the_seed_corpus(drawn, lang, bundled_store):
    from pptx import Presentation
    from core.corpus_view import StoreView
    from core.indicators import indicator_name
    from ui.slides import deck_bytes, deck_table
    from ui.tables import latest_figures
    charts = [(name, spec, export_meta(spec)["title"]) for (lg, name), (spec, _) in drawn.items() if lg == lang]
    view = StoreView(bundled_store)
    latest = latest_figures(view.table("figures"))
    labels = {s: indicator_name(i, lang) for s, i in zip(latest["series"], latest["indicator_id"]) if isinstance(i, str)}
    docs = view.table("documents")
    names = dict(zip(docs["region"], docs["region_en" if lang == "en" else "region"]))
    table = deck_table(latest, labels, names, "Indicator" if lang == "en" else "指标", lang)
    raw = deck_bytes(charts, table, lang, "Regional scorecard" if lang == "en" else "地区成绩单", "来源: …")
    deck = Presentation(io.BytesIO(raw))
    slides = list(deck.slides)
    n_table = -(-len(table) // 9) * -(-len(table.columns) // 6)
    assert len(slides) == 1 + len(charts) + n_table
    for slide, (name, spec, title) in zip(slides[1:], charts):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1, name
        assert Image.open(io.BytesIO(pictures[0].image.blob)).size == (1920, 1080)
        text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert title in text and export_meta(spec)["source"] in text, name
        assert ("Method: " if lang == "en" else "方法：") + export_meta(spec)["note"] in text
    cells = [c.text for s in slides[1 + len(charts):] for shape in s.shapes if shape.has_table
             for row in shape.table.rows for c in row.cells]
    region = "Liaocheng" if lang == "en" else "聊城市"
    assert region in cells and any(re.match(r"[\d.,]+", c) for c in cells)
    unit = "firms" if lang == "en" else "家"
    assert any(unit in c for c in cells)
    if lang == "en":
        assert not any(HAN.search(c) for c in cells), [c for c in cells if HAN.search(c)][:5]


def test_pin_to_deck_and_the_deck_button_in_the_app(monkeypatch):
    monkeypatch.setenv("APP_HOSTED", "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/2_Slogans_and_strategies.py").run()
    assert not at.exception, [e.value for e in at.exception]
    deck = [b for b in at.get("download_button") if b.proto.label == "下载幻灯片（PPTX）"]
    assert len(deck) == 1
    caption = next(c.value for c in at.sidebar.caption if c.value.startswith("幻灯片"))
    assert caption.startswith("幻灯片：4 张图表（已加入 0 张")  # the page's four charts
    pins = [c for c in at.checkbox if c.label == "加入幻灯片"]
    assert len(pins) == 4
    pins[2].check().run()  # the directions matrix
    assert list(at.session_state["deck_pins"]) == ["directions"]
    at.switch_page("app.py").run()  # another page: the pinned chart stays in the deck
    caption = next(c.value for c in at.sidebar.caption if c.value.startswith("幻灯片"))
    assert caption.startswith("幻灯片：2 张图表（已加入 1 张"), caption  # pinned + Home's heat map
    assert "directions" in at.session_state["deck_pins"]


def test_the_repairs_heat_map_wraps_beyond_twelve_documents(monkeypatch):
    """13 documents with repairs: two heat maps (12 + 1), each still a chart that fits its column."""
    import ui.export as export
    monkeypatch.setenv("APP_HOSTED", "1")
    seen = []
    original = export.show_spec
    monkeypatch.setattr(export, "show_spec", lambda spec, data, name: (seen.append((name, spec, data)),
                                                                       original(spec, data, name)))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    for i, text in enumerate(["威海市召开新闻发布会。　今年前三季度，全市规上工业增加值增长8.4%。 ",
                              "聊城市召开新闻发布会。　全市新增专精特新企业５０家。 "]):
        at.text_area(key="home_paste").input(text)
        at.text_input(key="home_paste_name").input(f"note_{i}")
        at.form_submit_button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
    maps = {name: (spec, data) for name, spec, data in seen if name.startswith("repairs_")}
    assert set(maps) == {"repairs_1", "repairs_2"}
    first, second = maps["repairs_1"], maps["repairs_2"]
    assert first[1]["doc_id"].nunique() == 12 and second[1]["doc_id"].nunique() == 1
    assert export_meta(first[0])["title"].endswith("(1/2)") and first[0]["width"] == "container"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deck_table_keeps_the_rows_regions_share_and_says_how_many_it_left_out(lang, bundled_store):
    """A table slide compares regions: rows only one region reports stay in the CSV, and the slide
    says how many there are (the bundled corpus has both kinds of rows)."""
    import pickle
    from pptx import Presentation
    from core.corpus_view import StoreView
    from ui.slides import deck_bytes, deck_table
    from ui.tables import latest_figures
    view = StoreView(bundled_store)
    latest = latest_figures(view.table("figures"))
    everything = deck_table(latest, {}, {}, "指标", lang, min_regions=1)
    table = pickle.loads(pickle.dumps(deck_table(latest, {}, {}, "指标", lang)))  # as st.cache_data keeps it
    assert 0 < len(table) < len(everything)
    assert ((table != "").sum(axis=1) >= 2).all()
    assert table.attrs["left_out"] == len(everything) - len(table)
    deck = Presentation(io.BytesIO(deck_bytes([], table, lang, "T", "S")))
    text = "\n".join(s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame)
    assert str(table.attrs["left_out"]) in text and ("CSV" in text)


def test_a_growth_series_names_its_base_in_both_languages():
    from ui.i18n import speaking
    from ui.present import base_label
    with speaking("en"):
        assert base_label("上年同期") == "same period last year"
    with speaking("zh"):
        assert base_label("上年同期") == "上年同期"
