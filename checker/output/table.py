"""``table``: what needs attention first, then one summary line per rule and status."""

from __future__ import annotations

from collections import Counter

from checker.output import Report, location, one_line


def render(report: Report) -> str:
    from tabulate import tabulate

    blocks = []
    attention = report.attention
    if attention:
        rows = [(f.severity, location(f), f.rule, f.status, one_line(f.message, 120)) for f in attention]
        blocks.append(f"Needs attention ({len(attention)}):\n"
                      + tabulate(rows, headers=["severity", "location", "rule", "status", "message"]))
    counts = Counter((f.rule, f.status, f.passed, f.severity, _mark(f)) for f in report.findings)
    if counts:
        rows = [(rule, status + mark, "pass" if passed else sev, n)
                for (rule, status, passed, sev, mark), n in sorted(
                    counts.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1]))]
        blocks.append("Summary by rule:\n" + tabulate(rows, headers=["rule", "status", "level", "count"]))
    else:
        blocks.append("No findings.")
    blocks.append(report.summary_line())
    return "\n\n".join(blocks) + "\n"


def _mark(f) -> str:
    if f.passed:
        return ""
    if f.suppressed is not None:
        return " (waived)"
    if f.baselined:
        return " (baseline)"
    return ""
