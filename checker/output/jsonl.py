"""``jsonl``: one finding per line (all fields), for streaming tools."""

from __future__ import annotations

import json

from checker.output import Report


def render(report: Report) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False, default=str) + "\n" for f in report.findings)
