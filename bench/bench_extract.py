"""Speed of figure extraction vs plain jieba.lcut on the same text, and peak memory.

    python bench/bench_extract.py [--mb 5] [--no-memory]

Prints: seeds (once) and a ~5 MB corpus (the seeds' clean texts replicated), each as seconds for
extract_figures, seconds for jieba lcut of the same clean text (shared tokenizer, same process;
the best of ``--repeats`` alternated passes of each),
their ratio (wall clock and CPU time of the process), and — in a separate pass, because tracemalloc slows Python code about fivefold — the
peak Python memory (tracemalloc) of the extraction pass. Timing never runs under tracemalloc.
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.corpus import read_manifest  # noqa: E402
from core.document import load_path  # noqa: E402
from core.figures import extract_figures  # noqa: E402
from core.tokenizer import get_tokenizer  # noqa: E402


def _time(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call: on a shared machine the CPU time is
    the steadier of the two."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def _peak(fn) -> int:
    """Peak traced Python memory of one call (bytes); a run of its own, never timed."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(docs, label: str, memory: bool = True, repeats: int = 3) -> None:
    tk = get_tokenizer()
    n_chars = sum(len(d.clean) for d in docs)
    n_bytes = sum(len(d.clean.encode("utf-8")) for d in docs)
    n_figs = 0

    def extract():
        nonlocal n_figs
        n_figs = sum(len(extract_figures(d.clean, d.normalized.sentences, d.meta)) for d in docs)

    def lcut():
        for d in docs:
            tk.lcut(d.clean)

    lcuts, exts = [], []
    for _ in range(repeats):        # alternated, best of each: a shared machine's noise hits both
        lcuts.append(_time(lcut))
        exts.append(_time(extract))
    (t_lcut, c_lcut), (t_ext, c_ext) = min(lcuts), min(exts)
    mem = f"peak {_peak(extract) / 1e6:.1f} MB (tracemalloc, separate extraction pass)" if memory else "memory not measured"
    print(f"{label}: {len(docs)} docs, {n_chars:,} chars ({n_bytes / 1e6:.2f} MB UTF-8), {n_figs} figures | "
          f"extract {t_ext:.3f} s (cpu {c_ext:.3f}), jieba.lcut {t_lcut:.3f} s (cpu {c_lcut:.3f}), "
          f"ratio {t_ext / t_lcut:.2f} (cpu {c_ext / c_lcut:.2f}) | {mem}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0, help="size of the replicated corpus in MB of UTF-8")
    ap.add_argument("--no-memory", action="store_true", help="skip the (slow) tracemalloc passes")
    ap.add_argument("--repeats", type=int, default=3, help="timed passes of each, alternated; the best is reported")
    args = ap.parse_args()
    t0 = time.perf_counter()
    get_tokenizer()
    print(f"tokenizer build (once): {time.perf_counter() - t0:.2f} s")
    manifest = read_manifest(ROOT / "seeds")
    t0 = time.perf_counter()
    seeds = [load_path(p, manifest.get(p.name)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    print(f"full pipeline on 5 seeds (decode, normalize, metadata, all extractors): {time.perf_counter() - t0:.2f} s")
    extract_figures(seeds[0].clean, seeds[0].normalized.sentences, seeds[0].meta)   # warm caches
    measure(seeds, "seeds", not args.no_memory, args.repeats)
    seed_bytes = sum(len(d.clean.encode("utf-8")) for d in seeds)
    copies = max(1, round(args.mb * 1e6 / seed_bytes))
    measure(seeds * copies, f"corpus x{copies}", not args.no_memory, args.repeats)


if __name__ == "__main__":
    main()
