"""The series library: scope relations between metric phrases, which figures chain."""

from __future__ import annotations

import pytest
from test_figure_support import build_case, load_cases

from checker.analysis.series import scope_relation

SERIES = load_cases("series.yaml")


@pytest.mark.parametrize(("a", "b", "want"), [
    ("城市轨道交通运营总里程", "轨道交通和市郊铁路运营里程", "joined"),
    ("物业服务覆盖率", "住宅物业服务覆盖率", "qualifier"),
    ("城市轨道交通运营总里程", "轨道交通运营总里程", "qualifier"),
    ("森林覆盖率", "森林覆盖率", None),
    ("老旧小区改造", "桥下空间", None),
    ("覆盖率", "森林覆盖率", None),            # a 3-character core is too weak a match
    ("中小学学位", "普惠性幼儿园覆盖率", None),
])
def test_scope_relation(a: str, b: str, want: str | None) -> None:
    assert scope_relation(a, b) == want


def test_a_narrower_metric_target_does_not_join_the_series() -> None:
    from checker.analysis.figures import collect_figures
    from checker.analysis.series import build_series

    case = next(c for c in SERIES if c["id"] == "a-target-of-a-narrower-metric-stays-apart")
    docs, mentions = build_case(case)
    figures = collect_figures(docs, mentions=lambda d: mentions[d.id])
    (forest,) = build_series(figures)
    assert forest.keys == ["森林覆盖率"]
    assert [(p.year, p.value) for p in forest.points] == [(2020, 44.4), (2023, 44.9)]
