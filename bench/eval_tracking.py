"""Target tracking against the real target -> outcome pairs of the development set.

``tests/fixtures/devset/tracking.json`` (a copy of ../shared/devset/tracking.json) lists targets of
the seeds and the actual a later real document reports (``met`` true/false) or says that no later
document reports it (``met`` null). This runs ``python -m core track`` on the seeds plus the
follow-up documents 01-06 (their metadata inferred from the text) and counts

- right: a known pair whose target row shows the pair's actual value and the right status;
- false matches: an unknown pair whose target row shows any current actual.

    python bench/eval_tracking.py          # prints one line per pair and the totals
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.similarity import dice  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "fixtures" / "devset"


def run_track(today: str = "2025-06-30") -> list[dict]:
    docs = sorted(str(p) for p in (DEVSET / "docs").glob("0[1-6]_*.txt"))
    out = subprocess.run([sys.executable, "-m", "core", "track", str(ROOT / "seeds"), *docs,
                          "--today", today], cwd=ROOT, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def target_row(pair: dict, rows: list[dict]) -> dict | None:
    """The tracked row of a pair's target: same region and value, most similar target sentence."""
    cands = [r for r in rows if r["region"] == pair["region"]
             and abs((r["target_value"] or 0) - pair["target_value"]) < 1e-9]
    scored = [(dice(r["target_sentence"], pair["target_sentence"]), r) for r in cands]
    scored = [x for x in scored if x[0] >= 0.5]
    return max(scored, key=lambda x: x[0])[1] if scored else None


def evaluate(rows: list[dict]) -> dict:
    pairs = json.loads((DEVSET / "tracking.json").read_text(encoding="utf-8"))
    out = {"known": 0, "right": 0, "unknown": 0, "false_match": 0, "lines": []}
    for p in pairs:
        row = target_row(p, rows)
        shown = row and row["status"] != "no data" and row["actual_value"] is not None
        if p["met"] is None:
            out["unknown"] += 1
            bad = bool(shown)
            out["false_match"] += bad
            verdict = "FALSE MATCH" if bad else "ok (no data)"
        else:
            out["known"] += 1
            want = "achieved" if p["met"] else "not achieved"
            ok = bool(shown) and abs(row["actual_value"] - p["actual_value"]) < 1e-9 and row["status"] == want
            out["right"] += ok
            verdict = "right" if ok else "WRONG"
        got = (f"{row['actual_value']}{row['actual_unit'] or ''} {row['status']}" if row else "target not found")
        out["lines"].append(f"{verdict:13} {p['region']} {p['indicator']} {p['target_value']:g}"
                            f" -> want {p['actual_value']} | got {got}")
    return out


if __name__ == "__main__":
    res = evaluate(run_track())
    print("\n".join(res["lines"]))
    print(f"known outcomes right: {res['right']} of {res['known']}; "
          f"false matches on unknown outcomes: {res['false_match']} of {res['unknown']}")
