"""figure_agreement over hand-built mentions (table: tests/cases/figures/agreement.yaml)."""

from __future__ import annotations

from collections import Counter

import pytest
from test_figure_support import build_case, load_cases, run_kind

from checker.kinds import figure_agreement

CASES = load_cases("agreement.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_agreement_case(case: dict) -> None:
    docs, mentions = build_case(case)
    findings = run_kind(figure_agreement.KIND, docs, mentions)
    got = Counter((f.status, f.data["n"], f.data["differs_in"]) for f in findings)
    want = Counter((e["status"], e["n"], e["differs_in"]) for e in case["expect"])
    assert got == want


def test_disagreement_lists_every_occurrence_with_its_location() -> None:
    case = next(c for c in CASES if c["id"] == "figure-changed-in-one-place-only")
    docs, mentions = build_case(case)
    (finding,) = run_kind(figure_agreement.KIND, docs, mentions)
    assert not finding.passed
    rows = finding.data["occurrence_list"]
    stated = [(r["doc_id"], r["stated"]) for r in rows]
    assert stated == [("r", "9.3万套"), ("r", "9.3万套"), ("s", "9.4万套")]
    assert [(r["line"], r["column"]) for r in rows][:2] == [(1, 10), (1, 30)]
    assert {e.document for e in finding.evidence} == {"r.txt", "s.txt"}
    assert finding.data["values"] == "9.3万套 / 9.4万套"


def test_agreement_is_a_pass_finding() -> None:
    docs, mentions = build_case(CASES[0])
    findings = run_kind(figure_agreement.KIND, docs, mentions)
    assert findings and all(f.passed for f in findings)


def test_min_occurrences_and_across_documents_only() -> None:
    case = next(c for c in CASES if c["id"] == "figure-changed-in-one-place-only")
    docs, mentions = build_case(case)
    assert run_kind(figure_agreement.KIND, docs, mentions, {"min_occurrences": 4}) == []
    only_report = {"r": mentions["r"]}
    assert run_kind(figure_agreement.KIND, docs, only_report, {"across_documents_only": True}) == []
    (within,) = run_kind(figure_agreement.KIND, docs, only_report)
    assert within.status == "agree" and within.data["n"] == 2


def test_a_plan_restating_a_past_year_states_an_outcome() -> None:
    from test_figure_support import make_mention

    from checker.analysis.figures import OUTCOME, TARGET, collect_figures
    from checker.model import DocMeta
    from checker.pipeline import document_from_text

    doc = document_from_text("二、2024年重点任务\n2023年，全市公园总数达到1065个。今年新增无界公园20个。",
                             DocMeta(id="p", kind="report", year=2024), name="p.txt")
    mentions = [make_mention(doc, "全市公园总数达到1065个", "1065个", "公园总数", 1065, "个",
                             role="plan", year=2023),
                make_mention(doc, "今年新增无界公园20个", "20个", "无界公园", 20, "个",
                             role="plan", year=2024)]
    kinds = {(f.quantity.value, f.year, f.kind) for f in collect_figures([doc], mentions=lambda d: mentions)}
    assert kinds == {(1065, 2023, OUTCOME), (20, 2024, TARGET)}
