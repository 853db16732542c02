"""``jsonl``: one finding per line (all fields), for streaming tools."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import TextIO

from checker.findings import Finding
from checker.output import Report


def write(report: Report, findings: Iterable[Finding], out: TextIO) -> None:
    """The findings to ``out`` one by one (a streamed run never holds them all)."""
    for f in findings:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False, default=str) + "\n")


def render(report: Report) -> str:
    out = io.StringIO()
    write(report, report.findings, out)
    return out.getvalue()
