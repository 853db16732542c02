"""``checker goals PLAN REVIEW``: the goal-tracking table, no rules to write (it runs the built-in
rules ``goal-followup`` and ``completion-claim``, checker/command_rules/, through the engine).

Each goal of PLAN's plan sections, its target, what REVIEW's review section of the same year says
(outcome), the status (exceeded met partly missed qualitative_claim not_reported ambiguous) with
the reasoning, and quotes with file:line on both sides. ``--format`` takes every format of
``checker run`` (table is the goal table; json/jsonl/csv/md/sarif/junit/github/html render the same
findings as ``run`` does, each carrying goal_text, target_value, unit, qualifier, outcome_text,
outcome_value and status).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from checker.cli.output_io import MAX_SIZE_HELP


def build_findings(plan_path: Path, review_path: Path, year: int | None = None,
                   quantified_only: bool = False, params: dict[str, Any] | None = None) -> list[Any]:
    """Findings of the built-in goal rules (checker/command_rules/) for ``plan_path`` against
    ``review_path``, passes included."""
    from checker.commands import goal_findings, plan_and_review

    corpus = plan_and_review(plan_path, review_path, year)
    return goal_findings(corpus, corpus.documents[0].id,
                         {**(params or {}), "year": year, "quantified_only": quantified_only})


def _short(text: str, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _grid(headers: list[str], rows: list[tuple]) -> str:
    """A plain aligned table that counts CJK characters as two columns."""
    cells = [[str(c) for c in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _row(i: int, f: Any) -> tuple:
    from checker.i18n import status_name, t

    d = f.data
    out_ev = next((e for e in f.evidence if e.role == "outcome"), None)
    ratio = f"{d['ratio']:.2f}" if d.get("ratio") is not None else ""
    shown = d["outcome"] if d.get("outcome_value") is not None else (t("goals.words") if out_ev else "-")
    target = d["target"] if d.get("quantified") else t("goals.unquantified_target")
    return (i, status_name(f.status), target, _short(shown, 14), ratio, f"{f.document}:{f.line}",
            _short(d["goal_text"], 28), f"{out_ev.document}:{out_ev.line}" if out_ev else "-",
            _short(out_ev.text, 28) if out_ev else "")


def goal_table(findings: list[Any]) -> str:
    """The goal-tracking table (quantified goals first): goal, target, outcome, status, ratio, and
    quotes with file:line on both sides; then the completion claims. Words from the catalogue."""
    from collections import Counter

    from checker.engine import ENGINE_STATUSES
    from checker.i18n import headers, join_list, severity_name, status_name, t

    problems = [f for f in findings if f.status in ENGINE_STATUSES]
    goals = [f for f in findings if f.rule == "goal-followup" and f not in problems]
    quantified = [f for f in goals if f.data.get("quantified")]
    words = [f for f in goals if not f.data.get("quantified")]
    names = headers("n", "status", "target", "outcome", "ratio", "plan", "goal", "review", "outcome_quote")
    blocks = []
    n = 0
    for title, group in (("goals.quantified", quantified), ("goals.unquantified", words)):
        if not group:
            continue
        rows = [_row(n + i, f) for i, f in enumerate(group, 1)]
        n += len(group)
        blocks.append(t(title, n=len(group)) + "\n" + _grid(names, rows))
    if not blocks:
        blocks.append(t("goals.none"))
    for title, group in (("goals.counts_quantified", quantified), ("goals.counts_unquantified", words)):
        counts = Counter(f.status for f in group)
        if counts:
            said = [f"{status_name(s)} {c}" for s, c in counts.most_common()]
            blocks.append(t(title, counts=join_list(said)))
    for f in findings:
        if f.rule == "completion-claim" and f not in problems:
            d = f.data
            examples = join_list([f"{x['goal_text']}({status_name(x['status'])})"
                                  for x in d.get("contradicted_by", [])[:5]])
            blocks.append(t("goals.claim", where=f"{f.document}:{f.line}", claim=_short(d["claim_text"], 60),
                            status=status_name(f.status), missed=d["missed_count"],
                            qmissed=d["quantified_missed"], not_reported=d["not_reported_count"],
                            qnot=d["quantified_not_reported"])
                          + (t("goals.claim_examples", examples=_short(examples, 160)) if examples else ""))
    blocks.extend(f"{severity_name(f.severity)}: {f.message}" for f in problems)
    return "\n\n".join(blocks) + "\n"


def multi_year_block(plan_path: Path, quantified_only: bool = False) -> str:
    """Multi-year targets of the plan (到2025年, a five-year plan's targets): listed, not scored."""
    from checker.goals.extract import extract_goals
    from checker.i18n import t
    from checker.model import DocMeta
    from checker.pipeline import load_document

    doc = load_document(plan_path, DocMeta(id=plan_path.stem))
    multi = [g for g in extract_goals(doc) if g.multi_year and (g.quantified or not quantified_only)]
    if not multi:
        return ""
    lines = [t("goals.multi_year", n=len(multi))]
    for g in multi:
        where = doc.locate(g.start)
        target = f" [{g.year}]" if g.year else ""
        lines.append(f"  {plan_path}:{where.line}{target} {g.text}")
    return "\n" + "\n".join(lines) + "\n"


def goals(
    plan: Annotated[Path | None, typer.Argument(help="Report whose plan section sets the goals.")] = None,
    review: Annotated[Path | None, typer.Argument(
        help="Report whose review section reports the outcomes.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (the goal table) json jsonl csv md "
                                     "sarif junit github (html).")] = "table",
    max_document_size: Annotated[str | None, typer.Option("--max-document-size", help=MAX_SIZE_HELP)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of "
                                                "stdout (atomically).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Only the plan of this year.")] = None,
    quantified_only: Annotated[bool, typer.Option(
        "--quantified-only", help="Only goals with a number.")] = False,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 when a finding at or above this "
                                         "level needs attention: error | warning | info | never.")] = "never",
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", help="Every goal of every plan of this corpus (manifest or folder) as a dataset, "
        "one row per goal: --output goals.parquet or goals.csv (default: CSV on stdout).")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="With --corpus: worker processes (default: every core).")] = None,
) -> None:
    """Was each goal of PLAN reported back in REVIEW, and was it met?"""
    from checker.cli.output_io import apply_limits, check_options, check_output, emit, require_files
    from checker.errors import CheckerError
    from checker.output import Report, render

    if corpus is not None:
        if plan is not None or review is not None:
            raise CheckerError("error.goals_both")
        apply_limits(max_document_size)
        write_dataset(corpus, output, jobs)
        return
    if plan is None or review is None:
        raise CheckerError("error.goals_neither")
    check_options(fmt, fail_on)
    apply_limits(max_document_size)
    require_files(plan, review)
    check_output(output)
    findings = build_findings(plan, review, year, quantified_only)
    report = Report(findings=findings, fail_on=fail_on)
    if fmt == "table":
        text = (goal_table(findings) + multi_year_block(plan, quantified_only) + "\n"
                + report.summary_line() + "\n")
    else:
        text = render(fmt, report)
    emit(text, output)
    if report.failing:
        raise typer.Exit(1)


