"""Document metadata: region, date, genre, title and speakers inferred from the clean text.

``infer_metadata`` never raises; what it cannot infer stays None. ``apply_manifest`` lets a
manifest row override any field.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from core.gazetteer import lookup
from core.metadata.dates import infer_date
from core.metadata.doctype import infer_genre, infer_title
from core.metadata.region import infer_region
from core.metadata.speakers import infer_speakers
from core.metadata.text import prepare
from core.models import DocMeta, Sentence

__all__ = ["infer_metadata", "apply_manifest"]

NO_YEAR = "no cue in the text gives a year"   # the date_source of a document left undated


def infer_metadata(clean: str, sentences: Optional[list[Sentence]] = None, header: str = "") -> DocMeta:
    """Region (issuing government), level, date with its source, genre, title and speakers.

    ``clean`` is the normalized simplified text; pinyin glosses and page chrome left in it are
    tolerated. ``sentences`` is accepted for the pipeline's signature and not needed. ``header``
    holds the page lines before the body as they were before chrome removal
    (``Normalized.header``): publication dates, source lines, front matter.
    """
    prep = prepare(clean if isinstance(clean, str) else "")
    if not prep.body:
        return DocMeta()
    region = infer_region(prep.body, header)
    date, date_source = infer_date(prep.body, header)
    if date is None:
        date_source = NO_YEAR
    genre = infer_genre(prep)
    return DocMeta(
        region=region.region, region_en=region.region_en, level=region.level,
        region_source="; ".join(region.evidence) or None,
        date=date, date_source=date_source,
        title=infer_title(prep, genre), genre=genre,
        speakers=infer_speakers(prep.body),
    )


def apply_manifest(meta: DocMeta, manifest: dict) -> DocMeta:
    """Manifest values (non-empty) override inferred ones; a manifest date sets
    ``date_source = "manifest"``; a manifest region without level/region_en gets them from the
    gazetteer. Returns a new DocMeta."""
    if not manifest:
        return meta
    given = {k: v for k, v in manifest.items()
             if hasattr(meta, k) and v not in (None, "") and k != "date_source"}
    out = replace(meta, **given)
    if "date" in given:
        out.date_source = "manifest"
    if "region" in given:
        out.region_source = "manifest"
        place = lookup(str(given["region"]))
        if "region_en" not in given:
            out.region_en = place.full_name_en if place else None
        if "level" not in given:
            out.level = place.level if place else (meta.level if given["region"] == meta.region else None)
    return out
