"""``checker eval``: precision and recall against gold labels."""
from __future__ import annotations

from pathlib import Path

import typer


def eval_command(
    gold: Path = typer.Option(Path("tests/gold"), "--gold", help="Folder of gold label files."),
    docs: Path = typer.Option(Path("seeds"), "--docs", help="Folder holding the documents the gold names."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    """Measure checker against hand-checked gold labels and print precision / recall."""
    from checker.cli.output_io import emit
    from checker.evaluate import evaluate, render

    result = evaluate(gold, docs)
    emit(render(result, fmt))
