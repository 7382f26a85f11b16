"""Time metadata inference on the seed texts (clean text from the real normalizer).

Run: python bench/bench_metadata.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.ingest import decode  # noqa: E402
from core.metadata import infer_metadata  # noqa: E402
from core.normalize import normalize  # noqa: E402

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def main(rounds: int = 50) -> None:
    cleans = [normalize(decode(p.read_bytes()).text).clean for p in SEEDS]
    t0 = time.perf_counter()
    infer_metadata(cleans[0])                       # first call loads gazetteer and cues
    print(f"first call (loads data files): {1000 * (time.perf_counter() - t0):.1f} ms")
    for p, clean in zip(SEEDS, cleans):
        t0 = time.perf_counter()
        for _ in range(rounds):
            infer_metadata(clean)
        ms = 1000 * (time.perf_counter() - t0) / rounds
        print(f"{p.name[:3]}  {len(clean):6d} chars  {ms:6.2f} ms/doc")
    big = "\n".join(cleans) * 10
    t0 = time.perf_counter()
    infer_metadata(big)
    print(f"all seeds x10 ({len(big)} chars): {1000 * (time.perf_counter() - t0):.1f} ms")


if __name__ == "__main__":
    main()
