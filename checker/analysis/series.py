"""Series: one metric's figures across the years a corpus covers, and multi-year targets.

``build_series`` chains the figures of one metric (mention key, unit dimension, measure) year by
year — outcomes from review sections, targets from plan and targets sections — linking a metric
whose name gained a component or qualifier (污水处理能力 → 污水和再生水处理能力) as a scope change.
``plausibility`` finds the moves no real figure makes (a level multiplied by ten in a year, a rate
outside 0–100%). ``progress_all`` holds each multi-year target (“十四五” … 森林覆盖率达到52% by
2025) against the newer outcomes of its metric; ``word_targets`` follows targets stated in words
(消除劣Ⅴ类水体) to the latest later statement of their object. The kinds ``series_plausibility``
and ``multi_year_progress`` report them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker.analysis.figures import (
    CHANGE,
    LEVEL,
    OUTCOME,
    TARGET,
    Figure,
    figure_data,
    rounded_bounds,
    scope_core,
    stated,
)
from checker.analysis.store import AnalysisStore
from checker.i18n import join_list
from checker.i18n import t as say
from checker.model import TARGETS, Document

# --- series -------------------------------------------------------------------------------------


@dataclass
class Point:
    """One (year, kind) of a series, with every figure that states it."""

    year: int
    kind: str
    figure: Figure                      # the representative (a report's, if any)
    figures: list[Figure] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.figure.quantity.value

    def describe(self) -> str:
        """``44.9% (2023)``; ``新开工300个 (2024 目标)``."""
        action = self.figure.mention.action or ""
        span = self.figure.span if self.kind == OUTCOME else say("series.target_year", year=self.figure.span)
        return f"{action}{stated(self.figure)} ({span})"


@dataclass
class Series:
    """The points of one metric, by year; ``keys`` has several entries when scope changed."""

    keys: list[str]
    dim: str
    measure: str
    points: list[Point]

    @property
    def key(self) -> str:
        return self.keys[-1]

    def outcomes(self) -> list[Point]:
        return [p for p in self.points if p.kind == OUTCOME]

    def years(self, kind: str = OUTCOME) -> set[int]:
        return {p.year for p in self.points if p.kind == kind}


def _rank(f: Figure) -> int:
    # A report's own statement before a summary's retelling; sorted() is stable, so among equals
    # the earlier document (input order) comes first.
    return 0 if f.doc_kind == "report" else 1


def _points(figs: Sequence[Figure]) -> list[Point]:
    """Points by (year, kind). Where a year's report figures differ, they are told apart by their
    action (新开工300个 / 完工200个: two points); a slot that stays ambiguous is left out."""
    slots: dict[tuple[int, str, str], list[Figure]] = defaultdict(list)
    for f in figs:
        slots[(f.year, f.kind, f.measure)].append(f)
    points = []
    for (year, kind, _measure), group in slots.items():
        # 突破3.4万亿元 in an overview rounds the body's 3.42万亿元: one point, stated exactly
        bounds = rounded_bounds(group) if len(group) > 1 else []
        subs = _by_action(sorted((f for f in group if f not in bounds), key=_rank))
        for sub in subs:
            points.append(Point(year, kind, sub[0], sub + (bounds if len(subs) == 1 else [])))
    points.sort(key=lambda p: (p.year, p.kind == OUTCOME))
    return points


def _values(figs: Sequence[Figure]) -> set[tuple[float, float | None]]:
    reports = [f for f in figs if f.doc_kind == "report"] or list(figs)
    return {(f.quantity.value, f.quantity.value_high) for f in reports}


def _by_action(group: list[Figure]) -> list[list[Figure]]:
    if len(_values(group)) <= 1:
        return [group]
    by_action: dict[str | None, list[Figure]] = defaultdict(list)
    for f in group:
        by_action[f.mention.action].append(f)
    if None in by_action or any(len(_values(sub)) > 1 for sub in by_action.values()):
        return []  # two different figures under one key and year: not a series point
    return list(by_action.values())


def _comparable(a: Point, b: Point) -> bool:
    """Points whose actions differ (新开工 vs 完工) are different quantities of one metric."""
    x, y = a.figure.mention.action, b.figure.mention.action
    return x is None or y is None or x == y or len(_values(a.figures + b.figures)) <= 1


def _subsequence(short: str, long: str) -> bool:
    """Every character of ``short`` in ``long``, in order (not necessarily together)."""
    at = 0
    for ch in short:
        at = long.find(ch, at) + 1
        if not at:
            return False
    return True


# A place's series are compared pairwise (each new key with every series kept so far), so the
# per-phrase parts of ``scope_relation`` are worked out once per phrase (bounded caches).
@lru_cache(maxsize=16384)
def _joined_parts(phrase: str) -> tuple[str, ...]:
    for joiner in sorted(figure_data().get("scope_joiners") or (), key=len, reverse=True):
        if joiner and joiner in phrase:
            return tuple(p for p in phrase.split(joiner) if p)
    return (phrase,)


@lru_cache(maxsize=16384)
def _phrase_and_core(key: str) -> tuple[str, str]:
    """The phrase without the change suffix, and its ``scope_core``."""
    from checker.mentions import CHANGE_SUFFIX

    phrase = key.removesuffix(CHANGE_SUFFIX)
    return phrase, scope_core(phrase)


def scope_relation(a: str, b: str) -> str | None:
    """How metric phrase ``b`` differs in scope from ``a`` (None: not the same metric).

    - ``joined``: one phrase joins a second component: ``城市污水处理能力`` vs
      ``污水和再生水处理能力`` (drop ``和再生水``: the rest is close to the other phrase);
    - ``qualifier``: one phrase is the other with words added in front or inside
      (``养老服务覆盖率`` → ``农村养老服务覆盖率``; ``城市污水处理能力`` → ``污水处理能力``).

    Conservative: the shared core must be at least 4 characters and the added words at most 4.
    """
    if a == b:
        return None
    (a, ca), (b, cb) = _phrase_and_core(a), _phrase_and_core(b)
    # 轨道交通和市域铁路运营里程（含市域铁路）: the stated coverage is not part of the name
    if (ca, cb) != (a, b):
        if ca == cb:
            return "qualifier"
        a, b = ca, cb
    for x, y in ((a, b), (b, a)):
        parts = _joined_parts(y)
        if len(parts) == 2 and len(_joined_parts(x)) == 1:
            head, tail = parts
            # 污水和再生水处理能力: head 污水, tail 再生水处理能力; the core is head +
            # the tail's shared ending with x.
            for cut in range(1, len(tail)):
                core = head + tail[cut:]
                if len(core) >= 4 and _close(core, x):
                    return "joined"
    if _close(a, b):
        return "qualifier"
    return None


def _close(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and len(long) - len(short) <= 4 and _subsequence(short, long)


def scope_cues_in(f: Figure) -> set[str]:
    """Scope cue words (含/包括/口径 …) in the clause up to the figure."""
    m, q = f.mention, f.quantity
    text = f.doc.match_text[m.clause.start:max(q.end, m.clause.start)]
    return {c for c in figure_data().get("scope_cues") or () if c in text}


def build_series(figures: Iterable[Figure], min_points: int = 2) -> list[Series]:
    """Series of figures by (key, dimension, measure), with scope-changed keys linked.

    Two keys are linked when their phrases are scope variants (``scope_relation``) and their
    outcome years do not overlap (a changed statistic replaces the old one; two phrases stated
    for the same year are two metrics).
    """
    out: list[Series] = []
    for figs in _by_place(figures).values():
        buckets: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
        for f in figs:
            # a running total (2016–2020) sits in the series of the yearly level, as its own points
            buckets[(f.key, f.dim, CHANGE if f.measure == CHANGE else LEVEL)].append(f)
        series = [Series([k[0]], k[1], k[2], _points(figs)) for k, figs in buckets.items()]
        series = [s for s in series if s.points]
        out.extend(s for s in _link_scope_variants(series) if len(s.points) >= min_points)
    return out


def _by_place(figures: Iterable[Figure]) -> dict[str, list[Figure]]:
    """Figures by place, in order: a series never mixes two provinces' statements."""
    out: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        out[f.place].append(f)
    return out


