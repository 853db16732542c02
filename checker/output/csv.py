"""``csv``: one row per finding; evidence and structured kind fields as JSON text."""

from __future__ import annotations

import csv
import io
import json

from checker.findings import COLUMNS
from checker.output import Report


def render(report: Report) -> str:
    rows = [f.to_dict() for f in report.findings]
    extra = sorted({k for r in rows for k in r} - set(COLUMNS))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS + extra, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (json.dumps(v, ensure_ascii=False, default=str)
                             if isinstance(v, (list, dict)) else v) for k, v in row.items()})
    return out.getvalue()
