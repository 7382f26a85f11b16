"""Records stay strict and truthful on hostile numbers and quotes (issue 11, S2)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import core.figures.pipeline as figures_mod
from core.document import load_document
from core.numerals import parse_chinese, parse_numeral
from core.records import iter_records, strict_json
from tests.conftest import ROOT


def _strict_loads(line: str):
    def refuse(name):
        raise ValueError(f"non-standard JSON constant {name}")
    return json.loads(line, parse_constant=refuse)


def test_a_number_of_400_nines_gives_no_infinity():
    doc = load_document(("全市规上工业增加值增长" + "9" * 400 + "%，工业投资增长8.4%。").encode(), "x.txt")
    assert [f.value for f in doc.figures] == [8.4]
    for rec in iter_records(doc):
        _strict_loads(strict_json(rec))


def test_the_jsonl_export_is_strict_json(tmp_path):
    (tmp_path / "a.txt").write_text("产值" + "9" * 400 + "亿元，增长" + "9" * 330 + "%。新增企业3家。",
                                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "core", "extract", str(tmp_path), "--format", "jsonl"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    recs = [_strict_loads(line) for line in out.stdout.splitlines()]
    assert [r["value"] for r in recs if r["type"] == "figure"] == [3]


def test_numerals_over_the_int_digit_limit_do_not_raise():
    assert parse_chinese("一" * 5000) is None          # int() refuses more than 4300 digits
    assert parse_numeral("9" * 400) is None            # overflows a float
    assert parse_numeral("1.2万") == 12000 and parse_chinese("二〇二四") == 2024


def test_a_giant_number_does_not_cost_the_other_figures_of_its_sentence():
    doc = load_document(("全市规上工业增加值增长8.4%，编号" + "一" * 5000 + "个。").encode(), "x.txt")
    assert [(f.value, f.unit) for f in doc.figures] == [(8.4, "%")]
    assert not any(d.startswith("extraction_failed") for d in doc.normalized.defects)


def test_a_sentence_the_parser_cannot_read_is_reported_as_a_defect(monkeypatch):
    real = figures_mod._sentence_figures

    def flaky(sent, *args):
        if "炸" in sent.text:
            raise RuntimeError("boom")
        return real(sent, *args)

    monkeypatch.setattr(figures_mod, "_sentence_figures", flaky)
    doc = load_document("全市规上工业增加值增长8.4%。炸了3家。新增企业5家。".encode(), "x.txt")
    assert [f.value for f in doc.figures] == [8.4, 5]
    assert "extraction_failed:figures" in doc.normalized.defects


@pytest.mark.parametrize("text, name, surface", [
    ("威海市推行“链长”制。", "链长制", "链长”制"),
    ("威海市推行链长制。", "链长制", "链长制"),
    ("实施“头号工程”。", "头号工程", "头号工程"),
])
def test_slogan_offsets_cover_exactly_the_surface_form(text, name, surface):
    doc = load_document(text.encode(), "x.txt")
    (s,) = [s for s in doc.slogans if s.name == name]
    assert s.text == surface == doc.clean[s.start:s.end]
    rec = next(r for r in iter_records(doc) if r["type"] == "slogan")
    assert rec["text"] == surface and rec["name"] == name
