"""The public JSON Lines export: keys and types of every record."""
import json
import subprocess
import sys

from tests.conftest import ROOT, SEED_FILES

DOC_KEYS = {"type", "doc_id", "sha256", "path", "region", "level", "date", "title", "genre",
            "script", "defects", "n_chars", "region_source", "date_source"}
# the original contract fields, then the comparability key added by issue 7, the rule trace by issue 8
FIGURE_KEYS = {"type", "doc_id", "kind", "indicator", "indicator_id", "measure", "value", "unit", "text",
               "qualifier", "period", "scope", "compared_to", "sentence", "start", "end",
               "region", "phrase", "ind_level", "match_confidence", "subset", "contribution", "base",
               "period_kind", "period_source", "deadline", "series", "rules",
               "baseline_value", "baseline_period"}


def run_extract(*args):
    out = subprocess.run([sys.executable, "-m", "core", "extract", *args],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    return out


def test_document_records_match_contract():
    out = run_extract("seeds", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    docs = [r for r in recs if r["type"] == "document"]
    assert len(docs) == len(SEED_FILES) == 5
    import hashlib
    for r, path in zip(docs, SEED_FILES):
        assert set(r) == DOC_KEYS
        assert r["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert r["script"] in ("simplified", "traditional")
        assert isinstance(r["n_chars"], int) and r["n_chars"] > 1000
        assert isinstance(r["defects"], list)


def test_figure_records_carry_the_comparability_key():
    out = run_extract("seeds", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    figs = [r for r in recs if r["type"] == "figure"]
    assert len(figs) > 100
    for r in figs:
        assert set(r) == FIGURE_KEYS
        assert r["kind"] in ("actual", "estimate", "target", "rank")
        assert r["ind_level"] in (None, "国家级", "省级以上", "省级", "市级以上", "市级", "县级")
        assert isinstance(r["contribution"], bool) and 0.0 <= r["match_confidence"] <= 1.0
        assert r["period_kind"] in (None, "year", "months", "quarter", "half", "month", "day", "range", "average")
        assert r["region"], r                      # the document's region when the sentence names no other
        # the explain trace: ASCII rule names (an "=word" tail may quote the text), number and unit
        # first, the identify stage last
        assert r["rules"] and all(isinstance(x, str) and x.split("=")[0].isascii() for x in r["rules"])
        assert r["rules"][0].startswith(("number:", "rank:")) and r["rules"][-1].startswith("identify:")
    # the contribution of industry to growth is its own series, never a gap to a base
    contrib = [r for r in figs if r["contribution"]]
    assert contrib and all(r["unit"] == "个百分点" for r in contrib)
    assert all("contribution" in r["series"] for r in contrib)
