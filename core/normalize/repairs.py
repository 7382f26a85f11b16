"""Small named text repairs, ftfy style: each takes text and returns (new text, repairs logged).

Every repair is linear in the text length (no nested or unbounded backtracking quantifiers),
so pathological input such as a megabyte of ``(((`` or digits is handled in bounded time.

Conventions chosen here (documented for the extractors):
- number ranges use an ASCII hyphen: 1—10月, 1~11月, 1－10月 → ``1-10月``;
- ASCII , : ; ? ! touching Chinese text (or right after %) become ，：；？！ (digits/latin on
  both sides stay ASCII, so 1,000 and 10:23 are untouched); parentheses are left as written;
- spaces next to full-width punctuation are dropped; spaces between Han characters stay;
- 「」『』 become “”‘’;
- full-width digits, latin letters and ％ become ASCII.
"""
from __future__ import annotations

import functools
import html
import re

from core.models import Repair
from core.normalize.log import sub_logged
from core.normalize.rules import HAN, MOJIBAKE_MARK, text_rules

Result = tuple[str, list[Repair]]


def _one(pair: tuple) -> Result:
    text, rep = pair
    return text, [rep] if rep else []


# --- line endings, html, entities, spaces ------------------------------------------------------

_CRLF = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def fix_line_endings(text: str) -> Result:
    """CRLF, lone CR and Unicode line separators -> LF."""
    return _one(sub_logged(text, _CRLF, "\n", "line_endings"))


_HTML_HINT = re.compile(
    r"<(?:!doctype|html|head|body|div|p|br|span|script|style|a|table|tr|td|li|ul|ol|h[1-6]|meta|"
    r"title|section|article|img|font|strong|b|i|em)[\s>/]", re.I)
