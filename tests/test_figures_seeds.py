"""The figure rules on the seeds, unaltered and altered in one place.

Unaltered: no disagreement (the gold says every repeated figure agrees), no implausible jump, and a
progress finding for every five-year target. Altered copies (one figure changed in one place; one
series point multiplied by ten) give exactly the one finding expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_figure_support import altered_corpus, run_figure_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seed_findings() -> list:
    return run_figure_rules(SEEDS)


def _status(findings: list, rule: str, status: str) -> list:
    return [f for f in findings if f.rule == rule and f.status == status]


def test_seeds_have_no_disagreement(seed_findings: list) -> None:
    assert _status(seed_findings, "figure-agreement", "disagree") == []
    assert len(_status(seed_findings, "figure-agreement", "agree")) >= 60


def test_seeds_have_no_error_findings(seed_findings: list) -> None:
    assert [f.message for f in seed_findings if f.status in ("error", "no_documents")] == []


def test_seeds_series_have_no_implausible_jump(seed_findings: list) -> None:
    assert [f.message for f in _status(seed_findings, "series-plausibility", "implausible_jump")] == []
    assert [f.message for f in _status(seed_findings, "series-plausibility", "implausible_rate")] == []
    assert len(_status(seed_findings, "series-plausibility", "series")) >= 10


def test_seeds_rail_mileage_is_a_scope_change(seed_findings: list) -> None:
    changes = _status(seed_findings, "series-plausibility", "scope_change")
    assert any("727" in f.actual and "1148" in f.actual for f in changes)


def test_seeds_forest_coverage_target_is_on_track(seed_findings: list) -> None:
    (forest,) = [f for f in seed_findings if f.rule == "multi-year-progress"
                 and f.data.get("target_value") == 45 and "森林覆盖率" in f.metric
                 and "平原" not in f.metric]
    assert forest.status == "on_track"
    assert forest.data["latest_value"] == 44.9 and forest.data["latest_year"] == 2023
    assert (forest.data["baseline_value"], forest.data["baseline_year"]) == (44.4, 2020)


ALTERED = yaml.safe_load((ROOT / "tests" / "cases" / "figures" / "altered.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ALTERED, ids=[c["id"] for c in ALTERED])
def test_altered_seeds_give_exactly_the_expected_findings(case: dict, tmp_path: Path) -> None:
    findings = run_figure_rules(altered_corpus(SEEDS, tmp_path, case["file"], case["old"], case["new"]))
    got = sorted((f.rule, f.status, f.data.get("n") if f.status == "disagree" else None,
                  f.data.get("differs_in") if f.status == "disagree" else None)
                 for f in findings if not f.passed)
    want = sorted((e["rule"], e["status"], e.get("n"), e.get("differs_in")) for e in case["expect"])
    assert got == want


def test_a_disagreement_lists_every_occurrence_with_its_location(tmp_path: Path) -> None:
    findings = run_figure_rules(altered_corpus(SEEDS, tmp_path, "beijing-2024-press-summary.md",
                             "竣工各类保障性住房9.3万套", "竣工各类保障性住房9.3万个"))
    (bad,) = _status(findings, "figure-agreement", "disagree")
    rows = bad.data["occurrence_list"]
    assert sorted(r["doc_id"] for r in rows) == ["bj-2024-highlights", "bj-2024-press", "bj-2024-report"]
    assert sorted(r["unit"] for r in rows) == ["个", "套", "套"]
    assert all(r["line"] > 0 and r["column"] > 0 for r in rows)
    assert {e.document.rsplit("/", 1)[-1] for e in bad.evidence} == {
        "beijing-2024-report.txt", "beijing-2024-press-summary.md", "beijing-2024-highlights.txt"}


def test_a_jump_names_both_points(tmp_path: Path) -> None:
    findings = run_figure_rules(altered_corpus(SEEDS, tmp_path, "beijing-2024-report.txt",
                             "细颗粒物年均浓度 32 微克", "细颗粒物年均浓度 320 微克"))
    (jump,) = _status(findings, "series-plausibility", "implausible_jump")
    assert "320微克/立方米 (2023)" in jump.actual and "33微克/立方米 (2021)" in jump.actual


def test_every_five_year_target_has_a_progress_finding(seed_findings: list) -> None:
    progress = [f for f in seed_findings if f.rule == "multi-year-progress"]
    by_target = {f.data["target"]: f for f in progress}
    assert by_target["达到45%"].status == "on_track"
    assert by_target["控制在5%以内"].data["latest_value"] == 4.4
    assert by_target["消除劣Ⅴ类水体"].status == "stated"
    assert "劣V类水体全面消除" in by_target["消除劣Ⅴ类水体"].data["latest"]
    assert by_target["基本消除重污染天气"].status == "no_data"
    assert by_target["控制在30亿立方米以内"].status == "no_data"


def test_eval_member_meets_the_targets() -> None:
    from checker.evaluate.figures import evaluate

    r = evaluate(ROOT / "tests" / "gold", SEEDS)
    assert r["groups_found_share"] >= 0.90
    assert r["false_disagreements"] == 0
    assert r["trap_pairs"] == 0
    assert r["five_year_covered"] == r["five_year_targets"] == 8
    assert r["series_points_found"] / r["series_points"] >= 0.8
