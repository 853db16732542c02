"""The goal follow-up on plans and reviews it was not tuned on (tests/cases/goals/unseen.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checker.goals.track import track
from checker.model import DocMeta
from checker.pipeline import document_from_text

CASE_FILE = Path(__file__).parent / "cases" / "goals" / "unseen.yaml"
CASES = yaml.safe_load(CASE_FILE.read_text(encoding="utf-8"))


def _track(case: dict):
    year = int(re.search(r"(\d{4})年", case["plan"]).group(1))  # the plan section's year
    plan = document_from_text(case["plan"], DocMeta(id="plan", year=year), name="plan.txt")
    review = document_from_text(case["review"], DocMeta(id="review", year=year + 1), name="review.txt")
    return track(plan, review)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_unseen_pair(case: dict) -> None:
    tracked, _ = _track(case)
    got = {t.goal.text: t.status for t in tracked if t.goal.text in case["expect"]}
    assert got == case["expect"]


def test_completion_claim_on_an_unseen_review() -> None:
    _, claims = _track(CASES[0])
    assert len(claims) == 1 and "目标任务" in claims[0].text
    bad = {t.goal.text for t in claims[0].contradicted_by}
    assert "新增公共停车泊位8000个" in bad and "单位生产总值能耗下降2%" in bad
    assert "新建5G基站1.2万个" not in bad
