"""Rule ``pattern``s compiled with RE2, a linear-time regex engine (``google-re2``).

A backtracking engine takes exponential time on patterns like ``^(a+)+$``; a rule file comes from a
pull request, so its patterns must not be able to hang a run. RE2 runs every pattern in time linear
in the text and refuses the features that need backtracking (lookaround, backreferences), which a
rule writer is told with the way out: ``compile_pattern("(?=率)")`` raises ``PatternError``.
"""

from __future__ import annotations

from typing import Any

import re2


class PatternError(ValueError):
    """A pattern RE2 cannot compile; the message says why and what to write instead."""


_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print its own lines on stderr


def compile_pattern(pattern: str) -> Any:
    """The compiled pattern (``.search(text)`` as in ``re``); PatternError when refused."""
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as error:
        reason = error.args[0].decode("utf-8", "replace") if error.args and isinstance(
            error.args[0], bytes) else str(error)
        hint = ""
        if "perl operator" in reason or "escape sequence: \\" in reason:
            hint = (" — lookarounds (?= (?! (?<= and backreferences \\1 are refused because they can "
                    "backtrack; match the words themselves instead")
        raise PatternError(f"{reason}{hint}") from None
