"""What the outputs need to know of all the findings before writing the first: counts, rule ids
and field names, gathered finding by finding so that a run never has to hold its findings.

``Counts.of(findings)`` for a list; ``counts.add(f)`` as findings arrive (any order of places:
``position`` says where a finding will stand in the output, for the first-seen order of rules).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from checker.findings import SEVERITY_RANK, Finding


@dataclass
class Counts:
    """Counts of findings, as ``Report.summary`` reports them."""

    findings: int = 0
    passed: int = 0
    attention: Counter[str] = field(default_factory=Counter)   # needing attention, by severity
    suppressed: int = 0
    baselined: int = 0
    first_seen: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # rule id → output position
    data_keys: set[str] = field(default_factory=set)            # every key of the findings' data

    @classmethod
    def of(cls, findings: list[Finding]) -> Counts:
        counts = cls()
        for i, f in enumerate(findings):
            counts.add(f, (i,))
        return counts

    def add(self, f: Finding, position: tuple[Any, ...]) -> None:
        self.findings += 1
        self.passed += f.passed
        if f.needs_attention:
            self.attention[f.severity] += 1
        if f.suppressed is not None and not f.passed:
            self.suppressed += 1
        if f.baselined and not f.passed:
            self.baselined += 1
        seen = self.first_seen.get(f.rule)
        if seen is None or position < seen:
            self.first_seen[f.rule] = position
        self.data_keys.update(f.data)

    def rules_in_order(self) -> list[str]:
        """The rule ids of the findings, in the order they first appear in the output."""
        return sorted(self.first_seen, key=lambda rule: self.first_seen[rule])

    def failing(self, fail_on: str) -> int:
        """How many findings fail the run under ``fail_on`` (never: none)."""
        if fail_on == "never":
            return 0
        floor = SEVERITY_RANK[fail_on]
        return sum(n for sev, n in self.attention.items() if SEVERITY_RANK.get(sev, 0) >= floor)
