"""``checker eval``: precision and recall against gold labels."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold label files.")] = Path("tests/gold"),
    docs: Annotated[
        Path, typer.Option("--docs", help="Folder holding the documents the gold names.")
    ] = Path("seeds"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
) -> None:
    """Measure checker against hand-checked gold labels and print precision / recall."""
    from checker.cli.output_io import emit
    from checker.evaluate import evaluate, render

    emit(render(evaluate(gold, docs), fmt))