_TAG = re.compile(r"<[!/?]?[A-Za-z][^<>]{0,2000}>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|section|article|table|ul|ol|title|header|"
                        r"footer|blockquote|dd|dt)\b", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML tags (checked on the first 200 000 characters)."""
    return _HTML_HINT.search(text[:200_000]) is not None


def _drop_blocks(text: str, opener: str, closer: str, kind: str) -> tuple[str, Repair | None]:
    """Remove ``opener … closer`` blocks (case-insensitive) with a linear scan, logging all of it."""
    low = text.lower()
    out, spans, samples, pos = [], [], [], 0
    while True:
        a = low.find(opener, pos)
        if a < 0:
            break
        b = low.find(closer, a + len(opener))
        if b < 0:
            end = len(text)                       # unterminated: everything after it is dropped (logged)
        elif closer.endswith(">"):
            end = b + len(closer)
        else:
            gt = low.find(">", b)
            end = len(text) if gt < 0 else gt + 1
        out.append(text[pos:a])
        spans.append((a, end))
        samples.append(text[a:end])
        pos = end
    if not spans:
        return text, None
    out.append(text[pos:])
    return "".join(out), Repair(kind, len(spans), tuple(spans), tuple(samples))


@functools.lru_cache(maxsize=1)
def _caption_re() -> re.Pattern:
    """An image caption element (see text_rules.json ``html_caption``)."""
    return re.compile(text_rules()["html_caption"], re.IGNORECASE)


def strip_html(text: str) -> Result:
    """Drop comments and <script>/<style> blocks (all logged), tags -> text, block tags -> newlines.

    Only runs when the text looks like HTML; entities are handled by :func:`unescape_entities`.
    """
    if not looks_like_html(text):
        return text, []
    repairs = []
    for opener, closer, kind in (("<!--", "-->", "html_comment"), ("<script", "</script", "html_script"),
                                 ("<style", "</style", "html_style")):
        text, rep = _drop_blocks(text, opener, closer, kind)
        if rep:
            repairs.append(rep)

    text, rep = sub_logged(text, _caption_re(), "\n", "html_caption")
    if rep:
        repairs.append(rep)

    def tag(m: re.Match) -> str:
        return "\n" if _BLOCK_TAG.match(m.group(0)) else ""

    # again until no tag is left: removing "</textarea>" and "<img …>" out of
    # <a title="</textarea><img …>"> leaves <a title=""> for the next pass (bounded, linear each)
    for n in range(int(text_rules()["html_tag_passes"])):
        text, rep = sub_logged(text, _TAG, tag, "html_tags",
                               note=f"pass {n + 1}: tags left once the tags inside them were removed" if n else "")
        if not rep:
            break
        repairs.append(rep)
    return text, repairs


def unescape_entities(text: str) -> Result:
    """HTML character references (&amp; &nbsp; &#12290; …) -> characters."""
    return _one(sub_logged(text, _ENTITY, lambda m: html.unescape(m.group(0)), "html_entities"))


@functools.lru_cache(maxsize=1)
def _space_patterns() -> tuple[re.Pattern, re.Pattern]:
    r = text_rules()
    return (re.compile("[" + re.escape(r["zero_width"]) + "]+"),
            re.compile("[" + re.escape(r["odd_spaces"]) + "]"))


def remove_zero_width(text: str) -> Result:
    """Zero-width spaces/joiners, BOMs and soft hyphens inside the text are removed."""
    return _one(sub_logged(text, _space_patterns()[0], "", "zero_width", keep_all_samples=True))


def fix_odd_spaces(text: str) -> Result:
    """NBSP, ideographic space, tabs and other Unicode spaces -> ordinary space."""
    return _one(sub_logged(text, _space_patterns()[1], " ", "odd_spaces"))


@functools.lru_cache(maxsize=1)
def _line_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    r = text_rules()
    return re.compile(r["subscript_line"]), re.compile(r["broken_number_line"]), re.compile(r["dot_decimal"])


def join_broken_lines(text: str) -> Result:
    """Line breaks a page converter put inside a sentence: a subscript on its own line
    (M\\n2\\n增长 -> M2增长, logged ``subscript_line``) and a break between a number and its unit
    (74.4\\n\\n万亿元 -> 74.4万亿元, ``broken_number_line``)."""
    sub, broken, _ = _line_patterns()
    text, a = sub_logged(text, sub, lambda m: m.group("sym") + m.group("sub"), "subscript_line")
    text, b = sub_logged(text, broken, "", "broken_number_line")
    return text, [r for r in (a, b) if r]


def fix_dot_decimals(text: str) -> Result:
    """A middle dot between digits before ％ or 万/亿 is a decimal point (增长14·1％ -> 14.1％)."""
    return _one(sub_logged(text, _line_patterns()[2], ".", "dot_decimal"))


_EDGE_SPACES = re.compile(r"^ +| +$| {2,}|\n{3,}", re.M)


def tidy_whitespace(text: str) -> Result:
    """Spaces at line edges dropped, runs of spaces -> one, three or more newlines -> two."""
    def repl(m: re.Match) -> str:
        s = m.group(0)
        if s.startswith("\n"):
            return "\n\n"
        return " " if (m.start() > 0 and text[m.start() - 1] != "\n" and m.end() < len(text)
                       and text[m.end()] != "\n") else ""
    text, rep = sub_logged(text, _EDGE_SPACES, repl, "whitespace")
    stripped = text.strip("\n ")
    if stripped != text:
        extra = Repair("whitespace_edges", 1, ((0, len(text)),), (), "blank lines at document start/end")
        return stripped, [r for r in (rep, extra) if r]
    return text, [rep] if rep else []


# --- mojibake and pinyin ---------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _pinyin_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, frozenset]:
    r = text_rules()
    tones = r["pinyin_tone_letters"]
    letters = "[" + r["pinyin_plain_letters"] + tones + "]"
    n = int(r["pinyin_max_syllables"]) - 1
    syl = f"{letters}{{1,8}}(?: {letters}{{1,8}}){{0,{n}}}"
    gloss = re.compile(rf"(?<=[{HAN}{MOJIBAKE_MARK}])[(（]{syl}[)）]")     # 發(fā)
    orphan = re.compile(rf"(?<={MOJIBAKE_MARK}){syl}[)）]")                # ?jī)  after a lost character
    remnant = re.compile(rf"{syl}[)）]")
    return gloss, orphan, remnant, frozenset(tones)


def _has_tone(s: str) -> bool:
    tones = _pinyin_patterns()[3]
    return any(ch in tones for ch in s)


_QMARKS = re.compile(r"\?+")
_HAN_CHAR = re.compile(f"[{HAN}]")


def mark_mojibake(text: str) -> Result:
    """Replace '?' that stand for lost characters with an internal marker (turned back into '?' later).

    A '?' is mojibake when a pinyin remnant such as ``jī)`` follows it (the character and the
    opening parenthesis of its gloss were lost), or when it touches Han text and is doubled
    (``??``) or touches other punctuation (``?;``). Run after :func:`remove_pinyin_glosses`. A single '?' between Han characters is a question
    mark and is left alone. Logs nothing: the final ``mojibake`` flag is logged on the clean text.
    """
    if "?" not in text:
        return text, []
    remnant = _pinyin_patterns()[2]
    neigh = set(text_rules()["mojibake_neighbours"])
    out, pos = [], 0
    for m in _QMARKS.finditer(text):
        a, b = m.start(), m.end()
        prev = text[a - 1] if a else ""
        nxt = text[b] if b < len(text) else ""
        rem = remnant.match(text, b)
        touches_han = bool(_HAN_CHAR.match(prev or " ") or _HAN_CHAR.match(nxt or " "))
        if not ((rem and _has_tone(rem.group(0)))
                or (touches_han and (b - a >= 2 or prev in neigh or nxt in neigh))):
            continue
        out.append(text[pos:a])
        out.append(MOJIBAKE_MARK * (b - a))
        pos = b
    if pos == 0:
        return text, []
    out.append(text[pos:])
    return "".join(out), []


def remove_pinyin_glosses(text: str) -> Result:
    """Parenthesised pinyin right after a Han character (``發(fā)布會(huì)`` -> ``發布會``).

    Only lower-case latin letters with at least one tone mark or ü count as pinyin, so real
    parentheses such as 台(套), (市、区), (R&D), (GDP) stay.
    """
    gloss = _pinyin_patterns()[0]
    return _one(sub_logged(text, gloss, lambda m: "" if _has_tone(m.group(0)) else None,
                           "pinyin_gloss", keep_all_samples=True))


@functools.lru_cache(maxsize=1)
def _toneless_gloss() -> re.Pattern:
    syl = text_rules()["toneless_pinyin_syllable"]
    return re.compile(rf"(?<=[{HAN}])[(（](?:{syl})[)）](?: (?=[{HAN}]))?")


def remove_toneless_glosses(text: str) -> Result:
    """Toneless pinyin glosses (``舉(ju) 行`` -> ``舉行``), when a document is full of them.

    A single parenthesised syllable after a Han character could be a real note, so the repair
    applies only from ``toneless_gloss_min_count`` glosses on (data: ``text_rules.json``)."""
    rx = _toneless_gloss()
    if "(" not in text and "（" not in text:
        return text, []
    n = 0
    for _ in rx.finditer(text):
        n += 1
        if n >= text_rules()["toneless_gloss_min_count"]:
            return _one(sub_logged(text, rx, "", "pinyin_gloss_toneless", keep_all_samples=True))
    return text, []


def remove_pinyin_remnants(text: str) -> Result:
    """The rest of a gloss whose character and '(' were lost to mojibake (``?jī)`` -> ``?``).

    Run after :func:`mark_mojibake`; only text right after a marked spot is touched.
    """
    orphan = _pinyin_patterns()[1]
    return _one(sub_logged(text, orphan, lambda m: "" if _has_tone(m.group(0)) else None,
                           "pinyin_remnant", keep_all_samples=True))


# --- punctuation and width ---------------------------------------------------------------------

_OPEN_Q, _CLOSE_Q = "“", "”"
_LINE = re.compile(r"[^\n]+")


def balance_quotes(text: str) -> Result:
    """Within a line, a second “ before any ” closes the first quote (``“技改专项贷“`` -> ``“技改专项贷”``)."""
    spans, samples, chars = [], [], None
    for m in _LINE.finditer(text):
        line = m.group(0)
        if line.count(_OPEN_Q) <= line.count(_CLOSE_Q):
            continue
        open_at = -1
        for i, ch in enumerate(line):
            if ch == _OPEN_Q:
                if open_at >= 0 and 0 < i - open_at <= 30 and _CLOSE_Q not in line[open_at:i]:
                    if chars is None:
                        chars = list(text)
                    chars[m.start() + i] = _CLOSE_Q
                    spans.append((m.start() + i, m.start() + i + 1))
                    samples.append(line[open_at:i + 1])
                    open_at = -1
                else:
                    open_at = i
            elif ch == _CLOSE_Q:
                open_at = -1
    if not spans:
        return text, []
    return "".join(chars), [Repair("quote_balance", len(spans), tuple(spans), tuple(samples[:20]))]


@functools.lru_cache(maxsize=1)
def _punct_patterns() -> dict:
    r = text_rules()
    quote_map = r["quote_map"]
    fw = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}          # ０-９
    fw.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})    # Ａ-Ｚ
    fw.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})    # ａ-ｚ
    fw["％"] = "%"
    ascii_map = r["ascii_to_fullwidth_punct"]
    cjk = HAN + re.escape(r["cjk_punctuation"])
    dashes = re.escape(r["range_dashes"])
    return {
        "quote_map": quote_map,
        "quotes": re.compile("[" + re.escape("".join(quote_map)) + "]"),
        "fw_map": fw,
        "fw": re.compile("[０-９Ａ-Ｚａ-ｚ％]+|(?<=[0-9０-９])．(?=[0-9０-９])"),
        "dash": re.compile(rf"(?<=\d)(?: *[{dashes}]{{1,2}} *| +- *| *- +)(?=\d)"),
        "dash_to": r["range_dash_canonical"],
        "ascii_map": ascii_map,
        # not next to a mojibake mark: "?;" inside a damaged spot is part of the damage
        # (a percentage followed by punctuation is running Chinese text too: 增长12%,1-10月)
        "ascii": re.compile("(?<=[%" + cjk + "])[" + re.escape("".join(ascii_map)) + "](?!" + MOJIBAKE_MARK +
                            ")|(?<!" + MOJIBAKE_MARK + ")[" + re.escape("".join(ascii_map)) + "](?=[" + cjk + "])"),
        "punct_space": re.compile(" +(?=[" + re.escape(r["space_free_punctuation"]) + "])|(?<=["
                                  + re.escape(r["space_free_punctuation"]) + "]) +"),
        "commas": re.compile("[，,]{2,}|[，,] +[，,]"),
    }


