"""Several documents in one file: detection and split (core.splitting) on real devset documents."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from core.splitting import document_starts, looks_like_several, split_documents

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "fixtures" / "devset" / "docs"


def text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_two_real_documents_in_one_file_are_found_and_split_back():
    a, b = text("01_liaocheng.txt"), text("05_linyi.txt")
    joined = a + "\n\n" + b
    assert looks_like_several(joined)
    parts = document_starts(joined)
    assert len(parts) == 2
    assert parts[1].start == len(a) + 2  # at 05's title line, above its 发布日期 line
    assert parts[1].header.startswith("发布日期:2023-12-01")
    first, second = split_documents(joined)
    assert first == a.strip("\r\n") and second == b.strip("\r\n")


def test_each_split_part_gets_its_own_region_and_date():
    from core.document import load_document
    joined = text("14_sichuan.txt") + "\n" + text("01_liaocheng.txt")
    docs = [load_document(p.encode("utf-8"), f"part{i}.txt") for i, p in enumerate(split_documents(joined))]
    assert [d.meta.region for d in docs] == ["四川省", "聊城市"]
    assert [d.meta.date[:4] for d in docs] == ["2023", "2024"]
    whole = load_document(joined.encode("utf-8"), "joined.txt")
    assert whole.meta.region in ("四川省", "聊城市")  # unsplit, the whole file goes to one region


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.txt")) + sorted((ROOT / "seeds").rglob("*.txt")),
                         ids=lambda p: p.name)
def test_single_documents_are_not_split(path):
    raw = path.read_bytes().decode("utf-8", errors="replace")
    assert document_starts(raw)[0].start == 0
    assert not looks_like_several(raw), [p.header for p in document_starts(raw)]


def test_every_pair_with_a_publication_line_is_split_near_the_second_title():
    """All 16×15 ordered pairs of devset documents: where the second has a publication line, the
    file is split in two within a few lines of where it starts; never into three or more."""
    names = sorted(p.name for p in DOCS.glob("*.txt"))
    with_header = {n for n in names if document_starts(text(n))[0].header}
    assert len(with_header) >= 9
    for x, y in itertools.permutations(names, 2):
        a = text(x)
        parts = document_starts(a + "\n\n" + text(y))
        assert len(parts) <= 2, (x, y)
        if y in with_header:
            assert len(parts) == 2, (x, y)
            assert 0 <= parts[1].start - (len(a) + 2) <= 60, (x, y, parts[1].start, len(a) + 2)


def test_empty_and_plain_text():
    assert split_documents("") == [""]
    assert split_documents("威海市召开新闻发布会。") == ["威海市召开新闻发布会。"]


def test_detection_is_linear_in_the_text():
    """10× the text (also 10× the dated footer lines, the shape that cost quadratic time) takes
    less than 20× as long."""
    import time
    docs = "\n\n".join(text(p.name) for p in sorted(DOCS.glob("*.txt")))
    footer = "2025-08-04 10:23:41\n" * 2000

    def best(t: str) -> float:
        out = []
        for _ in range(3):
            t0 = time.perf_counter()
            document_starts(t)
            out.append(time.perf_counter() - t0)
        return min(out)

    small, big = footer + docs * 2, (footer + docs * 2) * 10
    assert len(document_starts(big)) >= 10 * len(document_starts(small)) - 10
    assert best(big) < 20 * best(small) + 0.05
