"""Region gazetteer: Chinese provinces, Shandong's cities and counties, major cities elsewhere.

The data lives in ``core/data/gazetteer.csv`` (columns ``name, short, name_en, level, parent,
aliases``; ``aliases`` is ``|``-separated). It is read once per process.

- ``name`` is the official name (山东省, 威海市, 莱芜区); ``parent`` the official name of the
  unit above it (empty for provinces).
- ``short`` is the usual short form (山东, 威海, 莱芜); it is left empty where the short form is
  an ordinary word (市中, 天桥, 平原, 牡丹 …) so that text scanning never matches it.
- ``aliases`` (单字简称 鲁/苏, English spellings, nicknames) are used by :func:`lookup` only,
  never when scanning text.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DATA = Path(__file__).parent / "data" / "gazetteer.csv"
LEVELS = ("province", "city", "district")


@dataclass(frozen=True)
class Place:
    name: str                  # official name: 山东省, 威海市, 莱芜区
    short: str                 # short form used in running text, "" when unsafe
    name_en: str               # Shandong, Weihai, Laiwu District
    level: str                 # "province" | "city" | "district"
    parent: str                # official name of the parent unit ("" for provinces)
    aliases: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        """Name used as a document region: districts carry their city (济南市莱芜区)."""
        return self.parent + self.name if self.level == "district" else self.name

    @property
    def full_name_en(self) -> str:
        """English name; districts add their city (``Laiwu District, Jinan``)."""
        if self.level == "district":
            parent = _by_official().get(self.parent)
            if parent:
                return f"{self.name_en}, {parent.name_en}"
        return self.name_en

    @property
    def suffix(self) -> str:
        """The administrative word a text uses for this unit: 省, 市, 区 or 县 (全省, 市委 …)."""
        if self.name.endswith("特别行政区"):
            return "区"
        return self.name[-1]


@dataclass(frozen=True)
class Mention:
    place: Place
    start: int
    end: int
    form: str                  # "official" | "short"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> tuple[Place, ...]:
    """All places in file order (read once per process)."""
    out = []
    with DATA.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
            out.append(Place(row["name"], row.get("short") or "", row.get("name_en") or "",
                             row["level"], row.get("parent") or "", aliases))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _by_official() -> dict[str, Place]:
    """Official name -> place; for names used twice (市中区) the first wins (see lookup_all)."""
    out: dict[str, Place] = {}
    for p in load_gazetteer():
        out.setdefault(p.name, p)
    return out


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Place, ...]]:
    """Every key (official, full, short, alias, English, lower-cased) -> places, higher level first."""
    idx: dict[str, list[Place]] = {}
    for p in load_gazetteer():
        keys = {p.name, p.full_name, p.short, p.name_en, p.full_name_en, *p.aliases}
        for k in keys:
            if k:
                idx.setdefault(k.casefold(), []).append(p)
    rank = {lv: i for i, lv in enumerate(LEVELS)}
    return {k: tuple(sorted(v, key=lambda p: rank.get(p.level, 9))) for k, v in idx.items()}


def lookup_all(name: str) -> list[Place]:
    """All places a name can mean (official, short, alias or English), higher levels first."""
    if not name:
        return []
    return list(_index().get(name.strip().casefold(), ()))


def lookup(name: str) -> Optional[Place]:
    """The place a name most likely means (吉林 -> 吉林省, 济南市莱芜区 -> 莱芜区), or None."""
    found = lookup_all(name)
    return found[0] if found else None


def places(level: Optional[str] = None) -> list[Place]:
    """All places, or those of one level."""
    return [p for p in load_gazetteer() if level is None or p.level == level]


def children(parent: str) -> list[Place]:
    """Places directly under an official name (山东省 -> its 16 cities)."""
    return [p for p in load_gazetteer() if p.parent == parent]


def parent_of(place: Place) -> Optional[Place]:
    """The unit above a place, or None for provinces."""
    return _by_official().get(place.parent) if place.parent else None


@functools.lru_cache(maxsize=1)
def _scan_table() -> tuple[re.Pattern, dict[str, tuple[tuple[Place, str], ...]]]:
    """One regex over every official and short name (longest first) and what each form means."""
    forms: dict[str, list[tuple[Place, str]]] = {}
    for p in load_gazetteer():
        forms.setdefault(p.name, []).append((p, "official"))
        if p.short and len(p.short) >= 2:
            forms.setdefault(p.short, []).append((p, "short"))
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(alternation), {k: tuple(v) for k, v in forms.items()}


def find_mentions(text: str) -> list[Mention]:
    """Every place name in a text, longest match first (山东省 not 山东).

    A form shared by several places (市中区 in 济南 and 枣庄) yields one mention per place.
    """
    if not text:
        return []
    rx, forms = _scan_table()
    out = []
    for m in rx.finditer(text):
        for place, form in forms[m.group()]:
            out.append(Mention(place, m.start(), m.end(), form))
    return out
