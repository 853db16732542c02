"""Segments and pieces: where a goal or an outcome starts and ends.

A *segment* is a stretch of a sentence between ，；： (``留白增绿 978.5 公顷``). Inside a segment, a
*piece* is the part that belongs to one quantity: ``棚户区改造新开工 500个、完工 400个``
has two pieces, split at the 、 after the first quantity; a piece with no words of its own
(``完工 400个``, ``同比增长7.2%``) inherits the metric words of the piece before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.goals.text import canonical, han_count
from checker.goals.vocab import vocab
from checker.model import Document, Quantity, Span

_SEG_SPLIT = re.compile(r"[，；：;]|,(?!\d{3})|:(?!\d)")
_SENT_SPLIT = re.compile(r"[。！？!?；;\n]")
_LIST = "、"


def sentences(doc: Document, start: int, end: int) -> Iterator[Span]:
    """Sentences of ``doc.text[start:end]``: the structure's sentences cut further at ；."""
    spans = [s for s in doc.sentences if s.start < end and s.end > start] or [Span(start, end)]
    text = doc.text
    for s in spans:
        a, b = max(s.start, start), min(s.end, end)
        pos = a
        for m in _SENT_SPLIT.finditer(text, a, b):
            if m.start() > pos:
                yield Span(pos, m.start())
            pos = m.end()
        if pos < b:
            yield Span(pos, b)


def segments(text: str, sentence: Span) -> list[Span]:
    """Segments of a sentence, split at ，；： (not at 、, which joins list items)."""
    out = []
    pos = sentence.start
    for m in _SEG_SPLIT.finditer(text, sentence.start, sentence.end):
        out.append(_trim(text, pos, m.start()))
        pos = m.end()
    out.append(_trim(text, pos, sentence.end))
    return [s for s in out if s.end > s.start and han_count(text[s.start:s.end]) > 0]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in "。，、；：—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "。，、；：—"):
        end -= 1
    return Span(start, end)


@dataclass(frozen=True)
class Piece:
    """The text of one quantity's goal or outcome: ``[start, end)`` plus its metric words."""

    start: int
    end: int
    quantity: Quantity
    metric: str        # canonical metric phrase (number removed, inherited words included)
    action: str | None
    near: str = ""     # canonical words right before the number (up to 6 characters)
    quote_start: int = -1  # where a quote of it starts: earlier when its metric words are inherited

    @property
    def quote_from(self) -> int:
        return self.start if self.quote_start < 0 else self.quote_start


def _action(text: str, q: Quantity, start: int, end: int) -> str | None:
    """The action word nearest before the quantity in its piece, else the first after it."""
    acts = vocab().actions
    before = [m.group(0) for m in acts.finditer(text, start, q.start)]
    if before:
        return before[-1]
    m = acts.search(text, q.end, end)
    return m.group(0) if m else None


def _words(text: str, start: int, end: int, quantities: list[Quantity]) -> str:
    """``text[start:end]`` minus the quantities' own text, canonical."""
    parts, pos = [], start
    for q in quantities:
        if q.end <= start or q.start >= end:
            continue
        parts.append(text[pos:max(pos, q.start)])
        pos = max(pos, q.end)
    parts.append(text[pos:end])
    return canonical("".join(parts))


def _has_verb(part: str) -> bool:
    v = vocab()
    return bool(v.actions.search(part) or v.verbs.search(part))


def _bare(metric: str) -> str:
    """A metric with its action and filler words removed: does the piece name anything?"""
    v = vocab()
    return v.fillers.sub("", v.actions.sub("", metric))


def pieces(text: str, seg: Span, quantities: list[Quantity], inherit: str = "") -> list[Piece]:
    """One piece per quantity of the segment (quantities sorted by position).

    ``inherit``: the metric words of the segment before (``保障性租赁住房新开工7.2万套，竣工3.1万套``:
    the second segment names no metric of its own).
    """
    qs = sorted((q for q in quantities if seg.start <= q.start < seg.end), key=lambda q: q.start)
    out: list[Piece] = []
    prev_words = inherit
    for i, q in enumerate(qs):
        start = seg.start
        if i:
            cut = text.find(_LIST, qs[i - 1].end, q.start)
            start = cut + 1 if cut != -1 else qs[i - 1].end
        end = seg.end
        if i + 1 < len(qs):
            cut = text.find(_LIST, q.end, qs[i + 1].start)
            end = cut if cut != -1 else qs[i + 1].start
        else:  # …两座场馆实现竣工、图书馆主体结构封顶: the part after 、 with its own verb is another clause
            cut = text.find(_LIST, q.end, seg.end)
            if cut != -1 and _has_verb(text[cut + 1:seg.end]):
                end = cut
        action = _action(text, q, start, end)
        metric = _words(text, start, end, qs)
        quote_start = -1
        if han_count(_bare(metric)) < 2 and prev_words:
            metric = prev_words + metric  # 完工 400个 ← 棚户区改造
            quote_start = out[-1].quote_from if out else -1
        near = vocab().fillers.sub("", canonical(text[max(start, q.start - 8):q.start]))[-6:]
        out.append(Piece(start, end, q, metric, action, near, quote_start))
        bare = _bare(metric)
        if han_count(bare) >= 2:
            prev_words = bare
    return out


def carried(found: list[Piece], prev: str = "") -> str:
    """The metric words a following segment may inherit: those of the last piece that has some."""
    for p in reversed(found):
        bare = _bare(p.metric)
        if han_count(bare) >= 2:
            return bare
    return prev if found else ""
