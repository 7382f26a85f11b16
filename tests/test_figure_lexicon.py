"""The figure package keeps its cue words in data, one hedge vocabulary, and documented rule names."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import core.figures
from core.figures.lexicon import HEDGES_PATH, cues, hedges
from core.targets import classify_hedge
from tests.test_figure_cases import CASE_LIST, KNOWN, figures_of

PACKAGE = Path(core.figures.__file__).parent
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def test_no_chinese_string_literal_in_the_figure_code():
    """Every cue word lives in core/data (behind core.figures.lexicon); docstrings may show examples."""
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        found += [f"{path.name}:{n.lineno}: {n.value[:30]!r}" for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and HAN.search(n.value)
                  and id(n) not in docs]
    assert not found, found


def test_one_hedge_vocabulary_serves_figures_and_tracking():
    h = hedges()
    words = [w for cls in h.classes.values() for side in ("before", "inner", "after") for w in cls.get(side, [])]
    assert len(words) == len(set(words)), "a hedge word belongs to one class only"
    c = cues()
    assert set(c.hedges_before) | set(c.target_hedges) | set(h.inner) | set(h.after) == set(words)
    assert set(h.target) == {w for cls in ("hard", "soft") for w in h.classes[cls]["before"]}
    assert all(h.classes[cls].get("target_cue") for cls in ("hard", "soft"))
    assert HEDGES_PATH.name == "hedges.json" and not (HEDGES_PATH.parent / "target_hedges.json").exists()
    # the figure's qualifier and the tracker's class agree on the same words
    case = next(c for c in CASE_LIST if c["id"] == "one_hedge_vocabulary_hard_and_floor")
    (fig,) = figures_of(case)
    assert classify_hedge(fig.qualifier, fig.sentence, fig.text) == ("务必 至少", "hard")
    assert classify_hedge("至少", "", "")[1] == "floor" and classify_hedge("力求", "", "")[1] == "soft"


def _documented() -> list[re.Pattern]:
    """Rule-name patterns of the vocabulary in the core.figures docstring (``stage:a|b``, ``<x>``)."""
    out = []
    for token in re.findall(r"``([^`]+)``", core.figures.__doc__):
        name = token.split("=")[0]
        if ":" not in name:
            continue
        head, _, tail = name.rpartition(":")
        alts = tail.split("|")
        rx = re.escape(head + ":") + "(?:" + "|".join(map(re.escape, alts)) + ")"
        out.append(re.compile(rx.replace(re.escape("<"), "<").replace(re.escape(">"), ">")
                              .replace("<m>", "[a-z_]+").replace("<class>", "[a-z_]+")))
    return out


def test_every_rule_name_is_documented_and_ascii(seed_docs):
    patterns = _documented()
    names = {r.split("=")[0] for d in seed_docs.values() for f in d.figures for r in f.rules}
    names |= {r.split("=")[0] for c in CASE_LIST + KNOWN for f in figures_of(c) for r in f.rules}
    assert len(names) > 40
    assert all(n.isascii() and re.fullmatch(r"[a-z_]+(?::[a-z_<>]+)+", n) for n in names), names
    undocumented = sorted(n for n in names if not any(p.fullmatch(n) for p in patterns))
    assert not undocumented, undocumented
