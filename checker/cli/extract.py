"""``checker extract DOC``: every mention found, for debugging and for rule writers."""
from __future__ import annotations

from pathlib import Path

import typer


def extract(
    doc: Path = typer.Argument(..., help="Document to read (.txt .md .pdf .html .docx)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | csv | json"),
) -> None:
    """List every quantity mention of DOC with its metric, action, section and location."""
    raise NotImplementedError  # owned by the foundation work (issue 2)
