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
from checker.findings import Finding, json_default
from checker.output import Report

_SLOT = "@@checker-findings@@"  # where the findings go in the rendered frame


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=json_default)


def items(values: Iterable[Any], indent: str) -> str:
    """``values`` as items of an array whose items stand at ``indent``, comma-separated."""
    return ",\n".join(indent + _dump(v).replace("\n", "\n" + indent) for v in values)


def write_array(frame: str, chunks: Iterable[str], out: TextIO) -> None:
    """``frame`` (JSON holding the string ``_SLOT`` as the one item of an array) with the items
    of ``chunks`` (each from ``items``, at the slot's depth) in that array, written as they come
    (a frame without the slot has an empty array: written as it is)."""
    at = frame.find(f'"{_SLOT}"')
    if at < 0:
        out.write(frame)
        return
    line_start = frame.rindex("\n", 0, at) + 1
    out.write(frame[:line_start])
    first = True
    for text in chunks:
        if text:
            out.write(text if first else ",\n" + text)
            first = False
    out.write(frame[at + len(_SLOT) + 2:])


def slot_indent(frame: str) -> str:
    """The indentation of the items of the slot's array in ``frame``."""
    at = frame.index(f'"{_SLOT}"')
    return frame[frame.rindex("\n", 0, at) + 1:at]


def _frame(report: Report) -> str:
    return _dump({
        "tool": {"name": "checker", "version": __version__},
        "summary": report.summary(),
        "findings": [_SLOT] if report.tally().findings else [],
        "waivers": {"unused": report.unused_waivers, "expired": report.expired_waivers},
    }) + "\n"


# the findings stand two levels down ({"findings": [ … ]}), whatever the summary says
_INDENT = slot_indent(_dump({"findings": [_SLOT]}))


def chunk(findings: Iterable[Finding]) -> str:
    """A place's findings as items of the ``findings`` array."""
    return items((f.shallow_dict() for f in findings), _INDENT)


def write_chunks(report: Report, chunks: Iterable[str], out: TextIO) -> None:
    """The report to ``out``, the chunks of its findings in order."""
    write_array(_frame(report), chunks, out)


def write(report: Report, findings: Iterable[Finding], out: TextIO) -> None:
    """The report to ``out``, its findings taken one by one from ``findings``."""
    write_chunks(report, (chunk([f]) for f in findings), out)


def render(report: Report) -> str:
    out = io.StringIO()
    write(report, report.findings, out)
    return out.getvalue()
