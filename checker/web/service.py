"""The checks behind the pages, on documents already loaded: findings and what the page needs.

Each call builds its own rule context from the kind's defaults, the same way ``checker compare``
and ``checker goals`` do, so the page says what the command line says.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker.findings import SEVERITY_RANK, Finding
from checker.model import Document

# The pipeline keeps per-document caches (mentions, alignments, goal tracking) that are not made
# for two threads at once: checks run one at a time. The page's slow part is this work anyway,
# and two cores gain little from threads under the GIL.
CHECK_LOCK = threading.Lock()

GOAL_WARN = ("not_reported", "missed", "partly", "contradicted")
# A retelling has most sentences close to the report's (the seed summaries: 90-100% of their
# sentences); the same summary against another year's report: 10-30%.
MIN_ALIGNED_SHARE = 0.5
CLOSE_SIM = 0.8  # alignment similarity of a clause retold nearly word for word


def _context(kind: Any, rule_id: str, severity: str, message: str, slots: dict[str, list[Document]],
             params: dict[str, Any] | None = None) -> Any:
    from checker.engine import RuleContext, SimpleCorpus
    from checker.ruleset import Rule

    p = {k: v.default for k, v in kind.params.items()}
    p.update(params or {})
    docs = list({id(d): d for ds in slots.values() for d in ds}.values())
    rule = Rule(id=rule_id, kind=kind.name, severity=severity, description=kind.summary,
                message=message, params=p)
    return RuleContext(rule=rule, kind=kind, params=p, corpus=SimpleCorpus(docs), slots=slots)


@dataclass
class Fidelity:
    """A comparison's findings and how much of the summary aligned with the report."""

    findings: list[Finding]
    aligned: int
    sentences: int

    @property
    def retells(self) -> bool:
        """Does the summary retell the report at all (enough of its sentences align)?"""
        return self.sentences == 0 or self.aligned >= MIN_ALIGNED_SHARE * self.sentences


def compare(summary: Document, full: Document) -> Fidelity:
    """Summary-fidelity findings of ``summary`` against ``full`` (passes included)."""
    from checker.fidelity import compare_documents
    from checker.kinds.summary_fidelity import KIND

    if summary.id == full.id:
        summary.meta.id = f"{summary.id}-summary"
    summary.meta.retells = full.id
    ctx = _context(KIND, "summary-fidelity", "warning", "{status_zh}: {detail}",
                   {"summary": [summary], "full": [full]})
    with CHECK_LOCK:
        findings = list(KIND.check(ctx))
        comparison = compare_documents(summary, full)
    # sentences with a claim of their own: headings and bare wrappers do not count
    sentences = {c.sentence for c in comparison.summary if not c.heading}
    aligned = {comparison.summary[i].sentence for i, m in comparison.matches.items()
               if m.sim >= CLOSE_SIM} & sentences
    return Fidelity(findings, len(aligned), len(sentences))


def correction_order(f: Finding) -> tuple[int, int, int]:
    """Findings that need correcting first (errors, then warnings, then info), passes last, then by place."""
    return (1 if f.passed else 0, -SEVERITY_RANK.get(f.severity, 0), f.line)


def goals(plan: Document, review: Document) -> list[Finding]:
    """Goal follow-up findings of ``plan`` against ``review`` (passes included), completion claims too."""
    from checker.kinds.goal_followup import KIND

    review.meta.reviews = plan.id
    findings: list[Finding] = []
    with CHECK_LOCK:
        for check, rule_id in (("goals", "goal-followup"), ("claims", "completion-claim")):
            ctx = _context(KIND, rule_id, "info", KIND.default_message,
                           {"plan": [plan], "review": [review] if review is not plan else [plan]},
                           {"check": check})
            for f in KIND.check(ctx):
                if f.status in GOAL_WARN:
                    f.severity = "warning"
                findings.append(f)
    return findings


def goal_order(f: Finding) -> tuple[int, int, int]:
    """``not_reported`` first, then the other statuses needing attention, then passes; goals with
    a number before the others; then by place."""
    rank = 0 if f.status == "not_reported" else 1 if not f.passed else 2
    return (rank, 0 if f.data.get("quantified") else 1, f.line)


def series(docs: list[Document]) -> list[Finding]:
    """Series findings over ``docs``: every series, its scope changes and jumps, and the
    multi-year targets' progress."""
    from checker.kinds.series import KIND

    out: list[Finding] = []
    with CHECK_LOCK:
        for mode in ("plausibility", "progress"):
            ctx = _context(KIND, f"series-{mode}", "warning", KIND.default_message,
                           {"documents": docs}, {"mode": mode})
            out.extend(_all(KIND.check(ctx)))
    return out


def _all(found: Iterator[Finding]) -> list[Finding]:
    return list(found)
