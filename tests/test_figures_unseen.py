"""The figure rules on a corpus they were not tuned on (tests/cases/figures/unseen/).

An invented province (江川): its 2023 report (review of 2022, “十四五” targets, plan for 2023), its 2024
report (review of 2023, plan for 2024) and a press summary of the 2024 report that restates figures
in other words (经济总量 for 地区生产总值, GDP, 同比增长, a headline 增长目标定在…), with distractors
(the same number for another metric, year, kind or measure; 累计 vs 年度) and a scope change
(城市轨道交通 186 km → 轨道交通和市域铁路（含市域铁路）418 km). Its hand-labelled gold is in
``unseen/gold`` (same format as tests/gold). Altered copies: tests/cases/figures/unseen_altered.yaml.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from test_figure_support import altered_corpus, run_figure_rules

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "figures"
CORPUS = CASES / "unseen"


def _bad(findings: list) -> Counter:
    return Counter((f.rule, f.status, f.data.get("n") if f.status == "disagree" else None,
                    f.data.get("differs_in") if f.status == "disagree" else None)
                   for f in findings if not f.passed)


@pytest.fixture(scope="module")
def findings() -> list:
    return run_figure_rules(CORPUS)


def test_eval_on_the_unseen_gold() -> None:
    from checker.evaluate.figures import evaluate

    r = evaluate(CORPUS / "gold", CORPUS)
    assert r["groups_found_share"] >= 0.90, r["groups_missed"]
    assert r["false_disagreements"] == 0, r["disagreements"]
    assert r["trap_pairs"] == 0
    assert r["five_year_covered"] == r["five_year_targets"] == 4, r["five_year_missing"]
    assert r["five_year_latest_right"] == 4
    assert r["series_points_found"] == r["series_points"]
    assert r["series_linked"] == r["series"]


def test_no_disagreement_and_no_jump(findings: list) -> None:
    bad = [f.message for f in findings if f.status in ("disagree", "implausible_jump",
                                                       "implausible_rate", "error")]
    assert bad == []


def test_every_five_year_target_has_progress_with_the_latest_value(findings: list) -> None:
    gold = yaml.safe_load((CORPUS / "gold" / "goals-2023.yaml").read_text(encoding="utf-8"))
    progress = [f for f in findings if f.rule == "multi-year-progress"]
    for t in gold["five_year_targets_2025"]:
        (f,) = [f for f in progress if f.data["target"] in t["goal_text"] and f.metric in t["goal_text"]]
        assert f.status == t["expect"], f.message
        assert (f.data["latest_year"], f.data["latest_value"]) == (2023, t["interim"][-1]["value"])
        assert f.data["baseline_year"] == 2022


def test_rail_mileage_is_a_scope_change_not_a_jump(findings: list) -> None:
    changes = [f for f in findings if f.rule == "series-plausibility" and f.status == "scope_change"]
    assert [("186" in f.actual and "418" in f.actual) for f in changes] == [True]
    assert "含" in changes[0].data["detail"]


def test_the_summary_wordings_join_the_reports_figure(findings: list) -> None:
    agree = [f for f in findings if f.rule == "figure-agreement" and f.status == "agree"]
    by_quote = {r["text"]: f for f in agree for r in f.data["occurrence_list"]}
    gdp = by_quote["2023年全省经济总量达到3.42万亿元"]
    assert gdp.data["n"] == 4 and gdp.data["year"] == 2023
    assert by_quote["2024年GDP增长目标定在5.5%左右"].data["figure_kind"] == "target"
    assert by_quote["轨道交通运营里程达到418公里。"].data["n"] == 2


ALTERED = yaml.safe_load((CASES / "unseen_altered.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ALTERED, ids=[c["id"] for c in ALTERED])
def test_altered_unseen_gives_exactly_the_expected_findings(case: dict, findings: list,
                                                            tmp_path: Path) -> None:
    got = _bad(run_figure_rules(altered_corpus(CORPUS, tmp_path, case["file"], case["old"], case["new"])))

    def entries(key: str) -> Counter:
        return Counter((e["rule"], e["status"], e.get("n"), e.get("differs_in"))
                       for e in case.get(key) or [])

    want = _bad(findings) + entries("add")
    want.subtract(entries("drop"))
    assert got == +want


@pytest.mark.parametrize(("key", "core"), [
    ("轨道交通和市域铁路运营里程含市域铁路", "轨道交通和市域铁路运营里程"),
    ("土壤有机质含量", "土壤有机质含量"),          # 含量 is a metric word, not "including"
    ("研发投入包括企业", "研发投入"),
    ("森林覆盖率", "森林覆盖率"),
])
def test_scope_core(key: str, core: str) -> None:
    from checker.analysis.figures import scope_core

    assert scope_core(key) == core


@pytest.mark.parametrize(("short", "long", "want"), [
    ("轨道交通运营里程", "轨道交通和市域铁路运营里程含市域铁路", True),
    ("轨道交通运营里程", "轨道交通和市域铁路运营里程", True),
    ("提前疏散转移", "疏散转移", True),
    ("农村公路", "老旧小区", False),
    ("运营里程", "轨道交通和市域铁路运营里程", False),
])
def test_retold_key(short: str, long: str, want: bool) -> None:
    from checker.analysis.figures import retold_key

    assert retold_key(short, long) is want


def test_an_overview_bound_agrees_with_the_exact_figure(findings: list) -> None:
    agree = [f for f in findings if f.rule == "figure-agreement" and f.status == "agree"]
    by_stated = {(r["doc_id"], r["stated"]): f for f in agree for r in f.data["occurrence_list"]}
    gdp = by_stated[("jc-2024-report", "突破3.4万亿元")]
    assert gdp.data["n"] == 4 and ("jc-2024-report", "3.42万亿元") in {
        (r["doc_id"], r["stated"]) for r in gdp.data["occurrence_list"]}
    assert by_stated[("jc-2024-report", "超过63万人")].data["n"] == 4


@pytest.mark.parametrize(("bound", "exact", "holds"), [
    ((3.4e12, ">"), 3.42e12, True),      # 突破3.4万亿元 / 3.42万亿元
    ((3.5e12, ">"), 3.42e12, False),     # the bound does not hold
    ((3.0e12, ">"), 3.42e12, False),     # holds, but too loose to be the rounded figure
    ((240e4, "<~"), 238e4, True),        # 近240万平方米 / 238万平方米
    ((240e4, "<~"), 240e4, True),
    ((4.4e12, "~"), 4.38e12, True),      # 约4.4万亿元
    ((4.4e12, "~"), 4.1e12, False),
])
def test_bound_holds(bound: tuple, exact: float, holds: bool) -> None:
    from types import SimpleNamespace

    from checker.analysis.figures import _bound_holds

    q = SimpleNamespace(value=bound[0], qualifier=bound[1], value_high=None)
    assert _bound_holds(SimpleNamespace(quantity=q), exact) is holds  # type: ignore[arg-type]
