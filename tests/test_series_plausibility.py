"""series_plausibility over hand-built mentions (table: tests/cases/figures/series.yaml)."""

from __future__ import annotations

from collections import Counter

import pytest
from test_figure_support import build_case, load_cases, run_kind

from checker.kinds import series_plausibility

SERIES = load_cases("series.yaml")


@pytest.mark.parametrize("case", SERIES, ids=[c["id"] for c in SERIES])
def test_series_case(case: dict) -> None:
    docs, mentions = build_case(case)
    findings = run_kind(series_plausibility.KIND, docs, mentions, case.get("params"))
    assert Counter(f.status for f in findings) == Counter(case["expect"])


def test_series_finding_lists_the_points_in_year_order() -> None:
    docs, mentions = build_case(SERIES[0])
    (finding,) = run_kind(series_plausibility.KIND, docs, mentions)
    assert finding.passed
    assert [(p["year"], p["value"]) for p in finding.data["points"]] == [(2020, 44.4), (2023, 44.9)]
    assert finding.data["series"] == "44.4% (2020) → 44.9% (2023)"


def test_jump_finding_names_the_outlier() -> None:
    case = next(c for c in SERIES if c["id"] == "middle-point-multiplied-by-ten-is-one-finding")
    docs, mentions = build_case(case)
    findings = run_kind(series_plausibility.KIND, docs, mentions)
    (jump,) = [f for f in findings if f.status == "implausible_jump"]
    assert not jump.passed
    assert jump.document == "b.txt"
    assert "260万人 (2021)" in jump.data["detail"]


def test_a_larger_factor_accepts_the_jump() -> None:
    case = next(c for c in SERIES if c["id"] == "last-point-multiplied-by-ten")
    docs, mentions = build_case(case)
    findings = run_kind(series_plausibility.KIND, docs, mentions, {"max_factor_per_year": 4})
    assert [f.status for f in findings] == ["series"]


def test_scope_change_names_both_phrases() -> None:
    case = next(c for c in SERIES if c["id"] == "joined-component-is-a-scope-change-not-a-jump")
    docs, mentions = build_case(case)
    (change,) = [f for f in run_kind(series_plausibility.KIND, docs, mentions, case["params"])
                 if f.status == "scope_change"]
    assert "城市轨道交通运营总里程" in change.data["detail"]
    assert "轨道交通和市郊铁路运营里程" in change.data["detail"]
