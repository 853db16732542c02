"""``jsonl``: one finding per line (all fields), for streaming tools.

``chunk(findings)`` renders a place's findings as they come; ``write_chunks`` puts the chunks
together (nothing to add: the format has no header).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import TextIO

from checker.findings import Finding, json_default
from checker.output import Report


def chunk(findings: Iterable[Finding]) -> str:
    """The lines of ``findings``."""
    return "".join(json.dumps(f.shallow_dict(), ensure_ascii=False, default=json_default) + "\n"
                   for f in findings)


def write_chunks(report: Report, chunks: Iterable[str], out: TextIO) -> None:
    """The chunks of the run's findings, in order."""
    for text in chunks:
        out.write(text)


def write(report: Report, findings: Iterable[Finding], out: TextIO) -> None:
    """The findings to ``out`` (a streamed run never holds them all)."""
    write_chunks(report, [chunk(findings)], out)


def render(report: Report) -> str:
    out = io.StringIO()
    write(report, report.findings, out)
    return out.getvalue()
