"""A metric over the years as an SVG chart (matplotlib, rendered here: no network, no script).

Outcomes are a solid line, yearly targets hollow markers, a change of scope a dashed vertical line
at the year it shows, a multi-year target a dashed line from its baseline to the target year.
The SVG keeps its text as text (the browser draws it with the page's CJK font).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from checker.findings import Finding

# Fonts that carry Chinese, in order; the browser uses the first it has (svg.fonttype none).
CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
             "Microsoft YaHei", "sans-serif"]
SCALES = ((1e8, "亿"), (1e4, "万"))


@dataclass
class Chart:
    """What one chart shows, in plain values (also the table under it)."""

    metric: str
    unit: str
    outcomes: list[tuple[int, float]] = field(default_factory=list)
    targets: list[tuple[int, float]] = field(default_factory=list)
    scope_years: list[int] = field(default_factory=list)
    multi_year: list[dict[str, Any]] = field(default_factory=list)   # target, year, value, baseline
    rows: list[dict[str, Any]] = field(default_factory=list)


def chart_for(key: str, findings: list[Finding]) -> Chart | None:
    """The chart of series ``key`` from a place's series findings (``None``: no such series)."""
    series = next((f for f in findings if f.status == "series" and f.data.get("key") == key), None)
    if series is None:
        return None
    points = series.data.get("points") or []
    unit = next((p.get("unit") or "" for p in points), "")
    chart = Chart(metric=str(series.data.get("metric") or key), unit=unit)
    for p in points:
        (chart.outcomes if p["kind"] == "outcome" else chart.targets).append((p["year"], p["value"]))
        chart.rows.append(dict(p, document=_relative(str(p.get("document", "")))))
    for f in findings:
        if f.data.get("key") != key:
            continue
        if f.status == "scope_change":
            chart.scope_years.extend(p["year"] for p in (f.data.get("points") or [])[-1:])
        elif f.data.get("target_year") and f.data.get("target_value") is not None:
            chart.multi_year.append({"target": f.data.get("target"), "year": f.data["target_year"],
                                     "value": f.data["target_value"],
                                     "baseline_year": f.data.get("baseline_year"),
                                     "baseline_value": f.data.get("baseline_value")})
    chart.scope_years = sorted(set(chart.scope_years))
    return chart


def _relative(path: str) -> str:
    """A path as the user knows it: relative to the working folder when inside it."""
    from pathlib import Path

    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def _scale(chart: Chart) -> tuple[float, str]:
    values = [v for _, v in chart.outcomes + chart.targets] + [m["value"] for m in chart.multi_year]
    top = max((abs(v) for v in values), default=0)
    if chart.unit not in ("%", "百分点"):
        for step, word in SCALES:
            if top >= step:
                return step, word + chart.unit
    return 1.0, chart.unit


def _fonts() -> list[str]:
    """The CJK fonts matplotlib can measure here (text widths), then its default; the SVG names
    them for the browser."""
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in CJK_FONTS if f in have] + ["DejaVu Sans"]


def svg(chart: Chart, labels: dict[str, str]) -> str:
    """The chart as SVG text. ``labels``: outcome, target, scope, multi_year (a format with
    {target} and {year})."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["font.family"] = _fonts()
    matplotlib.rcParams["svg.hashsalt"] = "checker"  # the same chart gives the same file
    step, unit = _scale(chart)
    fig = Figure(figsize=(8, 4.2), dpi=100)
    ax = fig.subplots()
    if chart.outcomes:
        xs, ys = zip(*sorted(chart.outcomes), strict=True)
        ax.plot(xs, [y / step for y in ys], "o-", color="#1f77b4", label=labels["outcome"])
    if chart.targets:
        xs, ys = zip(*sorted(chart.targets), strict=True)
        ax.plot(xs, [y / step for y in ys], "s", mfc="none", color="#e8a317", label=labels["target"])
    for i, year in enumerate(chart.scope_years):
        ax.axvline(year - 0.5, color="#7b4fd6", ls=":", lw=1.5, label=labels["scope"] if i == 0 else None)
    for m in chart.multi_year:
        x0 = m["baseline_year"] or min((y for y, _ in chart.outcomes), default=m["year"])
        y0 = m["baseline_value"] if m["baseline_value"] is not None else m["value"]
        ax.plot([x0, m["year"]], [y0 / step, m["value"] / step], "--", color="#d62728",
                label=labels["multi_year"].format(target=m["target"], year=m["year"]))
        ax.plot([m["year"]], [m["value"] / step], "*", color="#d62728", ms=12)
    ax.set_title(chart.metric)
    ax.set_ylabel(unit)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, never 2021.5
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=9)
    fig.tight_layout()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
