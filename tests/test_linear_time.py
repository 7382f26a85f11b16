"""Linear time on hostile text: each pathological shape at 10k and 100k characters.

Speed is measured by ``bench/bench_hostile.py`` (it prints the table); here only a loose ratio is
asserted so that machine noise cannot fail it: 10x the text may take at most 20x the time (a
quadratic stage takes ~100x). The 10k time is one cold run (a repeat would hit the phrase caches)
and never counted below a floor of 20 ms, so a tiny baseline cannot turn jitter into a failure.
"""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from core.document import load_document
from core.limits import bounded_sentences, limit
from core.models import Sentence

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_hostile.py"
_spec = importlib.util.spec_from_file_location("bench_hostile", BENCH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

MAX_RATIO = 20
FLOOR = 0.02


def _seconds(data: bytes) -> float:
    t0 = time.perf_counter()
    load_document(data, "x.txt")
    return time.perf_counter() - t0


@pytest.fixture(scope="module", autouse=True)
def _warm():
    load_document(bench._seed_text(3000).encode(), "warm.txt")  # posseg tables, cue patterns


@pytest.mark.parametrize("shape", sorted(bench.SHAPES))
def test_ten_times_the_text_takes_at_most_twenty_times_as_long(shape):
    make = bench.SHAPES[shape][1]
    small, large = make(10_000).encode(), make(100_000).encode()
    # one run each: a second run of the same text would hit the phrase caches (indicator matches,
    # jieba tags) and time a cheaper path than the large text gets
    t_small = _seconds(small)
    t_large = _seconds(large)
    assert t_large <= MAX_RATIO * max(t_small, FLOOR), (
        f"{shape}: 10k chars {t_small:.3f} s, 100k chars {t_large:.3f} s (more than {MAX_RATIO}x)")


def test_pieces_cover_the_sentence_and_respect_the_caps():
    text = ("全市规上工业增加值增长8.4%" * 200 + "，" + "新增企业3家，" * 300 + "1" * 5000)
    s = Sentence(7, 100, 100 + len(text), text, True)
    clean = " " * 100 + text
    pieces = bounded_sentences([s], "，。")
    assert len(pieces) > 1
    assert "".join(p.text for p in pieces) == text
    assert pieces[0].start == s.start and pieces[-1].end == s.end
    for a, b in zip(pieces, pieces[1:]):
        assert a.end == b.start
    for p in pieces:
        assert clean[p.start:p.end] == p.text
        assert p.index == 7 and p.damaged
        assert len(p.text) <= limit("figure_sentence_max_chars")
        assert all(len(c) <= limit("figure_clause_max_chars") for c in p.text.split("，"))


def test_a_cut_avoids_splitting_a_number_when_it_can():
    text = "增长8.4%" * 100  # no clause mark at all
    pieces = bounded_sentences([Sentence(0, 0, len(text), text)], "，。")
    assert len(pieces) > 1
    for p in pieces[:-1]:
        assert p.text.endswith("%") or not p.text[-1].isdigit()


def test_ordinary_sentences_pass_through_unchanged():
    s = [Sentence(0, 0, 12, "全市规上工业增加值增长8.4%。"[:12]), Sentence(1, 13, 20, "新增企业3家。")]
    assert bounded_sentences(s, "，。") == s
