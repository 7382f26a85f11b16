"""Normalization throughput on the seeds replicated to ~5 MB, beside plain OpenCC t2s on the same text.

Run:  python bench/bench_normalize.py [--mb 5] [--repeat 3]

Prints MB/s for decode, normalize (all repairs + sentences) and OpenCC t2s alone, the ratio
normalize / t2s (same run, same text), and peak Python memory of one normalize (tracemalloc).
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.ingest import decode  # noqa: E402
from core.normalize import normalize  # noqa: E402
from core.script import get_converter  # noqa: E402


def corpus_bytes(mb: float) -> bytes:
    """The five seeds joined and repeated until the result is at least ``mb`` megabytes."""
    one = b"\n".join(p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt")))
    target = int(mb * 1_000_000)
    return b"\n".join([one] * (target // len(one) + 1))


def best_of(repeat: int, fn, *args) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    data = corpus_bytes(args.mb)
    mb = len(data) / 1_000_000
    t2s = get_converter("t2s")
    normalize(decode(data[:20_000]).text)            # warm caches (converters, patterns)
    t2s.convert("預熱")

    t_dec, decoded = best_of(args.repeat, decode, data)
    text = decoded.text
    t_norm, norm = best_of(args.repeat, normalize, text)
    t_t2s, _ = best_of(args.repeat, t2s.convert, text)

    tracemalloc.start()
    normalize(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"input: {mb:.2f} MB UTF-8, {len(text):,} chars (the 5 seeds replicated)")
    print(f"decode           {t_dec:7.2f} s  {mb / t_dec:8.2f} MB/s")
    print(f"normalize        {t_norm:7.2f} s  {mb / t_norm:8.2f} MB/s   "
          f"({len(norm.sentences):,} sentences, {len(norm.repairs)} repairs, conversion={norm.conversion})")
    print(f"OpenCC t2s only  {t_t2s:7.2f} s  {mb / t_t2s:8.2f} MB/s")
    print(f"ratio normalize / t2s = {t_norm / t_t2s:.2f}  (best of {args.repeat})")
    print(f"peak traced memory of one normalize: {peak / 1e6:.0f} MB ({peak / len(data):.1f} x input bytes)")


if __name__ == "__main__":
    main()
