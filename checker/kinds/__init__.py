"""The explicit registry of check kinds: name → ``KindSpec`` (see checker/kinds/base.py).

A new kind is a module ``checker/kinds/<name>.py`` defining ``KIND``; add one import and one
entry below.
"""

from __future__ import annotations

from checker.kinds import (
    completion_claim,
    figure_agreement,
    goal_followup,
    multi_year_progress,
    required_mention,
    series_plausibility,
    summary_fidelity,
    threshold,
)
from checker.kinds.base import KindSpec

REGISTRY: dict[str, KindSpec] = {
    "threshold": threshold.KIND,
    "required_mention": required_mention.KIND,
    "figure_agreement": figure_agreement.KIND,
    "series_plausibility": series_plausibility.KIND,
    "multi_year_progress": multi_year_progress.KIND,
    "goal_followup": goal_followup.KIND,
    "completion_claim": completion_claim.KIND,
    "summary_fidelity": summary_fidelity.KIND,
}

# Kinds and params that no longer exist, with what a rule file should say instead (the error's hint).
RETIRED: dict[str, str] = {
    "series": "kind series was split in two: `kind: series_plausibility` (was mode: plausibility) or "
              "`kind: multi_year_progress` (was mode: progress); drop the `mode` param",
}
RETIRED_PARAMS: dict[str, dict[str, str]] = {
    "goal_followup": {"check": "`check: claims` is now its own kind: `kind: completion_claim` "
                               "(drop `check`; `check: goals` is the default of goal_followup)"},
}
