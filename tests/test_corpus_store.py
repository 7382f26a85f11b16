"""The corpus store and its build, on the real seeds: same frames as the pipeline, incremental,
atomic (a failure before the rename or a killed build leaves the previous store readable)."""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import core.build
import core.corpus_store
from core.build import build
from core.corpus import corpus_frames, load_corpus
from core.corpus_store import CorpusStore
from core.corpus_view import StoreView
from core.version import compute_version
from tests.conftest import ROOT, SEED_FILES, SEEDS


def plain(v):
    """Lists, tuples and dicts compared by value (Parquet gives lists where the pipeline has tuples)."""
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v


def assert_same_frames(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert set(a) <= set(b)
    for name, frame in a.items():
        other = b[name]
        assert list(other.columns) == list(frame.columns), name
        assert len(other) == len(frame), name
        for col in frame.columns:
            if frame[col].dtype == object:
                assert [plain(x) for x in other[col]] == [plain(x) for x in frame[col]], (name, col)
            else:
                pd.testing.assert_series_equal(other[col], frame[col], check_names=False, obj=f"{name}.{col}")


@pytest.fixture(scope="module")
def seed_frames():
    return corpus_frames(load_corpus([SEEDS]).documents)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("seedstore") / "store"
    report = build([SEEDS], path)
    assert report.extracted == 5 and not report.problems
    return path


def copy_seeds(folder: Path, n: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in SEED_FILES[:n]:
        shutil.copy2(p, folder / p.name)
    shutil.copy2(SEEDS / "manifest.csv", folder / "manifest.csv")
    return folder


def test_stored_frames_are_the_pipeline_frames(seed_store, seed_frames):
    view = StoreView(seed_store)
    assert_same_frames(seed_frames, {n: view.table(n) for n in seed_frames})
    texts = view.table("texts")
    docs = load_corpus([SEEDS]).documents
    assert list(texts["clean"]) == [d.clean for d in docs]
    assert list(texts["raw"]) == [d.raw_text for d in docs]


def test_second_build_extracts_nothing_and_new_files_only_themselves(tmp_path):
    folder = copy_seeds(tmp_path / "docs")
    store = tmp_path / "store"
    assert build([folder], store).extracted == 5
    again = build([folder], store)
    assert (again.extracted, again.reused) == (0, 5)
    data = (folder / SEED_FILES[0].name).read_bytes()
    (folder / "new_copy.txt").write_bytes(data + "\n副本。\n".encode())
    third = build([folder], store)
    assert (third.extracted, third.reused) == (1, 5)
    view = StoreView(store)
    assert "new_copy" in set(view.table("documents")["doc_id"])
    (folder / "new_copy.txt").unlink()
    build([folder], store)
    assert "new_copy" not in set(StoreView(store).table("documents")["doc_id"])


def test_documents_of_interleaved_parts_come_back_in_corpus_order(tmp_path):
    """Seeds 0, 2, 4 built first and 1, 3 later: the manifest lists them in name order, so the
    view gathers every table from runs of two parts, in the order of the pipeline's frames."""
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy2(SEEDS / "manifest.csv", folder / "manifest.csv")
    for p in SEED_FILES[0::2]:
        shutil.copy2(p, folder / p.name)
    store = tmp_path / "store"
    build([folder], store)
    for p in SEED_FILES[1::2]:
        shutil.copy2(p, folder / p.name)
    assert build([folder], store).extracted == 2
    view = StoreView(store)
    parts = [e.part for e in view.entries]
    assert len(set(parts)) == 2 and parts[0] == parts[2] == parts[4] != parts[1] == parts[3]
    direct = corpus_frames(load_corpus([folder]).documents)
    assert list(direct["documents"]["doc_id"]) == [p.stem for p in SEED_FILES]
    assert_same_frames(direct, {n: view.table(n) for n in direct})


def test_rows_of_a_document_scattered_in_a_table_are_still_ordered():
    import numpy as np
    import pyarrow as pa
    from core.corpus_store import _in_order
    table = pa.table({"doc": ["b", "a", "b", "a"], "row": [0, 0, 1, 1]})
    ordered = _in_order(table, np.array([1, 0, 1, 0]))
    assert ordered.to_pydict() == {"doc": ["a", "a", "b", "b"], "row": [0, 1, 0, 1]}
    runs = pa.table({"doc": ["c", "c", "a", "b", "b"], "row": [0, 1, 0, 0, 1]})
    assert _in_order(runs, np.array([2, 2, 0, 1, 1])).to_pydict() == {
        "doc": ["a", "b", "b", "c", "c"], "row": [0, 0, 1, 0, 1]}


def test_a_new_extractor_version_rebuilds_everything(tmp_path, monkeypatch):
    folder = copy_seeds(tmp_path / "docs", 2)
    store = tmp_path / "store"
    build([folder], store)
    monkeypatch.setattr(core.build, "extractor_version", lambda: "another-version")
    report = build([folder], store)
    assert (report.extracted, report.reused) == (2, 0)
    assert {e.version for e in CorpusStore(store).manifest().entries} == {"another-version"}


def test_the_version_is_a_hash_of_the_code_and_data_files(tmp_path):
    copy = tmp_path / "core"
    shutil.copytree(ROOT / "core", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = compute_version(copy)
    assert compute_version(copy) == before
    cues = copy / "data" / "hedges.json"
    cues.write_text(cues.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert compute_version(copy) != before


def test_exports_read_from_the_store_equal_direct_extraction(tmp_path):
    store = tmp_path / "store"

    def run(*args):
        out = subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True,
                             text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        return out.stdout

    direct_jsonl = run("extract", "seeds", "--format", "jsonl")
    direct_csv = run("extract", "seeds", "--format", "csv")
    run("build", "seeds", "--store", str(store), "--quiet")
    assert run("extract", "--store", str(store), "--format", "jsonl") == direct_jsonl
    assert run("extract", "seeds", "--store", str(store), "--format", "csv") == direct_csv
    types = {json.loads(line)["type"] for line in direct_jsonl.splitlines()}
    assert {"document", "figure", "slogan", "theme"} <= types


def test_non_text_input_is_reported_once_and_not_retried(tmp_path):
    folder = copy_seeds(tmp_path / "docs", 1)
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    store = tmp_path / "store"
    first = build([folder], store)
    assert first.failed == 1 and [n for n, _ in first.problems] == [str(folder / "picture.txt")]
    second = build([folder], store)
    assert (second.extracted, second.failed, second.reused) == (0, 0, 2)
    assert len(second.problems) == 1  # still reported, from the store
    assert len(StoreView(store).table("documents")) == 1


def test_a_failure_before_the_rename_leaves_the_previous_store(tmp_path, monkeypatch, seed_frames):
    folder = copy_seeds(tmp_path / "docs")
    store = tmp_path / "store"
    build([folder], store)
    before = CorpusStore(store).manifest()
    (folder / "extra.txt").write_bytes(SEED_FILES[1].read_bytes() + "\n副本。\n".encode())

    real = core.corpus_store._publish

    def fail_on_manifest(src, dst):
        if Path(dst).name == core.corpus_store.MANIFEST:
            raise OSError("disk full (injected)")
        real(src, dst)

    monkeypatch.setattr(core.corpus_store, "_publish", fail_on_manifest)
    with pytest.raises(OSError):
        build([folder], store)
    monkeypatch.setattr(core.corpus_store, "_publish", real)
    after = CorpusStore(store).manifest()
    assert after.revision == before.revision and after.entries == before.entries
    view = StoreView(store)
    assert_same_frames({"figures": seed_frames["figures"]}, {"figures": view.table("figures")})
    report = build([folder], store)  # the written-but-unlisted part is not reused, nor harmful
    assert (report.extracted, report.reused) == (1, 5)
    assert len(list((store / "parts").iterdir())) == len(CorpusStore(store).manifest().parts)


def test_a_killed_build_keeps_the_store_readable_and_what_it_committed(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(40):  # replicas with one line added: new hashes, real text
        src = SEED_FILES[i % 5]
        (folder / f"r{i:02d}_{src.name}").write_bytes(src.read_bytes() + f"\n副本 {i}。\n".encode())
    store = tmp_path / "store"
    build([SEEDS], store)  # the previous store: the five seeds
    code = ("import sys; from core.build import build; "
            f"build([{str(folder)!r}], {str(store)!r}, part_docs=4, batch_docs=2)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True)
    first = CorpusStore(store).manifest().revision
    deadline = time.time() + 120
    while time.time() < deadline and CorpusStore(store).manifest().revision == first:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    manifest = CorpusStore(store).manifest()
    assert manifest.revision != first, "the build committed nothing before it was killed"
    docs = manifest.documents()
    assert {e.name for e in docs} >= {str(p) for p in SEED_FILES}  # nothing of the old store lost
    view = StoreView(store)
    assert len(view.table("documents")) == len(docs) < 45
    assert len(view.table("figures")) == int(view.table("documents")["n_figures"].sum())
    committed = sum(1 for e in docs if e.root == str(folder.resolve()))
    assert committed >= 4
    report = build([folder], store)
    assert report.extracted == 40 - committed and report.reused == committed


@pytest.mark.parametrize("engine,jobs", [("local", 2), ("dask", 2)])
def test_parallel_engines_build_the_same_store(tmp_path, engine, jobs, seed_store):
    store = tmp_path / "store"
    report = build([SEEDS], store, jobs=jobs, engine=engine, batch_docs=2)
    assert report.extracted == 5 and report.workers == jobs
    one, other = StoreView(seed_store), StoreView(store)
    names = CorpusStore(seed_store).table_names(CorpusStore(seed_store).manifest())
    assert_same_frames({n: one.table(n) for n in names}, {n: other.table(n) for n in names})


def test_view_reads_each_table_once_and_sees_new_commits(tmp_path, monkeypatch):
    folder = copy_seeds(tmp_path / "docs", 2)
    store = tmp_path / "store"
    build([folder], store)
    view = StoreView(store)
    reads = []
    real = CorpusStore.read_table
    monkeypatch.setattr(CorpusStore, "read_table", lambda self, *a, **k: reads.append(a[0]) or real(self, *a, **k))
    view.table("figures")
    view.table("figures")
    assert reads == ["figures"]
    assert view.refresh() is False
    shutil.copy2(SEED_FILES[2], folder / SEED_FILES[2].name)
    build([folder], store)
    assert view.refresh() is True
    assert len(view.table("documents")) == 3


def test_uploads_are_added_and_removed_without_touching_the_rest(tmp_path, seed_docs):
    from core.build import add_document, remove_documents
    folder = copy_seeds(tmp_path / "docs", 2)
    store = tmp_path / "store"
    build([folder], store)
    up = tmp_path / "uploads"
    up.mkdir()
    doc = seed_docs["004"]
    add_document(store, doc, str(up.resolve()))
    view = StoreView(store)
    assert list(view.table("documents")["doc_id"])[-1] == doc.doc_id
    assert view.document(doc.doc_id)["texts"]["clean"].iloc[0] == doc.clean
    assert build([folder], store).extracted == 0  # another root's build keeps the upload
    assert len(StoreView(store).table("documents")) == 3
    remove_documents(store, [(str(up.resolve()), doc.path)])
    assert len(StoreView(store).table("documents")) == 2


def test_store_views_give_the_document_versions_of_vocabulary_and_directions(seed_store):
    from core.corpus_stats import direction_matrix_from, vocabulary_from
    from core.themes import direction_matrix
    from core.vocabulary import distinctive_vocabulary
    docs = load_corpus([SEEDS]).documents
    view = StoreView(seed_store)
    for a, b in (("威海市", "聊城市"), ("临沂市", None)):
        mine = vocabulary_from(view, a, b)
        assert len(mine) > 10
        pd.testing.assert_frame_equal(mine, distinctive_vocabulary(docs, a, b))
    pd.testing.assert_frame_equal(direction_matrix_from(view.table("directions"), view.table("documents")),
                                  direction_matrix(docs))
