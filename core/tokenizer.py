"""The one shared jieba tokenizer, built once with the domain user dictionary."""
from __future__ import annotations

import functools
import logging
from pathlib import Path

import jieba
import jieba.posseg

DATA = Path(__file__).parent / "data"
USER_DICT = DATA / "userdict.txt"

jieba.setLogLevel(logging.WARNING)


@functools.lru_cache(maxsize=1)
def get_tokenizer() -> jieba.Tokenizer:
    """A jieba Tokenizer with the user dictionary loaded (built once per process)."""
    tk = jieba.Tokenizer()
    tk.initialize()
    if USER_DICT.exists():
        tk.load_userdict(str(USER_DICT))
    return tk


@functools.lru_cache(maxsize=1)
def get_pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """Part-of-speech tokenizer sharing the same dictionary."""
    return jieba.posseg.POSTokenizer(get_tokenizer())


def lcut(text: str) -> list[str]:
    return get_tokenizer().lcut(text)


def pos_cut(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in get_pos_tokenizer().lcut(text)]
