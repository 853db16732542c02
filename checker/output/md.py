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


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render(report: Report) -> str:
    """The report in the run's language (``--lang``; words from checker/data/messages.yaml)."""
    from checker.i18n import headers, severity_name, status_name, t

    lines = [f"# {t('md.title')}", "", report.summary_line(), ""]
    attention = report.attention
    if attention:
        heads = headers("level", "location", "rule", "status", "message", "quote")
        lines += [f"## {t('table.attention', n=len(attention)).rstrip('：:')}", "", _row(heads),
                  _row(["---"] * len(heads))]
        for f in attention:
            quotes = "<br>".join(f"{_cell(f'{e.document}:{e.line}')} {_cell(e.text)}" for e in f.evidence[:4])
            lines.append(_row([severity_name(f.level), _cell(location(f)), _cell(f.rule),
                               _cell(status_name(f.status)), _cell(f.message), quotes]))
        lines.append("")
    counts = Counter((f.rule, f.status) for f in report.findings)
    if counts:
        heads = headers("rule", "status", "count")
        lines += [f"## {t('table.by_rule').rstrip('：:')}", "", _row(heads), _row(["---"] * len(heads))]
        lines += [_row([_cell(r), _cell(status_name(s)), str(n)]) for (r, s), n in sorted(counts.items())]
        lines.append("")
    return "\n".join(lines)
