"""The goal follow-up on hand-written plan/review pairs in other report styles.

tests/cases/goals/written.yaml holds a province's 2023 plan and review, a State Council-style 2024
pair, and a city's whole 2022 and 2023 reports (each with review and plan parts, so the plan's own
review and the review's own plan must be left alone). Each lists every quantified goal it planted
and the status of every goal; tests/cases/goals/written_altered.yaml edits the reviews (an outcome
lowered, deleted, reworded, added) and names exactly the statuses that must flip.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from checker.goals.extract import extract_goals, plan_sections
from checker.goals.track import track
from checker.model import DocMeta
from checker.pipeline import document_from_text

CASE_DIR = Path(__file__).parent / "cases" / "goals"
CASES = yaml.safe_load((CASE_DIR / "written.yaml").read_text(encoding="utf-8"))
BY_ID = {c["id"]: c for c in CASES}
ALTERED = yaml.safe_load((CASE_DIR / "written_altered.yaml").read_text(encoding="utf-8"))


def _year(case: dict) -> int:
    return case.get("year") or int(re.search(r"(\d{4})年", case["plan"]).group(1))


@cache
def _plan(case_id: str):
    case = BY_ID[case_id]
    return document_from_text(case["plan"], DocMeta(id="plan", year=_year(case)), name="plan.txt")


def _track(case_id: str, review_text: str | None = None):
    case = BY_ID[case_id]
    text = case["review"] if review_text is None else review_text
    review = document_from_text(text, DocMeta(id="review", year=_year(case) + 1), name="review.txt")
    return track(_plan(case_id), review)


def _statuses(case_id: str, review_text: str | None = None) -> dict[str, str]:
    tracked, _ = _track(case_id, review_text)
    out: dict[str, str] = {}
    for t in tracked:
        out.setdefault(t.goal.text, t.status)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_every_planted_goal_gets_its_status(case: dict) -> None:
    got = _statuses(case["id"])
    wrong = {k: (v, got.get(k, "(not extracted)")) for k, v in case["expect"].items() if got.get(k) != v}
    assert not wrong, f"expected vs got: {wrong}"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_quantified_goal_extraction(case: dict) -> None:
    goals = extract_goals(_plan(case["id"]), plan_sections(_plan(case["id"])))
    found = {g.text for g in goals if g.quantified and not g.multi_year}
    gold = set(case["quantified"])
    assert found == gold, f"missed {sorted(gold - found)}, extra {sorted(found - gold)}"
    multi = {g.text for g in goals if g.multi_year}
    assert set(case.get("multi_year") or ()) <= multi


def test_completion_claims_are_held_against_the_statuses() -> None:
    _, claims = _track("province-2023")
    assert len(claims) == 1 and "目标任务" in claims[0].text
    bad = {t.goal.text for t in claims[0].contradicted_by}
    assert {"一般公共预算收入增长6%", "固定资产投资增长8%以上", "建成投产100个", "改造农村危房1万户"} <= bad
    assert "新建5G基站2.5万个" not in bad and "出台省优化营商环境条例" not in bad
    _, claims = _track("city-2022-full-reports")
    assert claims == []  # that review claims nothing
    _, claims = _track("state-council-2023-terse")  # 主要预期目标圆满实现
    assert len(claims) == 1
    bad = {t.goal.text for t in claims[0].contradicted_by}
    assert {"新建改造农村公路约10万公里", "完成城镇老旧小区改造5.3万个", "新增托位不少于40万个"} <= bad
    assert "国内生产总值增长5%左右" not in bad


def test_a_negated_claim_is_no_claim() -> None:
    review = BY_ID["province-2023"]["review"].replace(
        "较好完成了省十四届人大一次会议确定的目标任务", "个别指标未能完成年度目标任务")
    _, claims = _track("province-2023", review)
    assert claims == []


@pytest.mark.parametrize("case", ALTERED, ids=[c["id"] for c in ALTERED])
def test_altered_written_review(case: dict) -> None:
    text = BY_ID[case["case"]]["review"]
    for old, new in case["edits"]:
        assert text.count(old) == 1, f"edit target not unique in the review: {old}"
        text = text.replace(old, new)
    before = _statuses(case["case"])
    after = _statuses(case["case"], text)
    for goal, status in case["expect"].items():
        assert goal in after, f"goal not extracted: {goal}"
        assert after[goal] == status, f"{goal}: {after[goal]} (expected {status}; was {before.get(goal)})"
    flipped = {g: (before.get(g), s) for g, s in after.items()
               if g not in case["expect"] and before.get(g) != s}
    assert not flipped, f"unexpected status changes: {flipped}"
    if case.get("said_not_done"):
        tracked, _ = _track(case["case"], text)
        said = {t.goal.text for t in tracked if t.said_not_done}
        missing = set(case["said_not_done"]) - said
        assert not missing, f"not said to be undone: {missing}"
