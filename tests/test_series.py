"""series over hand-built mentions (tables: tests/cases/figures/series.yaml, progress.yaml)."""

from __future__ import annotations

from collections import Counter

import pytest
from test_figure_support import build_case, load_cases, run_kind

from checker.kinds import series
from checker.kinds.series import scope_relation

SERIES = load_cases("series.yaml")
PROGRESS = load_cases("progress.yaml")


@pytest.mark.parametrize("case", SERIES, ids=[c["id"] for c in SERIES])
def test_series_case(case: dict) -> None:
    docs, mentions = build_case(case)
    findings = run_kind(series.KIND, docs, mentions, case.get("params"))
    assert Counter(f.status for f in findings) == Counter(case["expect"])


@pytest.mark.parametrize("case", PROGRESS, ids=[c["id"] for c in PROGRESS])
def test_progress_case(case: dict) -> None:
    docs, mentions = build_case(case)
    findings = run_kind(series.KIND, docs, mentions, {"mode": "progress"})
    assert [[f.status, f.data["latest_year"]] for f in findings] == case["expect"]


def test_series_finding_lists_the_points_in_year_order() -> None:
    docs, mentions = build_case(SERIES[0])
    (finding,) = run_kind(series.KIND, docs, mentions)
    assert finding.passed
    assert [(p["year"], p["value"]) for p in finding.data["points"]] == [(2020, 44.4), (2023, 44.9)]
    assert finding.data["series"] == "44.4% (2020) → 44.9% (2023)"


def test_jump_finding_names_the_outlier() -> None:
    case = next(c for c in SERIES if c["id"] == "middle-point-multiplied-by-ten-is-one-finding")
    docs, mentions = build_case(case)
    (jump,) = [f for f in run_kind(series.KIND, docs, mentions) if f.status == "implausible_jump"]
    assert not jump.passed
    assert jump.document == "b.txt"
    assert "260万人 (2021)" in jump.data["detail"]


def test_a_larger_factor_accepts_the_jump() -> None:
    case = next(c for c in SERIES if c["id"] == "last-point-multiplied-by-ten")
    docs, mentions = build_case(case)
    findings = run_kind(series.KIND, docs, mentions, {"max_factor_per_year": 4})
    assert [f.status for f in findings] == ["series"]


def test_scope_change_names_both_phrases() -> None:
    case = next(c for c in SERIES if c["id"] == "joined-component-is-a-scope-change-not-a-jump")
    docs, mentions = build_case(case)
    (change,) = [f for f in run_kind(series.KIND, docs, mentions, case["params"])
                 if f.status == "scope_change"]
    assert "城市轨道交通运营总里程" in change.data["detail"]
    assert "轨道交通和市郊铁路运营里程" in change.data["detail"]


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


def test_progress_finding_carries_target_baseline_and_latest() -> None:
    docs, mentions = build_case(PROGRESS[0])
    (f,) = run_kind(series.KIND, docs, mentions, {"mode": "progress"})
    assert f.data["target"] == "45%" and f.data["target_year"] == 2025
    assert f.data["baseline"] == "44.4% (2020)" and f.data["latest"] == "44.9% (2023)"
    assert f.data["expected_now"] == pytest.approx(44.76)


def _text_doc(text: str, id: str, year: int):
    from checker.model import DocMeta
    from checker.pipeline import document_from_text

    return document_from_text(text, DocMeta(id=id, kind="report", year=year), name=f"{id}.txt")


def test_targets_in_words_follow_the_latest_later_statement() -> None:
    plan = _text_doc("二、“十四五”时期的主要目标与任务\n"
                     "主要污染物排放总量持续削减，基本消除重污染天气，消除劣Ⅴ类水体，森林覆盖率达到45%。",
                     "p", 2021)
    review = _text_doc("一、2021年工作回顾\n劣 V 类水体全面消除，森林覆盖率达到44.6%。", "r", 2022)
    findings = run_kind(series.KIND, [plan, review], None, {"mode": "progress"})
    by_target = {f.data["target"]: f for f in findings}
    water = by_target["消除劣Ⅴ类水体"]
    assert water.status == "stated" and water.data["latest_year"] == 2021
    assert "劣V类水体全面消除" in water.data["latest"]
    assert by_target["基本消除重污染天气"].status == "no_data"
    forest = next(f for f in findings if f.data["target_value"] == 45)
    assert forest.status == "in_progress" and forest.data["latest_value"] == 44.6


def test_targets_in_words_can_be_switched_off() -> None:
    plan = _text_doc("二、“十四五”时期的主要目标与任务\n基本消除重污染天气，森林覆盖率达到45%。", "p", 2021)
    findings = run_kind(series.KIND, [plan], None, {"mode": "progress", "unquantified": False})
    assert [f.status for f in findings] == ["no_data"]
    assert findings[0].data["target_value"] == 45


def test_a_narrower_metric_target_does_not_join_the_series() -> None:
    from checker.analysis.figures import collect_figures
    from checker.kinds.series import build_series

    case = next(c for c in SERIES if c["id"] == "a-target-of-a-narrower-metric-stays-apart")
    docs, mentions = build_case(case)
    figures = collect_figures(docs, mentions=lambda d: mentions[d.id])
    (forest,) = build_series(figures)
    assert forest.keys == ["森林覆盖率"]
    assert [(p.year, p.value) for p in forest.points] == [(2020, 44.4), (2023, 44.9)]
