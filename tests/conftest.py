"""Shared fixtures: seed paths and a warm jieba (a cold load takes ~1 s)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# the development set of ../shared/devset, vendored byte-for-byte so CI needs nothing outside the repo
DEVSET = ROOT / "tests" / "fixtures" / "devset"


def seed_bytes(prefix: str) -> bytes:
    """Raw bytes of the seed whose name starts with ``prefix`` ("000" .. "004")."""
    return next(p for p in SEED_FILES if p.name.startswith(prefix)).read_bytes()


@pytest.fixture(scope="session", autouse=True)
def _warm_jieba():
    from core.tokenizer import get_tokenizer
    get_tokenizer()


@pytest.fixture(scope="session")
def seed_docs():
    """All five seeds through the full pipeline, manifest ignored, keyed by prefix."""
    from core.document import load_path
    return {p.name[:3]: load_path(p) for p in SEED_FILES}
