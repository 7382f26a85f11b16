"""Distinctive vocabulary (weighted log-odds, informative Dirichlet prior) on the seeds."""
from __future__ import annotations

import math
from collections import Counter

from core.vocabulary import COLUMNS, OTHER, distinctive_vocabulary, log_odds_z, stopwords, terms


def test_liaocheng_against_the_rest(seed_docs):
    df = distinctive_vocabulary(seed_docs.values(), "聊城市", top=20)
    assert list(df.columns) == COLUMNS
    mine = df[df.region == "聊城市"]
    rest = df[df.region == OTHER]
    assert len(mine) == 20 and len(rest) == 20
    assert (mine.z > 0).all() and (rest.z < 0).all()
    assert list(mine.z) == sorted(mine.z, reverse=True)
    # Liaocheng's own industries: 有色金属 and 轴承 appear in no other document
    for term in ("有色金属", "轴承"):
        row = mine[mine.term == term].iloc[0]
        assert row.count_b == 0 and row.count_a >= 3
        assert all(term in s for s in row.sentences) and 1 <= len(row.sentences) <= 3
    # Weihai's 新旧动能转换 favours the rest; place names are never terms
    assert "新旧动能转换" in set(rest.term)
    assert not {"威海", "威海市", "聊城", "聊城市", "山东", "山东省"} & set(df.term)


def test_weihai_against_linyi(seed_docs):
    df = distinctive_vocabulary(seed_docs.values(), "威海市", "临沂市", top=10)
    wh, ly = df[df.region == "威海市"], df[df.region == "临沂市"]
    assert {"新旧动能转换", "创新"} <= set(wh.term) and "王林艳" in set(ly.term)
    assert (wh.count_a >= wh.count_b).all()
    row = ly[ly.term == "王林艳"].iloc[0]
    assert row.count_a == 0 and row.count_b > 0 and row.z < -1.96
    # counts only from the two regions: Shandong and Liaocheng text does not count
    for _, r in df.iterrows():
        wh_n = sum(s.count(r.term) for d in seed_docs.values() if d.meta.region == "威海市"
                   for s in [d.clean])
        assert r.count_a <= wh_n


def test_unknown_region_gives_empty_frame(seed_docs):
    df = distinctive_vocabulary(seed_docs.values(), "不存在市")
    assert df.empty and list(df.columns) == COLUMNS
    assert distinctive_vocabulary([], "威海市").empty


def test_log_odds_formula():
    a, b = Counter({"x": 10, "y": 2}), Counter({"x": 2, "y": 10})
    prior = a + b
    z = log_odds_z(a, b, prior, strength=24)
    # a_w = 24 * 12/24 = 12; n_a = n_b = 12, a_0 = 24
    d = math.log(22 / (36 - 22)) - math.log(14 / (36 - 14))
    assert math.isclose(z["x"], d / math.sqrt(1 / 22 + 1 / 14))
    assert math.isclose(z["y"], -z["x"])


def test_terms_drop_stopwords_numbers_and_single_characters():
    toks = terms("2023年，我们持续推进5G基站和新型工业化建设，增长8.4%。")
    assert "我们" in stopwords() and "我们" not in toks
    assert "5G" in toks and "新型工业化" in toks  # user dictionary word stays whole
    assert not any(len(t) < 2 or t.replace(".", "").isdigit() for t in toks)


def test_region_names_and_short_forms_are_not_distinctive_terms(seed_docs):
    """Without the filter 威海市 and 威海 are Weihai's top two terms (z 4.9 and 4.1 against the rest)."""
    from core.vocabulary import place_words
    words = place_words()
    assert {"威海市", "威海", "山东省", "山东", "临沂", "济南市莱芜区", "莱芜区"} <= words
    assert not {"创新", "工业", "新旧动能转换", "新平"} & words  # county short forms stay words
    for other in ("临沂市", None):
        df = distinctive_vocabulary(seed_docs.values(), "威海市", other, top=10)
        top = list(df[df.region == "威海市"].term)
        assert top and not {"威海市", "威海"} & set(df.term), top
        assert top[0] == "创新"
    # the counts still see the names: the filter is what removes them
    counts = Counter(t for d in seed_docs.values() if d.meta.region == "威海市" for t in terms(d.clean))
    assert counts["威海市"] > 10 and counts["威海"] > 10
