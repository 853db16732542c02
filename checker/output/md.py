"""``md``: a Markdown report — what needs attention (with quotes), then a summary per rule."""

from __future__ import annotations

from collections import Counter

from checker.output import Report, location, one_line


def _cell(text: object) -> str:
    return one_line(str(text)).replace("|", "\\|")


def render(report: Report) -> str:
    lines = ["# checker findings", "", report.summary_line(), ""]
    attention = report.attention
    if attention:
        lines += ["## Needs attention", "", "| level | location | rule | status | message | evidence |",
                  "|---|---|---|---|---|---|"]
        for f in attention:
            quotes = "<br>".join(f"`{e.document}:{e.line}` {_cell(e.text)}" for e in f.evidence[:4])
            lines.append(f"| {f.level} | `{_cell(location(f))}` | {_cell(f.rule)} | {_cell(f.status)} | "
                         f"{_cell(f.message)} | {quotes} |")
        lines.append("")
    counts = Counter((f.rule, f.status) for f in report.findings)
    if counts:
        lines += ["## Summary by rule", "", "| rule | status | count |", "|---|---|---|"]
        lines += [f"| {_cell(r)} | {_cell(s)} | {n} |" for (r, s), n in sorted(counts.items())]
        lines.append("")
    return "\n".join(lines)
