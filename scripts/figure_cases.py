"""Maintain the figure cases (tests/cases/figures.json, figures_known_failures.json).

    python scripts/figure_cases.py status     # how many pass, fail, and known failures now pass
    python scripts/figure_cases.py promote    # move known failures that now pass into the cases
    python scripts/figure_cases.py failing    # cases (not known failures) that fail, with why

A fixed known failure is moved, never dropped; a case that starts failing is a regression to fix
(or, when the expectation itself was wrong, a change to make by hand with a reason).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_figure_cases import CASES, problems  # noqa: E402


def _load(name: str) -> dict:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def _save(name: str, data: dict) -> None:
    (CASES / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(cmd: str) -> int:
    cases, known = _load("figures.json"), _load("figures_known_failures.json")
    fixed = [c for c in known["cases"] if not problems(c)]
    failing = [(c, problems(c)) for c in cases["cases"]]
    failing = [(c, p) for c, p in failing if p]
    if cmd == "status":
        print(f"cases {len(cases['cases'])} (failing {len(failing)}), known failures {len(known['cases'])} "
              f"(now passing {len(fixed)})")
    elif cmd == "failing":
        for c, p in failing:
            print(f"{c['id']}: {c['sentence'][:60]}\n    " + "\n    ".join(p))
    elif cmd == "promote":
        ids = {c["id"] for c in fixed}
        for c in fixed:
            c = dict(c)
            c.pop("reason", None)
            cases["cases"].append(c)
        known["cases"] = [c for c in known["cases"] if c["id"] not in ids]
        _save("figures.json", cases)
        _save("figures_known_failures.json", known)
        print(f"promoted {len(ids)} case(s)")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
