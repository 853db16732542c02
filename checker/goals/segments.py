"""Segments and pieces: where a goal or an outcome starts and ends.

A *segment* is a stretch of a sentence between ，；： (``留白增绿 978.5 公顷``). Inside a segment, a
*piece* is the part that belongs to one quantity: ``棚户区改造新开工 500个、完工 400个``
has two pieces, split at the 、 after the first quantity; a piece with no words of its own
(``完工 400个``, ``同比增长7.2%``) inherits the metric words of the piece before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from checker.clauses import CLAUSE, PART, cut
from checker.goals.text import canonical, han_count, has_han
from checker.goals.vocab import vocab
from checker.model import Document, Quantity, Span

_LIST = "、"


def sentences(doc: Document, start: int, end: int) -> Iterator[Span]:
    """Sentences of ``doc.text[start:end]``: the structure's sentences cut further at ；
    (``checker.clauses`` at ``PART``)."""
    spans = [s for s in doc.sentences if s.start < end and s.end > start] or [Span(start, end)]
    for s in spans:
        for piece in cut(doc.text, max(s.start, start), min(s.end, end), PART):
            if piece.end > piece.start:
                yield Span(piece.start, piece.end)


def segments(text: str, sentence: Span) -> list[Span]:
    """Segments of a sentence, split at ，；： (not at 、, which joins list items)."""
    out = [_trim(text, p.start, p.end) for p in cut(text, sentence.start, sentence.end, CLAUSE)]
    return [s for s in out if s.end > s.start and has_han(text[s.start:s.end])]


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


def _words(text: str, start: int, end: int, quantities: list[Quantity],
           attributes: Sequence[tuple[int, int]] = ()) -> str:
    """``text[start:end]`` minus the quantities' own text and the describing ``attributes``
    (``总投资1.2万亿元的``), canonical."""
    parts, pos = [], start
    cuts = sorted([(q.start, q.end) for q in quantities] + list(attributes))
    for a, b in cuts:
        if b <= start or a >= end:
            continue
        parts.append(text[pos:max(pos, a)])
        pos = max(pos, b)
    parts.append(text[pos:end])
    return canonical("".join(parts))


def _has_verb(part: str) -> bool:
    v = vocab()
    return bool(v.actions.search(part) or v.verbs.search(part))


def _bare(metric: str) -> str:
    """A metric with its action and filler words removed: does the piece name anything?"""
    v = vocab()
    return v.fillers.sub("", v.actions.sub("", metric))


def pieces(text: str, seg: Span, quantities: list[Quantity], inherit: str = "",
           attributes: Sequence[tuple[int, int]] = ()) -> list[Piece]:
    """One piece per quantity of the segment (quantities sorted by position).

    ``inherit``: the metric words of the segment before (``保障性租赁住房新开工7.2万套，竣工3.1万套``:
    the second segment names no metric of its own). ``attributes``: spans of describing amounts
    left out of the metric (``推进总投资1.2万亿元的300个重点项目`` → ``推进重点项目``).
    """
    qs = sorted((q for q in quantities if seg.start <= q.start < seg.end), key=lambda q: q.start)
    out: list[Piece] = []
    prev_words = inherit
    for i, q in enumerate(qs):
        start = seg.start
        if i:
            # the last list break before the number: 达到4.12万亿元、居全国前列、增长5.4% —
            # the words of 增长4.8% are 增长 (and the metric carried), not the item between
            cut = text.rfind(_LIST, qs[i - 1].end, q.start)
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
        metric = _words(text, start, end, qs, attributes)
        quote_start = -1
        # the words before the number decide: 增长1.7%（同口径增长2.5%以上）names no metric of its own
        own = _words(text, start, q.start, qs, attributes) if i else metric
        if (han_count(_bare(metric)) < 2 or han_count(_bare(own)) < 2) and prev_words:
            metric = prev_words + metric  # 完工 400个 ← 棚户区改造
            quote_start = out[-1].quote_from if out else -1
        near = vocab().fillers.sub("", canonical(text[max(start, q.start - 8):q.start]))[-6:]
        out.append(Piece(start, end, q, metric, action, near, quote_start))
        bare = _bare(metric)
        if han_count(bare) >= 2:
            prev_words = bare
    return _distribute(text, seg, out)


_ITEM_SEP = re.compile(r"[、]")
_ITEM_AND = re.compile(r"[和及与]")
_FINAL_AND = re.compile(r"[和与]")  # not 及: 县级及以上 is one item


def _items(text: str, start: int, end: int, final_and: bool = False) -> list[Span]:
    """The items of a list ``text[start:end]`` (at 、, else at a last 和/及/与; with ``final_and``
    also at a 和 after the last 、: ``甲、乙和丙``)."""
    cuts = [m.start() for m in _ITEM_SEP.finditer(text, start, end)]
    if cuts and final_and:
        last_and = [m.start() for m in _FINAL_AND.finditer(text, cuts[-1] + 1, end)]
        if last_and:
            cuts.append(last_and[-1])
    if not cuts:
        last = None
        for m in _ITEM_AND.finditer(text, start, end):
            last = m.start()
        cuts = [last] if last is not None else []
    out, pos = [], start
    for c in cuts:
        out.append(Span(pos, c))
        pos = c + 1
    out.append(Span(pos, end))
    return [i for i in out if i.end > i.start]


def _prefix_end(text: str, item: Span) -> int:
    """End of the action words that open a list (``新建和改扩建``中小学校): they go with every item."""
    acts = vocab().actions
    pos = item.start
    while True:
        m = acts.match(text, pos, item.end)
        if m is None:
            if pos < item.end and text[pos] in "和及与" and acts.match(text, pos + 1, item.end):
                pos += 1
                continue
            return pos
        pos = m.end()


def _compound(subject: str, n: int) -> list[str] | None:
    """``城乡居民收入`` read as ``n`` subjects when its compound word has ``n`` parts
    (``城镇居民收入``, ``农村居民收入``); None otherwise."""
    for word, parts in (vocab().raw.get("compound_subjects") or {}).items():
        at = subject.find(word)
        if at != -1 and len(parts) == n:
            return [subject[:at] + part + subject[at + len(word):] for part in parts]
    return None


def _distribute(text: str, seg: Span, found: list[Piece]) -> list[Piece]:
    """Lists of objects sharing numbers: ``中小学校、幼儿园分别为80所、150所`` (the n-th number
    counts the n-th object) and ``5G基站、充电桩各2万个`` (one number for each object: one piece
    per object)."""
    if not found:
        return found
    first = found[0]
    head = text[seg.start:first.quantity.start]
    at = head.find("分别")
    if at != -1 and len(found) >= 2:
        items = _items(text, seg.start, seg.start + at)
        split = _compound(text[items[0].start:items[0].end], len(found)) if len(items) == 1 else None
        if split:  # 城乡居民人均可支配收入分别增长4.9%、7.1%: 城镇…5.3%, 农村…7%
            return [Piece(p.start, p.end, p.quantity, canonical(words), p.action, canonical(words)[-6:],
                          p.quote_start) for p, words in zip(found, split, strict=True)]
        if len(items) == len(found):
            pre_end = _prefix_end(text, items[0])
            prefix = text[items[0].start:pre_end]
            out = []
            for p, it in zip(found, items, strict=True):
                words = text[max(it.start, pre_end):it.end]
                out.append(Piece(p.start, p.end, p.quantity, canonical(prefix + words), p.action,
                                 canonical(words)[-6:], p.quote_start))
            return out
    out = []
    for p in found:
        q = p.quantity
        each = _each(text, p.start, q.start)
        items = _each_items(text, p.start, each) if each != -1 else []
        if len(items) < 2:
            out.append(p)
            continue
        pre_end = _prefix_end(text, items[0])
        prefix = text[items[0].start:pre_end]
        # 均增长10%: each item grows by 10%; 甲、乙增速均…: the last item's rate word is every item's
        verb = canonical(text[each + 1:q.start])
        rate = _shared_head(text[items[-1].start:items[-1].end])
        for k, it in enumerate(items):
            word_start = max(it.start, pre_end)
            words = canonical(text[word_start:it.end])
            if rate and not _has_head(words):
                words += rate
            out.append(Piece(p.start if k == 0 else it.start, p.end, q, canonical(prefix) + words + verb,
                             p.action, words[-6:], p.quote_start if k == 0 else -1))
    return out


def _each_items(text: str, start: int, each: int) -> list[Span]:
    """The subjects sharing the number: ``甲、乙和丙`` (at 、 and a final 和), or ``甲和乙`` alone."""
    if "、" in text[start:each]:
        return _items(text, start, each, final_and=True)
    last = [m.start() for m in _FINAL_AND.finditer(text, start, each)]
    if not last:
        return []
    return [i for i in (Span(start, last[-1]), Span(last[-1] + 1, each)) if i.end > i.start]


@cache
def _heads() -> tuple[str, ...]:
    raw = vocab().raw
    words = list(raw.get("rate_of_change_words") or ()) + list(raw.get("shared_heads") or ())
    return tuple(sorted(set(words), key=len, reverse=True))


def _shared_head(item: str) -> str:
    """The metric head closing a list's last item, which the items before share (``出游总花费增速``
    → ``增速``; ``城市垃圾和建筑垃圾利用率`` → ``利用率``), else empty."""
    tail = canonical(item).rstrip("等")
    for w in _heads():
        if tail.endswith(w) and len(tail) > len(w):
            return w
    return ""


def _has_head(words: str) -> bool:
    """Does a list item name its own metric (``污水处理率``), so the shared head is not added?"""
    tail = words.rstrip("等")
    return tail.endswith(_heads()) or tail.endswith(tuple(vocab().raw.get("head_endings") or ()))


def _each(text: str, start: int, number: int) -> int:
    """Where the word that gives one number to every listed subject stands before ``number``
    (``充电桩各2万个``; ``游览人数、旅游收入均增长8%``: only action words between it and the
    number), else -1. ``年均增长`` and ``人均`` are not it: an average, not a share-out."""
    raw = vocab().raw
    averages = tuple(raw.get("average_words") or ())
    # the one nearest the number decides (each word is one character: 各 均 都)
    at = max((text.rfind(w, start, number) for w in raw.get("each_words") or () if len(w) == 1),
             default=-1)
    if at == -1:
        return -1
    if text[max(start, at - 1):at + 1] in averages or text[at - 1:at + 1] in averages:
        return -1
    between = canonical(text[at + 1:number])
    for link in raw.get("each_links") or ():
        between = between.replace(link, "")
    if not between or (text[at] != "各" and han_count(_bare(between)) == 0):
        return at
    return -1


def object_tail(text: str, seg: Span) -> str:
    """The object a number-less segment hands on to the next one: its words after the last
    action or goal verb (``从今年开始拟连续几年发行超长期特别国债，今年先发行1万亿元``: the second
    segment counts 超长期特别国债). Empty when fewer than 2 characters are left."""
    raw = text[seg.start:seg.end]
    v = vocab()
    last = None
    for pat in (v.actions, v.verbs):
        for m in pat.finditer(raw):
            if last is None or m.end() > last:
                last = m.end()
    if last is None:
        return ""
    tail = _bare(canonical(raw[last:]))
    return tail if 2 <= han_count(tail) <= 12 else ""


def carried(found: list[Piece], prev: str = "") -> str:
    """The metric words a following segment may inherit: those of the last piece that has some."""
    for p in reversed(found):
        bare = _bare(p.metric)
        if han_count(bare) >= 2:
            return bare
    return prev if found else ""
