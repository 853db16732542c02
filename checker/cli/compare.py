"""``checker compare SUMMARY FULL``: the summary-fidelity table, no rules to write."""
from __future__ import annotations

from pathlib import Path

import typer


def compare(
    summary: Path = typer.Argument(..., help="The summary, digest or press text."),
    full: Path = typer.Argument(..., help="The full report it retells."),
) -> None:
    """Does SUMMARY say what FULL says? Numbers, qualifiers, wording, omissions."""
    raise NotImplementedError  # owned by the summary fidelity work (issue 5)
