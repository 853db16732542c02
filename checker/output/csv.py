"""``csv``: one row per finding; evidence and structured kind fields as JSON text.

UTF-8 with a byte-order mark: Excel reads a CSV without one in the local code page and shows
Chinese as mojibake; with it, Excel, LibreOffice and Python's ``utf-8-sig`` all read it right.
"""

from __future__ import annotations

import csv
import io
import json

from checker.findings import COLUMNS
from checker.output import Report

BOM = "\ufeff"


def render(report: Report) -> str:
    rows = [f.to_dict() for f in report.findings]
    extra = sorted({k for r in rows for k in r} - set(COLUMNS))
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=COLUMNS + extra, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (json.dumps(v, ensure_ascii=False, default=str)
                             if isinstance(v, (list, dict)) else v) for k, v in row.items()})
    return out.getvalue()
