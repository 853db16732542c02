"""``checker rules list | explain | validate | test | schema``."""
from __future__ import annotations

import typer

app = typer.Typer(help="List, explain, validate and test rules.", no_args_is_help=True)
