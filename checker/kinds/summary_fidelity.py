"""Kind ``summary_fidelity``: does a summary say what the report it retells says?

What it does
    Aligns every clause of the ``summary`` document (a press summary, a highlights digest, in
    simplified or traditional script, Markdown or plain) with the passage of the ``full`` report it
    retells, then compares each pair: numbers in base units with unit and qualifier
    (``2.5兆元`` = ``2.5万亿元``, ``三月五日`` = ``3月5日``), wording, enumeration order, and
    what the summary skipped where it otherwise follows the report. One finding per outcome, with
    the summary quote (primary location) and the report quote as evidence:
    Numbers are compared as figures: a summary figure is checked against the report figure with
    the same identity (metric, year, role, kind: ``checker/fidelity/figures.py``).
    ``number_match`` (pass), ``number_mismatch`` (which of value, multiplier, unit, qualifier
    differs: also ``metric`` or ``year`` when the number is the report's figure of another metric or
    year), ``number_missing_in_full``, ``version_difference`` (a speech-day ``预计…左右`` where the
    published report has the bare or revised figure), ``wording_changed`` (``稳步推进→全面推进``),
    ``item_omitted``, ``order_changed``, ``added_claim``.

Why
    Readers meet a report through its summaries; a changed figure, a dropped target or a swapped
    word there is what they will repeat.

Settings
    ``statuses`` (which outcomes become findings; default all), ``severities`` (status → severity;
    a changed number is an ``error`` by default, a ``warning`` when the figure's identity is not
    certain), ``trivial_severity`` (wording changes that only
    add or drop particles such as 的/是/向).

Attribution wrappers (``报告提出，``), linking words (``同时，``), markdown, bullets, punctuation and
tense markers restating the section (``将``) never count as changes: see
``checker/data/summary_fidelity.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.fidelity.compare import KINDS as STATUSES  # the comparison's outcome kinds
from checker.findings import Finding
from checker.kinds.base import SEVERITY_BY_STATUS, STATUS_LIST, KindSpec, Param
from checker.kinds.context import KindContext

DEFAULT_SEVERITIES = {
    "number_mismatch": "error",
    "number_missing_in_full": "warning",
    # a speech-day forecast where the published report has the bare or revised figure: both
    # versions are real, the reader only needs to know which one the summary gives
    "version_difference": "info",
    # a digest leaves clauses out and reorders by design: noted, not flagged
    "item_omitted": "info",
    "wording_changed": "warning",
    "order_changed": "info",
    "added_claim": "warning",
    "number_match": "info",
}
STATUS_ZH = {
    "number_match": "数字一致",
    "number_mismatch": "数字不一致",
    "number_missing_in_full": "原文无此数字",
    "version_difference": "版本不同",
    "wording_changed": "措辞改动",
    "item_omitted": "有遗漏",
    "order_changed": "顺序改动",
    "added_claim": "原文无此内容",
}


def severity_for(status: str, params: dict[str, Any], trivial: bool = False,
                 default: str = "warning", minor: bool = False) -> str:
    """The severity of an outcome under the rule's settings (``minor``: a paraphrase, heading or
    framing, reported at ``trivial_severity`` like a dropped particle)."""
    if (trivial or minor) and not status.startswith("number_"):
        return str(params.get("trivial_severity") or "info")
    table = dict(DEFAULT_SEVERITIES)
    table.update(params.get("severities") or {})
    return str(table.get(status, default))


def findings_for(ctx: KindContext, summary: Any, full: Any) -> Iterator[Finding]:
    """Findings of one summary against the report it retells."""
    from checker.fidelity import compare_documents
    from checker.i18n import detail, status_name

    params = ctx.params
    wanted = set(params.get("statuses") or STATUSES)
    comparison = compare_documents(summary, full, getattr(ctx, "store", None))
    for o in comparison.outcomes:
        if o.kind not in wanted or o.s_start is None:
            continue
        evidence = []
        if o.f_start is not None:
            evidence.append((full, o.f_start, o.f_end, "full"))
        s_quote = summary.quote(o.s_start, o.s_end)
        f_quote = full.quote(o.f_start, o.f_end) if o.f_start is not None else ""
        said = {"detail": o.detail, "detail_key": f"compare.{o.key}" if o.key else "",
                "detail_args": o.args}
        data = {
            "detail": detail(said),  # in the language of the run (--lang), Chinese by default
            "detail_key": said["detail_key"], "detail_args": o.args,
            "status_name": status_name(o.kind),
            "status_zh": STATUS_ZH[o.kind],
            "summary_doc": summary.id,
            "full_doc": full.id,
            "summary_quote": s_quote,
            "full_quote": f_quote,
            "summary_start": o.s_start, "summary_end": o.s_end,
            "full_start": o.f_start, "full_end": o.f_end,
            "differs": ", ".join(o.fields),
            "changes": "; ".join(o.changes),
            "trivial": o.trivial,
            "minor": o.minor,
        }
        yield ctx.finding(
            o.kind, summary, o.s_start, o.s_end, role="summary", evidence=evidence,
            metric=o.kind, expected=o.expected, actual=o.actual, data=data,
            severity=("warning" if o.inferred and o.kind == "number_mismatch" else
                      severity_for(o.kind, params, o.trivial, ctx.rule.severity, o.minor)),
            extra=f"{o.kind}|{o.detail}|{f_quote}",
        )


def check(ctx: KindContext) -> Iterator[Finding]:
    for summary in ctx.slots.get("summary") or []:
        fulls = [d for d in ctx.slots.get("full") or [] if d is not summary]
        finder = getattr(ctx.corpus, "full_of", None)
        full = finder(summary.id) if finder else None
        if full is None or full not in fulls:
            full = fulls[0] if fulls else None
        if full is None:
            continue
        yield from findings_for(ctx, summary, full)


KIND = KindSpec(
    name="summary_fidelity",
    summary="A summary states the report's numbers, words and items: nothing changed, added or left out.",
    check=check,
    slots=("summary", "full"),
    params={
        "statuses": Param("array", default=list(STATUSES), of=STATUS_LIST,
                          description="Outcomes that become findings (number_match is a pass)."),
        "severities": Param("object", default=dict(DEFAULT_SEVERITIES), of=SEVERITY_BY_STATUS,
                            description="Severity per outcome: error | warning | info."),
        "trivial_severity": Param("string", default="info", enum=("error", "warning", "info"),
                                  description="Severity of wording changes that only add or drop "
                                              "particles (的 是 向 …)."),
    },
    placeholders=frozenset({"detail", "status_zh", "status_name", "summary_doc", "full_doc", "summary_quote",
                            "full_quote", "differs", "changes"}),
    statuses=STATUSES,
    pass_statuses=frozenset({"number_match"}),
)
