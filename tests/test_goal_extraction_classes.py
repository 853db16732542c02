"""Goal extraction, class by class (tests/cases/goals/extraction_classes.yaml): which quantified
targets of a plan are its goals — later-year clauses, counts of graded works, one number shared by
listed subjects, targets written in words, counts of quoted names, numbers that only describe."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.goals.extract import extract_goals, plan_sections
from checker.model import DocMeta
from checker.pipeline import document_from_text

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "goals" / "extraction_classes.yaml")
                       .read_text(encoding="utf-8"))


def _goals(case: dict):
    doc = document_from_text(case["plan"], DocMeta(id="plan", year=case.get("year", 2025)), name="plan.txt")
    return [g for g in extract_goals(doc, plan_sections(doc)) if g.quantified]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_year_goals_are_exactly_these(case: dict) -> None:
    found = [g.text for g in _goals(case) if not g.multi_year]
    assert sorted(found) == sorted(case["goals"])


@pytest.mark.parametrize("case", [c for c in CASES if c.get("multi_year")],
                         ids=[c["id"] for c in CASES if c.get("multi_year")])
def test_later_year_goals_are_marked(case: dict) -> None:
    multi = {g.text for g in _goals(case) if g.multi_year}
    assert set(case["multi_year"]) <= multi


@pytest.mark.parametrize("case", [c for c in CASES if c.get("metrics")],
                         ids=[c["id"] for c in CASES if c.get("metrics")])
def test_each_goal_names_its_own_subject(case: dict) -> None:
    metrics = {g.text: g.metric for g in _goals(case)}
    wrong = {t: metrics.get(t) for t, words in case["metrics"].items() if words not in (metrics.get(t) or "")}
    assert not wrong, f"metric lacks its subject: {wrong}"
