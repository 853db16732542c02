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
# Retired kinds and params → the catalogue key (errors.yaml) of the hint saying what replaced them.
RETIRED: dict[str, str] = {"series": "rule.retired_series"}
RETIRED_PARAMS: dict[str, dict[str, str]] = {"goal_followup": {"check": "rule.retired_check"}}
