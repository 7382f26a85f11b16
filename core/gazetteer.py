"""Region gazetteer: every administrative division of China (province, prefecture, county level)
and the development zones with their own statistical codes.

The data is generated, never typed: ``core/data/divisions.csv`` is written by
``scripts/build_gazetteer.py`` from the 民政部 division codes (see ``core/data/divisions.SOURCE.md``
for the packages, vintages and licences) and ``core/data/province_abbrev.csv`` holds the
provinces' one-character 简称. Both are read once per process.

- ``name`` is the official name (山东省, 威海市, 莱芜区, 威海经济技术开发区); ``parent`` the
  official name of the unit above it (empty for provinces).
- ``short`` is the usual short form (山东, 威海, 莱芜); ``scan_short`` says whether running text
  may be scanned for it (one-character forms, ordinary words and forms shared by unrelated units
  are not scanned: 市中, 城关, 平原). Only province and prefecture short forms are scanned at all:
  county short forms hide in ordinary words too often (创新平台 holds 新平), so counties are
  found by their official names.
- ``aliases`` (简称 鲁/苏, zone abbreviations 威海经开区, English names) are used by :func:`lookup`;
  zone abbreviations, being long and unambiguous, are scanned in text as well.
- ``full_name`` is the name a document region is written with: a county-level unit carries its
  city (济南市莱芜区, 北京市海淀区) so that the 976 市辖区 names, many of them shared, stay unique.
"""
from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DATA = Path(__file__).parent / "data"
DIVISIONS = DATA / "divisions.csv"
ABBREV = DATA / "province_abbrev.csv"
NATION_FILE = DATA / "nation.json"
LEVELS = ("national", "province", "city", "county", "zone")


@dataclass(frozen=True)
class Place:
    name: str                  # official name: 山东省, 威海市, 莱芜区
    short: str                 # short form used in running text ("" when there is none)
    name_en: str               # Shandong, Weihai, Laiwu District
    level: str                 # "province" | "city" | "county" | "zone"
    parent: str                # official name of the parent unit ("" for provinces)
    aliases: tuple[str, ...] = ()
    code: str = ""             # 6-digit division code
    type: str = ""             # 省, 地级市, 市辖区, 县级市, 经济技术开发区 …
    parent_code: str = ""
    scan_short: bool = True    # the short form may be looked for in running text

    @property
    def full_name(self) -> str:
        """Name used as a document region: county-level units carry their city (济南市莱芜区)."""
        parent = _by_code().get(self.parent_code)
        if self.level == "county" and parent is not None and (
                parent.level != "province" or parent.type == "直辖市"):
            return parent.name + self.name
        if self.level == "zone" and parent is not None and not (
                self.name.startswith(parent.name) or (parent.short and self.name.startswith(parent.short))):
            return parent.name + self.name
        return self.name

    @property
    def full_name_en(self) -> str:
        """English name; county-level units add their city (``Laiwu District, Jinan``)."""
        parent = _by_code().get(self.parent_code)
        if self.level == "county" and parent is not None and parent.level != "province":
            return f"{self.name_en}, {parent.name_en}"
        return self.name_en

    @property
    def suffix(self) -> str:
        """The administrative word a text uses for this unit: 省, 市, 区, 县, 州, 盟, 旗 (全区, 市委 …)."""
        if self.level == "zone" or self.name.endswith(("特别行政区", "自治区", "新区", "林区", "特区")):
            return "区"
        if self.name.endswith("自治州"):
            return "州"
        if self.name.endswith("自治县"):
            return "县"
        if self.name.endswith("自治旗"):
            return "旗"
        if self.name.endswith("地区"):
            return "地区"
        return self.name[-1]


@dataclass(frozen=True)
class Mention:
    place: Place
    start: int
    end: int
    form: str                  # "official" | "short"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> tuple[Place, ...]:
    """All places in file order (provinces, then their prefectures, counties and zones)."""
    abbrev: dict[str, list[str]] = {}
    with ABBREV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            abbrev[row["code"]] = [a for a in (row.get("abbrev"), *(row.get("alt") or "").split("|")) if a]
    out = []
    with DIVISIONS.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            aliases = [a for a in (row.get("aliases") or "").split("|") if a]
            aliases += abbrev.get(row["code"], [])
            out.append(Place(row["name"], row.get("short") or "", row.get("name_en") or "",
                             row["level"], row.get("parent") or "", tuple(aliases), row["code"],
                             row.get("type") or "", row.get("parent_code") or "",
                             (row.get("scan_short") or "1") == "1"))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _by_code() -> dict[str, Place]:
    return {p.code: p for p in load_gazetteer()}


