"""The national government work reports (``../shared/national-reports``): targets and tracking.

Runs ``python -m core extract`` and ``python -m core track`` on the 32 reports (metadata inferred
from the text, as a user's upload would be) and scores them against the hand-labelled files:

- documents: region 全国 and the report's year (each file is named after the year it was delivered);
- targets (``targets.json``, 178): a gold target is found when a figure of its file with the
  same value (either end of a range) and a similar sentence is extracted as a target; it is
  dated right when its deadline is the report's year;
- tracking (``tracking.json``, 158 pairs), as the sealed runner counts it: a known outcome is
  *right* when the target's row shows the outcome's value and the right status (achieved iff met);
  a *false* judgement is a row that shows any actual with a status for a target whose outcome the
  next report does not state.

    python bench/eval_national.py            # totals
    python bench/eval_national.py -v         # and every miss
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.similarity import dice  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT.parent / "shared" / "national-reports"


def _same(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))


_REDUCTION = ("降低", "下降", "减少")


def _same_as_gold(ours, gold, indicator: str) -> bool:
    """Our value equals the gold one. The gold writes a reduction target (能耗降低3%, 贫困人口减少
    1000万) as a positive amount of its reduction indicator; our contract writes it as a negative
    change (the devset's convention): for those indicators the sign is not compared."""
    if ours is not None and any(w in indicator for w in _REDUCTION):
        return _same(abs(float(ours)), gold)
    return _same(ours, gold)


def _run(args: list[str]) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "core", *args, "--format", "jsonl"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def score_documents(records: list[dict]) -> tuple[Counter, list[str]]:
    out, lines = Counter(), []
    for r in records:
        if r.get("type") != "document":
            continue
        year = Path(r["path"]).stem
        out["docs"] += 1
        out["region_ok"] += r.get("region") == "全国"
        ok = (r.get("date") or "")[:4] == year
        out["year_ok"] += ok
        if not ok or r.get("region") != "全国":
            lines.append(f"doc {year}: region={r.get('region')} date={r.get('date')} ({r.get('date_source')})")
    return out, lines


def score_targets(records: list[dict]) -> tuple[Counter, list[str]]:
    gold = json.loads((NATIONAL / "targets.json").read_text(encoding="utf-8"))
    docs = {r["doc_id"]: Path(r["path"]).name for r in records if r.get("type") == "document"}
    figs: dict[str, list[dict]] = {}
    for r in records:
        if r.get("type") == "figure":
            figs.setdefault(docs.get(r["doc_id"], ""), []).append(r)
    out, lines = Counter(), []
    for g in gold:
        out["gold_targets"] += 1
        values = [v for v in (g["low"], g["high"]) if v is not None]
        cands = [f for f in figs.get(g["file"], []) if any(_same_as_gold(f.get("value"), v, g["indicator"]) for v in values)
                 and dice(f.get("sentence"), g["sentence"]) >= 0.35]
        best = max(cands, key=lambda f: (f.get("kind") == "target", dice(f.get("sentence"), g["sentence"])),
                   default=None)
        if best is None:
            lines.append(f"target {g['year']} {g['indicator']} {values}: not extracted")
            continue
        out["found"] += 1
        if best.get("kind") == "target":
            out["target_ok"] += 1
            out["deadline_ok"] += str(best.get("deadline") or best.get("period") or "")[:4] == str(g["year"])
        else:
            lines.append(f"target {g['year']} {g['indicator']} {values}: kind {best.get('kind')} "
                         f"«{g['sentence'][:50]}»")
    return out, lines


def _row_of(pair: dict, rows: list[dict]) -> dict | None:
    """The tracked row of a pair's target: its document, the same value, the most similar sentence."""
    stem = Path(pair["target_file"]).stem
    values = [v for v in (pair.get("target_low"), pair.get("target_high"), pair["target_value"]) if v is not None]
    cands = [r for r in rows if str(r.get("target_doc")) == stem
             and any(_same_as_gold(r.get("target_value"), v, pair["indicator"]) for v in values)]
    # two targets of one value in one sentence (M2预期增长13%左右，社会融资规模余额增长13%左右):
    # the row whose indicator is most like the pair's
    scored = [((dice(r.get("target_sentence"), pair["target_sentence"]),
                dice(r.get("indicator"), pair["indicator"])), r) for r in cands]
    scored = [x for x in scored if x[0][0] >= 0.35]
    return max(scored, key=lambda x: x[0])[1] if scored else None


def score_tracking(rows: list[dict]) -> tuple[Counter, list[str]]:
    pairs = json.loads((NATIONAL / "tracking.json").read_text(encoding="utf-8"))
    out, lines = Counter(), []
    for p in pairs:
        row = _row_of(p, rows)
        shown = bool(row) and row.get("actual_value") is not None \
            and str(row.get("status", "")).lower() not in ("", "no data")
        if p["met"] is None:
            out["unknown"] += 1
            out["false"] += shown
            if shown:
                lines.append(f"FALSE {p['target_year']} {p['indicator']}: judged on "
                             f"{row['actual_value']}{row.get('actual_unit') or ''} «{(row.get('actual_sentence') or '')[:50]}»")
            continue
        out["known"] += 1
        same = shown and _same_as_gold(row["actual_value"], p["actual_value"], p["indicator"])
        ok = same \
            and (row["status"] == "achieved") == bool(p["met"])
        out["found"] += bool(same)
        out["right"] += bool(ok)
        if not ok:
            got = "target row not found" if row is None else \
                f"{row.get('actual_value')}{row.get('actual_unit') or ''} {row.get('status')}"
            lines.append(f"MISS {p['target_year']} {p['indicator']} {p['target_value']} -> want "
                         f"{p['actual_value']} met={p['met']} | got {got}")
    return out, lines


def main(verbose: bool = False) -> dict:
    reports = str(NATIONAL / "reports")
    records = _run(["extract", reports])
    rows = _run(["track", reports])
    d, dl = score_documents(records)
    t, tl = score_targets(records)
    k, kl = score_tracking(rows)
    if verbose:
        print("\n".join([*dl, *tl, *kl]))
    res = {"region": d["region_ok"] / d["docs"], "year": d["year_ok"] / d["docs"],
           "targets_found": t["found"] / t["gold_targets"], "target_kind": t["target_ok"] / t["gold_targets"],
           "target_deadline": t["deadline_ok"] / t["gold_targets"],
           "tracking_right": f"{k['right']}/{k['known']}", "tracking_found": f"{k['found']}/{k['known']}",
           "tracking_false": f"{k['false']}/{k['unknown']}"}
    print("national: " + " ".join(f"{a}={b:.3f}" if isinstance(b, float) else f"{a}={b}" for a, b in res.items()))
    return res


if __name__ == "__main__":
    main("-v" in sys.argv)
