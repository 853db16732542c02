"""Where the rules of a run come from: ``--rules``, the configuration file, or the built-in packs.

The built-in packs are the repository's ``rules/`` folder, installed with the package as
``checker.builtin_rules`` (see setup.py), so ``pip install`` + ``checker run`` anywhere checks with
them. An editable install maps the same name back onto ``rules/``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from checker.errors import CheckerError

BUILTIN_PACKAGE = "checker.builtin_rules"


def builtin_rules_dir() -> Path:
    """The folder of the built-in rule packs (``core/``, ``goals/``, …)."""
    spec = importlib.util.find_spec(BUILTIN_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise CheckerError("the built-in rules are not installed with this checker; pass --rules DIR")
    return Path(locations[0])


def rule_paths(given: list[Path] | None, configured: list[Path] | None = None) -> list[Path]:
    """The rule folders/files of a run: flags win over the configuration, which wins over the
    built-in packs."""
    if given:
        return list(given)
    if configured:
        return list(configured)
    return [builtin_rules_dir()]
