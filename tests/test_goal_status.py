"""Qualifier semantics of the goal follow-up: table-driven from tests/cases/goals/status.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.goals.status import STATUSES, judge
from checker.goals.track import settings_from_params

CASE_FILE = Path(__file__).parent / "cases" / "goals" / "status.yaml"
CASES = yaml.safe_load(CASE_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_status(case: dict) -> None:
    sem = settings_from_params(case.get("params") or {}).semantics
    verdict = judge(case["target"], case["qualifier"], case["outcome"], case.get("metric", ""), sem,
                    case.get("unit", ""), case.get("high"))
    assert verdict.status == case["status"], verdict.reason
    assert verdict.status in STATUSES
    assert case.get("reason", "") in verdict.reason


def test_reason_shows_target_outcome_ratio() -> None:
    verdict = judge(20000, "=", 28000)
    assert "28000" in verdict.reason and "20000" in verdict.reason and "1.40" in verdict.reason
    assert verdict.ratio == pytest.approx(1.4)


def test_zero_target_has_no_ratio() -> None:
    verdict = judge(0, "=", 3)
    assert verdict.ratio is None and verdict.status == "exceeded"
