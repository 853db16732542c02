"""Kind ``goal_followup``: was each goal of a plan reported back in the next review, and met?

What it does
    Extracts every goal of the plan sections of the ``plan`` document — each quantified target
    (``新增3万个中小学学位``; ``新开工500个、完工400个`` is two goals) and the checkable unquantified
    ones (``组建数据交易中心``) — and looks for each in the review section of the ``review``
    document that covers the goal's year: the same metric whatever the word order
    (``新增中小学学位3.4万个``), a compatible unit, the same action (新开工 is not 完工), never a
    number alone. Each goal gets a status with its reasoning (target, qualifier, outcome, ratio):
    ``exceeded``, ``met``, ``partly``, ``missed``, ``qualitative_claim`` (reported in words only),
    ``not_reported``, ``ambiguous`` (several figures fit). The kind ``completion_claim`` holds the
    review's claims that the targets were met against these statuses.

Why
    Goals that are never mentioned again, or quietly missed, are what readers of a work report most
    need to know.

Settings
    ``statuses`` (which statuses become findings; exceeded/met are passes), qualifier semantics
    (``qualifier_modes``: 以上 floor, 以内/低于 ceiling, 左右 about; ``ceiling_metrics``: price
    targets whose 左右 is a ceiling), ``about_margin_points``/``about_margin_share``, matching thresholds.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.findings import Finding
from checker.goals.report import fields
from checker.goals.status import STATUSES  # what goal tracking can say of a goal
from checker.kinds.base import SEVERITY_BY_STATUS, STATUS_LIST, KindSpec, Param
from checker.kinds.context import KindContext
from checker.kinds.goal_tracking import TRACKING_PARAMS, followups


def check(ctx: KindContext) -> Iterator[Finding]:
    params = ctx.params
    severities = dict(params.get("severities") or {})
    wanted = set(params.get("statuses") or STATUSES)
    for plan, review, _, tracked, _ in followups(ctx):
        for t in tracked:
            if t.status not in wanted or (params.get("unquantified_only") and t.goal.quantified):
                continue
            data = fields(t)
            evidence = []
            if t.outcome is not None:
                evidence.append((t.outcome.doc, t.outcome.start, t.outcome.end, "outcome"))
            for c in t.candidates if t.status == "ambiguous" else []:
                if c is not t.outcome:
                    evidence.append((c.doc, c.start, c.end, "candidate"))
            data["review_doc"] = review.id
            yield ctx.finding(t.status, plan, t.goal.start, t.goal.end, role="goal",
                              severity=severities.get(t.status),
                              metric=t.goal.metric, expected=data["target"], actual=data["outcome"],
                              evidence=evidence, data=data, extra=f"{t.status}|{t.goal.text}")


KIND = KindSpec(
    name="goal_followup",
    summary="Each goal of a plan is reported back in the next review, and met.",
    check=check,
    slots=("plan", "review"),
    params={
        "statuses": Param("array", list(STATUSES), "Statuses that become findings (exceeded and met "
                          "are passes).", of=STATUS_LIST),
        "severities": Param("object", {}, "Severity per status (others take the rule's severity), "
                            "e.g. {not_reported: warning}.", of=SEVERITY_BY_STATUS),
        "unquantified_only": Param("boolean", False, "Report goals without a number only (the "
                                   "quantified ones are still tracked, so figures pair the same way)."),
        **TRACKING_PARAMS,
    },
    placeholders=frozenset({
        "goal", "goal_text", "target", "outcome", "outcome_text", "status_zh", "reason", "plan_year",
        "review_doc", "ratio", "unit", "qualifier", "target_value", "outcome_value", "section", "mode",
    }),
    statuses=STATUSES,
    pass_statuses=frozenset({"exceeded", "met"}),
    per_document=True,
    default_scope={"plan": {"kind": "report", "section": "plan"},
                   "review": {"relation": "reviews", "section": "review"}},
    default_message="{plan_year} 目标「{goal}」: {status_zh} — {reason}",
)
