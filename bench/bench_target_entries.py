"""Target tracking page with many user entries: time of a warm rerun (AppTest) per entry count.

    python bench/bench_target_entries.py [--entries 1000 20000 100000]

Each count runs in a fresh process on a fresh SQLite file (local mode, APP_DB_PATH), on the seeds.
Prints: entries, cold first run, warm rerun (median of 3), and time of the store's list() alone.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(n: int, db: str) -> dict:
    os.environ["APP_HOSTED"] = "0"
    os.environ["APP_DB_PATH"] = db
    sys.path.insert(0, str(ROOT))
    from core.store import ActualsStore
    store = ActualsStore(db)
    rows = [("威海市", None, f"指标{i % 50}", None, float(i), "亿元", "2024", None, "2024-01-01T00:00:00+00:00")
            for i in range(n)]
    with store._conn:
        store._conn.executemany("INSERT INTO actuals (region, indicator_id, indicator, measure, value, unit, "
                                "period, note, created_at) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    t0 = time.perf_counter()
    store.list()
    t_list = time.perf_counter() - t0
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "pages" / "3_Target_tracking.py"), default_timeout=900)
    t0 = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t0
    assert not at.exception, at.exception
    warm = []
    for _ in range(3):
        t0 = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t0)
    return {"n": n, "cold": cold, "warm": statistics.median(warm), "list": t_list}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, nargs="+", default=[1000, 20000, 100000])
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(int(args.child[0]), args.child[1])))
        return
    print(f"{'entries':>9} {'cold s':>9} {'warm rerun s':>13} {'store.list s':>13}")
    for n in args.entries:
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run([sys.executable, __file__, "--child", str(n), str(Path(tmp) / "app.sqlite3")],
                                 capture_output=True, text=True, cwd=ROOT)
            if out.returncode:
                print(f"{n:>9} error: {out.stderr.strip().splitlines()[-1]}")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{r['n']:>9} {r['cold']:>9.2f} {r['warm']:>13.2f} {r['list']:>13.3f}", flush=True)


if __name__ == "__main__":
    main()
