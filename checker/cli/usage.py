"""Command-line usage errors in the run's language: one ``checker: 错误: …`` line, exit 2.

The parser (typer's vendored click) says ``No such option: --bogus`` in English on three lines; here
the same error is said from its parts (which option, which parameter, which value) through the
message catalogue: ``checker run --bogus`` → ``没有这个选项：--bogus（用 checker run --help 查看用法）``.
A parser message that has no parts of its own (a value the type refused) is quoted as it came.
"""

from __future__ import annotations

import re
from typing import Any

from checker.i18n import Msg

_NO_COMMAND = re.compile(r"No such command '(.+)'")
_EXTRA = re.compile(r"Got unexpected extra arguments? ?\(?s?\)? \((.+)\)")
_NEEDS_VALUE = re.compile(r"Option '(.+)' requires an argument")


def _name(error: Any) -> str:
    """The parameter as typed: ``--jobs`` for an option, ``RULE_ID`` for an argument."""
    param = getattr(error, "param", None)
    if param is None:
        return getattr(error, "option_name", "") or ""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if getattr(param, "param_type_name", "") == "option" and opts:
        return opts[0]
    return str(getattr(param, "human_readable_name", "") or param.name).upper()


def usage_message(error: Any) -> Msg:
    """The message of a click usage error (``UsageError`` and its kinds) as a catalogue ``Msg``."""
    kind = type(error).__name__
    said = error.format_message() if kind == "BadParameter" else str(getattr(error, "message", "") or "")
    if kind == "NoSuchOption":
        close = list(getattr(error, "possibilities", None) or [])
        problem = Msg("usage.no_such_option", name=error.option_name,
                      hint=Msg("usage.possible", names=close) if close else "")
    elif kind == "MissingParameter":
        problem = Msg("usage.missing", name=_name(error))
    elif kind == "BadParameter":
        problem = Msg("usage.bad_value", name=_name(error), said=getattr(error, "message", said))
    elif (m := _NEEDS_VALUE.search(said)) is not None:
        problem = Msg("usage.needs_value", name=m.group(1))
    elif (m := _NO_COMMAND.search(said)) is not None:
        problem = Msg("usage.no_such_command", name=m.group(1))
    elif (m := _EXTRA.search(said)) is not None:
        problem = Msg("usage.extra", args=m.group(1))
    else:
        problem = Msg("usage.other", said=said)
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "checker"
    return Msg("usage.line", problem=problem, command=command)
