"""Benchmark the app with AppTest: cold start to first page rendered, warm rerun of each page.

Runs on the 5 seeds and on 200 documents (seeds replicated with small edits so their hashes differ),
each in a fresh Python process so caches start cold.  Usage:  python bench/bench_app.py [--docs 200]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["pages/1_Regional_scorecard.py", "pages/2_Slogans_and_strategies.py", "pages/3_Target_tracking.py",
         "pages/4_Document_reader.py"]


def make_seeds(n: int, folder: Path) -> None:
    """n documents: the seeds, then copies with a numbered line appended (new hash, same text)."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    manifest = (ROOT / "seeds" / "manifest.csv").read_text(encoding="utf-8").splitlines()
    header, rows = manifest[0], {r.split(",", 1)[0]: r.split(",", 1)[1] for r in manifest[1:]}
    out = [header]
    for i in range(n):
        src = seeds[i % len(seeds)]
        name = src.name if i < len(seeds) else f"{i:03d}_{src.stem[4:]}.txt"
        data = src.read_bytes()
        if i >= len(seeds):
            data += f"\n副本 {i}。\n".encode("utf-8")  # the seeds are UTF-8
        (folder / name).write_bytes(data)
        out.append(f"{name},{rows[src.name]}")
    (folder / "manifest.csv").write_text("\n".join(out) + "\n", encoding="utf-8")


def child(seeds_dir: str) -> dict:
    """Inside a fresh process: time the app with AppTest."""
    os.environ["APP_HOSTED"] = "1"
    sys.path.insert(0, str(ROOT))
    import ui.data
    ui.data.SEEDS_DIR = Path(seeds_dir)
    from streamlit.testing.v1 import AppTest
    out: dict = {}
    t0 = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    out["cold_home_s"] = time.perf_counter() - t0
    assert not at.exception, at.exception
    t0 = time.perf_counter()
    at.run()
    out["warm_home_s"] = time.perf_counter() - t0
    for page in PAGES:
        if not (ROOT / page).exists():
            continue
        at.switch_page(page)
        t0 = time.perf_counter()
        at.run()
        first = time.perf_counter() - t0
        assert not at.exception, (page, [e.value for e in at.exception])
        t0 = time.perf_counter()
        at.run()
        out[Path(page).stem] = {"first_s": first, "warm_s": time.perf_counter() - t0}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, nargs="*", default=[5, 200])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    for n in args.docs:
        tmp = Path(tempfile.mkdtemp(prefix="bench_app_"))
        try:
            make_seeds(n, tmp)
            res = subprocess.run([sys.executable, __file__, "--child", str(tmp)], capture_output=True, text=True,
                                 cwd=ROOT)
            if res.returncode:
                print(res.stderr[-3000:])
                continue
            r = json.loads(res.stdout.strip().splitlines()[-1])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"== {n} documents ==")
        print(f"  Home: cold start to first render {r['cold_home_s']:.2f} s, warm rerun {r['warm_home_s']:.3f} s")
        for page in PAGES:
            stem = Path(page).stem
            if stem in r:
                print(f"  {stem}: first render {r[stem]['first_s']:.3f} s, warm rerun {r[stem]['warm_s']:.3f} s")


if __name__ == "__main__":
    main()
