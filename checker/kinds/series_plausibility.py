"""Kind ``series_plausibility``: one metric across the years, moving plausibly.

What it does
    Collects, for each metric (mention key, unit dimension, measure), its figures year by year —
    outcomes from review sections, targets from plan and targets sections — and gives a
    ``series`` pass finding per series (森林覆盖率 44.4% (2020) → 44.9% (2023)); an
    ``implausible_jump`` where an outcome moves by more than ``max_factor_per_year`` per year (one
    finding per offending point, so one figure multiplied by ten gives one finding); an
    ``implausible_rate`` where a level in % lies outside ``rate_bounds``; a ``scope_change`` where
    the text says the coverage changed (含/包括/口径 …, a metric phrase that gained a component
    污水和再生水处理能力 or a qualifier 农村养老服务覆盖率) — reported as such, never as a jump.

Why
    A figure that jumps tenfold in a year is usually a typo or a changed unit; a change of scope
    explains a jump that is not one.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.analysis.figures import CHANGE, CUMULATIVE, LEVEL, OUTCOME, TARGET, Figure
from checker.analysis.series import (
    Issue,
    Series,
    build_series,
    plausibility,
    point_quotes,
    point_row,
    series_text,
)
from checker.findings import Finding
from checker.kinds.base import KindSpec, Param
from checker.kinds.context import KindContext, figures_of


def check(ctx: KindContext) -> Iterator[Finding]:
    params = ctx.params
    figures = figures_of(ctx)
    kinds = set(params.get("kinds") or (OUTCOME, TARGET))
    figures = [f for f in figures if f.kind in kinds]
    factor = float(params.get("max_factor_per_year", 2.0))
    bounds = tuple(params.get("rate_bounds") or (0, 100))
    measures = tuple(params.get("measures") or (LEVEL,))
    for s in build_series(figures, int(params.get("min_points", 2))):
        yield _series_finding(ctx, s)
        for issue in plausibility(s, factor, (float(bounds[0]), float(bounds[1])), measures):
            yield _issue_finding(ctx, s, issue)


def _label(s: Series, f: Figure) -> str:
    """The metric as written; for a series of rates of change, its key (地区生产总值增速)."""
    return s.key if s.measure == CHANGE else (f.mention.metric or s.key)


def _series_finding(ctx: KindContext, s: Series) -> Finding:
    last = s.points[-1].figure
    return ctx.finding(
        "series", last.doc, last.quantity.start,
        metric=_label(s, last), expected="", actual=series_text(s.points),
        evidence=point_quotes(s.points),
        data={"metric": _label(s, last), "key": s.key, "keys": " | ".join(s.keys),
              "measure": s.measure, "series": series_text(s.points),
              "detail": series_text(s.points),
              "points": [point_row(p) for p in s.points], "n": len(s.points)},
    )


def _issue_finding(ctx: KindContext, s: Series, issue: Issue) -> Finding:
    anchor = issue.points[-1].figure if issue.status != "implausible_jump" else (
        issue.points[1].figure if len(issue.points) == 3 else issue.points[-1].figure)
    return ctx.finding(
        issue.status, anchor.doc, anchor.quantity.start,
        metric=_label(s, anchor), expected="", actual=series_text(issue.points),
        evidence=point_quotes(issue.points),
        data={"metric": _label(s, anchor), "key": s.key, "keys": " | ".join(s.keys),
              "measure": s.measure, "series": series_text(s.points), "detail": issue.detail,
              "points": [point_row(p) for p in issue.points], "n": len(issue.points)},
    )


KIND = KindSpec(
    name="series_plausibility",
    summary="A metric's values across years move plausibly; changes of scope are reported as such.",
    check=check,
    params={
        "max_factor_per_year": Param("number", 2.0,
                                     "A level moving by more than this factor per year is a jump."),
        "rate_bounds": Param("array", [0, 100], "Bounds of a level stated in %.", items="number"),
        "measures": Param("array", [LEVEL], "Measures checked for jumps: level, cumulative, change.",
                          schema={"items": {"type": "string", "enum": [LEVEL, CUMULATIVE, CHANGE]}}),
        "kinds": Param("array", [OUTCOME, TARGET], "Figure kinds shown in a series.",
                       schema={"items": {"type": "string", "enum": [OUTCOME, TARGET]}}),
        "min_points": Param("integer", 2, "Fewest points (year and kind) that make a series."),
    },
    slots=("documents",),
    per_document=False,
    default_message="{metric}：{status} — {detail}",
    placeholders=frozenset({"metric", "key", "keys", "measure", "series", "detail", "n"}),
    statuses=("series", "scope_change", "implausible_jump", "implausible_rate"),
    pass_statuses=frozenset({"series", "scope_change"}),
)