def fix_cjk_quotes(text: str) -> Result:
    """「」『』 (and vertical forms) -> “”‘’."""
    p = _punct_patterns()
    return _one(sub_logged(text, p["quotes"], lambda m: p["quote_map"][m.group(0)], "cjk_quotes"))


def fix_fullwidth(text: str) -> Result:
    """Full-width digits, latin letters and ％ -> ASCII (１２％ -> 12%); ． between digits -> '.'."""
    p = _punct_patterns()

    def repl(m: re.Match) -> str:
        s = m.group(0)
        return "." if s == "．" else "".join(p["fw_map"].get(c, c) for c in s)
    return _one(sub_logged(text, p["fw"], repl, "fullwidth_ascii"))


_SPACED_DIGITS = re.compile(r"(?<![0-9０-９．.])[0-9０-９](?:(?: (?:[．.]?[0-9０-９]|[．.]))+(?: [%％])?| [%％])"
                            r"(?: (?=[\u4e00-\u9fff]))?")


def join_spaced_digits(text: str) -> Result:
    """Digits typeset one per cell with a space between (1 9 9 7 年, 8 ．8 ％, 4 9 2 5 0 万吨) are
    one number: the spaces inside the run, before its ％ and before the word after it are removed.
    Runs of single digits only: 2023 2024 stays two numbers."""
    return _one(sub_logged(text, _SPACED_DIGITS, lambda m: m.group(0).replace(" ", ""), "spaced_digits"))


