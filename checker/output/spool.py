"""Findings kept on disk, place by place, until the outputs are written.

Places are done in any order (the largest first, on several workers); the outputs list findings in
corpus order. The spool takes each place's findings as they come (``add(place, findings)``) and
gives them back in place order (iterating it), as often as there are outputs to write, holding
one place's findings at a time: a run's memory does not grow with its findings.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator

from checker.findings import Finding


class FindingSpool:
    """``add(place, findings)`` in any order; ``iter(spool)`` → every finding, by place."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="checker-findings-")  # noqa: SIM115 (closed by close())
        self._at: dict[int, tuple[int, int]] = {}

    def add(self, place: int, findings: list[Finding]) -> None:
        if not findings:
            return
        data = pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(0, 2)
        self._at[place] = (self._file.tell(), len(data))
        self._file.write(data)

    def __iter__(self) -> Iterator[Finding]:
        for place in sorted(self._at):
            offset, size = self._at[place]
            self._file.seek(offset)
            yield from pickle.loads(self._file.read(size))

    def close(self) -> None:
        self._file.close()
