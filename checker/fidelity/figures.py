"""Which report figure a summary figure is: the shared figure identity, read for the comparison.

The comparison pairs numbers by where the words align; a number is a figure only with what it
measures. Each quantity of either text gets its ``FigureIdentity`` (``checker.analysis.identity``:
metric key, year, role target / outcome / forecast / baseline, kind growth / share / count / level,
span, scope), and the comparison asks three questions of it:

- ``same_metric``: do two keys name one metric? ``经济增长目标`` and ``地区生产总值增速`` do (the
  comparison's names: checker/data/synonyms.yaml ``compared``); ``工业增加值增速`` and
  ``工业增加值占地区生产总值比重`` do not (a share is not a growth rate);
- ``conflict``: what the two identities certainly disagree on — ``metric`` (another kind or scope)
  or ``year`` (an outcome for a target);
- ``is_version``: is the summary's figure the speech-day forecast (``预计增长5%左右``) of a figure
  the published report states bare or revised (``增长5.2%``)?

A lexical reading of the identity only: no alignment, no outcome.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker import lexicon
from checker.datafiles import load_data
from checker.model import FigureIdentity

# roles that say when a figure holds: an outcome (去年增长5.2%) is not a target (今年增长5%左右)
_TIMED_ROLES = frozenset({"outcome", "target"})
MIN_SHARED = 0.6  # share of the shorter metric's character pairs the longer one must hold
MIN_CORE = 3      # characters a metric's name needs to be compared at all


@lru_cache(maxsize=1)
def _noise() -> re.Pattern[str]:
    """Words of a key that do not name the metric (全省, 今年, 目标, 增速 …) and region names."""
    raw = load_data("summary_fidelity.yaml")
    regions = load_data("regions.yaml")
    words = [str(w) for w in raw.get("metric_noise") or ()]
    for short, fulls in (regions.get("provinces") or {}).items():
        words.append(str(short))
        words.extend(str(f) for f in fulls or ())
    words.sort(key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words if w) or r"(?!x)x")


@lru_cache(maxsize=4096)
def metric_core(key: str) -> str:
    """The words of a metric key that name the metric.

    ``今年全省经济增长目标`` → ``地区生产总值``; ``GDP增速`` → ``地区生产总值``;
    ``工业增加值占地区生产总值比重`` → ``工业增加值占地区生产总值比重``.
    """
    from checker.normalize import to_simplified

    text = lexicon.canonical(to_simplified(key or ""), lexicon.COMPARED)
    return _noise().sub("", text)


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def same_metric(a: str, b: str) -> bool | None:
    """Do keys ``a`` and ``b`` name one metric? None when either names nothing left to compare.

    ``经济增长目标`` / ``地区生产总值增速`` → True; ``特别国债`` / ``超长期特别国债`` → True;
    ``工业增加值增速`` / ``地区生产总值增速`` → False.
    """
    x, y = metric_core(a), metric_core(b)
    if min(len(x), len(y)) < MIN_CORE:
        return None   # 投资 alone says too little to tell 民间投资 from 全部投资
    if x in y or y in x:
        return True
    short, long = sorted((_pairs(x), _pairs(y)), key=len)
    return len(short & long) >= MIN_SHARED * len(short)


@lru_cache(maxsize=1)
def _rate_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = load_data("summary_fidelity.yaml")
    shares = load_data("figure_identity.yaml").get("share_cues") or ()
    return tuple(str(w) for w in shares), tuple(str(w) for w in raw.get("growth_words") or ())


def rate_kind(i: FigureIdentity) -> str | None:
    """``growth`` or ``share`` when the figure's own words say which (增长5% / 占…比重25.5%), else None.

    A press key is often cut short (``经济增长目标``): the identity's kind alone would read a
    percentage without 增速 in its key as a share, so a share needs a share word (占 比重 比例).
    """
    shares, growth = _rate_words()
    from checker.normalize import to_simplified

    key = to_simplified(i.key or "")
    if any(w in key for w in shares):
        return "share"
    if i.kind == "growth" or any(w in key for w in growth):
        return "growth"
    return None


@lru_cache(maxsize=1)
def _average_cues() -> tuple[str, ...]:
    return tuple(str(w) for w in load_data("figure_identity.yaml").get("average_cues") or ())


def is_average(i: FigureIdentity) -> bool:
    """Is the figure an average over years (``年均增长5.2%``)? Its span or key says 年均 / 平均每年.
    (A plan named in the sentence, ``“十四五”``, dates a figure but does not make it an average.)"""
    cues = _average_cues()
    return (i.span in cues) or any(w in (i.key or "") for w in cues)


AVERAGE_REACH = 6  # an average cue this close before a number speaks of it (年均增长5.2%)


def average_before(text: str, start: int) -> bool:
    """Does an average cue stand right before the number at ``text[start]``? ``年均增长5.2%`` → True."""
    before = text[max(0, start - AVERAGE_REACH):start]
    return any(w in before for w in _average_cues())


def conflict(s: FigureIdentity | None, f: FigureIdentity | None, keys: bool = True,
             averages: tuple[bool, bool] | None = None) -> str | None:
    """What the summary figure's identity ``s`` and the report figure's ``f`` certainly disagree on.

    ``metric``: another kind (a share for a growth rate) or sub-category, or a key of another metric;
    ``year``: an outcome where the report states a target, or the reverse. None: no conflict seen
    (which is not certainty: see ``certain``). ``keys=False``: the keys are not compared (the
    words around the two numbers aligned already; a press key is often cut short). ``averages``:
    whether each figure is an average over years, when the text before it was read (``average_before``).
    """
    if s is None or f is None:
        return None
    if {rate_kind(s), rate_kind(f)} == {"growth", "share"}:
        return "metric"
    if s.scope != f.scope and s.scope is not None and f.scope is not None \
            and s.scope not in (f.key or "") and f.scope not in (s.key or ""):
        return "metric"   # (a key naming both, 城镇居民…和农村居民…增速, covers either)
    s_avg, f_avg = averages if averages is not None else (is_average(s), is_average(f))
    if s_avg != f_avg:
        return "metric"   # an average over years (年均增长5.2%) is not one year's figure
    if keys and same_metric(s.key, f.key) is False:
        return "metric"
    if s.role != f.role and {s.role, f.role} <= _TIMED_ROLES:
        return "year"
    if s.year is not None and f.year is not None and s.year != f.year:
        return "year"
    return None


def could_be(s: FigureIdentity | None, other: FigureIdentity | None) -> bool:
    """Could a summary figure ``s`` have taken its number from the report figure ``other``? Not a
    growth rate from a level or a rate that is no share (失业率5.5% is no growth of anything)."""
    if s is None or other is None:
        return False
    return not (rate_kind(s) == "growth" and other.kind != "growth" and rate_kind(other) != "share")


def certain(s: FigureIdentity | None, f: FigureIdentity | None) -> bool:
    """Is the report figure ``f`` certainly the summary figure ``s``'s counterpart: the same metric
    named on both sides, the same kind, no role or year against it?"""
    if s is None or f is None or s.named or f.named:
        return False
    # a sub-category is certain only when both name it (投资 is not certainly 民间投资)
    return same_metric(s.key, f.key) is True and s.scope == f.scope and conflict(s, f) is None


def is_version(s: FigureIdentity | None, f: FigureIdentity | None) -> bool:
    """Is the summary figure a speech-day forecast (预计…) of the figure the report states?

    ``预计增长5%左右`` against ``增长5.2%`` → True; against ``预计增长5%左右`` (the report forecasts too)
    → False; a target (``增长5%左右``) → False.
    """
    if s is None or f is None or s.role != "forecast" or f.role == "forecast":
        return False
    return conflict(s, f) in (None, "year") and same_metric(s.key, f.key) is not False
