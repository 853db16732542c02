"""``table``: what needs attention first, then one summary line per rule and status."""

from __future__ import annotations

from collections import Counter

from checker.output import Report, location, one_line, printable

# Info findings are listed up to this many; the rest are counted (every format but the terminal
# table lists them all). Errors and warnings are always listed.
MAX_INFO_ROWS = 20


def render(report: Report) -> str:
    """The table in the run's language (``--lang``; words from checker/data/messages.yaml)."""
    from tabulate import tabulate

    from checker.i18n import headers, severity_name, status_name, t

    blocks = []
    attention = report.attention
    if attention:
        infos = [f for f in attention if f.severity == "info"]
        shown = [f for f in attention if f.severity != "info"] + infos[:MAX_INFO_ROWS]
        rows = [(severity_name(f.level), printable(location(f)), f.rule, status_name(f.status),
                 one_line(f.message, 120)) for f in shown]
        block = (t("table.attention", n=len(attention)) + "\n"
                 + tabulate(rows, headers=headers("level", "location", "rule", "status", "message")))
        if len(infos) > MAX_INFO_ROWS:
            block += "\n" + t("table.more_info", n=len(infos) - MAX_INFO_ROWS)
        blocks.append(block)
    counts = Counter((f.rule, f.status, f.passed, f.level, _mark(f)) for f in report.findings)
    if counts:
        totals = [(rule, status_name(status) + (t(f"table.{mark}") if mark else ""), severity_name(level), n)
                  for (rule, status, passed, level, mark), n in sorted(
                      counts.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1]))]
        blocks.append(t("table.by_rule") + "\n"
                      + tabulate(totals, headers=headers("rule", "status", "level", "count")))
    else:
        blocks.append(t("table.none"))
    blocks.append(report.summary_line())
    return "\n\n".join(blocks) + "\n"


def _mark(f) -> str:
    """Why a failing finding does not count: waived or in the baseline (catalogue key)."""
    if f.passed:
        return ""
    if f.suppressed is not None:
        return "waived"
    if f.baselined:
        return "baseline"
    return ""
