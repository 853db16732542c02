"""``checker eval``: measure the checker against gold labels (format: tests/gold/README.md).

Each task is one member module with ``evaluate(gold_dir, docs_dir) -> dict | None`` (None when
its gold files are absent) and ``rows(result) -> list[tuple[str, str, object]]`` for the table.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from checker.errors import CheckerError

# member name -> module
MEMBERS = {
    "extraction": "checker.evaluate.extraction",
    "figures": "checker.evaluate.figures",
    "goals": "checker.evaluate.goals",
    "press": "checker.evaluate.press",
    "real-goals": "checker.evaluate.real_goals",
    "summary": "checker.evaluate.summary",
}


def evaluate(gold_dir: Path, docs_dir: Path) -> dict:
    """Run every member whose gold files exist; return ``{member: figures}``."""
    gold_dir, docs_dir = Path(gold_dir), Path(docs_dir)
    for path, what in ((gold_dir, "gold"), (docs_dir, "documents")):
        if not path.is_dir():
            raise CheckerError(f"{path}: {what} folder not found")
    result: dict = {}
    for name, module in MEMBERS.items():
        figures = importlib.import_module(module).evaluate(gold_dir, docs_dir)
        if figures is not None:
            result[name] = figures
    if not result:
        raise CheckerError(f"{gold_dir}: no gold label files found (see tests/gold/README.md)")
    return result


def render(result: dict, fmt: str = "table") -> str:
    """The figures as JSON (one object) or as a table per member."""
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    if fmt != "table":
        raise CheckerError(f"--format {fmt}: unknown format (use table or json)")
    from tabulate import tabulate

    blocks = []
    for name, figures in result.items():
        rows = importlib.import_module(MEMBERS[name]).rows(figures)
        blocks.append(f"== {name}\n" + tabulate(rows, headers=["measure", "scope", "value"]))
    return "\n\n".join(blocks)
