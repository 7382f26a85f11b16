"""Precision / recall of figure extraction against the hand annotation in tests/fixtures/annotations.

A predicted figure is correct when a gold figure has the same anchor (punctuation-insensitive: the
number text with up to 6 characters before it), the same value x unit magnitude, kind and measure.
Indicator-id accuracy is reported on the correct figures.

    python bench/eval_figures.py            # prints a table, exits 0
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.corpus import read_manifest  # noqa: E402
from core.document import load_path  # noqa: E402
from core.numerals import magnitude  # noqa: E402

ANNOTATIONS = ROOT / "tests" / "fixtures" / "annotations"
_PUNCT = re.compile(r"[\s,，;；:：。、()（）“”「」\-—–]")


def _norm(s: str) -> str:
    return _PUNCT.sub("", s)


def _key(value: float, unit: str) -> float:
    return round(float(value) * magnitude(unit), 6)


def evaluate(gold: dict, figures: list, clean: str) -> dict:
    """Match predicted ``figures`` (core.models.Figure) to one gold annotation dict."""
    unused = list(range(len(gold["figures"])))
    correct, id_ok, id_total, misses_pred = 0, 0, 0, []
    for f in figures:
        anchor = _norm(clean[max(0, f.start - 10):f.end])
        hit = None
        for i in unused:
            g = gold["figures"][i]
            if (_norm(g["anchor"]) and anchor.endswith(_norm(g["anchor"])[-max(len(_norm(g["text"])) + 3, 4):])
                    and _key(g["value"], g["unit"]) == _key(f.value, f.unit)
                    and g["kind"] == f.kind and g["measure"] == f.measure
                    and (f.kind != "rank" or g.get("indicator_id") == f.indicator_id)):
                hit = i
                break
        if hit is None:
            misses_pred.append(f)
            continue
        unused.remove(hit)
        correct += 1
        g = gold["figures"][hit]
        if "indicator_id" in g:
            id_total += 1
            id_ok += g["indicator_id"] == f.indicator_id
    n_pred, n_gold = len(figures), len(gold["figures"])
    return {"pred": n_pred, "gold": n_gold, "correct": correct,
            "precision": correct / n_pred if n_pred else 1.0,
            "recall": correct / n_gold if n_gold else 1.0,
            "id_accuracy": id_ok / id_total if id_total else 1.0,
            "false_positives": misses_pred,
            "missed": [gold["figures"][i] for i in unused]}


def run(verbose: bool = True) -> dict[str, dict]:
    """Evaluate every annotated seed; returns {prefix: result}."""
    manifest = read_manifest(ROOT / "seeds")
    results = {}
    for path in sorted(ANNOTATIONS.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = load_path(ROOT / "seeds" / gold["file"], manifest.get(gold["file"]))
        results[path.stem] = r = evaluate(gold, doc.figures, doc.clean)
        if verbose:
            print(f"{path.stem}: gold {r['gold']:3d}  predicted {r['pred']:3d}  correct {r['correct']:3d}  "
                  f"precision {r['precision']:.3f}  recall {r['recall']:.3f}  indicator_id acc {r['id_accuracy']:.3f}")
            for f in r["false_positives"]:
                print(f"   FP  {f.text} {f.value:g} {f.unit} {f.kind} {f.measure} | {f.indicator}")
            for g in r["missed"]:
                print(f"   FN  {g['anchor']} {g['value']:g} {g['unit']} {g['kind']} {g['measure']}")
    tot = {k: sum(r[k] for r in results.values()) for k in ("pred", "gold", "correct")}
    if verbose and results:
        print(f"ALL: precision {tot['correct'] / max(tot['pred'], 1):.3f}  "
              f"recall {tot['correct'] / max(tot['gold'], 1):.3f}")
    return results


if __name__ == "__main__":
    run()
