"""The one synonym table (``checker/data/synonyms.yaml``) and the rewriting every reader shares.

``canonical("北交所上市公司")`` → ``北京证券交易所上市公司``; ``canonical("GDP增长率", WORDING)`` →
``地区生产总值增速``; ``canonical("轨道交通运行", LOOSE)`` → ``城市轨道交通运营``.

Each entry has a reach (``names`` ⊂ ``wording`` ⊂ ``loose``, see the data file): mention keys read
with ``WORDING``, goal matching with ``LOOSE``, the summary comparison with ``COMPARED`` (``names``
and the ``compared`` section: ``canonical("国内生产总值", COMPARED)`` → ``地区生产总值``). A lexical
module: it depends on the data files only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.datafiles import load_data

NAMES, WORDING, LOOSE = "names", "wording", "loose"
REACHES = (NAMES, WORDING, LOOSE)
# The summary comparison's reach: ``names`` plus the ``compared`` section (names that differ by
# the report's level, 国内生产总值 / 地区生产总值, both the GDP of the area the report covers).
COMPARED = "compared"
_SECTIONS = {**{r: REACHES[: REACHES.index(r) + 1] for r in REACHES}, COMPARED: (NAMES, COMPARED)}


@dataclass(frozen=True)
class _Table:
    pattern: re.Pattern[str]
    canonical_of: dict[str, str]   # upper-cased variant (and canonical form) → canonical form
    # The same alternation matched with case. On a text without a cased letter (nearly every
    # clause: Chinese has no case) it finds a variant exactly where the case-blind one does, at a
    # quarter of the cost.
    cased: re.Pattern[str]

    def pattern_for(self, text: str) -> re.Pattern[str]:
        """The alternation to scan ``text`` with: case-blind only when ``text`` has a cased letter."""
        return self.pattern if _has_case(text) else self.cased


def _has_case(text: str) -> bool:
    """Does ``text`` hold a cased letter (GDP, gdp, full-width ＰＭ)?"""
    return text.lower() != text or text.upper() != text


@lru_cache(maxsize=len(_SECTIONS))
def _table(reach: str) -> _Table:
    raw = load_data("synonyms.yaml")
    canonical_of: dict[str, str] = {}
    # later sections override earlier ones for the same canonical form (城市轨道交通 reaches
    # further in ``loose``); a variant keeps the first canonical form it was given
    merged: dict[str, list[str]] = {}
    for section in _SECTIONS[reach]:
        for canon, variants in (raw.get(section) or {}).items():
            merged[str(canon)] = [str(v) for v in variants or ()]
    for canon, variants in merged.items():
        # the canonical form maps to itself: a variant inside it (轨道交通 in 城市轨道交通) is not rewritten
        canonical_of.setdefault(canon.upper(), canon)
        for v in variants:
            if v and v.upper() not in canonical_of:
                canonical_of[v.upper()] = canon
    for word in raw.get("guards") or ():
        canonical_of[str(word).upper()] = str(word)
    words = sorted(canonical_of, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return _Table(re.compile(alternation, re.IGNORECASE), canonical_of, re.compile(alternation))


def rewrites(text: str, reach: str = NAMES) -> Iterator[tuple[int, int, str]]:
    """``(start, end, canonical)`` for every variant in ``text`` (leftmost longest, no overlaps).

    ``GDP增长5%`` → ``(0, 3, "地区生产总值")``.
    """
    table = _table(reach)
    for m in table.pattern_for(text).finditer(text):
        canon = table.canonical_of[m.group(0).upper()]
        if canon != m.group(0):
            yield m.start(), m.end(), canon


def canonical(text: str, reach: str = NAMES) -> str:
    """``text`` with every variant of ``reach`` rewritten to its canonical form."""
    table = _table(reach)
    return table.pattern_for(text).sub(lambda m: table.canonical_of[m.group(0).upper()], text)


def may_rewrite(text: str, reach: str = NAMES) -> bool:
    """Could ``canonical`` rewrite anything in ``text``? (False only when it certainly would not.)"""
    return _has_case(text) or _table(reach).cased.search(text) is not None


def written_characters(reach: str = NAMES) -> set[str]:
    """Every character a canonical form of ``reach`` may write into a text."""
    return {c for form in _table(reach).canonical_of.values() for c in form}


@lru_cache(maxsize=len(_SECTIONS))
def abbreviations(reach: str = NAMES) -> dict[str, str]:
    """Canonical form → its shortest variant written with the same characters in order (an
    abbreviation): ``规模以上工业`` → ``规上工业``. Used to compare names character by character
    whichever form a text chose."""
    out: dict[str, str] = {}
    for variant, canon in _table(reach).canonical_of.items():
        shorter = len(variant) < len(out.get(canon, canon))
        if variant != canon.upper() and shorter and _in_order(variant, canon):
            out[canon] = variant
    return out


def _in_order(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


@lru_cache(maxsize=1)
def _whole_keys() -> dict[str, str]:
    raw = load_data("synonyms.yaml").get("whole_keys") or {}
    return {str(v): str(canon) for canon, variants in raw.items() for v in variants or ()}


def whole_key(key: str) -> str:
    """The key a whole metric key is another name of: ``经济总量`` → ``地区生产总值`` (else ``key``)."""
    return _whole_keys().get(key, key)
