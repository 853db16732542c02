"""``github``: GitHub Actions workflow commands (``::error file=…,line=…::message``).

GitHub shows at most 10 error and 10 warning annotations per step (notices likewise) and 50 per
job; more are dropped silently, so checker keeps the most severe ones within those limits and ends
with a ``::notice::`` saying how many were left out.
"""

from __future__ import annotations

from checker.i18n import t
from checker.output import Report, printable

PER_STEP = {"error": 10, "warning": 10, "notice": 10}
PER_JOB = 50
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Workflow-command escaping; a document's escape sequences would colour the CI log: replaced."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(f, command: str, rules: dict) -> str:
    props = []
    if not f.document and f.rule in rules:  # no document: annotate the rule file
        props.append(f"file={escape_property(str(rules[f.rule].path))}")
        props.append(f"line={rules[f.rule].line}")
    if f.document:
        props.append(f"file={escape_property(f.document)}")
        if f.line:
            props.append(f"line={f.line}")
            props.append(f"col={f.column}")
    props.append(f"title={escape_property(f'{f.rule} ({f.status})')}")
    return f"::{command} {','.join(props)}::{escape_data(f.message)}"


def render(report: Report) -> str:
    used = {"error": 0, "warning": 0, "notice": 0}
    chosen: list[tuple[str, object]] = []
    left_out = 0
    for f in report.attention:  # most severe first
        command = "error" if f.status == "error" else COMMAND.get(f.severity, "warning")
        if used[command] >= PER_STEP[command] or len(chosen) >= PER_JOB:
            left_out += 1
            continue
        used[command] += 1
        chosen.append((command, f))
    if left_out:  # the closing notice needs a notice slot (and a job slot) of its own
        while chosen and (used["notice"] >= PER_STEP["notice"] or len(chosen) >= PER_JOB):
            idx = max(i for i, (c, _) in enumerate(chosen) if c == "notice") if used["notice"] >= \
                PER_STEP["notice"] else len(chosen) - 1
            used[chosen.pop(idx)[0]] -= 1
            left_out += 1
    rules = {r.id: r for r in report.rules}
    lines = [_annotation(f, command, rules) for command, f in chosen]
    if left_out:
        lines.append("::notice::" + escape_data(t("github.left_out", n=left_out, errors=PER_STEP["error"],
                                                  warnings=PER_STEP["warning"], notices=PER_STEP["notice"])))
    lines.append(escape_data(report.summary_line()))
    return "\n".join(lines) + "\n"
