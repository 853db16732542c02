"""A figure identity for every mention: what its number measures (``FigureIdentity``).

Two numbers are the same figure only when key, period, role, kind, flow/stock and scope agree:

- ``新建5G基站1万个`` (2023 review) → role outcome, kind count, stock flow;
  ``5G基站累计达到8万个`` → stock ``stock``: a running total, not the year's amount;
- ``预计全年增长5%左右`` → role forecast; ``从1.8万亿元提高到…`` → the 1.8万亿元 is a baseline;
- ``“十四五”时期年均增长5.5%`` → span 年均 (2021–2025), kind growth;
- ``高技术制造业增加值增长8%`` → scope 高技术制造业: not 规模以上工业增加值;
- ``15分钟生活圈覆盖率达到80%`` → the 15分钟 is named (part of the metric's name), as is each number
  of the slogan ``两年见成效、五年大变样``: no figures.

The cue words are in ``checker/data/figure_identity.yaml``; five-year plan names in sections.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from checker.datafiles import load_data
from checker.model import PLAN, REVIEW, TARGETS, Document, FigureIdentity, Mention, Quantity

GROWTH_SUFFIX = "增速"  # mention keys of a rate of change end so (checker.mentions.CHANGE_SUFFIX)
_LEAD_REACH = 12  # how far before the number a cue word still speaks of it


def _longest_first(words: Iterable[object]) -> tuple[str, ...]:
    return tuple(sorted({str(w) for w in words}, key=len, reverse=True))


def _any_of(words: Iterable[object]) -> re.Pattern[str]:
    """One pattern for a word list (longest first): a search is one scan, not one per word."""
    return re.compile("|".join(re.escape(w) for w in _longest_first(words)) or r"(?!x)x")


@dataclass(frozen=True)
class Cues:
    """The word lists of ``data/figure_identity.yaml`` (and the five-year plans of sections.yaml)."""

    stock: re.Pattern[str]
    level: tuple[str, ...]
    flow: tuple[str, ...]
    level_or_stock: re.Pattern[str]
    flow_any: re.Pattern[str]
    multi_year: re.Pattern[str]
    forecast: re.Pattern[str]
    target: re.Pattern[str]
    sub_categories: re.Pattern[str]
    name_heads: tuple[str, ...]
    slogans: tuple[str, ...]
    plans: re.Pattern[str]
    counted: frozenset[str]
    rate_units: frozenset[str]
    share_units: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw = load_data("figure_identity.yaml")
    sections = load_data("sections.yaml")
    units = load_data("units.yaml")
    return Cues(
        stock=_any_of(raw["stock_cues"]),
        level=_longest_first(raw["level_cues"]),
        flow=_longest_first(raw["flow_actions"]),
        level_or_stock=_any_of([*raw["stock_cues"], *raw["level_cues"]]),
        flow_any=_any_of(raw["flow_actions"]),
        multi_year=_any_of(raw["multi_year_cues"]),
        forecast=_any_of(raw["forecast_cues"]),
        target=_any_of(raw["target_cues"]),
        sub_categories=_any_of(raw["sub_categories"]),
        name_heads=_longest_first(raw["name_heads"]),
        slogans=_longest_first(raw["slogan_phrases"]),
        plans=_any_of([*sections["five_year_plans"], *(sections.get("five_year_plan_aliases") or ())]),
        counted=frozenset(units["counted_units"]),
        rate_units=frozenset(units["rate_units"]),
        share_units=frozenset(units["share_units"]),
    )


def is_stock(text: str) -> bool:
    """Does ``text`` (a clause up to its number) tell a running total: ``累计建成…``, ``共完成…``?"""
    return cues().stock.search(text) is not None


def is_named(text: str, q: Quantity) -> bool:
    """Is ``q`` part of a name or a slogan rather than a figure?

    ``15分钟生活圈覆盖率`` / ``500米见绿`` → True (a name follows the number right away);
    ``两年见成效、五年大变样`` → True for both; ``新增绿地500公顷`` → False.
    """
    c = cues()
    after = text[q.end:q.end + 8]
    if after.startswith(c.name_heads):
        return True
    return q.unit in ("年", "个月", "月") and after.startswith(c.slogans)


def identify(doc: Document, m: Mention) -> FigureIdentity:
    """The identity of mention ``m`` of ``doc`` (see the module docstring)."""
    q = m.quantity
    text = doc.match_text
    end = q.end if q is not None else m.clause.end
    before = text[m.clause.start:q.start] if q is not None else ""
    lead = text[m.clause.start:end]  # the quantity's own words too (达到62.5%, 累计8万个)
    near = text[max(m.clause.start, (q.start if q is not None else end) - _LEAD_REACH):end]
    clause = text[m.clause.start:m.clause.end]
    sentence = text[m.sentence.start:m.sentence.end]
    c = cues()
    return FigureIdentity(
        key=m.key,
        year=m.year,
        first_year=m.first_year,
        span=_span(m, clause, sentence),
        role=_role(m, before, near),
        kind=_kind(m),
        stock=_stock(m, lead),
        scope=_found(c.sub_categories, m.key),
        named=q is not None and is_named(text, q),
    )


def _found(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0) if m else None


def _span(m: Mention, clause: str, sentence: str) -> str | None:
    """The plan the sentence names (十四五), else the multi-year cue of the clause (年均, 累计, 过去五年)."""
    c = cues()
    plan = _found(c.plans, sentence)
    if plan is not None:
        return plan
    found = _found(c.multi_year, clause)
    if found is not None:
        return found
    if m.first_year is not None and m.year is not None and m.first_year < m.year:
        return f"{m.first_year}-{m.year}"
    return None


def _role(m: Mention, before: str, near: str) -> str:
    """outcome (a review), target (a plan), forecast (预计…), baseline (从…提高到)."""
    c = cues()
    if before.endswith(("从", "由")):
        return "baseline"
    if c.forecast.search(near):
        return "forecast"
    if m.role in (PLAN, TARGETS) or c.target.search(near):
        return "target"
    if m.role == REVIEW:
        return "outcome"
    return "other"


def _kind(m: Mention) -> str:
    """growth (增长5%: the key is a rate of change), share (覆盖率80%), count (个 项 家), level."""
    q, c = m.quantity, cues()
    if q is None:
        return "level"
    if q.unit in c.rate_units and (GROWTH_SUFFIX in m.key or q.kind == "growth_multiple"):
        return "growth"
    if q.unit in c.share_units:
        return "share"
    if q.unit in c.counted:
        return "count"
    return "level"


def _stock(m: Mention, lead: str) -> str | None:
    """stock (累计… / 达到… / 总量), flow (新增 新建 新开工 …), None when the clause does not say."""
    c = cues()
    if c.level_or_stock.search(lead):
        return "stock"
    if (m.action is not None and m.action in c.flow) or c.flow_any.search(lead):
        return "flow"
    return None
