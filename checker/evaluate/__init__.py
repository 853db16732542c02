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
    for path, key in ((gold_dir, "error.eval_no_gold_folder"), (docs_dir, "error.eval_no_docs_folder")):
        if not path.is_dir():
            raise CheckerError(key, path=str(path))
    result: dict = {}
    for name, module in MEMBERS.items():
        figures = importlib.import_module(module).evaluate(gold_dir, docs_dir)
        if figures is not None:
            result[name] = figures
    if not result:
        raise CheckerError("error.eval_no_gold", path=str(gold_dir))
    return result


def render(result: dict, fmt: str = "table") -> str:
    """The figures as JSON (one object) or as a table per member."""
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    if fmt != "table":
        raise CheckerError("error.unknown_format", option="--format", value=fmt, choices=["table", "json"])
    from tabulate import tabulate

    blocks = []
    for name, figures in result.items():
        rows = importlib.import_module(MEMBERS[name]).rows(figures)
        blocks.append(f"== {name}\n" + tabulate(rows, headers=["measure", "scope", "value"]))
    return "\n\n".join(blocks)
