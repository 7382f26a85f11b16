"""Lean frame operations give what the plain pandas calls give, on the real figures of the seeds."""
from __future__ import annotations

import pandas as pd

from core.corpus import figures_frame
from core.frame_ops import first_distinct
from core.targets import _ACTUAL_COLUMNS


def test_first_distinct_keeps_the_rows_drop_duplicates_keeps(seed_docs):
    one = figures_frame(list(seed_docs.values()))
    # every seed twice under other ids, as a reprint would be: each statement has a repeat
    twice = pd.concat([one, one.assign(doc_id=one["doc_id"] + "_reprint")], ignore_index=True)
    twice.index = twice.index * 2 + 1          # labels that are not positions
    mask = twice["kind"].isin(["actual", "rank"])
    columns = [c for c in _ACTUAL_COLUMNS if c in twice.columns]
    want = twice[mask].drop_duplicates(subset=columns).index
    got = first_distinct(twice, mask, columns)
    assert list(got) == list(want)
    assert 0 < len(got) <= mask.sum() // 2   # the reprints are all left out
    assert not twice.loc[got, "doc_id"].str.endswith("_reprint").any()


def test_first_distinct_tells_missing_from_present_values():
    frame = pd.DataFrame({"a": ["x", None, "x", None, "y"], "b": [1.0, None, 1.0, 2.0, None]})
    assert list(first_distinct(frame, pd.Series(True, index=frame.index), ["a", "b"])) == [0, 1, 3, 4]
    assert list(first_distinct(frame, frame["a"].notna(), ["a"])) == [0, 4]
