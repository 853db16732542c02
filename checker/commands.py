"""The rules behind the commands that need none written: ``checker goals``, ``checker compare``
and ``checker eval``.

The rules are YAML files inside the package (checker/command_rules/; the rule packs of
``checker run`` are elsewhere), loaded and validated like any
rule file and run through the engine's one run path (``run_rules``), so a kind that raises is an
``error`` finding here too, fingerprints are numbered, and scope and params mean what they mean in
``checker run``. A command only chooses the documents and may override a rule's params.
"""

from __future__ import annotations

import functools
import glob
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.engine import SimpleCorpus, run_rules
from checker.errors import CheckerError
from checker.findings import Finding
from checker.i18n import Msg
from checker.model import DocMeta
from checker.ruleset import Rule, load_rules

COMMAND_RULES = Path(__file__).with_name("command_rules")
GOAL_RULES = ("goal-followup", "completion-claim")
SUMMARY_RULE = "summary-fidelity"
FIGURE_RULE = "figure-agreement"


@functools.cache
def _rules() -> dict[str, Rule]:
    return {rule.id: rule for rule in load_rules(COMMAND_RULES)}


def command_rule(rule_id: str, params: dict[str, Any] | None = None,
                 only: dict[str, str] | None = None) -> Rule:
    """The command rule ``rule_id``, with ``params`` laid over its own; ``only`` maps a slot to the
    one document id it selects (``{"plan": "bj-2021"}``: the other report is not a plan here)."""
    rule = _rules()[rule_id]
    scope = {slot: dict(selector) for slot, selector in rule.scope.items()}
    for slot, doc_id in (only or {}).items():
        scope.setdefault(slot, {})["id"] = glob.escape(doc_id)
    return replace(rule, params={**rule.params, **(params or {})},
                   given_params={**rule.given_params, **(params or {})}, scope=scope)


def plan_and_review(plan_path: Path, review_path: Path, year: int | None = None) -> SimpleCorpus:
    """The two reports of a goal follow-up, the second marked as reviewing the first.

    Raises ``CheckerError`` when PLAN has no plan section, REVIEW no review section, or the review
    covers another year than the plan (``checker goals`` with the wrong pair of files).
    """
    from checker.pipeline import load_document

    plan = load_document(plan_path, DocMeta(id=plan_path.stem))
    review = plan if review_path.resolve() == plan_path.resolve() else load_document(
        review_path, DocMeta(id=review_path.stem))
    if not any(s.role == "plan" for s in plan.sections):
        raise CheckerError("error.no_plan_section", path=str(plan_path), seen=_seen(plan),
                           titles="重点任务/工作安排/主要预期目标", openings="今年")
    if not any(s.role == "review" for s in review.sections):
        raise CheckerError("error.no_review_section", path=str(review_path), seen=_seen(review),
                           titles="工作回顾/过去一年", openings="过去一年/刚刚过去的")
    plan_years = sorted({s.year for s in plan.sections if s.role == "plan" and s.year is not None})
    review_years = sorted({s.year for s in review.sections if s.role == "review" and s.year is not None})
    wanted = [year] if year is not None else plan_years
    if review_years and not set(wanted) & set(review_years):
        raise CheckerError("error.review_wrong_year", path=str(review_path), covers=review_years,
                           wanted=wanted or "?", plan=str(plan_path))
    review.meta.reviews = plan.id
    return SimpleCorpus([plan, review] if review is not plan else [plan])


def _seen(doc: Any) -> Msg:
    """The top-level headings of ``doc``, for an error that says what was found instead."""
    tops = [s.title[:24] for s in doc.sections if s.parent is None]
    if not tops:
        return Msg("error.no_headings")
    if len(tops) > 8:
        return Msg("error.headings_seen_more", headings=tops[:8], n=len(tops))
    return Msg("error.headings_seen", headings=tops)


def goal_findings(corpus: Any, plan_id: str, params: dict[str, Any] | None = None) -> list[Finding]:
    """Every goal and completion-claim finding of the plan ``plan_id`` of ``corpus`` against the
    report that reviews it (passes included), goals first."""
    return run_rules(corpus, [command_rule(rid, params, only={"plan": plan_id}) for rid in GOAL_RULES])


MIN_CHINESE_SHARE = 0.2  # of the letters: below it a text is not Chinese (a bilingual text is above)


