"""Text helpers for goal matching: canonical form, character bigrams, overlap scores.

Matching is by characters, not words: ``建设筹集各类租赁住房`` and ``筹集建设各类租赁住房`` share
most bigrams whatever the word order, and no segmenter is needed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.goals.vocab import vocab

# Quotes, brackets and list punctuation carry no meaning for matching: “两委” == 两委.
_PUNCT = re.compile(r"[“”‘’\"'《》〈〉「」『』（）()\[\]【】、，,。；;：:！!？?·…—\-]")
# A number with its unit-ish tail is removed from a metric phrase (the value is compared apart).
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def squash(text: str) -> str:
    """Text with all whitespace removed (how quotes are compared)."""
    # str.split() cuts at exactly the characters regex \s matches (Unicode whitespace), faster
    return "".join(text.split())


@lru_cache(maxsize=16384)
def canonical(text: str) -> str:
    """Matching form: no whitespace or punctuation, abbreviations expanded.

    ``空港综保区二期`` → ``空港综合保税区二期``.
    """
    return vocab().canonical(_PUNCT.sub("", squash(text)))


@lru_cache(maxsize=16384)
def core(text: str) -> str:
    """``canonical`` minus generic words (加快、建设、工作 …): what a goal is about."""
    return vocab().generic.sub("", canonical(text))


@lru_cache(maxsize=16384)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams (single char for one-char text)."""
    if len(text) < 2:
        return frozenset({text} if text else ())
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def cover(needle: str, hay: str) -> float:
    """Share of ``needle``'s bigrams found in ``hay`` (0 when needle is empty)."""
    grams = bigrams(needle)
    if not grams:
        return 0.0
    hay_grams = bigrams(hay)
    return len(grams & hay_grams) / len(grams)


def char_cover(needle: str, hay: str) -> float:
    """Share of ``needle``'s distinct characters found in ``hay``."""
    chars = set(needle)
    return len(chars & set(hay)) / len(chars) if chars else 0.0


def lcs(a: str, b: str) -> int:
    """Length of the longest common substring of ``a`` and ``b`` (``建设数据中心``, ``数据中心扩容`` → 4)."""
    # Grow the best length while the substring of that length starting at each position of ``a``
    # occurs in ``b`` (a common substring's own substrings are common): at most len(a) + best
    # substring searches done in C, instead of a len(a) × len(b) table in Python.
    best = 0
    for i in range(len(a)):
        while i + best < len(a) and a[i:i + best + 1] in b:
            best += 1
    return best


def han_count(text: str) -> int:
    """Number of Chinese characters in ``text``."""
    return len(_NOT_HAN.sub("", text))


def has_han(text: str) -> bool:
    """Does ``text`` hold a Chinese character (``han_count(text) > 0``, without counting)?"""
    return _HAN.search(text) is not None