def _link_scope_variants(series: list[Series]) -> list[Series]:
    by_dim: dict[tuple[str, str], list[Series]] = defaultdict(list)
    for s in series:
        by_dim[(s.dim, s.measure)].append(s)
    out: list[Series] = []
    for group in by_dim.values():
        merged: list[_Merging] = []
        index = _LinkIndex(group)
        for s in sorted(group, key=lambda s: min(p.year for p in s.points)):
            new = _Merging(Series(list(s.keys), s.dim, s.measure, list(s.points)))
            target = next((merged[i] for i in index.candidates(new.series.keys[0], len(merged))
                           if merged[i].linkable(new)), None)
            if target is None:
                index.add(len(merged), new.series.keys)
                merged.append(new)
            else:
                index.add(merged.index(target), new.series.keys)
                target.absorb(new)
        out.extend(m.series for m in merged)
    return out


class _LinkIndex:
    """Which series kept so far may continue a new key, without comparing it with every one: a
    place states hundreds of metrics of one dimension (each new key was tried against all kept).

    Sound, not exact: every scope relation between cores ``a`` and ``b`` (``scope_relation``)
    needs the characters of one core within the other's (a subsequence; equal cores), or the
    head of a joined core (污水 of 污水和再生水处理能力) within the other core. So a series is a
    candidate when one of its keys' cores holds every character of the new core (looked up by the
    new core's rarest character), when its core's — or its head's — characters are all in the new
    core (filed under their rarest character), or when it holds every character of the new core's
    head. The candidates are then tried in order as before: the same series is found."""

    def __init__(self, group: Sequence[Series]) -> None:
        cores = {key: _phrase_and_core(key)[1] for s in group for key in s.keys}
        # how many of the group's cores hold each character: the rarest one files a set
        freq: defaultdict[str, int] = defaultdict(int)
        for core in cores.values():
            for ch in set(core):
                freq[ch] += 1
        # per key: its core's characters, the rarest of them and the rarest of its joined head's
        self.profile: dict[str, tuple[set[str], str, str | None]] = {}
        for key, core in cores.items():
            chars = set(core)
            if chars:
                parts = _joined_parts(core)
                head = min(parts[0], key=freq.__getitem__) if len(parts) == 2 else None
                self.profile[key] = (chars, min(chars, key=freq.__getitem__), head)
        self.holding: dict[str, set[int]] = defaultdict(set)   # char → series whose cores hold it
        self.within: dict[str, set[int]] = defaultdict(set)    # rarest char → series with a core
        #                                                        (or head) made of chars incl. it
        self.anything: set[int] = set()                        # an empty core relates to anything

    def add(self, position: int, keys: Iterable[str]) -> None:
        """The series at ``position`` of the kept list now also has ``keys`` (keys of the group)."""
        for key in keys:
            if key not in self.profile:
                self.anything.add(position)
                continue
            chars, rarest, head = self.profile[key]
            for ch in chars:
                self.holding[ch].add(position)
            self.within[rarest].add(position)
            if head is not None:
                self.within[head].add(position)

    def candidates(self, key: str, kept: int) -> list[int]:
        """Positions (in order) of the kept series that may be scope variants of ``key``."""
        if key not in self.profile:
            return list(range(kept))
        chars, rarest, head = self.profile[key]
        found = self.anything | self.holding.get(rarest, set())
        for ch in chars:
            if ch in self.within:
                found |= self.within[ch]
        if head is not None and head in self.holding:
            found |= self.holding[head]
        return sorted(found)


