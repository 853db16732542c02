"""The goal follow-up on a plan and review it was not tuned on (tests/cases/goals/unseen.yaml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from checker.goals.track import track
from checker.model import DocMeta
from checker.pipeline import document_from_text

CASE = yaml.safe_load((Path(__file__).parent / "cases" / "goals" / "unseen.yaml").read_text(encoding="utf-8"))


def test_unseen_pair() -> None:
    plan = document_from_text(CASE["plan"], DocMeta(id="plan", year=2023), name="plan.txt")
    review = document_from_text(CASE["review"], DocMeta(id="review", year=2024), name="review.txt")
    tracked, claims = track(plan, review)
    got = {t.goal.text: t.status for t in tracked if t.goal.text in CASE["expect"]}
    assert got == CASE["expect"]
    assert len(claims) == 1 and "目标任务" in claims[0].text
    bad = {t.goal.text for t in claims[0].contradicted_by}
    assert "新增公共停车泊位8000个" in bad and "单位生产总值能耗下降2%" in bad
    assert "新建5G基站1.2万个" not in bad
