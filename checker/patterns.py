"""Rule ``pattern``s compiled with RE2, a linear-time regex engine (``google-re2``).

A backtracking engine takes exponential time on patterns like ``^(a+)+$``; a rule file comes from a
pull request, so its patterns must not be able to hang a run. RE2 runs every pattern in time linear
in the text and refuses the features that need backtracking (lookaround, backreferences), which a
rule writer is told with the way out: ``compile_pattern("(?=率)")`` raises ``PatternError``.
"""

from __future__ import annotations

from typing import Any

import re2

from checker.i18n import Msg


class PatternError(ValueError):
    """A pattern RE2 cannot compile; ``message`` (a ``Msg``) says why and what to write instead."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message

    def __str__(self) -> str:
        return self.message.render()


_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print its own lines on stderr


def compile_pattern(pattern: str) -> Any:
    """The compiled pattern (``.search(text)`` as in ``re``); PatternError when refused."""
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as error:
        reason = error.args[0].decode("utf-8", "replace") if error.args and isinstance(
            error.args[0], bytes) else str(error)
        backtracking = "perl operator" in reason or "escape sequence: \\" in reason
        raise PatternError(Msg("rule.regex_backtracking" if backtracking else "rule.regex_refused",
                               reason=reason)) from None
