"""``checker compare SUMMARY FULL``: the summary-fidelity table, no rules to write.

Every clause of SUMMARY is aligned with the passage of FULL it retells and compared: numbers
(value, multiplier, unit, qualifier), wording, enumeration order, what was left out and what was
added. ``--format`` takes every format of ``checker run``: ``table`` (default) is the comparison
table, ``html`` one self-contained page with the two texts side by side and every discrepancy
highlighted in both; json/jsonl/csv/md/sarif/junit/github render the same findings as ``run``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from checker.cli.output_io import MAX_SIZE_HELP

STDIN = "-"


def read_stdin(meta: Any) -> Any:
    """The summary given on standard input (``checker compare - FULL``), any supported format."""
    import sys

    from checker.ingest import read_bytes
    from checker.structure import structure

    return structure(read_bytes(sys.stdin.buffer.read(), Path(STDIN), meta))


def build_findings(summary_path: Path, full_path: Path, params: dict[str, Any] | None = None) -> list[Any]:
    """Findings of the built-in rule ``summary-fidelity`` (checker/command_rules/) for
    ``summary_path`` against ``full_path``, passes included, as ``run`` makes them."""
    from checker.commands import compare_files

    if str(summary_path) == STDIN:
        from checker.commands import summary_findings
        from checker.engine import SimpleCorpus
        from checker.model import DocMeta
        from checker.pipeline import load_document

        full = load_document(full_path, DocMeta(id=full_path.stem, kind="report"))
        summary = read_stdin(DocMeta(id="stdin", kind="summary", retells=full.id))
        return summary_findings(SimpleCorpus([summary, full]), params)
    return compare_files(summary_path, full_path, params)


def _short(text: str, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def compare_table(findings: list[Any], show_matches: bool = False) -> str:
    """One row per outcome, errors first: status, detail, summary place and quote, report place and
    quote (words from the message catalogue, in the ``--lang`` language)."""
    from collections import Counter

    from tabulate import tabulate

    from checker.engine import ENGINE_STATUSES
    from checker.findings import SEVERITY_RANK
    from checker.i18n import detail, headers, join_list, severity_name, status_name, t
    from checker.kinds import REGISTRY

    problems = [f for f in findings if f.status in ENGINE_STATUSES]
    rows = []
    # what needs correcting first: errors, then warnings, then info, each in text order
    for f in sorted(findings, key=lambda f: (f.passed, -SEVERITY_RANK.get(f.severity, 0), f.line)):
        if (f.passed and not show_matches) or f in problems:
            continue
        full_ev = next((e for e in f.evidence if e.role == "full"), None)
        rows.append((severity_name(f.severity), status_name(f.status), _short(detail(f.data), 34),
                     f"{f.document}:{f.line}", _short(f.data.get("summary_quote", ""), 26),
                     f"{full_ev.document}:{full_ev.line}" if full_ev else "-",
                     _short(full_ev.text, 26) if full_ev else ""))
    names = headers("severity", "status", "detail", "summary", "summary_quote", "report", "report_quote")
    blocks = [tabulate(rows, headers=names)] if rows else [t("compare.no_discrepancies")]
    counts = Counter(f.status for f in findings)
    order = REGISTRY["summary_fidelity"].statuses
    blocks.append(t("compare.outcomes", counts=join_list(
        [f"{status_name(s)} {counts[s]}" for s in order if counts.get(s)])))
    blocks.extend(f"{severity_name(f.severity)}: {f.message}" for f in problems)
    return "\n\n".join(blocks) + "\n"


def compare(
    summary: Annotated[Path, typer.Argument(help="The summary, digest or press text (- reads it from "
                                            "standard input).")],
    full: Annotated[Path, typer.Argument(help="The full report it retells.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (the comparison table) html json jsonl "
                                     "csv md sarif junit github.")] = "table",
    max_document_size: Annotated[str | None, typer.Option("--max-document-size", help=MAX_SIZE_HELP)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of "
                                                "stdout (atomically).")] = None,
    matches: Annotated[bool, typer.Option("--matches", help="Table: list the number matches too.")] = False,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 when a finding at or above this "
                                         "level needs attention: error | warning | info | never.")] = "never",
) -> None:
    """Does SUMMARY say what FULL says? Numbers, qualifiers, wording, omissions."""
    from checker.cli.output_io import apply_limits, check_options, check_output, emit, require_files
    from checker.output import Report, render

    check_options(fmt, fail_on)
    apply_limits(max_document_size)
    require_files(*([full] if str(summary) == STDIN else [summary, full]))
    check_output(output)
    findings = build_findings(summary, full)
    report = Report(findings=findings, fail_on=fail_on)
    if fmt == "table":
        text = compare_table(findings, matches) + "\n" + report.summary_line() + "\n"
    else:
        text = render(fmt, report)
    emit(text, output)
    if report.failing:
        raise typer.Exit(1)
