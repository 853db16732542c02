"""The figure library: which quantified mentions state the same figure, and do they agree.

A *figure* is a quantified mention placed as (kind, year, unit dimension, measure): an outcome of
a review section or a target of a plan/targets section, a level (失业率4.4%), a change
(增长5.2%) or a running total (累计…). ``collect_figures`` places them (a summary's figure
borrows its year from the report it retells), ``group_figures`` gathers occurrences of one
figure (``全省地区生产总值增长6.1%`` in a report and ``2024年全省地区生产总值增长6.1%`` in its press
summary), and ``differences`` says whether a group agrees in value, unit and qualifier.

Figures pair only on a confident key match: the same mention key, the same year, the same kind,
a compatible unit dimension and the same measure. Equal numbers of different metrics
(整治背街小巷126条 / 改造老旧厂房126个) or of different years are never compared. The kinds
``figure_agreement`` and the series kinds consume it.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from checker import lexicon
from checker.analysis.identity import is_stock
from checker.datafiles import load_data
from checker.model import PLAN, REVIEW, TARGETS, Document, Mention, Quantity

OUTCOME = "outcome"
TARGET = "target"
LEVEL, CHANGE, CUMULATIVE = "level", "change", "cumulative"

# For an outcome, 达到44.4% reports the value reached: it is the bare value, not a floor.
_OUTCOME_SAME_AS_BARE = frozenset({">="})


@functools.cache
def figure_data() -> dict[str, Any]:
    """The domain word lists of checker/data/figures.yaml (read once)."""
    data = load_data("figures.yaml")
    data["count_units"] = frozenset(load_data("units.yaml")["counted_units"])
    data["non_figure_units"] = frozenset(data.get("non_figure_units") or ())
    return data


def figure_key(m: Mention) -> str:
    """The key a figure is grouped under: the mention key without a trailing link verb
    (``地区生产总值增速定在``, ``key_tail_links``), or the key it is another name of
    (``经济总量`` → ``地区生产总值``, checker/data/synonyms.yaml ``whole_keys``)."""
    key = m.key or ""
    for tail in _tail_links():
        if tail and key.endswith(tail) and len(key) - len(tail) >= 2:
            key = key[: -len(tail)]
            break
    return lexicon.whole_key(key)


@functools.cache
def _tail_links() -> tuple[str, ...]:
    """``key_tail_links``, longest first (sorted once: every figure's key is tried)."""
    return tuple(sorted(figure_data().get("key_tail_links") or (), key=len, reverse=True))


# 含量/含金量 are metric words, not "including".
_NOT_SCOPE = ("含量", "含金量", "包括在")


def scope_core(key: str) -> str:
    """The metric phrase without a trailing statement of coverage: ``轨道交通运营里程含市域铁路`` →
    ``轨道交通运营里程`` (a ``scope_cues`` word such as 含/包括 after at least 4 characters)."""
    best = len(key)
    for cue in figure_data().get("scope_cues") or ():
        i = key.find(cue, 4)
        while i >= 0 and any(key.startswith(w, i) for w in _NOT_SCOPE):
            i = key.find(cue, i + 1)
        if i >= 4 and len(key) - i - len(cue) >= 2:
            best = min(best, i)
    return key[:best]


def figure_kind(role: str | None) -> str | None:
    """``outcome`` for a review section, ``target`` for plan and targets sections, else None."""
    if role == REVIEW:
        return OUTCOME
    if role in (PLAN, TARGETS):
        return TARGET
    return None


def mention_kind(doc: Document, m: Mention) -> str | None:
    """The figure kind of a mention: its section's, except that a plan section's figure for a year
    before the plan's (``2023年全市公园总数达到1065个`` in the 2024 plan) restates an outcome, and a
    review's figure for a later year (``到2025年达到45%``) states a target."""
    kind = figure_kind(m.role)
    top = doc.top_section_at(m.clause.start) if kind else None
    if top is None or top.year is None or m.year is None:
        return kind
    if kind == TARGET and m.year < top.year and not getattr(top, "first_year", None):
        return OUTCOME
    if kind == OUTCOME and m.year > top.year:
        return TARGET
    return kind


def unit_dimension(unit: str | None) -> str:
    """What a unit measures: all counting words (个 套 家 …) are ``count``; others are themselves.

    ``8.2万套`` and ``8.2万个`` share the dimension ``count`` (so a changed 量词 is caught);
    ``2.4万美元`` (美元) and ``21万元`` (元) do not.
    """
    unit = (unit or "").strip()
    if not unit:
        return "none"
    if unit in figure_data()["count_units"]:
        return "count"
    return unit


def is_cumulative(text: str) -> bool:
    """True when ``text`` (the clause up to the number) marks a running total: ``累计加装电梯2150部``."""
    return is_stock(text)


def measure_of(m: Mention, lead_text: str, key: str | None = None) -> str:
    """``change`` (增长5.2%, 增长1.1倍), ``cumulative`` (累计…) or ``level`` (失业率4.4%).

    A change is a growth multiple, a rate unit with a direction, or a key the mention stage
    marked as a rate of change (``地区生产总值增速``); ``约4.4万亿元`` after ``增长5.2%`` stays a level.
    A figure for a span of years (``压减一般性支出86亿元`` in a 2016–2020 review: the mention's
    ``first_year``) is a running total, like one marked ``累计``.
    """
    from checker.mentions import CHANGE_SUFFIX, RATE_UNITS

    q = m.quantity
    assert q is not None
    key = key if key is not None else m.key
    if q.kind == "growth_multiple" or key.endswith(CHANGE_SUFFIX) or (q.direction and q.unit in RATE_UNITS):
        return CHANGE
    first = getattr(m, "first_year", None)
    if is_cumulative(lead_text) or (first is not None and m.year is not None and first < m.year):
        return CUMULATIVE
    return LEVEL


@dataclass(frozen=True)
class Figure:
    """A quantified mention with what it is a figure of: kind, year, dimension, measure."""

    doc: Document
    mention: Mention
    kind: str
    year: int
    dim: str
    measure: str
    alias: str = ""     # a summary's figure: the key of the full report's figure it retells

    @property
    def quantity(self) -> Quantity:
        assert self.mention.quantity is not None
        return self.mention.quantity

    @property
    def key(self) -> str:
        return self.alias or self.mention.key

    @property
    def place(self) -> str:
        """The place the figure is of (a province, a city, the nation): places are never compared."""
        return self.doc.meta.region or ""

    @property
    def quote(self) -> str:
        """The clause that states the figure, whitespace removed."""
        c = self.mention.clause
        return self.doc.quote(c.start, c.end)

    @property
    def ident(self) -> tuple[str, int, int]:
        q = self.quantity
        return (self.doc.id, q.start, q.end)

    @property
    def doc_kind(self) -> str:
        return self.doc.meta.kind

    @property
    def span(self) -> str:
        """The years the figure covers: ``2023``, or ``2016–2020`` for a span total."""
        first = getattr(self.mention, "first_year", None)
        return f"{first}–{self.year}" if first is not None and first < self.year else str(self.year)


MentionSource = Callable[[Document], list[Mention]]


@functools.cache
def _verb_words() -> tuple[str, ...]:
    """The mention stage's actions, change verbs and link words, longest first."""
    from checker.mentions import words

    w = words()
    vocab = {*w.actions, *w.up, *w.down, *w.links, *w.transparent}
    return tuple(sorted((v for v in vocab if v), key=len, reverse=True))


@functools.cache
def _verbs_by_first_char() -> dict[str, list[tuple[int, str]]]:
    """``_verb_words`` (with their place in that order) by their first character."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, word in enumerate(_verb_words()):
        out[word[0]].append((i, word))
    return out


@functools.lru_cache(maxsize=16384)  # keyed by text: bounded, a run over every place must not grow it
def vague_key(key: str) -> bool:
    """A key made only of verbs and link words (``减少到``, ``提高到``) names no metric: no
    confident match can rest on it."""
    # Removing words never adds a character, so only the words starting with a character of the
    # key can ever match: those are removed, in the same longest-first order (not all ~150).
    index = _verbs_by_first_char()
    words = sorted(w for ch in set(key) for w in index.get(ch, ()))
    rest = key
    for _, word in words:
        rest = rest.replace(word, "")
    return len(rest) < 2


# 第一个五年: a key that is an ordinal names a position, not a metric.
_ORDINAL_KEY = re.compile(r"^第[一二三四五六七八九十百千两\d]")


def _figure(doc: Document, m: Mention, kind: str | None, year: int | None) -> Figure | None:
    q = m.quantity
    if q is None or kind is None or year is None or not (m.key or "").strip():
        return None
    if _ORDINAL_KEY.match(m.key) or vague_key(m.key):
        return None
    if q.unit in figure_data()["non_figure_units"]:
        return None  # 三年行动计划: a programme's length, not a reported figure
    if m.figure is not None and m.figure.named:
        return None  # 15分钟生活圈, 两年见成效: a number inside a name or a slogan
    lead = doc.match_text[m.clause.start:max(q.end, m.clause.start)]
    key = figure_key(m)
    return Figure(doc, m, kind, year, unit_dimension(q.unit), measure_of(m, lead, key),
                  alias=key if key != m.key else "")


def _full_report_index(full: Document, mentions: MentionSource) -> dict[str, set[tuple[str, int]]]:
    """key → the (kind, year) pairs the full report gives that key."""
    index: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for m in mentions(full):
        kind = mention_kind(full, m)
        if m.quantity is not None and kind and m.year is not None:
            index[figure_key(m)].add((kind, m.year))
    return index


def collect_figures(docs: Iterable[Document], corpus: Any = None,
                    mentions: MentionSource | None = None) -> list[Figure]:
    """Every quantified mention of ``docs`` that can be placed as (kind, year).

    A summary's mention outside any review/plan section borrows (kind, year) from the full
    report it retells (``corpus.full_of``) when the key names exactly one (kind, year) there.
    Its own year, or else the year an earlier clause of its sentence states (``报告提出，2023年
    全省经济总量…，改造老旧小区1260个``), picks among several.
    """
    if mentions is None:
        from checker.analysis.store import AnalysisStore

        store = AnalysisStore()  # one reading per document for this call
        mentions = lambda doc: store.of(doc).mentions  # noqa: E731
    out: list[Figure] = []
    for doc in docs:
        full_index: dict[str, set[tuple[str, int]]] | None = None
        full: Document | None = None
        sentence_year: tuple[int, int] | None = None    # (sentence start, year stated in it)
        doc_mentions = mentions(doc)
        for m in doc_mentions:
            kind, year = mention_kind(doc, m), m.year
            if kind is None and m.year is not None:
                sentence_year = (m.sentence.start, m.year)
            if (kind is None or year is None) and m.quantity is not None and doc.meta.kind != "report":
                if full_index is None:
                    full = _full_of(corpus, doc)
                    full_index = _full_report_index(full, mentions) if full is not None else {}
                placed = full_index.get(figure_key(m)) or set()
                if not placed:
                    # the report states it under a longer name (with its coverage): 轨道交通运营里程
                    # retold from 轨道交通和市域铁路运营里程（含市域铁路）
                    near = [k for k in full_index if retold_key(figure_key(m), k)]
                    if len(near) == 1:
                        placed = full_index[near[0]]
                own = m.year
                if own is None and sentence_year and sentence_year[0] == m.sentence.start:
                    own = sentence_year[1]
                if own is not None and len(placed) > 1:
                    # 2024年GDP增长目标…: the summary's own year picks among the report's
                    placed = {p for p in placed if p[1] == own}
                elif own is None and len(placed) > 1 and full is not None and full.meta.year \
                        and _alone_in_sentence(m, doc_mentions):
                    # 森林覆盖率41.6% with no year: the report's own figures (the year it reviews,
                    # the year it plans), not a baseline it quotes (由41.2%提高到41.6%)
                    placed = {p for p in placed if p in ((OUTCOME, full.meta.year - 1),
                                                         (TARGET, full.meta.year))}
                if len(placed) == 1:
                    kind, year = next(iter(placed))
            fig = _figure(doc, m, kind, year)
            if fig is not None:
                out.append(fig)
    return _align_summary_keys(out, corpus, mentions)


def _alone_in_sentence(m: Mention, doc_mentions: list[Mention]) -> bool:
    """``m`` is the only quantified mention of its key in its sentence (not 由A提高到B)."""
    key = figure_key(m)
    return sum(1 for x in doc_mentions if x.quantity is not None and x.sentence.start == m.sentence.start
               and figure_key(x) == key) == 1


def _signature(f: Figure) -> tuple[int, str, str, str]:
    return (f.year, f.kind, f.dim, f.measure)


def key_variant(a: str, b: str) -> bool:
    """``提前疏散转移`` / ``疏散转移``: one key is the other with at most 4 characters added at
    one end, and the shorter has at least 4 — the same figure retold with a word more or less."""
    short, long = sorted((a, b), key=len)
    return (short != long and len(short) >= 4 and len(long) - len(short) <= 4
            and (long.endswith(short) or long.startswith(short)))


def drops_component(short: str, long: str) -> bool:
    """``short`` is ``long`` without a joined component: ``轨道交通运营里程`` /
    ``轨道交通和市域铁路运营里程`` (one ``scope_joiners`` word and what it joins dropped); both
    at least 4 characters."""
    if len(short) < 4 or len(long) <= len(short):
        return False
    for joiner in figure_data().get("scope_joiners") or ():
        if not joiner or joiner not in long:
            continue
        head, tail = long.split(joiner, 1)
        if head and any(head + tail[cut:] == short for cut in range(1, len(tail))):
            return True
    return False


def retold_key(short: str, long: str) -> bool:
    """A summary's key ``short`` retells the report's key ``long``: a variant (``key_variant``),
    or ``long`` with its statement of coverage (含市域铁路) or a joined component dropped."""
    if key_variant(short, long):
        return True
    core = scope_core(long)
    return short == core or (core != long and key_variant(short, core)) or drops_component(short, core)


def _align_summary_keys(figs: list[Figure], corpus: Any, mentions: MentionSource) -> list[Figure]:
    """A summary's figure whose key its full report never uses, for the same year, kind,
    dimension and measure, takes the report's key when exactly one report key is a variant of it
    (``retold_key``): the summary retells that figure with a word dropped or added, or without
    the report's statement of coverage (``轨道交通运营里程`` for
    ``轨道交通和市域铁路运营里程（含市域铁路）``)."""
    reports: dict[str, dict[tuple, set[str]]] = {}
    out = []
    for f in figs:
        if f.doc.meta.kind == "report":
            out.append(f)
            continue
        full = _full_of(corpus, f.doc)
        if full is None:
            out.append(f)
            continue
        if full.id not in reports:
            index: dict[tuple, set[str]] = defaultdict(set)
            for m in mentions(full):
                g = _figure(full, m, mention_kind(full, m), m.year)
                if g is not None:
                    index[_signature(g)].add(g.key)
            reports[full.id] = index
        keys = reports[full.id].get(_signature(f)) or set()
        if f.key not in keys:
            near = [k for k in keys if retold_key(f.key, k)]
            if len(near) == 1:
                f = Figure(f.doc, f.mention, f.kind, f.year, f.dim, f.measure, alias=near[0])
        out.append(f)
    return out


def _full_of(corpus: Any, doc: Document) -> Document | None:
    if corpus is None:
        return None
    try:
        return corpus.full_of(doc.id)
    except (KeyError, AttributeError):
        return None


def _dedupe(figs: Iterable[Figure]) -> list[Figure]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in figs:
        if f.ident not in seen:
            seen.add(f.ident)
            out.append(f)
    return out


def _one_per_sentence(figs: list[Figure]) -> list[Figure]:
    """A sentence does not restate its own figure: two figures of one key in one sentence
    (``分别增长8%和10%``, ``…28.1万人，其中…5万人``) are different figures, so only the first of
    them joins a group."""
    seen: set[tuple[str, int]] = set()
    out = []
    for f in figs:
        where = (f.doc.id, f.mention.sentence.start)
        if where not in seen:
            seen.add(where)
            out.append(f)
    return out


def _split_by_action(figs: list[Figure]) -> list[list[Figure]]:
    """Actions tell figures apart only where a document itself states one key with two actions
    (``危旧楼房改建新开工420个、完工260个``): then each action is its own figure, and a figure
    without an action is left out (no guessing). Elsewhere a changed verb is wording
    (建设筹集 / 筹集建设) and the figures stay together."""
    actions_by_doc: dict[str, set[str]] = defaultdict(set)
    for f in figs:
        if f.mention.action:
            actions_by_doc[f.doc.id].add(f.mention.action)
    if not any(len(a) > 1 for a in actions_by_doc.values()):
        return [figs]
    by_action: dict[str, list[Figure]] = defaultdict(list)
    for f in figs:
        if f.mention.action:
            by_action[f.mention.action].append(f)
    return list(by_action.values())


def group_figures(figures: Iterable[Figure], min_occurrences: int = 2) -> list[list[Figure]]:
    """Groups of the same figure: same place, key, period, kind, unit dimension and measure.

    Groups are returned in document order of their first occurrence; each keeps its
    occurrences in input order.
    """
    buckets: dict[tuple, list[Figure]] = defaultdict(list)
    for f in _dedupe(figures):
        # the period is the figure's: a five-year average (2021–2025) is not the year's (2025)
        buckets[(f.place, f.key, f.span, f.kind, f.dim, f.measure)].append(f)
    groups = []
    for figs in buckets.values():
        for sub in _split_by_action(figs):
            sub = _one_per_sentence(sub)
            if len(sub) >= min_occurrences:
                groups.append(sub)
    return groups


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _qualifier(f: Figure, lenient: bool) -> str:
    q = f.quantity.qualifier or "="
    if lenient and f.kind == OUTCOME and q in _OUTCOME_SAME_AS_BARE:
        return "="
    return q


def _bound_holds(bound: Figure, exact: float) -> bool:
    """Does the outcome ``bound`` (突破3.4万亿元, 超过63万人, 近240万平方米, 约4.4万亿元) hold for the
    exact value, as the rounded statement of it? Within ``bound_tolerance`` (relative) of it."""
    q = bound.quantity
    b, tol = q.value, float(figure_data().get("bound_tolerance", 0.1))
    if b <= 0 or q.value_high is not None:
        return False
    qual = q.qualifier
    if qual in (">", ">="):
        return (b < exact if qual == ">" else b <= exact) and exact <= b * (1 + tol)
    if qual in ("<", "<=", "<~"):
        return (exact < b if qual == "<" else exact <= b) and exact >= b * (1 - tol)
    if qual == "~":
        return abs(exact - b) <= b * tol / 2
    return False


def rounded_bounds(group: Sequence[Figure], lenient_qualifiers: bool = True) -> list[Figure]:
    """The outcomes of ``group`` that state a rounded bound of its exact figure: the others (at
    least one) state one exact value, and each bound holds for it (``_bound_holds``) with another
    value — an overview's 经济总量突破3.4万亿元 for the body's 3.42万亿元. Empty when not so."""
    exact = [f for f in group if _qualifier(f, lenient_qualifiers) == "="]
    bounds = [f for f in group if _qualifier(f, lenient_qualifiers) != "="]
    if not exact or not bounds or any(f.kind != OUTCOME for f in group):
        return []
    v = exact[0].quantity.value
    if any(not _same_value(v, f.quantity.value) or f.quantity.value_high is not None for f in exact):
        return []
    if all(not _same_value(v, f.quantity.value) and _bound_holds(f, v) for f in bounds):
        return bounds
    return []


def differences(group: Sequence[Figure], lenient_qualifiers: bool = True) -> list[str]:
    """Which of ``value``, ``unit``, ``qualifier`` differ within ``group`` (empty: all agree).

    An outcome stated elsewhere as a rounded bound of its exact value (突破3.4万亿元 / 3.42万亿元,
    ``rounded_bounds``) agrees in value and qualifier; a bound with the same number as the exact
    figure (近240万平方米 / 240万平方米) does not.
    """
    bounds = rounded_bounds(group, lenient_qualifiers)
    if bounds:
        rest = [f for f in group if f not in bounds]
        units = {f.quantity.unit for f in group}
        return ["unit"] if len(units) > 1 else differences(rest, lenient_qualifiers) if len(rest) > 1 else []
    diffs = []
    values = [f.quantity.value for f in group]
    if any(not _same_value(values[0], v) for v in values[1:]):
        diffs.append("value")
    else:
        first = group[0].quantity.value_high
        highs = [f.quantity.value_high for f in group]
        if any((h is None) != (first is None) or (h is not None and first is not None
                                                  and not _same_value(h, first)) for h in highs):
            diffs.append("value")
    if len({f.quantity.unit for f in group}) > 1:
        diffs.append("unit")
    if len({_qualifier(f, lenient_qualifiers) for f in group}) > 1:
        diffs.append("qualifier")
    return diffs


def stated(f: Figure) -> str:
    """The figure as written: the quantity's own text, whitespace removed (``5.2%``, ``约4.4万亿元``)."""
    q = f.quantity
    text = "".join((q.text or "").split())
    return text or f"{q.value:g}{q.unit}"