def write_dataset(corpus_path: Path, output: Path | None, jobs: int | None) -> None:
    """The goals dataset of a corpus to ``output`` (.parquet or .csv, written atomically) or as CSV
    to stdout."""
    from checker.cli.output_io import check_output, write_file_output
    from checker.cli.run_cmd import load_corpus_paths
    from checker.commands import GOAL_COLUMNS, goal_dataset
    from checker.errors import CheckerError
    from checker.scale import executor_for

    suffix = output.suffix.lower() if output is not None else ".csv"
    if suffix not in (".parquet", ".csv"):
        raise CheckerError("error.goals_dataset_suffix", value=str(output))
    check_output(output)
    import tempfile

    executor = executor_for(jobs)
    # the documents as headers, each place's read back by whoever checks it (checker/survey.py)
    with tempfile.TemporaryDirectory(prefix="checker-documents-") as spill:
        try:
            corpus = load_corpus_paths([corpus_path], executor=executor, surveyed=True, spill=spill)
            rows = goal_dataset(corpus, executor)
        finally:
            executor.close()
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(GOAL_COLUMNS))
    if output is None:
        sys.stdout.write(frame.to_csv(index=False))
    elif suffix == ".csv":
        write_file_output(output, lambda tmp: frame.to_csv(tmp, index=False))
    else:
        write_file_output(output, lambda tmp: frame.to_parquet(tmp, index=False))
