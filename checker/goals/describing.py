"""Numbers of a plan that describe something rather than set an amount to reach.

A plan sentence carries numbers that are no target: a project's size in its name
(``建成某某60万千瓦热电项目``), a starting value (``补助标准由20元提高到40元``: 20元), the
country's population (``14亿人民的期盼``), a size class (``千亿级产业集群``), the name of a
programme (``千企升级行动``), the count of a list just enumerated (``甲、乙、丙三项行动``), the
count of a fixed set of categories a continuing action works on (``聚焦12条重点产业链``) and a
travel time a railway brings (``甲市至乙市时间缩短到3小时``). ``describes`` says whether a
quantity is one of them; the words come from checker/data/goal_vocab.yaml (and the baseline
words from checker/data/figure_identity.yaml).
"""

from __future__ import annotations

import re
from functools import cache

from checker.clauses import CLAUSE, ITEM, SENTENCE, cut
from checker.datafiles import load_data
from checker.goals.text import canonical
from checker.goals.vocab import vocab
from checker.model import Quantity

_LIST_SEP = "、"


@cache
def _counted() -> frozenset[str]:
    return frozenset(load_data("units.yaml")["counted_units"])


@cache
def _words(key: str) -> tuple[str, ...]:
    return tuple(sorted(vocab().raw.get(key) or (), key=len, reverse=True))


@cache
def _alternation(key: str) -> re.Pattern[str]:
    words = _words(key)
    return re.compile("|".join(re.escape(w) for w in words) or r"(?!x)x")


def describes(text: str, q: Quantity) -> bool:
    """Does ``q`` (in ``text``) describe something rather than state a target?"""
    return any(test(text, q) for test in (_sizes_a_project, _baseline, _population, _size_class,
                                           _criterion, _programme_name, _fixed_set, _travel_time))


def attribute_span(text: str, q: Quantity) -> tuple[int, int] | None:
    """Where a describing amount written as an attribute with 的 stands, with the noun it opens
    with: ``推进总投资1.2万亿元的300个重点项目`` → the span of ``总投资1.2万亿元的``; None when ``q``
    is no such attribute (``投资80亿元建设…``, a target)."""
    if not text.startswith("的", q.end) or not describes(text, q):
        return None
    start = q.start
    opener = next((w for w in _words("attribute_openers") if text.endswith(w, 0, start)), None)
    if opener is not None:
        start -= len(opener)
    return start, q.end + 1


def _phrase_after(text: str, at: int, reach: int = 30) -> str:
    """The words after ``at`` up to the next clause or list break (``checker.clauses`` ITEM and SENTENCE)."""
    end = min(len(text), at + reach)
    first = cut(text, at, end, ITEM + SENTENCE)[0]
    return text[first.start:first.end].split("\n")[0]


def _clause_before(text: str, q: Quantity) -> str:
    """The clause's words before ``q`` (from the last ，；。： before it)."""
    last = cut(text, max(0, q.start - 60), q.start, CLAUSE)[-1]
    return text[last.start:last.end].split("\n")[-1]


def _sizes_a_project(text: str, q: Quantity) -> bool:
    """Is ``q`` the size of a project it names (``建成60万千瓦热电联产项目``, ``总投资300亿元以上的
    新材料项目``) rather than an amount (``新增装机60万千瓦``, ``投资80亿元建设…``)? A capacity or an
    investment written before a noun whose phrase closes on a project word, with no action between."""
    v = vocab()
    if q.unit not in _words("project_size_units"):
        return False
    at = q.end + (1 if text.startswith("的", q.end) else 0)
    opens = at < len(text) and (_is_han(text, at) or text[at] == "“" or (at > q.end and text[at].isdigit()))
    if not opens:
        return False  # the number closes its phrase: an amount (总投资…的289个项目: a count follows)
    phrase = _phrase_after(text, at)
    zones = _words("zone_suffixes")
    heads = [m.start() for m in _alternation("project_heads").finditer(phrase)
             if not phrase.startswith(zones, m.end())]
    if not heads:
        return False
    before = phrase[:max(heads)]
    return not (v.actions.search(before) or v.verbs.search(before))


def _baseline(text: str, q: Quantity) -> bool:
    """``由20元提高到40元``: the number after 由/从 and before a 'to' word is where it starts from."""
    before = text[max(0, q.start - 2):q.start]
    if not before or before[-1] not in _words("baseline_from"):
        return False
    return text.startswith(_words("baseline_to"), q.end)


