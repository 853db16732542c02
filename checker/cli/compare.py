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

RULE_ID = "summary-fidelity"
STDIN = "-"


def read_stdin(meta: Any) -> Any:
    """The summary given on standard input (``checker compare - FULL``), any supported format."""
    import sys

    from checker.ingest import read_bytes
    from checker.structure import structure

    return structure(read_bytes(sys.stdin.buffer.read(), Path(STDIN), meta))


def build_findings(summary_path: Path, full_path: Path, params: dict[str, Any] | None = None) -> list[Any]:
    """Findings of ``summary_path`` against ``full_path`` (passes included), as ``run`` makes them."""
    from checker.engine import RuleContext, SimpleCorpus
    from checker.kinds.summary_fidelity import KIND
    from checker.model import DocMeta
    from checker.pipeline import load_document
    from checker.ruleset import Rule

    full = load_document(full_path, DocMeta(id=full_path.stem, kind="report"))
    meta = DocMeta(id=summary_path.stem if str(summary_path) != STDIN else "stdin", kind="summary",
                   retells=full.id)
    summary = read_stdin(meta) if str(summary_path) == STDIN else load_document(summary_path, meta)
    if summary.id == full.id:
        summary.meta.id = f"{summary.id}-summary"
        summary.meta.retells = full.id
    p = {k: v.default for k, v in KIND.params.items()}
    p.update(params or {})
    rule = Rule(id=RULE_ID, kind=KIND.name, severity="warning", description=KIND.summary,
                message="{status_zh}: {detail}", params=p)
    ctx = RuleContext(rule=rule, kind=KIND, params=p, corpus=SimpleCorpus([summary, full]),
                      slots={"summary": [summary], "full": [full]})
    return list(KIND.check(ctx))


def _short(text: str, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def compare_table(findings: list[Any], show_matches: bool = False) -> str:
    """One row per outcome, errors first: status, detail, summary place and quote, report place and
    quote (words from the message catalogue, in the ``--lang`` language)."""
    from collections import Counter

    from tabulate import tabulate

    from checker.findings import SEVERITY_RANK
    from checker.i18n import detail, headers, join_list, severity_name, status_name, t

    rows = []
    # what needs correcting first: errors, then warnings, then info, each in text order
    for f in sorted(findings, key=lambda f: (f.passed, -SEVERITY_RANK.get(f.severity, 0), f.line)):
        if f.passed and not show_matches:
            continue
        full_ev = next((e for e in f.evidence if e.role == "full"), None)
        rows.append((severity_name(f.severity), status_name(f.status), _short(detail(f.data), 34),
                     f"{f.document}:{f.line}", _short(f.data.get("summary_quote", ""), 26),
                     f"{full_ev.document}:{full_ev.line}" if full_ev else "-",
                     _short(full_ev.text, 26) if full_ev else ""))
    names = headers("severity", "status", "detail", "summary", "summary_quote", "report", "report_quote")
    blocks = [tabulate(rows, headers=names)] if rows else [t("compare.no_discrepancies")]
    counts = Counter(f.status for f in findings)
    order = ("number_match", "number_mismatch", "number_missing_in_full", "wording_changed",
             "item_omitted", "order_changed", "added_claim")
    blocks.append(t("compare.outcomes", counts=join_list(
        [f"{status_name(s)} {counts[s]}" for s in order if counts.get(s)])))
    return "\n\n".join(blocks) + "\n"


def compare(
    summary: Annotated[Path, typer.Argument(help="The summary, digest or press text (- reads it from "
                                            "standard input).")],
    full: Annotated[Path, typer.Argument(help="The full report it retells.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (the comparison table) html json jsonl "
                                     "csv md sarif junit github.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of "
                                                "stdout (atomically).")] = None,
    matches: Annotated[bool, typer.Option("--matches", help="Table: list the number matches too.")] = False,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 when a finding at or above this "
                                         "level needs attention: error | warning | info | never.")] = "never",
) -> None:
    """Does SUMMARY say what FULL says? Numbers, qualifiers, wording, omissions."""
    from checker.cli.output_io import check_options, emit, require_files
    from checker.output import Report, render

    check_options(fmt, fail_on)
    require_files(*([full] if str(summary) == STDIN else [summary, full]))
    findings = build_findings(summary, full)
    report = Report(findings=findings, fail_on=fail_on)
    if fmt == "table":
        text = compare_table(findings, matches) + "\n" + report.summary_line() + "\n"
    else:
        text = render(fmt, report)
    emit(text, output)
    if report.failing:
        raise typer.Exit(1)
