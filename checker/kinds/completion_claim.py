"""Kind ``completion_claim``: does the review's claim that the targets were met hold?

What it does
    Finds the review's completion claims (``圆满完成了…下达的目标任务``, ``较好地完成了…确定的目标
    任务``) and holds each against the statuses goal tracking gives the plan's goals (the same
    tracking as ``goal_followup``, with the same params): ``contradicted`` when goals of the year
    were missed, partly met or never reported back (they are quoted as evidence), else
    ``consistent``.

Why
    A claim that "the targets were accomplished" is only as good as the goals behind it.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import Finding
from checker.goals.report import claim_fields
from checker.i18n import get_lang, join_list, status_name
from checker.kinds.base import SEVERITY_BY_STATUS, STATUS_LIST, KindSpec, Param
from checker.kinds.context import KindContext
from checker.kinds.goal_tracking import TRACKING_PARAMS, followups

STATUSES = ("contradicted", "consistent")


def check(ctx: KindContext) -> Iterator[Finding]:
    params = ctx.params
    severities = dict(params.get("severities") or {})
    wanted = set(params.get("statuses") or STATUSES)
    for _, review, year, _, claims in followups(ctx):
        for c in claims:
            status = "contradicted" if c.contradicted_by else "consistent"
            if status not in wanted:
                continue
            data = claim_fields(c)
            data["plan_year"] = year
            shown = "「{}」（{}）" if get_lang() == "zh" else "「{}」 ({})"
            data["contradicted"] = join_list([shown.format(t.goal.text, status_name(t.status))
                                              for t in c.contradicted_by[:8]])
            evidence = [(t.goal.doc, t.goal.start, t.goal.end, t.status) for t in c.contradicted_by[:20]]
            yield ctx.finding(status, review, c.start, c.end, role="claim", evidence=evidence,
                              severity=severities.get(status),
                              metric="completion claim", expected="every goal met",
                              actual=f"{data['missed_count']} missed, "
                                     f"{data['not_reported_count']} not reported",
                              data=data, extra=f"claim|{year}")


KIND = KindSpec(
    name="completion_claim",
    summary="A review's claim that the year's targets were met agrees with the goals' statuses.",
    check=check,
    slots=("plan", "review"),
    params={
        "statuses": Param("array", list(STATUSES), "Statuses that become findings (consistent is a "
                          "pass).", of=STATUS_LIST),
        "severities": Param("object", {}, "Severity per status (others take the rule's severity).",
                            of=SEVERITY_BY_STATUS),
        **TRACKING_PARAMS,
    },
    placeholders=frozenset({"plan_year", "claim_text", "missed_count", "not_reported_count",
                            "contradicted", "quantified_missed", "quantified_not_reported"}),
    statuses=STATUSES,
    pass_statuses=frozenset({"consistent"}),
    per_document=True,
    default_scope={"plan": {"kind": "report", "section": "plan"},
                   "review": {"relation": "reviews", "section": "review"}},
    default_message="完成情况表述「{claim_text}」: {status} — {contradicted}",
)
