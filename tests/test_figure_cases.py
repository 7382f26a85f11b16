"""Figure cases as data: ``tests/cases/figures.json`` (must pass) and
``tests/cases/figures_known_failures.json`` (run as strict expected failures: one that starts
passing fails the run, so it is moved into the cases file instead of lingering).

A case is a sentence (with the document date it is read at) and what must come out of it:

- ``figures``: expected records; each must match a distinct figure on every field it lists
  (``value`` with a tolerance; ``amount`` = [value, unit] compared after the devset scorer's
  magnitude normalization; ``indicator_like`` = the scorer's criterion, character dice >= 0.5;
  ``qualifier_has`` = words that must all be among the ``;``-separated qualifier words; any other
  key is compared exactly with the Figure field of that name);
- ``only``: no figure beyond the expected ones (``"figures": [], "only": true`` is a negative case);
- ``absent``: texts that must not be the text of any figure;
- ``stage``: ``extract`` (``core.figures.extract_figures`` alone) or ``identify`` (extraction then
  ``core.identity.identify``, what the export holds; the default).
"""
from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Optional

import pytest

from core.figures import extract_figures
from core.identity import identify
from core.models import DocMeta, Figure
from core.normalize import normalize

CASES = Path(__file__).parent / "cases"
DEVSET = Path(__file__).parent / "fixtures" / "devset"

_spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "score.py")
scorer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scorer)


def load(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))["cases"]


def figures_of(case: dict) -> list[Figure]:
    """The figures of a case's sentence, read at its date (and region) through its stage."""
    return list(_figures(case["sentence"], case.get("date"), case.get("region"), case.get("stage", "identify")))


@functools.lru_cache(maxsize=None)
def _figures(sentence: str, date: Optional[str], region: Optional[str], stage: str) -> tuple[Figure, ...]:
    meta = DocMeta(date=date, region=region)
    n = normalize(sentence)
    figs = extract_figures(n.clean, n.sentences, meta)
    return tuple(identify(figs, n.clean, meta) if stage == "identify" else figs)


def _field_ok(f: Figure, key: str, want) -> bool:
    if key == "amount":
        a, b = scorer.norm_unit(f.value, f.unit), scorer.norm_unit(*want)
        return a[1] == b[1] and scorer.same_value(a[0], b[0])
    if key == "indicator_like":
        return scorer.chars_dice(f.indicator, want) >= 0.5
    if key == "qualifier_has":
        words = (f.qualifier or "").split(";")
        return all(w in words for w in want)
    got = getattr(f, key)
    if key == "value":
        return abs(got - want) <= 1e-6 * max(1.0, abs(want))
    return got == want


def _got(f: Figure, key: str):
    """What a field check looked at, for the message."""
    return {"amount": (f.value, f.unit), "indicator_like": f.indicator,
            "qualifier_has": f.qualifier}.get(key, getattr(f, key, None))


def _show(f: Figure) -> str:
    return f"{f.text}({f.kind}/{f.measure}, {f.indicator or '-'}, q={f.qualifier})"


def problems(case: dict, figs: Optional[list[Figure]] = None) -> list[str]:
    """What is wrong with the figures of a case: empty when it passes."""
    figs = figures_of(case) if figs is None else figs
    out: list[str] = []
    used: set[int] = set()
    for want in case.get("figures", []):
        hit = next((i for i, f in enumerate(figs) if i not in used
                    and all(_field_ok(f, k, v) for k, v in want.items())), None)
        if hit is not None:
            used.add(hit)
            continue
        near = [f for i, f in enumerate(figs) if i not in used and (
            ("text" in want and f.text == want["text"]) or ("amount" in want and _field_ok(f, "amount", want["amount"]))
            or ("value" in want and _field_ok(f, "value", want["value"])))]
        if near:
            used.add(figs.index(near[0]))     # the figure meant, reported once (not also as unexpected)
            bad = [f"{k} {_got(near[0], k)!r} != {v!r}" for k, v in want.items() if not _field_ok(near[0], k, v)]
            out.append(f"{want.get('text', want.get('amount', want.get('value')))}: " + "; ".join(bad))
        else:
            out.append(f"missing {want.get('text', want.get('amount', want))}")
    if case.get("only"):
        out += [f"unexpected {_show(f)}" for i, f in enumerate(figs) if i not in used]
    out += [f"must not be a figure: {_show(f)}" for f in figs if f.text in case.get("absent", [])]
    return out


CASE_LIST = load("figures.json")
KNOWN = load("figures_known_failures.json")


def test_cases_are_well_formed_and_many():
    ids = [c["id"] for c in CASE_LIST + KNOWN]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    assert len(CASE_LIST) >= 40
    assert all(c.get("figures") or c.get("only") or c.get("absent") for c in CASE_LIST + KNOWN)
    assert all(c.get("reason") for c in KNOWN), "every known failure says why"
    negatives = [c for c in CASE_LIST if c.get("only") and not c.get("figures")]
    assert len(negatives) >= 5


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["id"] for c in CASE_LIST])
def test_case(case):
    assert not problems(case), f"{case['sentence']}\n" + "\n".join(problems(case))


@pytest.mark.parametrize("case", KNOWN, ids=[c["id"] for c in KNOWN])
@pytest.mark.xfail(strict=True, reason="known failure (tests/cases/figures_known_failures.json)")
def test_known_failure(case):
    assert not problems(case), case["reason"]


def test_the_checker_reports_what_differs():
    """A wrong expectation, a missing figure, an extra figure and a forbidden text are all caught."""
    base = {"sentence": "2023年新增规上工业企业120家，工业投资增长8.4%。", "date": "2024-03-01"}
    assert not problems({**base, "figures": [{"text": "120家", "measure": "count_new"}, {"amount": [8.4, "%"]}], "only": True})
    assert problems({**base, "figures": [{"text": "120家", "kind": "target"}]}) == ["120家: kind 'actual' != 'target'"]
    assert problems({**base, "figures": [{"text": "121家"}]}) == ["missing 121家"]
    assert problems({**base, "figures": [{"text": "120家"}], "only": True})[0].startswith("unexpected 8.4%")
    assert problems({**base, "absent": ["8.4%"]})[0].startswith("must not be a figure: 8.4%")
    assert problems({**base, "figures": [{"text": "120家", "indicator_like": "营业收入"}]})
    assert not problems({**base, "figures": [{"text": "120家", "indicator_like": "规上工业企业数"}]})