@functools.lru_cache(maxsize=1)
def _by_official() -> dict[str, Place]:
    """Official name -> place; for names used more than once (市中区) the first wins (see lookup_all)."""
    out: dict[str, Place] = {}
    for p in load_gazetteer():
        out.setdefault(p.name, p)
    return out


@functools.lru_cache(maxsize=1)
def nation() -> Place:
    """The nation as a region (全国, level "national"): found by :func:`lookup`, never in running text."""
    d = json.loads(NATION_FILE.read_text(encoding="utf-8"))
    return Place(d["name"], "", d["name_en"], d["level"], "", tuple(d["aliases"]), d["code"], d["type"],
                 "", False)


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Place, ...]]:
    """Every key (official, full, short, alias, English, lower-cased) -> places, higher level first."""
    idx: dict[str, list[Place]] = {}
    for p in (nation(), *load_gazetteer()):
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


def children(parent: str, level: Optional[str] = None) -> list[Place]:
    """Places directly under an official name (山东省 -> its 16 cities), optionally of one level."""
    owner = _by_official().get(parent)
    if owner is None:
        return []
    return [p for p in load_gazetteer() if p.parent_code == owner.code and (level is None or p.level == level)]


def parent_of(place: Place) -> Optional[Place]:
    """The unit above a place, or None for provinces."""
    return _by_code().get(place.parent_code) if place.parent_code else None


def ancestors_of(place: Place) -> list[Place]:
    """Every unit above a place, nearest first (莱芜区 -> 济南市, 山东省)."""
    out, cur = [], parent_of(place)
    while cur is not None and cur not in out:
        out.append(cur)
        cur = parent_of(cur)
    return out


@functools.lru_cache(maxsize=1)
def _scan_table() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[tuple[Place, str], ...]]]:
    """Every scannable form and what it means, and for each first character the form lengths
    (longest first): a longest-match scan needs only a few dictionary lookups per character."""
    forms: dict[str, list[tuple[Place, str]]] = {}
    for p in load_gazetteer():
        forms.setdefault(p.name, []).append((p, "official"))
        # county-level short forms are too often ordinary words (创新平台 holds 新平, 壮大新兴 大新):
        # counties are found by their official names, zones by their long abbreviations
        texts = [p.short] if p.short and p.scan_short and p.level in ("province", "city") else []
        if p.level == "zone":
            texts += [a for a in p.aliases if len(a) >= 4]
        for t in texts:
            if len(t) >= 2 and t != p.name:
                forms.setdefault(t, []).append((p, "short"))
    lengths: dict[str, set[int]] = {}
    for f in forms:
        lengths.setdefault(f[0], set()).add(len(f))
    return ({k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
            {k: tuple(v) for k, v in forms.items()})


def find_mentions(text: str) -> list[Mention]:
    """Every place name in a text, leftmost-longest (山东省 not 山东; 威海经济技术开发区 not 威海).

    A form shared by several places (市中区 in 济南 and 枣庄) yields one mention per place.
    """
    if not text:
        return []
    lengths, forms = _scan_table()
    out: list[Mention] = []
    i, n = 0, len(text)
    while i < n:
        hit = None
        for length in lengths.get(text[i], ()):
            if text[i:i + length] in forms:
                hit = text[i:i + length]
                break
        if hit is None:
            i += 1
            continue
        found = forms[hit]
        if all(form == "short" for _, form in found) and not _word_bounded(text, i, i + len(hit)):
            i += 1                          # 大同 in 最大同心圆, 阿里 in 阿里巴巴: not a place
            continue
        for place, form in found:
            out.append(Mention(place, i, i + len(hit), form))
        i += len(hit)
    return out


def _word_bounded(text: str, start: int, end: int, window: int = 8) -> bool:
    """True when jieba cuts the text around a short form at both of its edges."""
    from core.tokenizer import lcut

    lo = max(0, start - window)
    cuts, pos = {lo}, lo
    for w in lcut(text[lo:min(len(text), end + window)]):
        pos += len(w)
        cuts.add(pos)
    return start in cuts and end in cuts
