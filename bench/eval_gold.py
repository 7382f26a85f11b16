"""Score the extractor on a folder of real documents with blind gold, as the sealed runner does.

    python bench/eval_gold.py tests/fixtures/realdocs          # our own collected documents
    python bench/eval_gold.py ../shared/devset                  # the development set
    python bench/eval_gold.py tests/fixtures/realdocs -v        # and each document's misses

The folder holds ``docs/`` (raw files), ``gold/NN.json`` (the devset's format) and optionally
``tracking.json`` (target -> outcome pairs). Figures are scored by ``../shared/devset/score.py``
(one scorer for every set); tracking counts, like the sealed runner, a known outcome *right* when
the row of its target (same region and value) shows the outcome's value with the right status,
and a *false* judgement when a target whose outcome is unknown is shown with an actual.

Gold written before the contract had ``estimate`` (the devset) marks an estimate of a past period
as ``actual`` with qualifier 预计; ``kind_legacy`` counts such a figure right when it is extracted
as an ``estimate``, so the two conventions can be compared.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "devset"
sys.path.insert(0, str(SCORER))
from score import load_export, load_gold, norm_unit, same_value, score  # noqa: E402


def _extract(docs: Path, out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, "-m", "core", "extract", str(docs), "--format", "jsonl"],
                       cwd=ROOT, stdout=fh, check=True)


def _track(paths: list[str]) -> list[dict]:
    r = subprocess.run([sys.executable, "-m", "core", "track", *paths, "--format", "jsonl"],
                       cwd=ROOT, capture_output=True, text=True, check=True)
    return [json.loads(x) for x in r.stdout.splitlines() if x.strip()]


def tracking(pairs: list[dict], rows: list[dict], verbose: bool = False) -> tuple[int, int, int, int]:
    found = right = false = 0
    for p in pairs:
        tv, tu = norm_unit(p["target_value"], p.get("target_unit"))
        cands = [r for r in rows if r.get("region") == p["region"]
                 and (lambda v: v[0] is not None and same_value(tv, v[0]) and v[1] == tu)(
                     norm_unit(r.get("target_value"), r.get("target_unit")))]
        judged = [r for r in cands if r.get("actual_value") is not None
                  and str(r.get("status", "")).lower() not in ("", "no data")]
        if p.get("met") is None:
            false += int(bool(judged))
            if judged and verbose:
                print(f"  FALSE {p['region']} {p['indicator']} {p['target_value']}: "
                      f"{judged[0]['actual_value']} «{(judged[0].get('actual_sentence') or '')[:40]}»")
            continue
        av, au = norm_unit(p["actual_value"], p.get("actual_unit")) if p.get("actual_value") is not None \
            else (None, None)
        hit = next((r for r in judged if (lambda v: v[0] is not None and same_value(av, v[0]) and v[1] == au)(
            norm_unit(r.get("actual_value"), r.get("actual_unit")))), None)
        ok = bool(hit) and (str(hit.get("status")).lower() == "achieved") == bool(p["met"])
        found += bool(hit)
        right += ok
        if verbose and not ok:
            got = [(r.get("actual_value"), r.get("status")) for r in cands]
            print(f"  MISS {p['region']} {p['indicator']} {p['target_value']} -> {p.get('actual_value')} "
                  f"met={p['met']} | rows {got}")
    return found, right, false, sum(p.get("met") is not None for p in pairs)


def kind_legacy(gold_dir: Path, export: Path, docs: Path, verbose: bool = False) -> float:
    """Kind accuracy with an estimate counted right against legacy gold (actual + 预计); with
    ``verbose``, every kind that differs from the gold with the rule that decided it."""
    gold = load_gold(str(gold_dir), str(docs))
    exp_docs, figs, _, _ = load_export(str(export))
    ok = n = 0
    for did, d in exp_docs.items():
        g = gold.get(d.get("sha256"))
        if not g:
            continue
        pf = [f for f in figs if f["doc_id"] == did]
        for gf in g["figures"]:
            gv, gu = norm_unit(gf.get("value"), gf.get("unit"))
            hit = next((f for f in pf if same_value(gv, norm_unit(f.get("value"), f.get("unit"))[0])
                        and norm_unit(f.get("value"), f.get("unit"))[1] == gu
                        and (f.get("sentence") or "")[:12] == (gf.get("sentence") or "")[:12]), None)
            if hit is None:
                continue
            n += 1
            legacy = gf.get("kind") == "actual" and "预计" in (gf.get("qualifier") or "") \
                and hit.get("kind") == "estimate"
            right = hit.get("kind") == gf.get("kind") or legacy
            ok += right
            if verbose and not right:
                rule = next((r for r in hit.get("rules", []) if r.startswith("kind:")), "?")
                print(f"  KIND {g['file'][:3]} want {gf.get('kind')} got {hit.get('kind')} ({rule}) "
                      f"{gf.get('text')} «{(gf.get('sentence') or '')[:60]}»")
    return ok / n if n else 0.0


def main(folder: str, verbose: bool = False) -> dict:
    base = Path(folder).resolve()
    docs, gold = base / "docs", base / "gold"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "export.jsonl"
        _extract(docs, out)
        s = score(str(gold), str(out), str(docs))
        legacy = kind_legacy(gold, out, docs, verbose)
    res = {k: s[k] for k in ("figure_f1", "region_acc", "date_acc", "kind_acc", "indicator_acc", "target_recall")}
    res["kind_legacy"] = legacy
    pairs_file = base / "tracking.json"
    if pairs_file.exists():
        pairs = json.loads(pairs_file.read_text(encoding="utf-8"))
        if pairs:
            files = sorted({p["target_file"] for p in pairs} | {p["actual_file"] for p in pairs})
            rows = _track([str(docs / f) for f in files])
            found, right, false, known = tracking(pairs, rows, verbose)
            res["tracking_right"] = f"{right}/{known}"
            res["tracking_false"] = false
    if verbose:
        for m in s["misses_sample"]:
            print("  miss", m)
    print(f"{base.name}: " + " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                      for k, v in res.items()))
    return res


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    main(args[0] if args else str(ROOT / "tests" / "fixtures" / "realdocs"), "-v" in sys.argv)
