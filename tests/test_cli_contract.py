"""The public JSON Lines export: keys and types of every record."""
import json
import subprocess
import sys

from tests.conftest import ROOT, SEED_FILES

DOC_KEYS = {"type", "doc_id", "sha256", "path", "region", "level", "date", "title", "genre",
            "script", "defects", "n_chars"}


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