class _Merging:
    """A series being linked, with what ``_linkable`` asks of it kept at hand (the candidates
    ``_LinkIndex`` offers are tried with it)."""

    def __init__(self, series: Series) -> None:
        self.series = series
        self.has_outcomes = any(p.kind == OUTCOME for p in series.points)
        self.slots = {(p.year, p.kind) for p in series.points}

    def linkable(self, s: _Merging) -> bool:
        if not (self.has_outcomes or s.has_outcomes) or not self.slots.isdisjoint(s.slots):
            return False
        return _linkable(self.series, s.series)

    def absorb(self, s: _Merging) -> None:
        target = self.series
        target.keys.extend(s.series.keys)
        target.points.extend(s.series.points)
        target.points.sort(key=lambda p: (p.year, p.kind == OUTCOME))
        self.has_outcomes = self.has_outcomes or s.has_outcomes
        self.slots |= s.slots


def _linkable(m: Series, s: Series) -> bool:
    """Can ``s`` continue ``m`` as the same metric under another scope? Their phrases are scope
    variants and they never state the same (year, kind) — two phrases stated for one year are two
    metrics. A series of targets only joins on a close variant (再减量 / 减量, a joined component),
    not on any qualifier (山区森林覆盖率 is another metric than 森林覆盖率)."""
    if not (m.outcomes() or s.outcomes()):
        return False
    if {(p.year, p.kind) for p in m.points} & {(p.year, p.kind) for p in s.points}:
        return False
    for k in m.keys:
        relation = scope_relation(k, s.keys[0])
        if relation is None:
            continue
        if m.outcomes() and s.outcomes():
            return True
        if relation == "joined" or abs(len(k) - len(s.keys[0])) <= 2:
            return True
    return False


