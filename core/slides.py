"""A PowerPoint deck of charts (python-pptx), without Streamlit: one slide per chart and the
scorecard table on as many slides as its rows need.

``build_deck([SlideChart(title, png, source, note, subtitle)], table, lang)`` returns the .pptx
bytes. The slides are 16:9 (13.33 × 7.5 in); text is set in a CJK-capable font so PowerPoint and
LibreOffice draw Chinese without boxes.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Optional, Sequence

import pandas as pd

FONT = "Noto Sans CJK SC"
TEXT = {  # the deck's own words; everything else comes from the caller, in the UI language
    "zh": {"deck": "新型工业化·区域政策比较", "charts": "{n} 张图表", "method": "方法：", "table": "地区成绩单",
           "part": "（{i}/{n}）", "empty": "（无数据）",
           "left_out": "另有 {n} 个指标仅一个地区报告，见成绩单 CSV。"},
    "en": {"deck": "New industrialization: regional policy comparison", "charts": "{n} charts",
           "method": "Method: ", "table": "Regional scorecard", "part": " ({i}/{n})", "empty": "(no data)",
           "left_out": "{n} more indicators are reported by one region only: see the scorecard CSV."},
}
ROWS_PER_SLIDE = 9
MAX_TABLE_COLUMNS = 7  # the first column names the row; more regions go on further slides


@dataclass(frozen=True)
class SlideChart:
    """One chart slide: its title, the chart picture (PNG, 16:9), the source line, the method note."""
    title: str
    png: bytes
    source: str = ""
    note: str = ""
    subtitle: str = ""


def _text_box(slide, left, top, width, height, text: str, size: float, bold: bool = False,
              color: tuple[int, int, int] = (0x22, 0x22, 0x22), italic: bool = False):
    from pptx.dml.color import RGBColor
    from pptx.util import Pt
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        font = run.font
        font.size, font.bold, font.italic, font.name = Pt(size), bold, italic, FONT
        font.color.rgb = RGBColor(*color)
        _east_asian_font(run)
    return box


def _east_asian_font(run) -> None:
    """Name the font for East Asian text too (``a:ea``), else PowerPoint picks its own for Han."""
    from pptx.oxml.ns import qn
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:latin", "a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", FONT)


def _source_size(text: str) -> float:
    return 11 if len(text) <= 220 else 9 if len(text) <= 480 else 7.5


def _width_pt(text: str, size: float) -> float:
    """About how wide ``text`` sets at ``size`` pt (a Han character 1 em, others ~0.55 em)."""
    return sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in text) * size


def _title_size(text: str, width_pt: float) -> tuple[float, int]:
    """The largest of 26/22/18 pt that sets ``text`` on one line, else 18 pt on two lines."""
    for size in (26, 22, 18):
        if _width_pt(text, size) <= width_pt:
            return size, 1
    return 18, 2


def _chart_slide(prs, chart: SlideChart, words: dict) -> None:
    from pptx.util import Emu, Inches
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    width = prs.slide_width
    margin = Inches(0.5)
    inner = width - 2 * margin
    size, lines = _title_size(chart.title, inner / 12700 - 20)
    title_h = Inches(0.55 if lines == 1 else 0.85)
    _text_box(slide, margin, Inches(0.3), inner, title_h, chart.title, size, bold=True)
    top = Inches(0.3) + title_h + Inches(0.05)
    if chart.subtitle:
        _text_box(slide, margin, top, inner, Inches(0.4), chart.subtitle, 14, color=(0x55, 0x55, 0x55))
        top += Inches(0.42)
    bottom = Inches(6.2)
    pic_h = bottom - top - Inches(0.05)
    pic_w = Emu(int(pic_h * 16 / 9))
    slide.shapes.add_picture(io.BytesIO(chart.png), Emu(int((width - pic_w) / 2)), top, pic_w, pic_h)
    if chart.source:
        _text_box(slide, margin, Inches(6.22), inner, Inches(0.7), chart.source, _source_size(chart.source),
                  color=(0x44, 0x44, 0x44))
    if chart.note:
        _text_box(slide, margin, Inches(6.92), inner, Inches(0.5), words["method"] + chart.note, 10,
                  italic=True, color=(0x66, 0x66, 0x66))


def _cell(cell, text: str, size: float, bold: bool = False) -> None:
    from pptx.util import Pt
    frame = cell.text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    run = para.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    _east_asian_font(run)


def _table_slides(prs, table: pd.DataFrame, title: str, words: dict, source: str = "") -> int:
    """The table (index = row names, columns = regions) on slides of ``ROWS_PER_SLIDE`` rows."""
    from pptx.util import Inches
    if table.empty:
        return 0
    row_name = table.index.name or ""
    left_out = int(table.attrs.get("left_out") or 0)
    note = words["left_out"].format(n=left_out) if left_out else ""
    col_chunks = [list(table.columns[i:i + MAX_TABLE_COLUMNS - 1])
                  for i in range(0, len(table.columns), MAX_TABLE_COLUMNS - 1)] or [[]]
    row_chunks = [table.index[i:i + ROWS_PER_SLIDE] for i in range(0, len(table), ROWS_PER_SLIDE)]
    parts = [(r, c) for c in col_chunks for r in row_chunks]
    margin = Inches(0.5)
    for n, (rows, cols) in enumerate(parts, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        head = title + (words["part"].format(i=n, n=len(parts)) if len(parts) > 1 else "")
        _text_box(slide, margin, Inches(0.3), prs.slide_width - 2 * margin, Inches(0.7), head, 24, bold=True)
        shape = slide.shapes.add_table(len(rows) + 1, len(cols) + 1, margin, Inches(1.15),
                                       prs.slide_width - 2 * margin, Inches(0.45) * (len(rows) + 1))
        grid = shape.table
        grid.columns[0].width = Inches(3.6)
        rest = (prs.slide_width - 2 * margin - Inches(3.6)) // max(len(cols), 1)
        for j in range(1, len(cols) + 1):
            grid.columns[j].width = rest
        _cell(grid.cell(0, 0), str(row_name), 11, bold=True)
        for j, col in enumerate(cols, start=1):
            _cell(grid.cell(0, j), str(col), 11, bold=True)
        for i, row in enumerate(rows, start=1):
            _cell(grid.cell(i, 0), str(row), 10, bold=True)
            for j, col in enumerate(cols, start=1):
                value = table.at[row, col]
                _cell(grid.cell(i, j), "" if value is None or (isinstance(value, float) and value != value)
                      else str(value), 10)
        foot = "\n".join(x for x in (note, source) if x)
        if foot:
            _text_box(slide, margin, Inches(6.45), prs.slide_width - 2 * margin, Inches(0.95), foot,
                      min(_source_size(foot), 9), color=(0x44, 0x44, 0x44))
    return len(parts)


def build_deck(charts: Sequence[SlideChart], table: Optional[pd.DataFrame] = None, lang: str = "zh",
               title: Optional[str] = None, table_title: Optional[str] = None,
               table_source: str = "") -> bytes:
    """The deck as .pptx bytes: a title slide, one slide per chart (title, subtitle, picture,
    source, method note), then the table (``table``: rows × region columns) if any."""
    from pptx import Presentation
    from pptx.util import Inches
    words = TEXT.get(lang, TEXT["en"])
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    cover = prs.slides.add_slide(prs.slide_layouts[6])
    _text_box(cover, Inches(0.8), Inches(2.6), Inches(11.7), Inches(1.2), title or words["deck"], 36, bold=True)
    _text_box(cover, Inches(0.8), Inches(3.9), Inches(11.7), Inches(0.6), words["charts"].format(n=len(charts)),
              18, color=(0x55, 0x55, 0x55))
    for chart in charts:
        _chart_slide(prs, chart, words)
    if table is not None:
        _table_slides(prs, table, table_title or words["table"], words, table_source)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
