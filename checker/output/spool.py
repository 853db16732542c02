"""Findings kept on disk, place by place, until the outputs are written.

Places are done in any order (the largest first, on several workers); the outputs list findings in
corpus order. A spool takes each place's part as it comes (``add(place, …)``) and gives the parts
back in place order, as often as there are outputs to write, holding one part at a time: a run's
memory does not grow with its findings. ``FindingSpool`` keeps the findings themselves,
``TextSpool`` the text a format renders of each place's findings (rendered as they arrive, while
the workers go on checking).
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator

from checker.findings import Finding


class _Spool:
    """Bytes by place, in a temporary file that is gone when closed."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="checker-findings-")  # noqa: SIM115 (closed by close())
        self._at: dict[int, tuple[int, int]] = {}

    def _add(self, place: int, data: bytes) -> None:
        self._file.seek(0, 2)
        self._at[place] = (self._file.tell(), len(data))
        self._file.write(data)

    def _parts(self) -> Iterator[bytes]:
        for place in sorted(self._at):
            offset, size = self._at[place]
            self._file.seek(offset)
            yield self._file.read(size)

    def close(self) -> None:
        self._file.close()


class FindingSpool(_Spool):
    """``add(place, findings)`` in any order; ``iter(spool)`` → every finding, by place."""

    def add(self, place: int, findings: list[Finding]) -> None:
        if findings:
            self._add(place, pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL))

    def __iter__(self) -> Iterator[Finding]:
        for part in self._parts():
            yield from pickle.loads(part)


class TextSpool(_Spool):
    """``add(place, text)`` in any order; ``texts()`` → the texts, by place."""

    def add(self, place: int, text: str) -> None:
        if text:
            self._add(place, text.encode("utf-8"))

    def texts(self) -> Iterator[str]:
        return (part.decode("utf-8") for part in self._parts())
