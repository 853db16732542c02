"""A progress line on stderr for long runs: documents read, places checked, time left.

Shown only when stderr is a terminal (never in a pipe, a file or CI logs) and not ``--quiet``;
it rewrites one line and clears it when done, so nothing of it stays in the output.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

from checker.i18n import t

T = TypeVar("T")
R = TypeVar("R")


class Progress:
    """``Progress(enabled)``: ``reading(map)`` counts documents read, ``place(done, total)`` places
    checked; ``close()`` clears the line."""

    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.start = time.monotonic()
        self._shown = False

    @classmethod
    def for_terminal(cls, quiet: bool) -> Progress:
        return cls(not quiet and sys.stderr.isatty())

    def reading(self, mapper: Callable[[Callable[[T], R], Iterable[T]], Iterable[R]],
                ) -> Callable[[Callable[[T], R], Iterable[T]], Iterator[R]]:
        """``mapper`` counting what it has read, as it yields it."""
        def counted(fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
            listed = list(items)
            started = time.monotonic()
            for done, result in enumerate(mapper(fn, listed), start=1):
                self._show(t("progress.read", done=done, total=len(listed)), started, done, len(listed))
                yield result
        return counted

    def place(self, done: int, total: int) -> None:
        self._show(t("progress.checked", done=done, total=total), self.start, done, total)

    def _show(self, what: str, started: float, done: int, total: int) -> None:
        if not self.enabled:
            return
        spent = time.monotonic() - started
        left = spent / done * (total - done) if done else 0.0
        width = 20
        filled = width * done // max(total, 1)
        line = f"checker: [{'#' * filled}{'.' * (width - filled)}] {what} · " + t("progress.left",
                                                                                  clock=_clock(left))
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def _clock(seconds: float) -> str:
    """``75.0`` → ``1:15``."""
    whole = int(seconds + 0.5)
    return f"{whole // 60}:{whole % 60:02d}"

