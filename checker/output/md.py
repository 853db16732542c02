"""``md``: a Markdown report — what needs attention (with quotes), then a summary per rule."""

from __future__ import annotations

from collections import Counter

from checker.output import Report, location, one_line

_MARKUP = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ACTIVE = set("\\`*_[]|#!~")


def _cell(text: object) -> str:
    """A table cell that renders as the text itself: no live HTML (``<script>`` → ``&lt;script&gt;``),
    no Markdown (links, emphasis, code spans), no cell break."""
    out = []
    for ch in one_line(str(text)):
        out.append(_MARKUP.get(ch) or ("\\" + ch if ch in _ACTIVE else ch))
    return "".join(out)


def render(report: Report) -> str:
    lines = ["# checker findings", "", report.summary_line(), ""]
    attention = report.attention
    if attention:
        lines += ["## Needs attention", "", "| level | location | rule | status | message | evidence |",
                  "|---|---|---|---|---|---|"]
        for f in attention:
            quotes = "<br>".join(f"{_cell(f'{e.document}:{e.line}')} {_cell(e.text)}" for e in f.evidence[:4])
            lines.append(f"| {f.level} | {_cell(location(f))} | {_cell(f.rule)} | {_cell(f.status)} | "
                         f"{_cell(f.message)} | {quotes} |")
        lines.append("")
    counts = Counter((f.rule, f.status) for f in report.findings)
    if counts:
        lines += ["## Summary by rule", "", "| rule | status | count |", "|---|---|---|"]
        lines += [f"| {_cell(r)} | {_cell(s)} | {n} |" for (r, s), n in sorted(counts.items())]
        lines.append("")
    return "\n".join(lines)