def _refuse_non_chinese(text: str, path: Path) -> None:
    """Refuse, in one line, a text that is not Chinese (an English press release): the comparison
    reads Chinese; in a bilingual text only the Chinese parts are compared."""
    letters = [ch for ch in text if ch.isalpha()]
    han = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    if letters and han < MIN_CHINESE_SHARE * len(letters):
        raise CheckerError("error.not_chinese", path=str(path), han=han, letters=len(letters))


def summary_and_full(summary_path: Path, full_path: Path) -> SimpleCorpus:
    """A summary (or digest, or press text) and the full report it retells."""
    from checker.pipeline import load_document

    full = load_document(full_path, DocMeta(id=full_path.stem, kind="report"))
    summary = load_document(summary_path, DocMeta(id=summary_path.stem, kind="summary", retells=full.id))
    for doc, path in ((summary, summary_path), (full, full_path)):
        _refuse_non_chinese(doc.text, path)
    if summary.id == full.id:
        summary.meta.id = f"{summary.id}-summary"
        summary.meta.retells = full.id
    return SimpleCorpus([summary, full])


def summary_findings(corpus: Any, params: dict[str, Any] | None = None) -> list[Finding]:
    """Every outcome of comparing each summary of ``corpus`` with its report (passes included)."""
    return run_rules(corpus, [command_rule(SUMMARY_RULE, params)])


def figure_findings(corpus: Any) -> list[Finding]:
    """One finding per group of the same figure in ``corpus`` (agree or disagree)."""
    return run_rules(corpus, [command_rule(FIGURE_RULE)])


def compare_files(summary_path: Path, full_path: Path, params: dict[str, Any] | None = None) -> list[Finding]:
    """``summary_findings`` of one summary file against one report file."""
    return summary_findings(summary_and_full(summary_path, full_path), params)


# Columns of the goals dataset (``checker goals --corpus``), in order.
GOAL_COLUMNS = ("place", "plan_document", "plan_year", "review_document", "goal", "quantified",
                "multi_year", "action", "target", "target_value", "unit", "qualifier", "outcome",
                "outcome_value", "outcome_unit", "ratio", "status", "reason", "plan_quote",
                "plan_location", "review_quote", "review_location")


def goal_dataset(corpus: Any, executor: Any = None) -> list[dict[str, Any]]:
    """Every goal of every plan of ``corpus`` that a report of the corpus reviews, one row each
    (``GOAL_COLUMNS``): the place, the plan and review documents, the goal, its target, the
    outcome and the status, and the quotes with ``file:line:column`` on both sides. Places are
    checked apart, by ``executor`` (see checker/scale.py)."""
    from checker.engine import ENGINE_STATUSES
    from checker.scale import run_by_place

    rows: list[dict[str, Any]] = []
    for f in run_by_place(corpus, [command_rule("goal-followup")], executor):
        if f.status in ENGINE_STATUSES or f.rule != "goal-followup":
            continue
        d = f.data
        review = corpus.get(d["review_doc"]) if d.get("review_doc") else None
        plan = corpus.get(review.meta.reviews) if review is not None and review.meta.reviews else None
        goal = next((e for e in f.evidence if e.role == "goal"), None)
        outcome = next((e for e in f.evidence if e.role == "outcome"), None)
        placed = plan or review
        rows.append({
            "place": placed.meta.region if placed is not None else None,
            "plan_document": f.document, "plan_year": d.get("plan_year"),
            "review_document": review.path.as_posix() if review is not None else None,
            "goal": d.get("goal_text"), "quantified": d.get("quantified"),
            "multi_year": d.get("multi_year"), "action": d.get("action"), "target": d.get("target"),
            "target_value": d.get("target_value"), "unit": d.get("unit"), "qualifier": d.get("qualifier"),
            "outcome": d.get("outcome_text"), "outcome_value": d.get("outcome_value"),
            "outcome_unit": d.get("outcome_unit"), "ratio": d.get("ratio"), "status": f.status,
            "reason": d.get("reason"), "plan_quote": goal.text if goal else None,
            "plan_location": f"{goal.document}:{goal.line}:{goal.column}" if goal else None,
            "review_quote": outcome.text if outcome else None,
            "review_location": f"{outcome.document}:{outcome.line}:{outcome.column}" if outcome else None,
        })
    return rows
