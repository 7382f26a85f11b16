"""Scale benchmark: store build with 1 and 2 workers; the app on stores of 5, 1,000 and 10,000 documents.

Corpora are the bundled documents replicated, each copy with one line added so its raw bytes (and
hash) differ (``bench/scale_corpus.py``). For each size a store is built with ``python -m core
build`` and the app is run on it (``APP_STORE``, hosted mode) with AppTest in a fresh Python process:

* cold start: from spawning that process to Home rendered (interpreter, imports, store, render);
* warm rerun of each page: median of three reruns after its first visit;
* peak RSS of that process after visiting every page (``getrusage``, no tracing overhead).

All figures come from one run and are printed with their ratio to the 5-document figures.
Usage: ``python bench/bench_scale.py [--sizes 5 1000 10000] [--build-size 1000] [--keep DIR]``.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ["pages/1_Regional_scorecard.py", "pages/2_Slogans_and_strategies.py", "pages/4_Document_reader.py",
         "pages/3_Target_tracking.py"]  # target tracking last: at 10,000 documents it may not finish in time
WARM_RUNS = 3
PAGE_TIMEOUT = 300  # seconds of silence from the app process before a page is reported as not finished


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def child(store: str, spawned: float) -> None:
    """In a fresh process: the app on ``store`` through AppTest; prints its figures so far (one JSON
    line) after every page, so a page that does not finish still leaves the others' figures."""
    os.environ["APP_STORE"] = store
    os.environ["APP_HOSTED"] = "1"
    import resource
    from streamlit.testing.v1 import AppTest
    out: dict = {"pages": {}}

    def report() -> None:
        out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(out), flush=True)

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=24 * 3600)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    out["cold_home_s"] = time.time() - spawned
    assert not at.exception, [e.value for e in at.exception]

    def warm() -> float:
        times = []
        for _ in range(WARM_RUNS):
            t = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t)
            assert not at.exception, [e.value for e in at.exception]
        return statistics.median(times)

    out["pages"]["Home"] = {"first_s": first, "warm_s": warm()}
    report()
    for page in PAGES:
        at.switch_page(page)
        t = time.perf_counter()
        at.run()
        first = time.perf_counter() - t
        assert not at.exception, (page, [e.value for e in at.exception])
        out["pages"][Path(page).stem.split("_", 1)[1]] = {"first_s": first, "warm_s": warm()}
        report()


def run_app(store: Path) -> dict:
    """The child's last figures; a page silent for ``PAGE_TIMEOUT`` seconds ends it (reported unfinished)."""
    import selectors
    spawned = time.time()
    # stderr to a file: a pipe nobody reads fills up with Streamlit's warnings and stalls the child
    errors = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(store), "--spawned", repr(spawned)],
                            stdout=subprocess.PIPE, stderr=errors, text=True, cwd=ROOT)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    last: Optional[dict] = None
    while True:
        if not sel.select(timeout=PAGE_TIMEOUT):
            if last is not None:
                last["unfinished"] = True
            break
        line = proc.stdout.readline()
        if not line:
            break
        last = json.loads(line)
    proc.kill()
    proc.wait()
    errors.seek(0)
    if last is None:
        raise RuntimeError(errors.read()[-4000:])
    return last


def run_build(corpus: Path, store: Path, jobs: int) -> float:
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "core", "build", str(corpus), "--store", str(store),
                          "--jobs", str(jobs), "--quiet"], capture_output=True, text=True, cwd=ROOT)
    if res.returncode:
        raise RuntimeError(res.stderr[-4000:])
    return time.perf_counter() - t


def ratio(x: float, base: float) -> str:
    return f"{x / base:5.2f}×" if base else "  -  "


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[5, 1000, 10000])
    ap.add_argument("--build-size", type=int, default=1000, help="corpus size of the 1- vs 2-worker build")
    ap.add_argument("--keep", help="keep corpora and stores in this folder (default: a temporary one)")
    ap.add_argument("--no-build-bench", action="store_true", help="skip the 1- vs 2-worker build")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.spawned)
        return
    from bench.scale_corpus import make_corpus
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_scale_"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average at start {load()}")
    try:
        sizes = sorted(set(args.sizes) | ({args.build_size} if not args.no_build_bench else set()))
        corpora = {}
        for n in sizes:
            folder = work / f"corpus_{n}"
            if not (folder / "manifest.csv").exists():
                make_corpus(n, folder)
            corpora[n] = folder

        builds, again = {}, None
        n = args.build_size
        if not args.no_build_bench:
            print(f"\n== store build, {n} documents (from scratch; load before: {load()}) ==")
            for jobs in (1, 2):
                store = work / f"store_{n}_j{jobs}"
                shutil.rmtree(store, ignore_errors=True)
                builds[jobs] = run_build(corpora[n], store, jobs)
                print(f"  --jobs {jobs}: {builds[jobs]:7.1f} s  ({builds[jobs] / n * 1000:.1f} ms/document; "
                      f"load {load()})")
            print(f"  speed-up 2 workers vs 1: {builds[1] / builds[2]:.2f}×")
            again = run_build(corpora[n], work / f"store_{n}_j2", 2)
            print(f"  rebuild with nothing changed: {again:.2f} s")

        results = {}
        for n in args.sizes:
            store = work / f"store_{n}_j2"
            t = run_build(corpora[n], store, 2)  # incremental: only what the store lacks
            print(f"(store of {n} documents brought up to date with 2 workers in {t:.1f} s)")
            before = load()
            results[n] = run_app(store)
            results[n]["load"] = f"{before} -> {load()}"
            print(f"  {n} documents: {json.dumps(results[n])}", flush=True)
        base = results[min(results)]
        print("\n== app (AppTest, hosted mode, APP_STORE) ==")
        header = f"{'documents':>10} | {'cold Home':>15} | {'peak RSS':>17} | load average"
        print(header)
        print("-" * len(header))
        for n, r in results.items():
            print(f"{n:>10} | {r['cold_home_s']:6.2f} s {ratio(r['cold_home_s'], base['cold_home_s'])} | "
                  f"{r['peak_rss_mb']:7.0f} MB {ratio(r['peak_rss_mb'], base['peak_rss_mb'])} | {r['load']}")
        print("\nwarm rerun per page (median of 3), first visit in brackets:")
        pages = list(base["pages"])
        print(f"{'documents':>10} | " + " | ".join(f"{p:>22}" for p in pages))
        for n, r in results.items():
            cells = [f"{r['pages'][p]['warm_s']:6.3f} s ({r['pages'][p]['first_s']:6.2f} s)"
                     if r["pages"].get(p, {}).get("warm_s") is not None else f"> {PAGE_TIMEOUT} s, unfinished"
                     for p in pages]
            print(f"{n:>10} | " + " | ".join(f"{c:>22}" for c in cells))
        out = ROOT / "bench" / "out"
        out.mkdir(exist_ok=True)
        (out / "bench_scale.json").write_text(json.dumps({"builds": builds, "rebuild": again, "app": results},
                                                         indent=1), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
