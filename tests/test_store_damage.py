"""A damaged database is reported, set aside with a timestamp and replaced by a fresh one."""
from __future__ import annotations

import os
import random
import sqlite3

import pytest

from core.store import ActualsStore, is_damage


def _filled(path, n=400) -> bytes:
    with ActualsStore(path) as s:
        for i in range(n):
            s.add("威海市", None, f"指标{i}", i, "亿元", "2024", "x" * 40)
    con = sqlite3.connect(path)  # fold the WAL into the main file, as after a clean shutdown
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path.read_bytes()


def _damage_middle(path, seed=0) -> bytes:
    """Random bytes over the pages in the middle of the file (the header stays intact)."""
    data = bytearray(path.read_bytes())
    page = 4096
    rng = random.Random(seed)
    for p in range(1, len(data) // page - 1):
        if p % 2:
            data[p * page: p * page + page] = bytes(rng.randrange(256) for _ in range(page))
    path.write_bytes(bytes(data))
    return bytes(data)


def _aside(path) -> list:
    return sorted(q for q in path.parent.iterdir() if q.name.startswith(path.name + ".damaged-")
                  and not q.name.endswith(("-wal", "-shm")))


def test_random_bytes_in_the_middle_are_found_set_aside_and_replaced(tmp_path):
    path = tmp_path / "app.sqlite3"
    _filled(path)
    damaged = _damage_middle(path)
    with pytest.raises(sqlite3.DatabaseError) as err:  # what the page used to get on every run
        con = sqlite3.connect(path)
        con.execute("SELECT * FROM actuals").fetchall()
    assert is_damage(err.value)
    con.close()
    store = ActualsStore(path)
    moved = store.take_notice()
    assert moved and moved.startswith(str(path) + ".damaged-")
    assert (tmp_path / os.path.basename(moved)).read_bytes() == damaged   # kept, byte for byte
    assert store.take_notice() is None                                   # told once
    assert store.list().empty and len(store) == 0
    store.add("威海市", None, "GDP", 1.0)
    assert len(ActualsStore(path)) == 1                                  # the fresh file works


@pytest.mark.parametrize("content", [b"this is a text file, not a database\n" * 50, os.urandom(8192),
                                     b"SQLite format 3\x00" + b"\x00" * 50])
def test_garbage_text_and_truncated_files_are_set_aside(tmp_path, content):
    path = tmp_path / "app.sqlite3"
    path.write_bytes(content)
    store = ActualsStore(path)
    assert store.list().empty
    moved = _aside(path)
    if moved:  # some truncations are still a valid empty database and are kept
        assert moved[0].read_bytes() == content and store.take_notice() == str(moved[0])


def test_damage_found_later_is_recovered_on_the_next_statement(tmp_path):
    path = tmp_path / "app.sqlite3"
    store = ActualsStore(path)
    for i in range(400):
        store.add("威海市", None, f"指标{i}", i, "", None, "x" * 40)
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_middle(path)
    store._conn.execute("PRAGMA cache_size = 0")  # no cached pages: the next read hits the disk
    assert store.list().empty                      # no exception: set aside, fresh, read again
    assert store.take_notice() == str(_aside(path)[0])
    store.add("威海市", None, "GDP", 2.0)
    assert store.list()["value"].tolist() == [2.0]


def test_a_second_damage_gets_its_own_name(tmp_path):
    path = tmp_path / "app.sqlite3"
    for seed in (1, 2):
        _filled(path, 200)
        _damage_middle(path, seed)
        assert ActualsStore(path).take_notice()
    assert len(_aside(path)) == 2


def test_a_directory_is_not_moved(tmp_path):
    path = tmp_path / "app.sqlite3"
    path.mkdir()
    with pytest.raises(sqlite3.Error):
        ActualsStore(path)
    assert path.is_dir() and not _aside(path)


def test_locked_is_not_damage():
    err = sqlite3.OperationalError("database is locked")
    assert not is_damage(err)
