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


def localize_help(command: Any, lang: str) -> Any:
    """The click command tree with its help in ``lang``: Chinese from ``checker/data/cli_help.yaml``
    (by command path), English as the code has it. Returns ``command``, changed in place."""
    if lang != "zh":
        return command
    from checker.datafiles import load_data

    texts = load_data("cli_help.yaml")
    contexts: dict[type, type] = {}  # one Chinese context per click context class, the file read once

    def walk(cmd: Any, path: str) -> None:
        base = type(cmd).context_class
        if base not in contexts:
            contexts[base] = _chinese_context(base, texts["click"])
        cmd.context_class = contexts[base]
        entry = texts.get(path, {})
        if entry.get("help"):
            cmd.help = entry["help"]
            cmd.short_help = entry["help"].split("\n")[0]  # click shortens by words: Chinese has none
        for param in cmd.params:
            if getattr(param, "help", None) and param.name in entry.get("params", {}):
                param.help = entry["params"][param.name]
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(command, "checker")
    return command


def _chinese_context(context_class: type, words: dict[str, Any]) -> type:
    """A click context whose help formatter writes click's own words (Usage, Options, [default: …])
    in Chinese (``words``: the ``click`` part of cli_help.yaml), through the formatter's public methods."""
    from typer._click.formatting import HelpFormatter

    class Formatter(HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, words["usage"])

        def write_heading(self, heading: str) -> None:
            super().write_heading(words["headings"].get(heading, heading))

        def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
            super().write_dl([(term, _said(text, words)) for term, text in rows], *args, **kwargs)

    return type("ChineseContext", (context_class,), {"formatter_class": Formatter})


def _said(text: str, words: dict[str, Any]) -> str:
    for english, chinese in words["phrases"].items():
        text = text.replace(english, chinese)
    return text

