"""User-entered actuals in SQLite (core.store): add/list/delete, WAL, CSV round trip, rejected imports."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from core.store import ActualsStore, StoreError, StoreImportError, default_path


@pytest.fixture
def store():
    s = ActualsStore(":memory:")
    yield s
    s.close()


def add_lc(store, value=8.4, period="2024-01..2024-06"):
    return store.add("聊城市", "industrial_value_added", "规上工业增加值", value, "%", period, "半年报",
                     measure="growth")


def test_add_list_delete(store):
    a = add_lc(store)
    b = store.add("威海市", None, "5G基站", 1.1, "万个", "2024-06", None)
    df = store.list()
    assert list(df["id"]) == [a, b]
    first = df.iloc[0]
    assert (first.region, first.indicator, first.value, first.unit, first.period, first.measure) == \
        ("聊城市", "规上工业增加值", 8.4, "%", "2024-01..2024-06", "growth")
    assert first.created_at.startswith("20")
    assert store.delete(a) is True and store.delete(a) is False
    assert list(store.list()["id"]) == [b]


@pytest.mark.parametrize("kwargs,reason", [
    ({"region": ""}, "region"),
    ({"indicator": "", "indicator_id": None}, "indicator"),
    ({"value": "abc"}, "not a number"),
    ({"value": float("nan")}, "finite"),
    ({"period": "soon"}, "period"),
])
def test_add_rejects_bad_values_and_writes_nothing(store, kwargs, reason):
    args = {"region": "聊城市", "indicator_id": None, "indicator": "规上工业增加值", "value": 1.0,
            "unit": "%", "period": "2024", "note": None}
    args.update(kwargs)
    with pytest.raises(StoreError, match=reason):
        store.add(**args)
    assert len(store) == 0


def test_bad_measure_rejected(store):
    with pytest.raises(StoreError, match="measure"):
        store.add("聊城市", None, "x", 1, "%", "2024", None, measure="speed")


def test_file_database_uses_wal_and_persists(tmp_path):
    path = tmp_path / "sub" / "app.sqlite3"
    with ActualsStore(path) as s:
        assert s.journal_mode == "wal"
        add_lc(s)
    with ActualsStore(path) as again:
        assert len(again) == 1
    rows = sqlite3.connect(path).execute("SELECT region, value FROM actuals").fetchall()
    assert rows == [("聊城市", 8.4)]


def test_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("APP_DB_PATH", str(tmp_path / "env.sqlite3"))
    assert default_path() == str(tmp_path / "env.sqlite3")
    with ActualsStore() as s:
        add_lc(s)
    assert (tmp_path / "env.sqlite3").exists()
    monkeypatch.delenv("APP_DB_PATH")
    assert default_path().endswith("app.sqlite3") and "data" in default_path()


def test_memory_stores_are_separate():
    a, b = ActualsStore(":memory:"), ActualsStore(":memory:")
    add_lc(a)
    assert len(a) == 1 and len(b) == 0


def test_csv_round_trip_keeps_values_and_skips_duplicates(store):
    add_lc(store, 8.4)
    store.add("威海市", None, "新增规上工业企业", 120, "家", "2024年1-10月", "含逗号, 的备注",
              measure="count_new")
    text = store.export_csv()
    assert text.splitlines()[0].split(",")[:4] == ["id", "region", "indicator_id", "indicator"]
    other = ActualsStore(":memory:")
    assert other.import_csv(text) == 2
    cols = ["region", "indicator_id", "indicator", "measure", "value", "unit", "period", "note", "created_at"]
    assert other.list()[cols].equals(store.list()[cols])
    assert other.import_csv(text) == 0          # same rows again: nothing new
    assert len(other) == 2


def test_import_accepts_bom_and_minimal_columns(store):
    text = "\ufeffregion,indicator,value,unit,period\n临沂市,工业总产值,8300,亿元,2023\n\n"
    assert store.import_csv(text) == 1
    row = store.list().iloc[0]
    assert row.region == "临沂市" and row.value == 8300.0 and row.unit == "亿元"


def test_bad_import_is_rejected_whole_with_row_and_reason(store):
    add_lc(store)
    text = ("region,indicator,value,unit,period\n"
            "聊城市,规上工业增加值,7.1,%,2024\n"
            "聊城市,规上工业增加值,七点一,%,2024\n"
            ",规上工业增加值,7,%,2024\n")
    with pytest.raises(StoreImportError) as info:
        store.import_csv(text)
    err = info.value
    assert err.row == 3 and "not a number" in err.reason
    assert [r for r, _ in err.errors] == [3, 4]
    assert "Row 3" in str(err) and "Nothing was imported" in str(err)
    assert len(store) == 1                    # the good row 2 was not written either


@pytest.mark.parametrize("text,needle", [
    ("", "empty"),
    ("region,value\n聊城市,1\n", "missing column"),
    ("region,indicator,value\n聊城市,x,1,extra\n", "more fields"),
    ("region,indicator,value,period\n聊城市,x,1,someday\n", "period"),
    ("region,indicator,value,created_at\n聊城市,x,1,yesterday\n", "created_at"),
])
def test_import_errors(store, text, needle):
    with pytest.raises(StoreImportError, match=needle):
        store.import_csv(text)
    assert len(store) == 0


def test_concurrent_adds_from_threads(tmp_path):
    s = ActualsStore(tmp_path / "t.sqlite3")

    def work(k):
        for i in range(20):
            s.add("聊城市", None, f"指标{k}", i, "家", "2024", None)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(s) == 80


def test_the_database_lives_in_the_app_data_folder_unless_named(monkeypatch, tmp_path):
    from core.store import default_path
    monkeypatch.delenv("APP_DB_PATH", raising=False)
    monkeypatch.setenv("APP_DATA", str(tmp_path))
    assert default_path() == str(tmp_path / "app.sqlite3")
    monkeypatch.setenv("APP_DB_PATH", str(tmp_path / "x.sqlite3"))
    assert default_path() == str(tmp_path / "x.sqlite3")
