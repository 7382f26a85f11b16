"""AppTest helpers shared by the page tests."""
from __future__ import annotations


def nodes(block) -> list:
    """Every element under a block, depth first (AppTest has no lookup of status boxes)."""
    out = []
    for child in getattr(block, "children", {}).values():
        out.append(child)
        out.extend(nodes(child))
    return out
