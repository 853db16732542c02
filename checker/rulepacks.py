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
BUILTIN = "@builtin"   # names the built-in packs among other rule paths: --rules @builtin --rules mine/


def builtin_rules_dir() -> Path:
    """The folder of the built-in rule packs (``core/``, ``goals/``, …)."""
    spec = importlib.util.find_spec(BUILTIN_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise CheckerError("error.no_builtin_rules")
    return Path(locations[0])


def rule_paths(given: list[Path] | None, configured: list[Path] | None = None) -> list[Path]:
    """The rule folders/files of a run: flags win over the configuration, which wins over the
    built-in packs. ``@builtin`` (or ``@builtin/core``, one pack) stands for the built-in packs."""
    chosen = list(given or configured or [Path(BUILTIN)])
    return [_resolve(p) for p in chosen]


def _resolve(path: Path) -> Path:
    head, _, pack = path.as_posix().partition("/")
    if head != BUILTIN:
        return path
    folder = builtin_rules_dir() / pack if pack else builtin_rules_dir()
    if not folder.is_dir():
        packs = ", ".join(sorted(p.name for p in builtin_rules_dir().iterdir() if p.is_dir()
                                 and not p.name.startswith(("_", "."))))
        raise CheckerError("error.no_such_pack", path=str(path), packs=packs)
    return folder


def shown_path(path: Path) -> str:
    """A rule file as a user can name it: ``@builtin/core/x.yaml`` for a built-in rule, else the
    path relative to the working folder when inside it."""
    try:
        return f"{BUILTIN}/{path.resolve().relative_to(builtin_rules_dir().resolve()).as_posix()}"
    except (ValueError, CheckerError):
        pass
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
