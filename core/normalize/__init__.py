"""Text -> clean simplified text + repair log + sentences (``normalize``), and ``split_sentences``.

The repairs run in this order, each a small function logged as a ``models.Repair``:

1. line_endings          CRLF / CR -> LF; chrome_front_matter: a YAML block at the top
2. html_*                only for HTML input: comments, <script>, <style> dropped (all logged),
                         tags removed (block tags -> newline)
3. html_entities         &amp; &nbsp; &#…; -> characters (any input)
4. zero_width, odd_spaces, whitespace, subscript_line (M\\n2\\n -> M2), broken_number_line
                         (74.4\\n\\n万亿元 -> 74.4万亿元)
5. chrome_*              page chrome lines (see core/normalize/chrome.py), one kind per type;
                         samples are the removed lines exactly as they were
6. pinyin_gloss          發(fā)布會 -> 發布會; pinyin_gloss_toneless 舉(ju) 行 -> 舉行 (when frequent)
7. (mojibake marking)    '?' standing for lost characters is marked, then pinyin_remnant
                         removes the rest of a gloss whose character was lost (?jī) -> ?)
8. quote_balance, cjk_quotes, spaced_digits (1 9 9 7 年 -> 1997年), fullwidth_ascii,
   dot_decimal (14·1％ -> 14.1％), range_dash, cjk_punctuation,
   doubled_comma, space_at_punctuation
9. script_conversion     traditional input only: OpenCC tw2sp (Taiwan phrasing) or t2s
10. mojibake             flag (no change): spots of '?' / U+FFFD, offsets into the clean text

HTML is handled here rather than in ingest so that what was stripped shows in the repair log.
"""
from __future__ import annotations

from typing import Callable

from core.models import Normalized, Repair
from core.normalize import repairs as R
from core.normalize.chrome import page_header, remove_chrome, remove_front_matter
from core.normalize.mojibake import flag_mojibake
from core.normalize.sentences import split_sentences
from core.script import convert, detect_script

__all__ = ["normalize", "split_sentences"]

# defects reported when a repair of one of these kinds was applied
_DEFECT_OF = {
    "html_tags": "html", "html_script": "html", "html_style": "html", "html_comment": "html",
    "pinyin_gloss": "pinyin_gloss", "pinyin_remnant": "pinyin_gloss", "pinyin_gloss_toneless": "pinyin_gloss",
    "mojibake": "mojibake",
}


def _run(text: str, log: list[Repair], *steps: Callable[[str], R.Result]) -> str:
    for step in steps:
        text, reps = step(text)
        log.extend(reps)
    return text


def _conversion_repair(before: str, after: str, config: str) -> Repair | None:
    """Log a script conversion line by line: one span per changed line (changed middle part)."""
    spans, samples, changed = [], [], 0
    a_lines, b_lines = before.split("\n"), after.split("\n")
    if len(a_lines) != len(b_lines):           # OpenCC never touches newlines; be safe anyway
        return Repair("script_conversion", 1, ((0, len(before)),), (), f"OpenCC {config}")
    pos = 0
    for x, y in zip(a_lines, b_lines):
        if x != y:
            i = 0
            while i < min(len(x), len(y)) and x[i] == y[i]:
                i += 1
            j = 0
            while j < min(len(x), len(y)) - i and x[-1 - j] == y[-1 - j]:
                j += 1
            spans.append((pos + i, pos + len(x) - j))
            changed += sum(1 for p, q in zip(x, y) if p != q) if len(x) == len(y) else len(x) - i - j
            if len(samples) < 5:
                samples.append(x[i:len(x) - j][:80])
        pos += len(x) + 1
    if not spans:
        return None
    return Repair("script_conversion", changed, tuple(spans), tuple(samples),
                  f"OpenCC {config}; count = characters changed, one span per changed line")


def normalize(text: str) -> Normalized:
    """Repair ``text`` (decoded document) into clean simplified text with a repair log and sentences.

    Never raises on any string input.
    """
    log: list[Repair] = []
    text = _run(text, log, R.fix_line_endings, remove_front_matter, R.strip_html, R.unescape_entities,
                R.remove_zero_width, R.fix_odd_spaces, R.tidy_whitespace, R.join_broken_lines)

    # chrome first, so its log holds the lines exactly as they were (glosses included);
    # the patterns see the line without glosses, in simplified script
    info = detect_script(text)
    view = lambda s: convert(R.strip_glosses(s), info.conversion)  # noqa: E731
    front = [r for r in log if r.kind == "chrome_front_matter"]
    header = "\n".join([*(view(x) for r in front for x in r.samples), page_header(text, view)]).strip()
    text, reps = remove_chrome(text, view)
    log.extend(reps)

    text = _run(text, log, R.tidy_whitespace, R.remove_pinyin_glosses, R.remove_toneless_glosses, R.mark_mojibake,
                R.remove_pinyin_remnants, R.balance_quotes, R.fix_cjk_quotes, R.join_spaced_digits, R.fix_fullwidth, R.fix_dot_decimals,
                R.fix_range_dashes, R.fix_ascii_punctuation, R.fix_doubled_commas,
                R.remove_spaces_at_cjk_punctuation)

    if info.conversion:
        converted = convert(text, info.conversion)
        rep = _conversion_repair(text, converted, info.conversion)
        if rep:
            log.append(rep)
        text = converted

    text, rep = flag_mojibake(text)
    if rep:
        log.append(rep)

    defects: list[str] = []
    for r in log:
        d = _DEFECT_OF.get(r.kind) or ("page_chrome" if r.kind.startswith("chrome_") else None)
        if d and d not in defects:
            defects.append(d)
    if info.script == "traditional":
        defects.append("traditional")
        if info.conversion == "tw2sp":
            defects.append("taiwan_phrasing")

    sentences = split_sentences(text, rep.spans if rep else ())
    return Normalized(clean=text, repairs=log, script=info.script, conversion=info.conversion,
                      defects=defects, sentences=sentences, header=header)