# --- plausibility -------------------------------------------------------------------------------


@dataclass
class Issue:
    """A plausibility outcome of a series: status, the points involved, and why."""

    status: str                 # implausible_jump | implausible_rate | scope_change
    points: list[Point]
    detail: str


def scope_change(a: Point, b: Point) -> str | None:
    """Why ``a`` → ``b`` is a change of scope, from the text (None: same scope)."""
    fa, fb = a.figure, b.figure
    relation = scope_relation(fa.mention.metric or fa.key, fb.mention.metric or fb.key)
    if fa.key != fb.key and relation is None:
        relation = scope_relation(fa.key, fb.key) or "key"
    cues = scope_cues_in(fa) ^ scope_cues_in(fb)
    if relation is None and not cues:
        return None
    parts = []
    if relation in ("joined", "qualifier", "key"):
        parts.append(say(f"series.scope_{relation}"))
    if cues:
        parts.append(say("series.scope_cues", cues=join_list(sorted(cues))))
    return say("series.scope_change", first=fa.mention.metric or fa.key, second=fb.mention.metric or fb.key,
             why=say("series.separator").join(parts))


def _jump(a: Point, b: Point, factor: float) -> float | None:
    """The ratio a → b when it exceeds ``factor`` per year, else None."""
    va, vb = a.value, b.value
    if va <= 0 or vb <= 0:
        return None
    ratio = max(va / vb, vb / va)
    years = max(1, b.year - a.year)
    return ratio if ratio > factor ** years else None


def plausibility(s: Series, factor: float = 2.0, rate_bounds: tuple[float, float] = (0, 100),
                 measures: Sequence[str] = (LEVEL,)) -> list[Issue]:
    """Implausible jumps (one per offending point), rates out of bounds, scope changes."""
    issues: list[Issue] = []
    if s.dim == "%":
        lo, hi = rate_bounds
        for p in s.points:
            if p.figure.measure == LEVEL and not lo <= p.value <= hi:
                issues.append(Issue("implausible_rate", [p],
                                    say("series.out_of_range", point=p.describe(), lo=f"{lo:g}",
                                        hi=f"{hi:g}")))
    by_measure: dict[str, list[Point]] = defaultdict(list)
    for p in s.outcomes():
        by_measure[p.figure.measure].append(p)
    for measure, pts in by_measure.items():
        flagged: list[tuple[int, float]] = []   # index i: transition pts[i] → pts[i+1]
        for i in range(len(pts) - 1):
            a, b = pts[i], pts[i + 1]
            why = scope_change(a, b)
            if why:
                issues.append(Issue("scope_change", [a, b], say("series.step", first=a.describe(),
                                                                   second=b.describe(), why=why)))
                continue
            if measure in measures and _comparable(a, b):
                ratio = _jump(a, b, factor)
                if ratio is not None:
                    flagged.append((i, ratio))
        issues.extend(_jump_issues(pts, flagged, factor))
    return issues


def _jump_issues(pts: list[Point], flagged: list[tuple[int, float]], factor: float) -> list[Issue]:
    """One issue per offending point: two flagged transitions around a point whose neighbours
    agree with each other make that point the outlier (the figure multiplied by ten)."""
    out = []
    ratios = dict(flagged)
    done: set[int] = set()
    for i, ratio in flagged:
        if i in done:
            continue
        if (i + 1) in ratios and i + 2 < len(pts) and _jump(pts[i], pts[i + 2], factor) is None:
            p = pts[i + 1]
            out.append(Issue("implausible_jump", [pts[i], p, pts[i + 2]],
                             say("series.outlier", point=p.describe(), before=pts[i].describe(),
                               after=pts[i + 2].describe(), ratio=f"{max(ratio, ratios[i + 1]):.1f}")))
            done.update({i, i + 1})
            continue
        a, b = pts[i], pts[i + 1]
        out.append(Issue("implausible_jump", [a, b],
                         say("series.jump", first=a.describe(), second=b.describe(), ratio=f"{ratio:.1f}",
                           factor=f"{factor:g}")))
        done.add(i)
    return out


# --- multi-year progress ------------------------------------------------------------------------

CEILING_QUALIFIERS = frozenset({"<=", "<"})


