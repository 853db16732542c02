"""The explicit registry of check kinds: name → ``KindSpec`` (see checker/kinds/base.py).

A new kind is a module ``checker/kinds/<name>.py`` defining ``KIND``; add one import and one
entry below (additive edits only: other kinds are listed here too).
"""

from __future__ import annotations

from checker.kinds import (
    figure_agreement,
    goal_followup,
    required_mention,
    series,
    summary_fidelity,
    threshold,
)
from checker.kinds.base import KindSpec

REGISTRY: dict[str, KindSpec] = {
    "threshold": threshold.KIND,
    "required_mention": required_mention.KIND,
    "figure_agreement": figure_agreement.KIND,
    "series": series.KIND,
    "goal_followup": goal_followup.KIND,
    "summary_fidelity": summary_fidelity.KIND,
}
