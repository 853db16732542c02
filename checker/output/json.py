"""``json``: one object — summary counts, every finding (all fields, evidence, kind data), waivers."""

from __future__ import annotations

import json

from checker import __version__
from checker.output import Report


def payload(report: Report) -> dict:
    return {
        "tool": {"name": "checker", "version": __version__},
        "summary": report.summary(),
        "findings": [f.to_dict() for f in report.findings],
        "waivers": {"unused": report.unused_waivers, "expired": report.expired_waivers},
    }


def render(report: Report) -> str:
    return json.dumps(payload(report), ensure_ascii=False, indent=2, default=str) + "\n"