@dataclass
class Progress:
    """One progress verdict of a multi-year target against one newer value (or none)."""

    status: str                 # on_track | behind | met | no_data | in_progress
    target: Figure
    value: Point | None
    baseline: Point | None
    expected: float | None      # the linear path's value for the value's year
    detail: str


def is_multi_year_target(f: Figure) -> bool:
    """A target for a later year than the document's own (a five-year plan's 2025 targets)."""
    if f.kind != TARGET:
        return False
    doc_year = f.doc.meta.year
    if doc_year is not None:
        return f.year > doc_year
    return f.mention.role == TARGETS


def progress(target: Figure, outcomes: Sequence[Point]) -> list[Progress]:
    """Verdicts of ``target`` against every outcome newer than its baseline.

    Baseline: the latest outcome before the target's document year (44.4% in 2020 for a target
    set in 2021). A floor target (达到45%) is ``met`` once reached, else ``on_track`` while the
    value is at or above the straight line from baseline to target; a ceiling target
    (控制在5%以内) is ``on_track`` (``met`` in the target year) while within the ceiling.
    """
    start = target.doc.meta.year or target.year
    before = [p for p in outcomes if p.year < start]
    baseline = before[-1] if before else None
    newer = [p for p in outcomes if p.year >= start and p.year <= target.year]
    if not newer:
        detail = (say("series.no_newer_baseline", baseline=baseline.describe()) if baseline
                  else say("series.no_newer"))
        return [Progress("no_data", target, None, baseline, None, detail)]
    return [_verdict(target, p, baseline) for p in newer]


def _verdict(target: Figure, p: Point, baseline: Point | None) -> Progress:
    q = target.quantity
    t, v, Y = q.value, p.value, target.year
    qual = q.qualifier or "="
    ceiling = qual in CEILING_QUALIFIERS
    decreasing = ceiling or (baseline is not None and t < baseline.value)
    expected = None
    if baseline is not None and baseline.year < Y:
        frac = (p.year - baseline.year) / (Y - baseline.year)
        expected = baseline.value + (t - baseline.value) * frac
    reached = v <= t if decreasing else v >= t
    if qual == "<":
        reached = v < t
    if ceiling:
        status = ("met" if p.year >= Y else "on_track") if reached else "behind"
    elif reached:
        status = "met"
    elif expected is None:
        status = "behind" if p.year >= Y else "in_progress"
    else:
        on_path = v <= expected if decreasing else v >= expected
        status = "on_track" if on_path else "behind"
    path = say("series.expected_now", year=p.year, expected=f"{expected:.4g}") if expected is not None else ""
    base = say("series.baseline", baseline=baseline.describe()) if baseline else ""
    detail = base + say("series.progress", point=p.describe(), target=stated(target), year=Y) + path
    return Progress(status, target, p, baseline, expected, detail)


def progress_all(figures: Sequence[Figure]) -> list[Progress]:
    """Progress of every multi-year target among ``figures`` against the same key's outcomes."""
    outcomes: dict[tuple[str, str, str, str], list[Figure]] = defaultdict(list)
    for f in figures:
        if f.kind == OUTCOME:
            outcomes[(f.place, f.key, f.dim, f.measure)].append(f)
    out: list[Progress] = []
    seen: set[tuple] = set()
    for f in figures:
        if not is_multi_year_target(f):
            continue
        ident = (f.place, f.key, f.dim, f.measure, f.year, f.quantity.value, f.quantity.qualifier)
        if ident in seen:
            continue  # a summary repeating the target
        seen.add(ident)
        pts = [p for p in _points(outcomes.get((f.place, f.key, f.dim, f.measure), [])) if p.kind == OUTCOME]
        out.extend(progress(f, pts))
    return out


# --- unquantified multi-year targets ------------------------------------------------------------


@dataclass
class WordTarget:
    """A multi-year target in words (消除劣Ⅴ类水体) and the latest later statement of its object."""

    doc: Document
    start: int
    end: int
    text: str
    obj: str                            # what the target is about, as the goal stage reads it
    year: int
    later: tuple[Document, int, int] | None = None   # the latest review clause naming ``obj``


