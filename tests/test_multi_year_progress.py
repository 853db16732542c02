"""multi_year_progress over hand-built mentions (table: tests/cases/figures/progress.yaml) and text."""

from __future__ import annotations

import pytest
from test_figure_support import build_case, load_cases, run_kind

from checker.kinds import multi_year_progress

PROGRESS = load_cases("progress.yaml")


@pytest.mark.parametrize("case", PROGRESS, ids=[c["id"] for c in PROGRESS])
def test_progress_case(case: dict) -> None:
    docs, mentions = build_case(case)
    findings = run_kind(multi_year_progress.KIND, docs, mentions)
    assert [[f.status, f.data["latest_year"]] for f in findings] == case["expect"]


def test_progress_finding_carries_target_baseline_and_latest() -> None:
    docs, mentions = build_case(PROGRESS[0])
    (f,) = run_kind(multi_year_progress.KIND, docs, mentions)
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
    findings = run_kind(multi_year_progress.KIND, [plan, review], None)
    by_target = {f.data["target"]: f for f in findings}
    water = by_target["消除劣Ⅴ类水体"]
    assert water.status == "stated" and water.data["latest_year"] == 2021
    assert "劣V类水体全面消除" in water.data["latest"]
    assert by_target["基本消除重污染天气"].status == "no_data"
    forest = next(f for f in findings if f.data["target_value"] == 45)
    assert forest.status == "in_progress" and forest.data["latest_value"] == 44.6


def test_targets_in_words_can_be_switched_off() -> None:
    plan = _text_doc("二、“十四五”时期的主要目标与任务\n基本消除重污染天气，森林覆盖率达到45%。", "p", 2021)
    findings = run_kind(multi_year_progress.KIND, [plan], None, {"unquantified": False})
    assert [f.status for f in findings] == ["no_data"]
    assert findings[0].data["target_value"] == 45
