"""Kind ``threshold``: a metric stated in the sections in scope must satisfy a bound.

What it does
    Finds every mention whose metric phrase (or canonical key) contains ``metric`` or one of its
    ``synonyms`` (or matches the regex ``pattern``), optionally only in a given ``unit``, and
    checks its value against ``min`` / ``max``. ``城镇调查失业率4.7%`` in a review section with
    ``max: 5`` passes; ``城镇调查失业率5.8%`` fails. ``unit`` is read like a unit in the text and
    converts like one: with ``unit: 万人, min: 20`` a mention ``新增就业31.4万人`` is 31.4 and
    ``314000人`` is 31.4 too; ``unit: 平方公里`` takes ``2450公顷`` as 24.5. A unit checker cannot
    read is an error when the rule is loaded.

Why
    Some figures have a bound that readers (and the report's own plan) care about: a reported
    unemployment rate above the ceiling the plan promised is news.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.findings import Finding
from checker.i18n import Msg, join_list, t
from checker.kinds.base import KindSpec, Param
from checker.kinds.context import KindContext
from checker.model import Mention
from checker.patterns import compile_pattern

_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text or "")


def matcher(params: dict[str, Any]) -> Any:
    """A predicate on mentions built from ``metric``/``synonyms``/``pattern``."""
    terms = [_squash(t) for t in [params.get("metric") or "", *(params.get("synonyms") or [])] if t]
    regex = compile_pattern(params["pattern"]) if params.get("pattern") else None

    def matches(m: Mention) -> bool:
        names = (_squash(m.metric), _squash(m.key))
        if regex is not None and any(regex.search(n) for n in names):
            return True
        return any(t in n for t in terms for n in names)

    return matches


def read_unit(text: str) -> tuple[str, float] | None:
    """``万人`` → ("人", 10000): the canonical unit and the factor to it, read as the text reader
    reads units (checker/data/units.yaml, numerals.yaml); None for what it cannot read."""
    from checker.quantities import find_quantities

    written = "1" + _squash(text)
    found = find_quantities(written)
    if len(found) != 1 or _squash(found[0].text) != written or not found[0].unit:
        return None
    return found[0].unit, found[0].value


def in_unit(m: Mention, unit: tuple[str, float] | None) -> float | None:
    """Factor turning ``m``'s value (base units) into the rule's unit; None: another dimension."""
    from checker.goals.match import unit_factor  # the conversions goal tracking uses (公顷 ↔ 平方公里)

    q = m.quantity
    assert q is not None
    if unit is None:
        return 1.0
    factor = unit_factor(unit[0], q.unit or "")
    return None if factor is None else factor / unit[1]


def _value(m: Mention, signed: bool, factor: float = 1.0) -> tuple[float, float]:
    q = m.quantity
    assert q is not None
    low, high = q.value, q.value_high if q.value_high is not None else q.value
    if signed and q.direction == "decrease":
        low, high = -high, -low
    return low * factor, high * factor


def _fmt(value: float, unit: str) -> str:
    text = f"{value:g}"
    return f"{text}{unit}"


def bound_text(params: dict[str, Any]) -> str:
    unit = params.get("unit") or ""
    parts = []
    if params.get("min") is not None:
        parts.append(f">= {_fmt(params['min'], unit)}")
    if params.get("max") is not None:
        parts.append(f"<= {_fmt(params['max'], unit)}")
    return " and ".join(parts)


def validate(p: dict[str, Any]) -> list[tuple[str | None, Msg]]:
    """Load-time checks: a bound and a metric are needed, and ``min`` may not exceed ``max``."""
    out: list[tuple[str | None, Msg]] = []
    if p.get("min") is None and p.get("max") is None:
        out.append((None, Msg("rule.threshold_bound")))
    if not (p.get("metric") or p.get("pattern")):
        out.append((None, Msg("rule.threshold_metric")))
    if p.get("min") is not None and p.get("max") is not None and p["min"] > p["max"]:
        out.append(("min", Msg("rule.threshold_min_above_max", min=p["min"], max=p["max"])))
    if p.get("unit") and read_unit(p["unit"]) is None:
        out.append(("unit", Msg("rule.threshold_unit", unit=p["unit"],
                                examples="%, 万人, 平方公里, 亿元, 微克/立方米")))
    return out


def check(ctx: KindContext) -> Iterator[Finding]:
    """One finding per matching mention (pass/fail), or ``not_found`` for a document without one."""
    p = ctx.params
    if p.get("min") is None and p.get("max") is None:
        raise ValueError("threshold needs `min` or `max`")
    if not (p.get("metric") or p.get("pattern")):
        raise ValueError("threshold needs `metric` or `pattern`")
    matches = matcher(p)
    unit = read_unit(p["unit"]) if p.get("unit") else None
    if p.get("unit") and unit is None:
        raise ValueError(f"threshold: cannot read unit {p['unit']!r}")
    expected = bound_text(p)
    for doc in ctx.slots["documents"]:
        found = [(m, m.quantity, factor) for m in ctx.mentions("documents", doc)
                 if m.quantity is not None and matches(m) and (factor := in_unit(m, unit)) is not None]
        for m, q, factor in found:
            low, high = _value(m, p["signed"], factor)
            ok = (p.get("min") is None or low >= p["min"]) and (p.get("max") is None or high <= p["max"])
            yield ctx.finding(
                "pass" if ok else "fail", doc, m.clause.start, m.clause.end,
                metric=m.metric or p.get("metric") or "", expected=expected, actual=_squash(q.text),
                extra=f"{m.key}|{q.value}", data={"value": q.value, "unit": q.unit, "key": m.key,
                                                   "value_in_unit": low if low == high else [low, high]},
            )
        if not found and p["missing"] != "ignore":
            roles = ctx.roles("documents")
            sections = ctx.sections("documents", doc)
            where = sections[0] if sections else None  # reported at the heading of the section searched
            yield ctx.finding(
                "not_found", doc, where.start if where else None,
                (where.body_start or where.start + len(where.title)) if where else None,
                severity="info" if p["missing"] == "info" else None,
                metric=p.get("metric") or p.get("pattern") or "", expected=expected,
                actual="not stated", extra="not_found",
                message=t("engine.not_stated", metric=p.get("metric") or p.get("pattern"), id=doc.id,
                          where=join_list([t(f"section.{r}") for r in roles]) if roles
                          else t("section.document")),
            )


KIND = KindSpec(
    name="threshold",
    summary="A metric stated in the sections in scope must satisfy a bound (min and/or max).",
    check=check,
    params={
        "metric": Param("string", None,
                        "Metric phrase to look for (contained in the mention's metric or key)."),
        "synonyms": Param("array", [], "Other names of the metric.", items="string"),
        "pattern": Param("string", None, "Regex matched against the mention's metric or key.",
                         format="regex"),
        "unit": Param("string", None, "The unit of min and max (%, 万人, 平方公里, 亿元 …): mentions in "
                      "a convertible unit are converted, others skipped; default any unit, as stated."),
        "min": Param("number", None, "Smallest acceptable value."),
        "max": Param("number", None, "Largest acceptable value."),
        "signed": Param("boolean", True, "A decrease (下降5.7%) counts as a negative value."),
        "missing": Param("string", "info", "A document that never states the metric: ignore it, "
                         "report it as info, or as a failure at the rule's severity.",
                         enum=("ignore", "info", "fail")),
    },
    slots=("documents",),
    placeholders=frozenset({"value", "unit", "key", "value_in_unit"}),
    statuses=("pass", "fail", "not_found"),
    pass_statuses=frozenset({"pass"}),
    absent_statuses=frozenset({"not_found"}),
    default_message="{metric}: {actual} (expected {expected})",
    validate=validate,
)
