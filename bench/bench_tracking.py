"""Target-tracking benchmark: ``track_targets`` on the bundled figures replicated N times.

Each copy gets its own doc ids (as a corpus of N× the documents would), so every target is matched
against N× the actuals of its region. Prints seconds per size (best of ``--repeats``) and the ratio
to the smallest size. Usage: ``python bench/bench_tracking.py [--copies 1 10 50] [--repeats 3]``.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.corpus import figures_frame, load_corpus  # noqa: E402
from core.targets import track_targets  # noqa: E402


def replicated(figures: pd.DataFrame, copies: int) -> pd.DataFrame:
    """``copies`` copies of the frame, each with its own document ids."""
    parts = []
    for i in range(copies):
        part = figures.copy()
        part["doc_id"] = part["doc_id"].astype(str) + f"~{i}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 10, 50])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    base = figures_frame(load_corpus([ROOT / "seeds", ROOT.parent / "shared" / "devset" / "docs"]).documents)
    first = None
    for n in args.copies:
        figures = replicated(base, n)
        best = min(_timed(figures) for _ in range(args.repeats))
        first = first or best
        print(f"copies {n:>4}  figures {len(figures):>7}  targets {int((figures['kind'] == 'target').sum()):>6}"
              f"  track_targets {best:8.3f} s  ratio {best / first:6.1f}")


def _timed(figures: pd.DataFrame) -> float:
    t0 = time.perf_counter()
    track_targets(figures, None, date(2026, 12, 1))
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
