"""Time of the whole pipeline on hostile text shapes at two sizes: is every stage linear?

    python bench/bench_hostile.py [--sizes 10000 100000] [--shapes digits rank ...] [--timeout 300]
                                  [--root PATH] [--stage slogans]

Each (shape, size) runs in a fresh subprocess (so one stalled run cannot hide the others and is
cut at ``--timeout`` seconds): decode, normalize, metadata and every extractor, as
``core.document.load_document`` runs them, each timed. Prints one row per shape: seconds at each
size, the ratio of the largest to the smallest size (linear = size ratio, quadratic = its square),
and the slowest stage. ``--root`` runs another checkout of the project (e.g. an older commit
unpacked with ``git archive``) for a before/after table; ``--stage`` shows one stage's seconds
instead of the whole pipeline's (e.g. ``--shapes seeds --sizes 300000 900000 --stage slogans``).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _seed_text(n: int) -> str:
    one = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return _repeat(one + "\n", n)


# name -> (what it is, text of n characters); the first five are the shapes of issue 11
SHAPES = {
    "digits": ("b'1' * n", lambda n: "1" * n),
    "han_one": ("'一' * n", lambda n: "一" * n),
    "rank": ("'全省第1' repeated", lambda n: _repeat("全省第1", n)),
    "clause_commas": ("a figure clause repeated, commas, no 。", lambda n: _repeat("全市规上工业增加值增长8.4%，", n)),
    "clause_run": ("a figure clause repeated, no punctuation", lambda n: _repeat("全市规上工业增加值增长8.4%", n)),
    "seeds": ("the seeds' text repeated (real prose)", _seed_text),
    "latin": ("'ab' * n (letters, no digit)", lambda n: _repeat("ab", n)),
    "plus_code": ("'1+' * n (one endless code)", lambda n: _repeat("1+", n)),
    "chains": ("'十条产业链，' repeated", lambda n: _repeat("十条产业链，", n)),
    "quoted": ("'“头号工程”' repeated", lambda n: _repeat("“头号工程”", n)),
    "fraction": ("'三分' repeated (fraction prefix, no 之)", lambda n: _repeat("三分", n)),
    "enumeration": ("'高端化、' repeated", lambda n: _repeat("高端化、", n)),
    "list_counts": ("'新增A企业3家、' repeated", lambda n: _repeat("新增A企业3家、", n)),
}


def _run_one(shape: str, n: int) -> dict:
    """Time each stage of load_document on one shape (runs inside the subprocess)."""
    from core.chains import extract_chains
    from core.figures import extract_figures
    from core.ingest import decode
    from core.metadata import infer_metadata
    from core.normalize import normalize
    from core.slogans import extract_slogans
    from core.themes import extract_themes
    from core.tokenizer import get_tokenizer
    get_tokenizer()
    warm = _seed_text(3000)  # loads the posseg tables and compiles the cue patterns outside the timing
    wn = normalize(warm)
    extract_figures(wn.clean, wn.sentences, infer_metadata(wn.clean, wn.sentences))
    data = SHAPES[shape][1](n).encode("utf-8")
    times = {}

    def timed(stage, fn, *args):
        t0 = time.perf_counter()
        try:
            out = fn(*args)
        finally:
            times[stage] = round(time.perf_counter() - t0, 4)
        return out

    decoded = timed("decode", decode, data)
    norm = timed("normalize", normalize, decoded.text)
    meta = timed("metadata", infer_metadata, norm.clean, norm.sentences)
    timed("figures", extract_figures, norm.clean, norm.sentences, meta)
    timed("slogans", extract_slogans, norm.clean, norm.sentences)
    timed("themes", extract_themes, norm.clean, norm.sentences)
    timed("chains", extract_chains, norm.clean, norm.sentences)
    return {"total": round(sum(times.values()), 4), "stages": times}


def measure(shape: str, n: int, timeout: float, root: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", shape, str(n), "--root", str(root)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=root)
    except subprocess.TimeoutExpired:
        return {"total": None, "stages": {}, "note": f"> {timeout:g} s (cut)"}
    if out.returncode != 0:
        return {"total": None, "stages": {}, "note": "error: " + out.stderr.strip().splitlines()[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--root", type=Path, default=ROOT, help="project checkout to run (default: this one)")
    ap.add_argument("--stage", help="time of this stage only (decode, normalize, metadata, figures, ...)")
    ap.add_argument("--one", nargs=2, metavar=("SHAPE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        sys.path.insert(0, str(args.root.resolve()))
        for mod in [m for m in sys.modules if m == "core" or m.startswith("core.")]:
            del sys.modules[mod]
        print(json.dumps(_run_one(args.one[0], int(args.one[1]))))
        return
    sizes = sorted(args.sizes)
    head = f"{'shape':<14}" + "".join(f"{n:>12,}" for n in sizes) + f"{'ratio':>9}  slowest stage (largest size)"
    what = f"seconds of the {args.stage} stage" if args.stage else "seconds per document"
    print(f"root: {args.root.resolve()}  ({what}; ratio = largest / smallest size)")
    print(head)
    print("-" * len(head))
    for shape in args.shapes:
        res = [measure(shape, n, args.timeout, args.root.resolve()) for n in sizes]
        if args.stage:
            res = [{**r, "total": r["stages"].get(args.stage)} if r["total"] is not None else r for r in res]
        cells = "".join(f"{r['total']:>12.3f}" if r["total"] is not None else f"{r['note']:>12}" for r in res)
        lo, hi = res[0]["total"], res[-1]["total"]
        ratio = f"{hi / max(lo, 1e-3):>9.1f}" if lo is not None and hi is not None else f"{'-':>9}"
        stages = res[-1]["stages"]
        slow = max(stages.items(), key=lambda kv: kv[1]) if stages else ("-", 0)
        print(f"{shape:<14}{cells}{ratio}  {slow[0]} {slow[1]:.3f} s", flush=True)


if __name__ == "__main__":
    main()
