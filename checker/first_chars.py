"""Where a regular expression can start matching: a character class worked out from the pattern.

Python's ``re`` tries a long alternation at every position of the text, each alternative in turn;
when a branch opens with a look-behind or a repeat it cannot even skip the position quickly. Most
positions of a report cannot start a match at all (an identifier pattern needs a digit, a numeral
or one of a few words' first characters), so trying only the positions of a character that can
start one finds the same matches in a fraction of the time.

``starts("第[一二三]+|(?<!\\\\d)前\\\\d+名")`` → a class matching ``第`` and ``前``;
``starts("a*b?")`` → None (the pattern can match the empty string: every position is a start).

The class may hold more characters than the pattern can really start with (a look-ahead is
ignored, a repeat may be skipped), never fewer, so ``candidates`` finds every match. None means
the pattern was not understood (a back-reference, a case-insensitive part, a negated class): the
caller then tries every position, as ``re`` would.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_parser: Any = importlib.import_module("re._parser")  # the parser behind re.compile (3.11+)
_c: Any = importlib.import_module("re._constants")

_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w",
               _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_NOT_WORD: r"\W"}


class _Unknown(Exception):
    """A construct whose first characters are not worked out here."""


def starts(pattern: str) -> re.Pattern[str] | None:
    """A class of the characters a match of ``pattern`` can start with (None: any position)."""
    parsed = _parser.parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        parts, nullable = _first(parsed)
    except _Unknown:
        return None
    if nullable or not parts:
        return None
    return re.compile("[" + "".join(sorted(parts)) + "]")


def _first(seq: Any) -> tuple[set[str], bool]:
    """(class parts a match of ``seq`` can start with, can ``seq`` match the empty string)."""
    out: set[str] = set()
    for op, av in seq:
        parts, nullable = _first_item(op, av)
        out |= parts
        if not nullable:
            return out, False
    return out, True


def _first_item(op: Any, av: Any) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is _c.IN:
        return _in(av), False
    if op is _c.BRANCH:
        parts: set[str] = set()
        nullable = False
        for alt in av[1]:
            p, n = _first(alt)
            parts |= p
            nullable = nullable or n
        return parts, nullable
    if op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unknown
        return _first(sub)
    if op is _c.ATOMIC_GROUP:
        return _first(av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, sub = av
        parts, nullable = _first(sub)
        return parts, nullable or low == 0
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return set(), True  # zero-width: the match starts with what follows
    raise _Unknown  # ANY, NOT_LITERAL, a back-reference, …


def _in(items: Any) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is _c.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            raise _Unknown  # a negated class, …
    return out


def candidates(pattern: re.Pattern[str], first: re.Pattern[str] | None, s: str, pos: int,
               endpos: int) -> Any:
    """``pattern.finditer(s, pos, endpos)``, trying only the positions ``first`` allows (the same
    matches: a position ``first`` refuses cannot start one; ``first`` from ``starts``)."""
    if first is None:
        yield from pattern.finditer(s, pos, endpos)
        return
    at = pos
    for c in first.finditer(s, pos, endpos):
        i = c.start()
        if i < at:
            continue  # inside the match found last
        m = pattern.match(s, i, endpos)
        if m is not None:
            yield m
            at = m.end()