def fix_range_dashes(text: str) -> Result:
    """Dash variants between two numbers -> one ASCII hyphen (1—10月, 1~11月 -> 1-10月, 1-11月)."""
    p = _punct_patterns()
    return _one(sub_logged(text, p["dash"], p["dash_to"], "range_dash"))


def fix_ascii_punctuation(text: str) -> Result:
    """ASCII , : ; ? ! touching Chinese characters or punctuation -> ，：；？！."""
    p = _punct_patterns()
    return _one(sub_logged(text, p["ascii"], lambda m: p["ascii_map"][m.group(0)], "cjk_punctuation"))


def remove_spaces_at_cjk_punctuation(text: str) -> Result:
    """Spaces before or after full-width punctuation (，。、：；？！) carry no meaning: removed."""
    return _one(sub_logged(text, _punct_patterns()["punct_space"], "", "space_at_punctuation"))


def fix_doubled_commas(text: str) -> Result:
    """Runs of commas (，， or ,,) -> one full-width comma."""
    return _one(sub_logged(text, _punct_patterns()["commas"], "，", "doubled_comma"))


def strip_glosses(text: str) -> str:
    """``text`` without pinyin glosses, unlogged (for matching patterns against a line)."""
    gloss = _pinyin_patterns()[0]
    return gloss.sub(lambda m: "" if _has_tone(m.group(0)) else m.group(0), text)
