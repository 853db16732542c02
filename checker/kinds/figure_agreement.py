"""Kind ``figure_agreement``: one figure, stated alike wherever it is stated.

What it does
    Groups the figures of the selected documents by metric key, year, kind (outcome of a
    review section vs target of a plan/targets section), unit dimension and measure (a level,
    a change such as 增长5.2%, or a running total such as 累计…), and checks that every
    occurrence in a group agrees in value, unit and qualifier. ``全省地区生产总值增长6.1%`` in a
    report's review and ``2024年全省地区生产总值增长6.1%`` in its press summary form one group.

Why
    A figure stated two ways (the summary says 8.3万套, the report 8.2万套) means one of them is
    wrong; readers cannot tell which.

How it stays conservative
    Figures pair only on a confident key match (checker/analysis/figures.py): the same mention
    key, the same year, the same kind, a compatible unit dimension and the same measure. Equal
    numbers of different metrics (整治背街小巷126条 / 改造老旧厂房126个) or of different years
    (新增中小学学位1.5万个 as the 2022 and the 2024 target) are never compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from checker.analysis.figures import (
    OUTCOME,
    TARGET,
    Figure,
    differences,
    group_figures,
    stated,
)
from checker.findings import Finding
from checker.i18n import t
from checker.kinds.base import KindSpec, Param
from checker.kinds.context import KindContext, figures_of


def _evidence_rows(group: Sequence[Figure]) -> list[dict[str, Any]]:
    rows = []
    for f in group:
        loc = f.mention.location or f.doc.locate(f.quantity.start)
        rows.append({
            "document": str(f.doc.path), "doc_id": f.doc.id, "line": loc.line, "column": loc.column,
            "text": f.quote, "stated": stated(f), "value": f.quantity.value, "unit": f.quantity.unit,
            "qualifier": f.quantity.qualifier, "start": f.quantity.start, "end": f.quantity.end,
        })
    return rows


def check(ctx: KindContext) -> Iterator[Finding]:
    """One finding per group: ``agree`` (pass) or ``disagree`` listing every occurrence."""
    params = ctx.params
    figures = figures_of(ctx)
    kinds = set(params.get("kinds") or (OUTCOME, TARGET))
    figures = [f for f in figures if f.kind in kinds]
    for group in group_figures(figures, int(params.get("min_occurrences", 2))):
        if params.get("across_documents_only") and len({f.doc.id for f in group}) < 2:
            continue
        diffs = differences(group, bool(params.get("lenient_qualifiers", True)))
        yield _finding(ctx, group, diffs)


def _finding(ctx: KindContext, group: Sequence[Figure], diffs: list[str]) -> Finding:
    first = group[0]
    statements = sorted({stated(f) for f in group})
    rows = _evidence_rows(group)
    where = "; ".join(f"{r['doc_id']}:{r['line']}:{r['column']} {r['stated']}" for r in rows)
    status = "disagree" if diffs else "agree"
    metric = first.mention.metric or first.key
    fields: dict[str, Any] = {
        "metric": metric,
        "key": first.key,
        "year": first.year,
        "figure_kind": first.kind,
        "label": t("engine.figure_outcome" if first.kind == OUTCOME else "engine.figure_target",
                   span=first.span),
        "measure": first.measure,
        "n": len(group),
        "differs_in": ", ".join(diffs),
        "values": " / ".join(statements),
        "occurrences": where,
        "occurrence_list": rows,
    }
    return ctx.finding(
        status,
        first.doc,
        first.quantity.start,
        metric=metric,
        expected=stated(first),
        actual=fields["values"],
        evidence=[(f.doc, f.mention.clause.start, f.mention.clause.end, f.kind) for f in group],
        data=fields,
    )


KIND = KindSpec(
    name="figure_agreement",
    summary="The same figure (metric, year, outcome/target) must be stated alike everywhere.",
    check=check,
    params={
        "kinds": Param("array", [OUTCOME, TARGET], "Figure kinds to check: outcome, target.",
                       schema={"items": {"type": "string", "enum": [OUTCOME, TARGET]}}),
        "min_occurrences": Param("integer", 2, "Smallest group worth a finding."),
        "across_documents_only": Param("boolean", False,
                                       "Only groups spanning at least two documents."),
        "lenient_qualifiers": Param("boolean", True,
                                    "For outcomes, 达到X (>=) counts as the bare value X."),
    },
    slots=("documents",),
    per_document=False,
    default_message="{metric}（{label}）{status}：{values}；出现于 {occurrences}",
    placeholders=frozenset({"metric", "key", "year", "figure_kind", "label", "measure", "n", "differs_in",
                            "values", "occurrences"}),
    statuses=("agree", "disagree"),
    pass_statuses=frozenset({"agree"}),
)
