"""CSV exports cannot run as spreadsheet formulas, and imports read exactly what was exported."""
from __future__ import annotations

import csv
import io
import subprocess
import sys

import pandas as pd
import pytest

from core.csv_safe import neutralize, restore
from core.store import ActualsStore, StoreImportError
from tests.conftest import ROOT

EVIL = ['=HYPERLINK("http://example.invalid/x","点击")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
        "\tTAB", "\rCR", "'", "''", "'=already", "'plain"]
HARMLESS = ["威海市", "", "a=b", "1+1 in the middle", "-", "=", "-1.5", "+3", "1e-3"]


@pytest.mark.parametrize("text", EVIL + HARMLESS)
def test_neutralize_round_trips(text):
    assert restore(neutralize(text)) == text


@pytest.mark.parametrize("text", EVIL)
def test_formula_cells_get_a_quote(text):
    out = neutralize(text)
    assert out.startswith("'") and out[1:] == text


@pytest.mark.parametrize("value", ["-1.5", "+3", "1e-3", -1.5, 7, None])
def test_numbers_stay_numbers(value):
    assert neutralize(value) == value


def test_a_hand_made_quote_is_kept_on_import():
    assert restore("'abc") == "'abc"


def _cells(csv_text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_text)))


def test_store_export_neutralizes_and_import_round_trips():
    store = ActualsStore(":memory:")
    store.add(EVIL[0], None, "@SUM(A1)", -1.5, "-", "2024", "'=note")
    store.add("威海市", "gdp", "地区生产总值", 3200.5, "亿元", None, "+1 phone")
    text = store.export_csv()
    for row in _cells(text)[1:]:
        for cell in row:
            assert not cell[:1] in ("=", "+", "@", "\t", "\r") and not (
                cell[:1] == "-" and cell not in ("-1.5",)), cell
    assert _cells(text)[1][5] == "-1.5"          # the value cell is still a number
    other = ActualsStore(":memory:")
    assert other.import_csv(text) == 2
    cols = ["region", "indicator_id", "indicator", "value", "unit", "period", "note"]
    pd.testing.assert_frame_equal(other.list()[cols], store.list()[cols])


def test_cli_csv_export_neutralizes(tmp_path):
    (tmp_path / "evil.txt").write_text('=HYPERLINK("http://example.invalid","点击")新增企业3家。\n'
                                       '@cmd 工业投资增长8.4%。', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "core", "extract", str(tmp_path), "--format", "csv"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 2
    assert rows[0]["sentence"].startswith("'=HYPERLINK") and rows[1]["sentence"].startswith("'@cmd")
    assert [float(r["value"]) for r in rows] == [3, 8.4]


def test_ui_table_download_neutralizes():
    from ui.export import data_csv
    frame = pd.DataFrame({"sentence": ["=1+1", "ok"], "value": [-1.0, 2.0]})
    rows = _cells(data_csv(frame).decode("utf-8-sig"))
    assert rows[1] == ["'=1+1", "-1.0"] and rows[2] == ["ok", "2.0"]


# ---- the import refuses what it cannot read exactly (issue 11, S3)

def _import(text: str) -> list[tuple[int, str]]:
    with pytest.raises(StoreImportError) as err:
        ActualsStore(":memory:").import_csv(text)
    return err.value.errors


@pytest.mark.parametrize("value, why", [("1e-400", "too small"), ('"1,5"', "comma"), ("1_000", "not a number"),
                                        ("1e400", "finite")])
def test_values_that_would_change_are_refused(value, why):
    (row, reason), = _import(f"region,indicator,value\n威海市,GDP,{value}\n")
    assert row == 2 and why in reason


def test_thousands_separators_are_read():
    store = ActualsStore(":memory:")
    store.import_csv('region,indicator,value\n威海市,GDP,"1,500.5"\n')
    assert store.list()["value"].tolist() == [1500.5]


def test_duplicate_headers_are_refused():
    (row, reason), = _import("region,indicator,value,value\n威海市,GDP,1,2\n")
    assert row == 1 and "value" in reason and "more than once" in reason


def test_a_giant_field_is_reported_on_its_own_row():
    text = "region,indicator,value\n" + "威海市,GDP,1\n" * 3 + "威海市," + "x" * 200_000 + ",2\n" + "威海市,GDP,3\n"
    errors = _import(text)
    assert errors[0][0] == 5
    text = "region,indicator,value\n威海市,GDP,1\n威海市," + "x" * 1000 + ",2\n"
    assert _import(text)[0][0] == 3
