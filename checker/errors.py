"""Errors that end a run with exit code 2 and one clear line, never a traceback.

An error carries its message as a catalogue key and fields (``checker.i18n.Msg``), not as text: the
CLI renders it in the language of the run, the web page in the visitor's.
``raise CheckerError("error.no_documents")``; ``str(error)`` is the message in the process language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.i18n import Msg


def _restore(cls: type[Exception], state: dict[str, Any]) -> Exception:
    """Unpickle an error (raised in a worker process) with its message fields intact."""
    error = cls.__new__(cls)
    vars(error).update(state)
    error.args = (state["message"].key,)
    return error


class CheckerError(Exception):
    """A user-facing error: bad input, bad usage, bad rules. Exit code 2.

    ``render(lang)`` is the whole message: what went wrong, where, and what to do.
    """

    exit_code = 2

    def __init__(self, key: str | Msg, /, **fields: Any) -> None:
        self.message = key if isinstance(key, Msg) else Msg(key, **fields)
        super().__init__(self.message.key)

    def render(self, lang: str | None = None) -> str:
        return self.message.render(lang)

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self) -> tuple:
        return _restore, (type(self), dict(vars(self)))


class InputError(CheckerError):
    """A document cannot be read: missing, empty, binary, undecodable, a PDF without text.

    ``problem`` is the reason without the path (``Msg("reason.empty")``).
    """

    def __init__(self, path: str | Path, problem: Msg) -> None:
        super().__init__("error.input", path=str(path), problem=problem)
        self.path = str(path)
        self.problem = problem


class InputWarning(UserWarning):
    """Input read with a repair the user should know of (a cut-off last character). The CLI
    prints it as one ``checker: warning:`` line; a library caller sees a Python warning.
    ``args[0]`` is a ``Msg``."""


class ProblemsError(CheckerError):
    """Several located problems at once (a manifest, waiver file): one ``file:line: message`` each.

    ``problems`` holds objects with ``render(lang)`` (``Msg`` or ``ruleset.Problem``).
    """

    def __init__(self, problems: list[Any]) -> None:
        super().__init__("error.problems", n=len(problems))
        self.problems = problems

    def render(self, lang: str | None = None) -> str:
        return "\n".join(p.render(lang) for p in self.problems)


class RuleError(ProblemsError):
    """One or more rule files are invalid; ``problems`` lists every ``file:line:col: message``."""
