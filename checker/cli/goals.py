"""``checker goals PLAN REVIEW``: the goal-tracking table, no rules to write."""
from __future__ import annotations

from pathlib import Path

import typer


def goals(
    plan: Path = typer.Argument(..., help="Report whose plan section sets the goals."),
    review: Path = typer.Argument(..., help="Report whose review section reports the outcomes."),
) -> None:
    """Was each goal of PLAN reported back in REVIEW, and was it met?"""
    raise NotImplementedError  # owned by the goal follow-up work (issue 4)
