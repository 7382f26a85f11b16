"""Document metadata inference. PLACEHOLDER: replaced by the metadata work (issue 2)."""
from __future__ import annotations

from typing import Optional

from core.models import DocMeta, Sentence


def infer_metadata(clean: str, sentences: Optional[list[Sentence]] = None) -> DocMeta:
    return DocMeta()


def apply_manifest(meta: DocMeta, manifest: dict) -> DocMeta:
    for k, v in manifest.items():
        if hasattr(meta, k) and v not in (None, ""):
            setattr(meta, k, v)
    return meta
