"""The rules in rules/goals/ over the seed corpus: every plan/review pair is tracked."""

from __future__ import annotations

from pathlib import Path

from checker.engine import run_rules
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent


def test_goal_rules_over_the_seed_corpus(seed_corpus) -> None:
    findings = run_rules(seed_corpus, load_rules(ROOT / "rules" / "goals"))
    by_rule: dict[str, list] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    missing = [f for f in by_rule["goal-not-reported"] if f.status == "not_reported"]
    assert len(missing) == 12 and all(f.severity == "warning" for f in missing)
    assert {f.data["plan_year"] for f in missing} == {2021}
    assert any(f.data["goal_text"] == "新增5G基站6000个" for f in missing)
    met = {f.data["goal_text"]: f for f in by_rule["goal-met"] if f.passed}
    school = met["新增2万个中小学学位"]
    assert school.status == "exceeded" and school.data["outcome_value"] == 28000
    assert [e.role for e in school.evidence] == ["goal", "outcome"]
    assert school.evidence[1].document.endswith("beijing-2022-report.txt")
    claims = [f for f in by_rule["completion-claim"] if f.status == "contradicted"]
    assert len(claims) == 1 and claims[0].data["quantified_not_reported"] == 12
    # plans whose follow-up report is not in the corpus are said so, not scored
    assert {f.status for f in by_rule["goal-missed"]} == {"no_documents"}
