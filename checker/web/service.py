"""The checks behind the pages, on documents already loaded, through the same rules as the
command line: ``checker compare``'s and ``checker goals``' built-in rules (checker/commands.py)
and the built-in figure rules of kind ``series`` (rules/figures/), so the page says what the
commands say.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from checker.findings import Finding
from checker.model import Document

# The pipeline keeps per-document caches (mentions, alignments, goal tracking) that are not made
# for two threads at once: checks run one at a time. The page's slow part is this work anyway,
# and two cores gain little from threads under the GIL.
CHECK_LOCK = threading.Lock()

# A retelling has most sentences close to the report's (the seed summaries: 90-100% of their
# sentences); the same summary against another year's report: 10-30%.
MIN_ALIGNED_SHARE = 0.5
CLOSE_SIM = 0.8  # alignment similarity of a clause retold nearly word for word
SERIES_KINDS = ("series_plausibility", "multi_year_progress")


@dataclass
class Fidelity:
    """A comparison's findings and how many of the summary's sentences align with the report."""

    findings: list[Finding]
    aligned: int
    sentences: int

    @property
    def retells(self) -> bool:
        """Does the summary retell the report at all (enough of its sentences align)?"""
        return self.sentences == 0 or self.aligned >= MIN_ALIGNED_SHARE * self.sentences


def compare(summary: Document, full: Document) -> Fidelity:
    """Summary-fidelity findings of ``summary`` against ``full`` (passes included)."""
    from checker.commands import summary_findings
    from checker.engine import SimpleCorpus
    from checker.fidelity import compare_documents

    if summary.id == full.id:
        summary.meta.id = f"{summary.id}-summary"
    summary.meta.retells = full.id
    with CHECK_LOCK:
        findings = summary_findings(SimpleCorpus([summary, full]))
        comparison = compare_documents(summary, full)
    # sentences with a claim of their own: headings do not count
    sentences = {c.sentence for c in comparison.summary if not c.heading}
    aligned = {comparison.summary[i].sentence for i, m in comparison.matches.items()
               if m.sim >= CLOSE_SIM} & sentences
    return Fidelity(findings, len(aligned), len(sentences))


def goals(plan: Document, review: Document) -> list[Finding]:
    """Goal follow-up and completion-claim findings of ``plan`` against ``review`` (passes included)."""
    from checker.commands import goal_findings
    from checker.engine import SimpleCorpus

    if review.meta.reviews != plan.id:
        review.meta.reviews = plan.id  # an uploaded pair: the second reviews the first
    with CHECK_LOCK:
        return goal_findings(SimpleCorpus([plan, review] if review is not plan else [plan]), plan.id)


def goal_order(f: Finding) -> tuple[int, int, int]:
    """``not_reported`` first, then the other statuses needing attention, then passes; goals with
    a number before the others; then by place."""
    rank = 0 if f.status == "not_reported" else 1 if not f.passed else 2
    return (rank, 0 if f.data.get("quantified") else 1, f.line)


@functools.cache
def _series_rules() -> list:
    from checker.rulepacks import builtin_rules_dir
    from checker.ruleset import load_rules

    return [r for r in load_rules(builtin_rules_dir()) if r.kind in SERIES_KINDS]


def series(docs: list[Document]) -> list[Finding]:
    """Series findings over ``docs`` (the built-in rules of the series kinds): every series, its
    scope changes and jumps, and the multi-year targets' progress."""
    from checker.engine import SimpleCorpus, run_rules

    with CHECK_LOCK:
        return run_rules(SimpleCorpus(docs), _series_rules())
