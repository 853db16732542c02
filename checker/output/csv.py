"""``csv``: one row per finding; evidence and structured kind fields as JSON text.

UTF-8 with a byte-order mark: Excel reads a CSV without one in the local code page and shows
Chinese as mojibake; with it, Excel, LibreOffice and Python's ``utf-8-sig`` all read it right.
The columns are the fixed ones, then every kind field any finding has (from the run's ``Counts``),
so rows are written one by one as they come.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import TextIO

from checker.findings import COLUMNS, Finding
from checker.output import Report

BOM = "\ufeff"


def write(report: Report, findings: Iterable[Finding], out: TextIO) -> None:
    """The header, then one row per finding of ``findings`` as it comes."""
    extra = sorted(report.tally().data_keys - set(COLUMNS))
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=COLUMNS + extra, lineterminator="\n")
    writer.writeheader()
    for f in findings:
        writer.writerow({k: (json.dumps(v, ensure_ascii=False, default=str)
                             if isinstance(v, (list, dict)) else v) for k, v in f.to_dict().items()})


def render(report: Report) -> str:
    out = io.StringIO()
    write(report, report.findings, out)
    return out.getvalue()
