"""Errors that end a run with exit code 2 and one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path


class CheckerError(Exception):
    """A user-facing error: bad input, bad usage, bad rules. Exit code 2.

    ``str(error)`` is the whole message: what went wrong, where, and what to do.
    """

    exit_code = 2


class InputError(CheckerError):
    """A document cannot be read: missing, empty, binary, undecodable, a PDF without text."""

    def __init__(self, path: str | Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class InputWarning(UserWarning):
    """Input read with a repair the user should know of (a cut-off last character). The CLI
    prints it as one ``checker: warning:`` line; a library caller sees a Python warning."""


class RuleError(CheckerError):
    """One or more rule files are invalid; ``problems`` lists every ``file:line:col: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
