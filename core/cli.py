"""Command line: ``python -m core normalize FILE``, ``python -m core extract PATH... --format jsonl|csv``
and ``python -m core track PATH... --format jsonl|csv`` (one row per target with its actual), and
``python -m core build PATH... --store DIR [--jobs N] [--engine local|dask]``."""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from typing import TYPE_CHECKING, Optional, Sequence

from core.corpus import load_corpus
from core.csv_safe import safe_dict
from core.document import load_path
from core.ingest import IngestError
from core.exports import CSV_COLUMNS, csv_rows, jsonl_lines
from core.records import strict_json

if TYPE_CHECKING:  # the build machinery is imported only when a build runs
    from core.build import BuildReport


def _cmd_normalize(args: argparse.Namespace) -> int:
    try:
        doc = load_path(args.file)
    except (IngestError, OSError) as err:
        print(f"error: {args.file}: {err}", file=sys.stderr)
        return 2
    sys.stdout.write(doc.clean)
    if not doc.clean.endswith("\n"):
        sys.stdout.write("\n")
    if args.log:
        for r in doc.normalized.repairs:
            print(f"[repair] {r.kind} x{r.count}", file=sys.stderr)
    return 0


def _write_csv_header(out) -> csv.DictWriter:
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    return writer


def _cmd_extract(args: argparse.Namespace) -> int:
    if args.store:
        return _extract_from_store(args)
    if not args.paths:
        print("error: give files or folders, or --store DIR", file=sys.stderr)
        return 2
    corpus = load_corpus(args.paths, use_manifest=not args.no_manifest)
    for p in corpus.problems:
        print(f"error: {p.path}: {p.message}", file=sys.stderr)
    out = sys.stdout
    if args.format == "jsonl":
        for doc in corpus.documents:
            for line in jsonl_lines(doc):
                out.write(line + "\n")
    else:
        writer = _write_csv_header(out)
        for doc in corpus.documents:
            writer.writerows(csv_rows(doc))
    return 1 if corpus.problems and not corpus.documents else 0


TRACK_FIELDS = ("region", "indicator", "indicator_id", "measure", "target_value", "target_unit", "deadline",
                "hedge", "target_sentence", "actual_value", "actual_unit", "actual_period",
                "actual_sentence", "status",
                # context: how sure and where from
                "hedge_class", "target_level", "gap", "target_doc", "actual_doc", "match",
                "actual_final", "method",
                # issue 16: the outcome shown is an "actual" or an "estimate" (provisional)
                "actual_kind")


def track_records(frame) -> list[dict]:
    """Rows of ``core.targets.track_targets`` in the public ``track`` shape (values as stated)."""
    import math

    def clean(v):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return None
        return v.item() if hasattr(v, "item") else v

    out = []
    for r in frame.to_dict("records"):
        row = {**r, "target_unit": r.get("unit"), "actual_value": r.get("actual_stated_value")}
        out.append({k: clean(row.get(k)) for k in TRACK_FIELDS})
    return out


def _cmd_track(args: argparse.Namespace) -> int:
    from datetime import date

    from core.corpus import figures_frame
    from core.targets import track_targets

    corpus = load_corpus(args.paths, use_manifest=not args.no_manifest)
    for p in corpus.problems:
        print(f"error: {p.path}: {p.message}", file=sys.stderr)
    today = date.fromisoformat(args.today) if args.today else None
    rows = track_records(track_targets(figures_frame(corpus.documents), None, today))
    if args.format == "jsonl":
        for row in rows:
            sys.stdout.write(strict_json(row) + "\n")
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(TRACK_FIELDS))
        writer.writeheader()
        writer.writerows(safe_dict(row) for row in rows)
    return 1 if corpus.problems and not corpus.documents else 0


def _progress(quiet: bool):
    if quiet:
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] > 1.0:
            last[0] = now
            print(f"\r{done}/{total} documents", end="\n" if done == total else "", file=sys.stderr, flush=True)
    return show


