"""Diff two JSON Lines exports record by record, ignoring some keys (default: the rule trace).

    python bench/diff_exports.py BEFORE.jsonl AFTER.jsonl [--ignore rules] [--show 20]

Records are compared in order (the export is deterministic); a record present in one export only
counts as a difference too. Prints each differing record's changed keys and the number of
differences (0 means the exports agree apart from the ignored keys); exit status 1 when they differ.
"""
from __future__ import annotations

import argparse
import json
import sys
from itertools import zip_longest
from pathlib import Path


def _load(path: Path, ignore: set[str]) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append({k: v for k, v in rec.items() if k not in ignore})
    return out


def diff(before: list[dict], after: list[dict]) -> list[tuple[int, dict, dict]]:
    """(record number, before, after) of every pair of records that differ."""
    return [(i, a or {}, b or {}) for i, (a, b) in enumerate(zip_longest(before, after)) if a != b]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--ignore", nargs="*", default=["rules"])
    ap.add_argument("--show", type=int, default=20)
    a = ap.parse_args()
    found = diff(_load(a.before, set(a.ignore)), _load(a.after, set(a.ignore)))
    for i, x, y in found[:a.show]:
        keys = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
        print(f"record {i} ({x.get('type') or y.get('type')}, {x.get('doc_id') or y.get('doc_id')}):")
        for k in keys:
            print(f"  {k}: {x.get(k)!r} -> {y.get(k)!r}")
    print(f"{len(found)} differing records (ignoring {', '.join(a.ignore) or 'nothing'})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
