"""``json``: one object — summary counts, every finding (all fields, evidence, kind data), waivers.

Written as it is read: the summary first (from the run's ``Counts``), then the findings one by one
into the ``findings`` array, indented as ``json.dumps(indent=2)`` of the whole would indent them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from checker import __version__
from checker.findings import Finding
from checker.output import Report

_SLOT = "@@checker-findings@@"  # where the findings go in the rendered frame


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def write_array(frame: str, items: Iterable[Any], out: TextIO) -> None:
    """``frame`` (JSON holding the string ``_SLOT`` as the one item of an array) with ``items``
    in that array, each written as it comes, indented to the slot's depth (a frame without the
    slot has an empty array: written as it is)."""
    at = frame.find(f'"{_SLOT}"')
    if at < 0:
        out.write(frame)
        return
    line_start = frame.rindex("\n", 0, at) + 1
    indent = frame[line_start:at]
    out.write(frame[:line_start])
    for n, item in enumerate(items):
        out.write((",\n" if n else "") + indent + _dump(item).replace("\n", "\n" + indent))
    out.write(frame[at + len(_SLOT) + 2:])


def write(report: Report, findings: Iterable[Finding], out: TextIO) -> None:
    """The report to ``out``, its findings taken one by one from ``findings``."""
    frame = {
        "tool": {"name": "checker", "version": __version__},
        "summary": report.summary(),
        "findings": [_SLOT] if report.tally().findings else [],
        "waivers": {"unused": report.unused_waivers, "expired": report.expired_waivers},
    }
    write_array(_dump(frame) + "\n", (f.to_dict() for f in findings), out)


def render(report: Report) -> str:
    out = io.StringIO()
    write(report, report.findings, out)
    return out.getvalue()