def _run_build(args: argparse.Namespace, paths) -> BuildReport:
    from core.build import build
    return build(paths, args.store, jobs=args.jobs, engine=args.engine, address=args.scheduler,
                 use_manifest=not args.no_manifest, progress=_progress(args.quiet))


def _extract_from_store(args: argparse.Namespace) -> int:
    """Exports read from a store (built or updated first when paths are given)."""
    from core.corpus_store import CorpusStore, StoreError
    store = CorpusStore(args.store)
    problems: list = []
    try:
        if args.paths:
            report = _run_build(args, args.paths)
            problems = report.problems
            wanted = report.keys
        elif not store.exists():
            print(f"error: {args.store}: no store here (build one with python -m core build PATH --store DIR)",
                  file=sys.stderr)
            return 2
        else:
            wanted = None
        manifest = store.manifest()
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for name, message in problems:
        print(f"error: {name}: {message}", file=sys.stderr)
    by_key = {e.key: e for e in manifest.documents()}
    entries = list(by_key.values()) if wanted is None else [by_key[k] for k in wanted if k in by_key]
    out = sys.stdout
    writer = _write_csv_header(out) if args.format == "csv" else None
    chunk = 200
    for i in range(0, len(entries), chunk):
        table = store.read_table("records", entries[i:i + chunk], ["json", "csv"])
        if table is None:
            continue
        if writer is None:
            for line in table.column("json").to_pylist():
                out.write(line + "\n")
        else:
            writer.writerows(json.loads(row) for row in table.column("csv").to_pylist() if row)
    return 1 if problems and not entries else 0


def _cmd_build(args: argparse.Namespace) -> int:
    from core.build import BuildError
    from core.corpus_store import StoreError
    try:
        report = _run_build(args, args.paths)
    except (BuildError, StoreError, OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for name, message in report.problems:
        print(f"error: {name}: {message}", file=sys.stderr)
    print(f"{report.inputs} inputs: {report.extracted} extracted, {report.reused} already stored, "
          f"{report.failed} failed; {report.workers} worker(s), {report.seconds:.1f} s; "
          f"store {args.store} (revision {report.revision})", file=sys.stderr)
    return 1 if report.problems and not report.keys else 0


def _add_build_options(p: argparse.ArgumentParser) -> None:
    from core.engines import ENGINES
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1: this process)")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local processes, or a Dask distributed cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: a running scheduler (default: a LocalCluster of --jobs workers)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_norm = sub.add_parser("normalize", help="print the clean text of one file")
    p_norm.add_argument("file")
    p_norm.add_argument("--log", action="store_true", help="print the repair log to stderr")
    p_norm.set_defaults(func=_cmd_normalize)
    p_ext = sub.add_parser("extract", help="extract records from files or folders (or read them from a store)")
    p_ext.add_argument("paths", nargs="*")
    p_ext.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p_ext.add_argument("--no-manifest", action="store_true",
                       help="ignore manifest.csv and infer all metadata from the text")
    p_ext.add_argument("--store", metavar="DIR",
                       help="read the records from this store (updated first from the paths given)")
    _add_build_options(p_ext)
    p_ext.set_defaults(func=_cmd_extract)
    p_trk = sub.add_parser("track", help="every target with the latest actual of the same quantity")
    p_trk.add_argument("paths", nargs="+")
    p_trk.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p_trk.add_argument("--no-manifest", action="store_true",
                       help="ignore manifest.csv and infer all metadata from the text")
    p_trk.add_argument("--today", help="judge as of this date (YYYY-MM-DD; default: today)")
    p_trk.set_defaults(func=_cmd_track)
    p_build = sub.add_parser("build", help="extract files or folders into a corpus store (incremental)")
    p_build.add_argument("paths", nargs="+")
    p_build.add_argument("--store", metavar="DIR", required=True, help="the store folder (created if missing)")
    p_build.add_argument("--no-manifest", action="store_true",
                         help="ignore manifest.csv and infer all metadata from the text")
    _add_build_options(p_build)
    p_build.set_defaults(func=_cmd_build)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