@cache
def _population_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _words("population_words"))
    return re.compile(rf"[\d.一二三四五六七八九十两百千万亿]+[多余]?(?:{words})的")


def _population(text: str, q: Quantity) -> bool:
    """``13亿人民的``, ``14亿中国人的``: the population as an attribute of what follows, never a target."""
    m = _population_re().search(text, q.start, q.end + 8)
    return m is not None and m.start() < q.end


def _size_class(text: str, q: Quantity) -> bool:
    """``千亿级产业集群``: a size class (…级) grading the things named next; a class of an amount
    (``保持千亿级投资强度``, ``产值达到千亿级规模``) is a target."""
    core = q.text.strip()
    spelled_class = bool(core) and all(c in "百千万亿" for c in core) and "亿" in core
    if not (spelled_class or core.endswith(_words("size_class_suffixes"))):
        return False
    # 百亿企业, 千亿级产业集群: the class of the things named next (千亿投资强度 is an amount)
    return text.startswith(_words("size_class_things"), q.end)


def _is_han(text: str, at: int) -> bool:
    """Is ``text[at]`` a Chinese character?"""
    return at < len(text) and "\u4e00" <= text[at] <= "\u9fff"


def _criterion(text: str, q: Quantity) -> bool:
    """``年销售收入超10亿元农业龙头企业``: a bar (超/以上) sorting the things named after it."""
    if q.unit in _counted() or q.qualifier not in (">", ">=") or "%" in q.unit or "百分点" in q.unit:
        return False
    at = q.end + (1 if text.startswith("的", q.end) else 0)
    if not _is_han(text, at):
        return False
    phrase = re.split(r"\d", _phrase_after(text, at), maxsplit=1)[0]  # up to the count of them
    heads = [m.end() for m in _alternation("criterion_heads").finditer(phrase)]
    if not heads:
        return False
    v = vocab()
    sorted_words = phrase[:max(heads)]
    # 投资500亿元以上建设…: what the amount does, not what it sorts
    return not (v.actions.search(sorted_words) or v.verbs.search(sorted_words))


def _spelled_round(q: Quantity) -> bool:
    """``百万``, ``千``, ``万``: a round number spelled as a bare multiplier (no digits)."""
    core = q.text.strip()
    return bool(core) and core[0] in "百千万亿" and not any(c.isdigit() for c in core)


def _programme_name(text: str, q: Quantity) -> bool:
    """``实施百万人才进某地行动计划``: a round spelled number opening a programme's name."""
    if not _spelled_round(q):
        return False
    phrase = _phrase_after(text, q.end)
    return any(canonical(phrase).endswith(w) for w in _words("programme_heads"))


def _fixed_set(text: str, q: Quantity) -> bool:
    """``深入实施15项重大工程``, ``聚焦12条重点产业链``, ``开展甲、乙、丙3项行动``: the count of a fixed set
    of categories (工程 行动 产业链 集群 …) that a continuing action works on, or that was just
    enumerated — not a year's new ones (``新建5个产业集群`` and ``甲、乙2条高速建成通车`` are targets)."""
    if q.unit not in _counted():
        return False
    phrase = canonical(_phrase_after(text, q.end))
    if not any(phrase.endswith(w) for w in _words("fixed_set_nouns")):
        return False
    clause = _clause_before(text, q)
    items = clause.rstrip().split(_LIST_SEP)
    if len(items) >= 2 and not clause.rstrip().endswith("等") and len(items) == q.value:
        return True  # the count counts the list just written
    last_fixed = None
    for m in _alternation("fixed_set_verbs").finditer(clause):
        last_fixed = m
    if last_fixed is None:
        return False
    v = vocab()
    rest = clause[last_fixed.end():]
    return not (v.actions.search(rest) or v.verbs.search(rest))  # no other action nearer the number


def _travel_time(text: str, q: Quantity) -> bool:
    """``甲市至乙市时间缩短到3小时``: the time a route takes, brought by a transport project."""
    if q.unit not in _words("travel_time_units"):
        return False
    pattern = str(vocab().raw.get("travel_time_pattern") or "")
    return bool(pattern) and re.search(pattern, _clause_before(text, q)) is not None
