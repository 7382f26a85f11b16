"""Score the extractor on the development set with its own scorer, overall, per document and per kind.

The development set (tests/fixtures/devset, a copy of ../shared/devset) holds 16 real documents of
many regions and genres with gold annotations made from the text alone. This runs
``python -m core extract`` on them (metadata inferred: there is no manifest.csv there), scores the
export with ``tests/fixtures/devset/score.py`` and prints the summary, one line per document and
one per kind.

    python bench/eval_devset.py            # the tables
    python bench/eval_devset.py --json     # the overall summary as JSON
    python bench/eval_devset.py --gold tests/fixtures/annotations --docs seeds   # the seeds' gold
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "fixtures" / "devset"
MEASURES = ("region_acc", "date_acc", "figure_precision", "figure_recall", "figure_f1", "kind_acc",
            "indicator_acc", "target_recall", "slogan_recall", "slogan_precision", "expansion_recall",
            "theme_recall")


def _scorer():
    spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def export(docs: Path, out: Path, files: list[Path] | None = None) -> None:
    """``python -m core extract`` of a folder (or of some of its files) into ``out``."""
    args = [str(p) for p in files] if files else [str(docs)]
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "core", "extract", *args, "--format", "jsonl", "--no-manifest"],
                       cwd=ROOT, stdout=fh, check=True)


def evaluate(gold: Path = DEVSET / "gold", docs: Path = DEVSET / "docs") -> dict:
    """{"all": summary, "docs": {file: summary}, "kinds": {kind: (matched, gold, kind_ok)}}."""
    score = _scorer()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.jsonl"
        export(docs, out)
        overall = score.score(str(gold), str(out), str(docs))
        per_doc = {}
        for g in sorted(gold.glob("*.json")):
            one = Path(tmp) / g.name
            one.mkdir()
            (one / g.name).write_bytes(g.read_bytes())
            per_doc[json.loads(g.read_text(encoding="utf-8"))["file"]] = score.score(str(one), str(out), str(docs))
    kinds: Counter = Counter()
    for g in sorted(gold.glob("*.json")):
        for f in json.loads(g.read_text(encoding="utf-8"))["figures"]:
            kinds[f["kind"]] += 1
    return {"all": overall, "docs": per_doc, "kinds": dict(kinds)}


def _row(name: str, s: dict) -> str:
    c = s["counts"]
    return (f"{name[:22]:22} {s['figure_precision']:6.3f} {s['figure_recall']:6.3f} {s['figure_f1']:6.3f} "
            f"{s['kind_acc']:6.3f} {s['indicator_acc']:6.3f} {s['target_recall']:6.3f} "
            f"{c.get('pred_figures', 0):5d} {c.get('gold_figures', 0):5d} "
            f"{c.get('slogans_found', 0):3d}/{c.get('gold_slogans', 0):<3d} {c.get('themes_found', 0):2d}/{c.get('gold_themes', 0):<2d}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=DEVSET / "gold")
    ap.add_argument("--docs", type=Path, default=DEVSET / "docs")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    res = evaluate(a.gold, a.docs)
    if a.json:
        print(json.dumps({k: res["all"][k] for k in MEASURES}, indent=1))
        sys.exit(0)
    print("overall: " + ", ".join(f"{k} {res['all'][k]:.3f}" for k in MEASURES))
    print(f"\n{'document':22} {'prec':>6} {'rec':>6} {'f1':>6} {'kind':>6} {'indic':>6} {'targ':>6} "
          f"{'pred':>5} {'gold':>5} slog  them")
    for name, s in res["docs"].items():
        print(_row(name, s))
    print(_row("ALL", res["all"]))
    print("\ngold figures by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(res["kinds"].items())))
    c = res["all"]["counts"]
    print(f"kind accuracy on matched figures {res['all']['kind_acc']:.3f}; "
          f"targets recalled as targets {c.get('target_kind_ok', 0)}/{c.get('gold_targets', 0)}")
