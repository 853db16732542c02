"""``table``: what needs attention first, then one summary line per rule and status."""

from __future__ import annotations

from collections import Counter

from checker.output import Report, location, one_line, printable

# Info findings are listed up to this many; the rest are counted (every format but the terminal
# table lists them all). Errors and warnings are always listed.
MAX_INFO_ROWS = 20


def render(report: Report) -> str:
    from tabulate import tabulate

    blocks = []
    attention = report.attention
    if attention:
        infos = [f for f in attention if f.severity == "info"]
        shown = [f for f in attention if f.severity != "info"] + infos[:MAX_INFO_ROWS]
        rows = [(f.level, printable(location(f)), f.rule, f.status, one_line(f.message, 120))
                for f in shown]
        block = (f"Needs attention ({len(attention)}):\n"
                 + tabulate(rows, headers=["level", "location", "rule", "status", "message"]))
        if len(infos) > MAX_INFO_ROWS:
            block += (f"\n… and {len(infos) - MAX_INFO_ROWS} more info findings (see them all with "
                      "--format md, json or csv, or narrow the run with --select)")
        blocks.append(block)
    counts = Counter((f.rule, f.status, f.passed, f.level, _mark(f)) for f in report.findings)
    if counts:
        totals = [(rule, status + mark, level, n)
                for (rule, status, passed, level, mark), n in sorted(
                    counts.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1]))]
        blocks.append("Summary by rule:\n" + tabulate(totals, headers=["rule", "status", "level", "count"]))
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
