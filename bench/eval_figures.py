"""Figures, slogans and themes of the five seeds against their blind gold (tests/fixtures/annotations).

The seeds' gold is in the development set's format and conventions (000 and 002 annotated blind in
it; 001, 003 and 004 annotated blind in an anchor format and converted mechanically), so this is
``bench/eval_devset.py`` pointed at the seeds:

    python bench/eval_figures.py            # the same tables as eval_devset.py, for the seeds
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "tests" / "fixtures" / "annotations"
SEEDS = ROOT / "seeds"

if __name__ == "__main__":
    sys.argv[1:] = ["--gold", str(ANNOTATIONS), "--docs", str(SEEDS), *sys.argv[1:]]
    sys.path.insert(0, str(ROOT / "bench"))
    import runpy
    runpy.run_path(str(ROOT / "bench" / "eval_devset.py"), run_name="__main__")
