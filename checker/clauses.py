"""The one clause splitter: where a stretch of text breaks into sentences, clauses and list items.

Every reader cuts text here, at the granularity it needs (the break marks are data of this module,
not of its callers):

- ``SENTENCE``  ``。！？`` — sentences;
- ``PART``      ``。！？；`` and line ends — a sentence's parts (``；`` closes a task in a plan);
- ``CLAUSE``    ``，；：`` plus sentence ends — clauses, with an enumeration ``公园、绿道、滨水空间``
  kept whole (goal segments, the summary comparison);
- ``ITEM``      ``，、；：`` — clauses cut at ``、`` too: each list item on its own (mention clauses).

A half-width comma between a digit and three more (``1,000``: normalisation writes thousands
separators so) and a colon before a digit (``10:30``) are never breaks; a full-width ``，`` always is
(``居第1，7家企业``); with ``dash`` a ``——`` breaks too.

``cut("新增学位3万个，完工400个、开工200个。", 0, 21, ITEM)`` → pieces ``新增学位3万个``,
``完工400个``, ``开工200个`` (each with the mark that ended it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

SENTENCE = "。！？!?"
PART = "。！？!?；;\n"
CLAUSE = "，；：,;:。！？!?"
ITEM = "，、；：,;:"


class Piece(NamedTuple):
    """``[start, end)`` of the text and the mark that ended it (``""``: the stretch ended).

    A named tuple, not a dataclass: every sentence of every document is cut into these, and a
    tuple is made several times faster."""

    start: int
    end: int
    mark: str = ""


@lru_cache(maxsize=16)
def _breaks(marks: str, dash: bool) -> re.Pattern[str]:
    plain = "".join(c for c in marks if c not in ",:")
    alts = []
    if plain:
        alts.append(f"[{re.escape(plain)}]")
    if "," in marks:
        alts.append(r"(?<!\d),|,(?!\d{3})")  # 1,000: a thousands separator (第1，7家 is two clauses)
    if ":" in marks:
        alts.append(r":(?!\d)")  # 10:30: a time
    if dash:
        alts.append("——")
    return re.compile("|".join(alts) or r"(?!x)x")


def cut(text: str, start: int, end: int, marks: str, *, dash: bool = False,
        breaks_from: int | None = None) -> list[Piece]:
    """The pieces of ``text[start:end]`` between break ``marks`` (untrimmed, empty ones included).

    ``breaks_from``: no break before this offset (``一、`` opening a heading is a list marker).
    """
    out = []
    pos = start
    for m in _breaks(marks, dash).finditer(text, breaks_from if breaks_from is not None else start, end):
        out.append(Piece(pos, m.start(), m.group(0)))
        pos = m.end()
    out.append(Piece(pos, end, ""))
    return out


def spans(text: str, start: int, end: int, marks: str, *, dash: bool = False,
          breaks_from: int | None = None) -> list[tuple[int, int]]:
    """``cut``'s pieces as plain ``(start, end)`` pairs, without their marks: structuring cuts
    every sentence of every document, and a pair is made several times faster than a ``Piece``."""
    out = []
    pos = start
    for m in _breaks(marks, dash).finditer(text, breaks_from if breaks_from is not None else start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out
