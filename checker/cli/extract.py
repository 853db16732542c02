"""``checker extract DOC``: every mention found, for debugging and for rule writers."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from checker.cli.output_io import MAX_SIZE_HELP

FORMATS = ("table", "csv", "json")
COLUMNS = ("location", "section", "action", "metric", "key", "value", "unit", "qualifier", "quote")


def extract(
    docs: Annotated[
        list[Path], typer.Argument(metavar="DOC", help="Document(s) to read (.txt .md .pdf .html .docx).")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | csv | json")] = "table",
    max_document_size: Annotated[str | None, typer.Option("--max-document-size", help=MAX_SIZE_HELP)] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """List every quantity mention of DOC with its metric, action, section and location.

    Several documents give one table each (csv/json: one list, with a document column).
    """
    from checker.cli.output_io import apply_limits, check_output, emit
    from checker.errors import CheckerError

    if fmt not in FORMATS:
        raise CheckerError("error.unknown_format", option="--format", value=fmt, choices=list(FORMATS))
    apply_limits(max_document_size)
    check_output(output)
    from checker.mentions import extract_mentions
    from checker.pipeline import load_document

    loaded = [load_document(d) for d in docs]  # every file read before anything is printed
    if fmt == "table":
        text = "\n\n".join(render(mention_rows(d, extract_mentions(d)), fmt, d) for d in loaded)
    else:
        text = render([r for d in loaded for r in mention_rows(d, extract_mentions(d))], fmt)
    emit(text, output)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6g}" if abs(value) < 1e15 else repr(value)


def mention_rows(document, mentions) -> list[dict]:
    """One dict per mention, the fields of every output format."""
    rows = []
    for m in mentions:
        q = m.quantity
        sec = document.sections[m.section] if m.section is not None else None
        value = _number(q.value) if q else ""
        if q and q.value_high is not None:
            value += "–" + _number(q.value_high)
        loc = m.location
        where = f"{loc.line}:{loc.column}" if loc else ""
        if loc and loc.page:
            where = f"p{loc.page} {where}"  # PDFs: line within the page
        years = f"{m.first_year}-{m.year}" if m.first_year else (str(m.year) if m.year else "")
        rows.append(
            {
                "document": document.id,
                "location": where,
                "page": loc.page if loc else None,
                "section": f"{m.role} {years}".strip(),
                "section_title": sec.title if sec else "",
                "role": m.role,
                "year": m.year,
                "first_year": m.first_year,
                "action": m.action or "",
                "metric": m.metric,
                "key": m.key,
                "value": value,
                "unit": q.unit if q else "",
                "qualifier": q.qualifier if q else "",
                "kind": (q.kind or "") if q else "",
                "text": q.text if q else "",
                "quote": document.quote(m.clause.start, m.clause.end),
            }
        )
    return rows


def render(rows: list[dict], fmt: str, document=None) -> str:
    """The rows as a table (tabulate), CSV or JSON."""
    if fmt == "json":
        import json

        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        import csv
        import io

        from checker.output.csv import BOM

        buf = io.StringIO()
        buf.write(BOM)  # Excel reads Chinese right only with it
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
    from tabulate import tabulate

    from checker.i18n import catalogue, headers, t

    def cell(r: dict, c: str) -> Any:
        if c == "section" and r["role"] in catalogue()["section"]:  # the role in words: 回顾 2023
            return r["section"].replace(r["role"], t(f"section.{r['role']}"), 1)
        return r[c]

    table = tabulate([[cell(r, c) for c in COLUMNS] for r in rows], headers=headers(*COLUMNS),
                     disable_numparse=True)
    if document is not None:
        head = t("extract.head", path=document.path, mentions=len(rows), sections=len(document.sections))
        return head + "\n" + table
    return table
