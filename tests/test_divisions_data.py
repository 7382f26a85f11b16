"""Checks on the generated gazetteer data (core/data/divisions.csv, province_abbrev.csv).

The CSV is produced by scripts/build_gazetteer.py from published packages; these tests pin what
the app may rely on, not how the script derives it.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "core" / "data"
LEVELS = {"province", "city", "county", "zone"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with (DATA / "divisions.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def by_code(rows) -> dict[str, dict]:
    return {r["code"]: r for r in rows}


def children(rows, code, level=None):
    return {r["name"] for r in rows if r["parent_code"] == code and (level is None or r["level"] == level)}


def test_columns(rows):
    need = {"code", "name", "level", "type", "parent_code", "parent", "name_en", "short",
            "scan_short", "source"}
    assert need <= set(rows[0])


def test_counts_match_the_official_totals(rows):
    n = Counter(r["level"] for r in rows)
    assert set(n) <= LEVELS
    assert n["province"] == 34
    assert 330 <= n["city"] <= 336          # 333 prefecture-level units (MCA, 2024-2026)
    assert 2830 <= n["county"] <= 2860      # ~2,844-2,847 county-level units
    assert 3150 <= n["province"] + n["city"] + n["county"] <= 3250


def test_city_types(rows):
    t = Counter(r["type"] for r in rows if r["level"] == "city")
    assert t["自治州"] == 30 and t["地区"] == 7 and t["盟"] == 3
    assert 290 <= t["地级市"] <= 296


def test_codes_unique_and_six_digits(rows):
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c.isdigit() for c in codes)


def test_every_parent_exists_and_names_match(rows, by_code):
    for r in rows:
        if r["level"] == "province":
            assert r["parent_code"] == "" and r["parent"] == ""
            continue
        parent = by_code[r["parent_code"]]
        assert parent["name"] == r["parent"]
        assert parent["level"] in {"province", "city", "county"}


def test_level_nesting(rows, by_code):
    for r in rows:
        if r["level"] == "city":
            assert by_code[r["parent_code"]]["level"] == "province"
        elif r["level"] == "county":
            assert by_code[r["parent_code"]]["level"] in {"province", "city"}


def test_shandong_has_16_cities(rows):
    assert len(children(rows, "370000", "city")) == 16


def test_weihai_and_jinan_counties(rows):
    assert {"环翠区", "文登区", "荣成市", "乳山市"} <= children(rows, "371000", "county")
    assert {"莱芜区", "钢城区"} <= children(rows, "370100", "county")


def test_municipality_and_province_direct_units(rows, by_code):
    assert {"朝阳区", "海淀区"} <= children(rows, "110000", "county")
    for name, prov in (("仙桃市", "湖北省"), ("济源市", "河南省")):
        r = next(r for r in rows if r["name"] == name)
        assert r["parent"] == prov and r["level"] == "county" and r["type"] == "县级市"


def test_types_of_known_units(rows):
    t = {r["name"]: r["type"] for r in rows if r["level"] != "zone"}
    assert t["历下区"] == "市辖区" and t["荣成市"] == "县级市" and t["平阴县"] == "县"
    assert t["延边朝鲜族自治州"] == "自治州" and t["神农架林区"] == "林区" and t["六枝特区"] == "特区"


def test_zones(rows, by_code):
    zones = [r for r in rows if r["level"] == "zone"]
    assert len(zones) >= 100
    for z in zones:
        assert by_code[z["parent_code"]]["level"] in {"city", "county", "province"}
    weihai = next(z for z in zones if z["name"] == "威海经济技术开发区")
    assert weihai["parent_code"] == "371000" and weihai["parent"] == "威海市"
    assert "威海经开区" in {weihai["short"], *weihai["aliases"].split("|")}
    suzhou = next(z for z in zones if z["name"] == "苏州工业园区")
    assert suzhou["parent"] == "苏州市"


def test_english_names(rows):
    for r in rows:
        assert r["name_en"], r["name"]
        assert r["name_en"].isascii(), (r["name"], r["name_en"])
    en = {r["name"]: r["name_en"] for r in rows}
    assert en["山东省"] == "Shandong" and en["内蒙古自治区"] == "Inner Mongolia"
    assert en["香港特别行政区"] == "Hong Kong" and en["威海市"] == "Weihai"
    assert en["历下区"] == "Lixia District" and en["平阴县"] == "Pingyin County"
    assert en["长清区"] == "Changqing District"


def test_short_forms(rows):
    short = {r["name"]: r["short"] for r in rows}
    assert short["山东省"] == "山东" and short["广西壮族自治区"] == "广西"
    assert short["威海市"] == "威海" and short["荣成市"] == "荣成"
    assert short["延边朝鲜族自治州"] == "延边" and short["恩施土家族苗族自治州"] == "恩施"


def test_scan_short_flags(rows):
    assert {r["scan_short"] for r in rows} <= {"0", "1"}
    unsafe = {r["short"] for r in rows if r["scan_short"] == "0"}
    for word in ("市中", "城关", "新华", "和平", "长安", "平原"):
        assert word in unsafe, word
    assert all(r["scan_short"] == "0" for r in rows if len(r["short"]) < 2)
    flag = {r["name"]: r["scan_short"] for r in rows if r["level"] != "zone"}
    assert flag["山东省"] == flag["威海市"] == flag["荣成市"] == flag["历下区"] == "1"


def test_province_abbrev_file(by_code):
    with (DATA / "province_abbrev.csv").open(encoding="utf-8", newline="") as fh:
        ab = list(csv.DictReader(fh))
    assert len(ab) == 34
    for r in ab:
        assert by_code[r["code"]]["name"] == r["name"] and len(r["abbrev"]) == 1
    assert {r["name"]: r["abbrev"] for r in ab}["山东省"] == "鲁"
