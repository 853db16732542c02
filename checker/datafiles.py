"""The domain vocabularies in ``checker/data/*.yaml``: one place that finds and parses them.

Each stage compiles what it needs from the raw mapping once (its own cached ``vocab()``); this
module only reads, through the one YAML loader (``checker.yamlfile``: plain data, C parser).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


def load_data(name: str | Path) -> Any:
    """The parsed YAML data file ``name`` (a file name under ``checker/data/`` or a path)."""
    from checker.yamlfile import load_file

    path = Path(name)
    if not path.is_absolute() and path.parent == Path("."):
        path = DATA_DIR / path
    return load_file(path, "data") or {}
