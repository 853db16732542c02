"""Kind ``multi_year_progress``: multi-year targets against the newer values of their metric.

What it does
    For every multi-year target (a target for a year after the document's own: “十四五” …
    森林覆盖率达到52% by 2025), one finding per newer outcome value in the corpus: ``on_track`` /
    ``behind`` / ``met`` / ``in_progress`` (linear path from the baseline to the target; a ceiling
    target 控制在5%以内 is on track while within the ceiling), or ``no_data`` when the corpus has
    no later value. With ``unquantified`` (default), targets stated in words in a sentence that
    also sets a number (基本消除黑臭水体) are followed to the latest later statement of their object
    (``stated``) or reported ``no_data``.

Why
    Five-year targets are set once and rarely restated; a target falling behind is news.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.analysis.figures import Figure, stated
from checker.analysis.series import point_quotes, progress_all, word_targets
from checker.findings import Finding
from checker.i18n import t as say
from checker.kinds.base import KindSpec, Param
from checker.kinds.context import KindContext, figures_of, selected_documents
from checker.model import Document


def check(ctx: KindContext) -> Iterator[Finding]:
    figures = figures_of(ctx)
    yield from _progress_findings(ctx, figures)
    if ctx.params.get("unquantified", True):
        yield from _word_target_findings(ctx, selected_documents(ctx))


def _word_target_findings(ctx: KindContext, docs: list[Document]) -> Iterator[Finding]:
    for t in word_targets(docs, store=ctx.store):
        evidence: list[tuple] = []
        latest = ""
        latest_year = None
        if t.later is not None:
            doc, a, b = t.later
            evidence.append((doc, a, b, "later"))
            top = doc.top_section_at(a)
            latest_year = top.year if top is not None else None
            latest = f"{doc.quote(a, b)} ({latest_year})"
        status = "stated" if t.later is not None else "no_data"
        detail = (say("series.unquantified_latest", latest=latest) if latest
                  else say("series.unquantified_none"))
        yield ctx.finding(
            status, t.doc, t.start, t.end,
            metric=t.obj, expected=f"{t.text} ({t.year})", actual=latest, evidence=evidence,
            data={"metric": t.obj, "key": t.obj, "target": t.text, "target_year": t.year,
                  "target_value": None, "latest": latest, "latest_value": None,
                  "latest_year": latest_year,
                  "baseline": "", "baseline_value": None, "baseline_year": None,
                  "expected_now": None, "detail": detail},
        )


def _progress_findings(ctx: KindContext, figures: list[Figure]) -> Iterator[Finding]:
    for pr in progress_all(figures):
        t = pr.target
        pts = [x for x in (pr.baseline, pr.value) if x is not None]
        evidence = [(t.doc, t.mention.clause.start, t.mention.clause.end, "target"), *point_quotes(pts)]
        yield ctx.finding(
            pr.status, t.doc, t.quantity.start,
            metric=t.mention.metric or t.key, expected=f"{stated(t)} ({t.year})",
            actual=pr.value.describe() if pr.value else "",
            evidence=evidence,
            data={"metric": t.mention.metric or t.key, "key": t.key, "target": stated(t),
                  "target_year": t.year, "target_value": t.quantity.value,
                  "latest": pr.value.describe() if pr.value else "",
                  "latest_value": pr.value.value if pr.value else None,
                  "latest_year": pr.value.year if pr.value else None,
                  "baseline": pr.baseline.describe() if pr.baseline else "",
                  "baseline_value": pr.baseline.value if pr.baseline else None,
                  "baseline_year": pr.baseline.year if pr.baseline else None,
                  "expected_now": pr.expected, "detail": pr.detail},
        )


KIND = KindSpec(
    name="multi_year_progress",
    summary="Each multi-year target is on track against the newer values of its metric.",
    check=check,
    params={
        "unquantified": Param("boolean", True, "Also follow multi-year targets stated in words "
                              "(消除劣Ⅴ类水体) to the latest later statement of their object."),
    },
    slots=("documents",),
    per_document=False,
    default_message="{metric} 目标 {target}（{target_year}）：{status} — {detail}",
    placeholders=frozenset({"metric", "key", "detail", "target", "target_year", "latest",
                            "baseline", "expected_now"}),
    statuses=("on_track", "met", "behind", "in_progress", "no_data", "stated"),
    pass_statuses=frozenset({"on_track", "met", "in_progress", "no_data", "stated"}),
)
