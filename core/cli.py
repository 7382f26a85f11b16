"""Command line: ``python -m core normalize FILE``, ``python -m core extract PATH... --format jsonl|csv``
and ``python -m core track PATH... --format jsonl|csv`` (one row per target with its actual)."""
from __future__ import annotations

import argparse
import csv
import sys
from typing import Optional, Sequence

from core.corpus import load_corpus
from core.csv_safe import safe_dict
from core.document import load_path
from core.ingest import IngestError
from core.records import FIGURE_KEYS, iter_records, strict_json


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


def _cmd_extract(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.paths, use_manifest=not args.no_manifest)
    for p in corpus.problems:
        print(f"error: {p.path}: {p.message}", file=sys.stderr)
    out = sys.stdout
    if args.format == "jsonl":
        for doc in corpus.documents:
            for rec in iter_records(doc):
                out.write(strict_json(rec) + "\n")
    else:
        cols = ["region", "doc_region", "date", *(k for k in FIGURE_KEYS[1:] if k != "region"),
                "low_confidence"]
        writer = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for doc in corpus.documents:
            for rec, f in zip((r for r in iter_records(doc) if r["type"] == "figure"), doc.figures):
                writer.writerow(safe_dict({**rec, "doc_region": doc.meta.region, "date": doc.meta.date,
                                           "low_confidence": f.low_confidence, "rules": " ".join(f.rules)}))
    return 1 if corpus.problems and not corpus.documents else 0


TRACK_FIELDS = ("region", "indicator", "indicator_id", "measure", "target_value", "target_unit", "deadline",
                "hedge", "target_sentence", "actual_value", "actual_unit", "actual_period",
                "actual_sentence", "status",
                # context: how sure and where from
                "hedge_class", "target_level", "gap", "target_doc", "actual_doc", "match",
                "actual_final", "method")


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


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_norm = sub.add_parser("normalize", help="print the clean text of one file")
    p_norm.add_argument("file")
    p_norm.add_argument("--log", action="store_true", help="print the repair log to stderr")
    p_norm.set_defaults(func=_cmd_normalize)
    p_ext = sub.add_parser("extract", help="extract records from files or folders")
    p_ext.add_argument("paths", nargs="+")
    p_ext.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p_ext.add_argument("--no-manifest", action="store_true",
                       help="ignore manifest.csv and infer all metadata from the text")
    p_ext.set_defaults(func=_cmd_extract)
    p_trk = sub.add_parser("track", help="every target with the latest actual of the same quantity")
    p_trk.add_argument("paths", nargs="+")
    p_trk.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p_trk.add_argument("--no-manifest", action="store_true",
                       help="ignore manifest.csv and infer all metadata from the text")
    p_trk.add_argument("--today", help="judge as of this date (YYYY-MM-DD; default: today)")
    p_trk.set_defaults(func=_cmd_track)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return 0
