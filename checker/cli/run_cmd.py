"""``checker run``: the rules over a corpus, findings in every format CI needs."""
from __future__ import annotations

from pathlib import Path

import typer


def run(
    paths: list[Path] = typer.Argument(None, help="Corpus manifest, folder, or documents (default: seeds/)."),
) -> None:
    """Run the rules over the documents and report the findings."""
    raise NotImplementedError  # owned by the rule-engine work (issue 3)
