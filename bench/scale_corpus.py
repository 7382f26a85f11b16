"""A large test corpus from the bundled one: real documents replicated, each copy with one line
added so its raw bytes (and sha256) differ, the manifest rows copied along."""
from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bundled_sources() -> list[tuple[Path, dict]]:
    """(file, manifest row) of every document of the bundled corpus folders."""
    import tomllib
    settings = tomllib.loads((ROOT / "settings.toml").read_text(encoding="utf-8"))
    out = []
    for folder in settings["corpus"]["folders"]:
        folder = ROOT / folder
        rows = {}
        if (folder / "manifest.csv").exists():
            with (folder / "manifest.csv").open(encoding="utf-8", newline="") as fh:
                rows = {r["file"]: r for r in csv.DictReader(fh)}
        for p in sorted(folder.glob("*.txt")):
            out.append((p, rows.get(p.name, {"file": p.name})))
    return out


def make_corpus(n: int, folder: Path) -> Path:
    """``n`` documents in ``folder``: the bundled ones, then copies with a numbered line appended."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = bundled_sources()
    fields = ["file", "region", "level", "date", "title", "source", "genre"]
    rows = []
    for i in range(n):
        src, row = sources[i % len(sources)]
        data = src.read_bytes()
        name = src.name
        if i >= len(sources):
            name = f"{i:05d}_{src.stem.split('_', 1)[-1]}.txt"
            data += f"\n副本 {i}。\n".encode("utf-8")  # the bundled documents are UTF-8
        (folder / name).write_bytes(data)
        rows.append({**{k: row.get(k, "") for k in fields}, "file": name})
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    return folder