def _fold(text: str) -> str:
    """Compact, compatibility-folded text for finding an object again (Ⅴ → V, no spaces)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def word_targets(docs: Sequence[Document], mentions: Any = None,
                 store: AnalysisStore | None = None) -> list[WordTarget]:
    """Unquantified targets of multi-year targets sections, stated in a sentence that also sets a
    quantified target (``基本消除黑臭水体，城市污水处理率达到98%``), each with the
    latest later review clause that names its object (``黑臭水体全面消除``), if any."""
    from checker.goals.extract import extract_goals  # the goal kind's reading of plan sections

    out: list[WordTarget] = []
    for doc in docs:
        sections = [s for s in doc.sections if s.role == TARGETS and s.parent is None]
        if not sections:
            continue
        goals = extract_goals(doc, sections, store)
        quantified = [g for g in goals if g.quantified]
        for g in goals:
            if g.quantified or not g.multi_year or g.year is None:
                continue
            sent = _sentence(doc, g.start)
            if sent is None or not any(sent[0] <= q.start < sent[1] for q in quantified):
                continue
            out.append(WordTarget(doc, g.start, g.end, g.text, g.metric, g.year))
    reviews = _review_clauses(docs, {t.doc.meta.region for t in out})
    for t in out:
        t.later = _latest_statement(t, reviews.get(t.doc.meta.region, []))
    return out


@dataclass
class _ReviewClauses:
    """One top-level review section of a report: its year and its clauses, each folded once when
    first looked at (most sections are never looked at, or only up to the first clause naming
    an object)."""

    doc: Document
    year: int
    spans: list[tuple[int, int]]                        # (start, end) of each clause
    folded: list[str] = field(default_factory=list)     # the first clauses, folded

    def first_naming(self, needle: str) -> tuple[int, int] | None:
        """The first clause whose folded text holds ``needle``."""
        for i, (a, b) in enumerate(self.spans):
            if i == len(self.folded):
                self.folded.append(_fold(self.doc.match_text[a:b]))
            if needle in self.folded[i]:
                return (a, b)
        return None


def _review_clauses(docs: Sequence[Document], places: set[str | None]) -> dict[str | None,
                                                                              list[_ReviewClauses]]:
    """The review sections of the reports of ``places``, by place, in corpus order: each clause is
    folded at most once, however many targets look for their object in it."""
    out: dict[str | None, list[_ReviewClauses]] = defaultdict(list)
    for doc in docs:
        if doc.meta.kind != "report" or doc.meta.region not in places:
            continue
        starts = [c.start for c in doc.clauses]
        for sec in doc.sections:
            if sec.parent is not None or sec.role != "review" or sec.year is None:
                continue
            lo, hi = bisect_left(starts, sec.start), bisect_left(starts, sec.end)
            spans = [(c.start, c.end) for c in doc.clauses[lo:hi]]
            out[doc.meta.region].append(_ReviewClauses(doc, sec.year, spans))
    return out


def _sentence(doc: Document, offset: int) -> tuple[int, int] | None:
    for s in doc.sentences:
        if s.start <= offset < s.end:
            return (s.start, s.end)
    return None


def _latest_statement(t: WordTarget, reviews: Sequence[_ReviewClauses],
                      ) -> tuple[Document, int, int] | None:
    """The clause of the latest later review (year after the target's document) naming the object;
    ``reviews`` are the review sections of the target's place."""
    needle = _fold(t.obj)
    if len(needle) < 3:
        return None
    best: tuple[int, Document, int, int] | None = None
    start_year = t.doc.meta.year or 0
    for review in reviews:
        if review.doc is t.doc or not start_year <= review.year <= t.year:
            continue
        if best is not None and review.year <= best[0]:
            continue
        hit = review.first_naming(needle)
        if hit is not None:
            best = (review.year, review.doc, *hit)
    return None if best is None else best[1:]


# --- what both kinds quote ----------------------------------------------------------------------


def point_row(p: Point) -> dict[str, Any]:
    """One point of a series as a finding's data row (year, value, where it is stated)."""
    f = p.figure
    loc = f.mention.location or f.doc.locate(f.quantity.start)
    return {"year": p.year, "kind": p.kind, "value": p.value, "unit": f.quantity.unit,
            "qualifier": f.quantity.qualifier, "stated": stated(f), "doc_id": f.doc.id,
            "document": str(f.doc.path), "line": loc.line, "column": loc.column, "text": f.quote,
            "metric": f.mention.metric}


def point_quotes(points: Iterable[Point]) -> list[tuple[Document, int, int, str]]:
    """Evidence of points: the clause stating each, with its kind (outcome / target)."""
    return [(p.figure.doc, p.figure.mention.clause.start, p.figure.mention.clause.end, p.kind)
            for p in points]


def series_text(points: Iterable[Point]) -> str:
    """``44.4% (2020) → 44.9% (2023)``."""
    return " → ".join(p.describe() for p in points)
