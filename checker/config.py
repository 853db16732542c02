"""Project configuration: ``.checker.yaml`` or ``[tool.checker]`` in ``pyproject.toml``.

Looked for in the working folder and its parents (the first folder holding either file wins;
``.checker.yaml`` before ``pyproject.toml``). Command-line flags win over it. Example::

    # .checker.yaml
    rules: [rules/, extra-rules/]      # instead of the built-in packs
    fail-on: error
    outputs: [findings.sarif, junit:report.xml]
    baseline: checker-baseline.json

Paths are relative to the file's folder. An unknown key or a wrong type is an error (exit 2)
naming the file, so a typo cannot quietly turn a setting off.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.i18n import Msg

YAML_NAME = ".checker.yaml"
PYPROJECT = "pyproject.toml"
# key → (type, what it sets). Lists may be given as one string.
# What each sets is said in the message catalogue (config_key.*, errors.yaml).
KEYS: dict[str, tuple[type, str]] = {
    "rules": (list, "--rules"),
    "paths": (list, "PATHS"),
    "fail-on": (str, "--fail-on"),
    "format": (str, "--format"),
    "outputs": (list, "--output"),
    "baseline": (str, "--baseline"),
    "waivers": (str, "--waivers"),
    "select": (list, "--select"),
    "ignore": (list, "--ignore"),
    "jobs": (int, "--jobs"),
}
PATH_KEYS = ("rules", "paths", "baseline", "waivers")


@dataclass
class Config:
    """Settings from a configuration file (empty when there is none)."""

    source: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def paths(self, key: str) -> list[Path] | None:
        value = self.values.get(key)
        return [Path(v) for v in value] if value else None


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``.checker.yaml`` or ``pyproject.toml`` with a ``[tool.checker]`` table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        yaml_file = folder / YAML_NAME
        if yaml_file.is_file():
            return yaml_file
        toml_file = folder / PYPROJECT
        if toml_file.is_file() and "checker" in _toml(toml_file).get("tool", {}):
            return toml_file
    return None


def _toml(path: Path) -> dict[str, Any]:
    from checker.inputfile import read_regular

    try:
        return tomllib.loads(read_regular(path, "configuration").decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        raise CheckerError("error.config_unreadable", path=str(path), error=str(error)) from None


def _raw(path: Path) -> tuple[dict[str, Any], str]:
    """The settings mapping of ``path`` and how to name it in messages."""
    if path.name == PYPROJECT:
        return _toml(path).get("tool", {}).get("checker", {}), f"{path} [tool.checker]"
    from checker.yamlfile import load_file

    data = load_file(path, "configuration")
    if data is None:
        return {}, str(path)
    if not isinstance(data, dict):
        raise CheckerError("error.config_not_mapping", path=str(path))
    return data, str(path)


def load_config(path: Path | None = None) -> Config:
    """The configuration at ``path`` (default: the nearest one), validated; paths made absolute."""
    path = path or find_config()
    if path is None:
        return Config()
    raw, name = _raw(path)
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in KEYS:
            close = difflib.get_close_matches(str(key).replace("_", "-"), list(KEYS), n=1)
            hint = Msg("hint.did_you_mean", name=close[0]) if close else Msg("hint.known", names=list(KEYS))
            raise CheckerError("error.config_unknown_key", where=name, key=key, hint=hint)
        wanted, what = KEYS[key]
        if wanted is list and isinstance(value, str):
            value = [value]
        if not isinstance(value, wanted) or (isinstance(value, list)
                                             and not all(isinstance(v, str) for v in value)):
            shape = {list: "shape.string_list", int: "shape.integer"}.get(wanted, "shape.string")
            raise CheckerError("error.config_bad_value", where=name, key=key, shape=Msg(shape),
                               what=Msg(f"config_key.{key}"), option=what)
        if key in PATH_KEYS:
            value = [_under(path.parent, v) for v in value] if isinstance(value, list) else \
                _under(path.parent, str(value))
        elif key == "outputs" and isinstance(value, list):
            value = [_output_under(path.parent, v) for v in value]
        values[key] = value
    return Config(path, values)


def _under(base: Path, value: str) -> str:
    if value.startswith("@") or base.resolve() == Path.cwd().resolve():  # @builtin: not a path
        return value
    return str(base / value)


def _output_under(base: Path, spec: str) -> str:
    """``junit:report.xml`` → ``junit:<base>/report.xml`` (``-`` stays stdout)."""
    from checker.output import FORMATS

    head, sep, tail = spec.partition(":")
    if sep and head in FORMATS and tail:
        return f"{head}:{tail if tail == '-' else _under(base, tail)}"
    return spec if spec == "-" else _under(base, spec)
