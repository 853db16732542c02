"""The domain vocabularies in ``checker/data/*.yaml``: one place that finds and parses them.

Each stage compiles what it needs from the raw mapping once (its own cached ``vocab()``); this
module only reads. The C loader is used where PyYAML has it: the data files load on every run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


def load_data(name: str | Path) -> Any:
    """The parsed YAML data file ``name`` (a file name under ``checker/data/`` or a path)."""
    import yaml

    path = Path(name)
    if not path.is_absolute() and path.parent == Path("."):
        path = DATA_DIR / path
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader) or {}
