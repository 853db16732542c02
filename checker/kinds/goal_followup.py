"""Kind ``goal_followup``: was each goal of a plan reported back in the next review, and met?

What it does
    Extracts every goal of the plan sections of the ``plan`` document — each quantified target
    (``新增3万个中小学学位``; ``新开工500个、完工400个`` is two goals) and the checkable unquantified
    ones (``组建数据交易中心``) — and looks for each in the review section of the ``review``
    document that covers the goal's year: the same metric whatever the word order
    (``新增中小学学位3.4万个``), a compatible unit, the same action (新开工 is not 完工), never a
    number alone. Each goal gets a status with its reasoning (target, qualifier, outcome, ratio):
    ``exceeded``, ``met``, ``partly``, ``missed``, ``qualitative_claim`` (reported in words only),
    ``not_reported``, ``ambiguous`` (several figures fit). With ``check: claims`` it instead holds
    the review's completion claims (``圆满完成了…下达的目标任务``) against those statuses.

Why
    Goals that are never mentioned again, or quietly missed, are what readers of a work report most
    need to know; a claim that "the targets were accomplished" is only as good as the goals behind it.

Settings
    ``statuses`` (which statuses become findings; exceeded/met are passes), qualifier semantics
    (``qualifier_modes``: 以上 floor, 以内/低于 ceiling, 左右 about; ``ceiling_metrics``: price
    targets whose 左右 is a ceiling), ``about_margin_points``/``about_margin_share``, matching thresholds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.findings import Finding
from checker.goals.status import STATUSES  # what goal tracking can say of a goal
from checker.kinds.base import SEVERITY_BY_STATUS, STATUS_LIST, KindSpec, Param
from checker.kinds.context import KindContext
from checker.model import Document

CLAIM_STATUSES = ("contradicted", "consistent")


def _review_for(ctx: KindContext, plan: Document, year: int | None) -> Document | None:
    """The review document of ``plan``: the one the scope selected that reviews ``year``."""
    from checker.goals.match import review_spans

    docs = [d for d in ctx.slots.get("review") or [] if d is not plan]
    finder = getattr(ctx.corpus, "reviewer_of", None)
    reviewer = finder(plan.id) if finder else None
    if reviewer is not None and reviewer in docs:
        return reviewer
    with_year = [d for d in docs if review_spans(d, year)]
    chosen = with_year or docs
    return chosen[0] if chosen else None


def _tracked(ctx: Any, plan: Any, review: Any, st: Any, year: int | None, sections: list) -> tuple:
    """``track`` of (plan, review, settings, year), computed once per run: the goal rules
    (not reported, missed, met, claims) all read the same tracking."""
    from checker.goals.track import track

    store = ctx.store
    key = (plan, review, repr(st), year, tuple((s.start, s.end) for s in sections))
    return store.memo("goal_tracking", key,
                      lambda: track(plan, review, st, year=year, sections=sections, store=store))


def check(ctx: KindContext) -> Iterator[Finding]:
    from checker.goals.extract import plan_sections
    from checker.goals.match import review_spans
    from checker.goals.report import claim_fields, fields
    from checker.goals.track import settings_from_params

    params = ctx.params
    st = settings_from_params(params)
    severities = dict(params.get("severities") or {})
    wanted = set(params.get("statuses") or STATUSES)
    for plan in ctx.slots.get("plan") or []:
        sections = ctx.sections("plan", plan) or plan_sections(plan)
        stated = sorted({s.year for s in sections if s.year is not None})
        years: list[int | None] = list(stated)
        if params.get("year") is not None:
            years = [y for y in stated if y == params["year"]] or ([params["year"]] if not stated else [])
        elif not years:
            years = [None]  # the plan's year could not be told: every review section is read
        for year in years:
            review = _review_for(ctx, plan, year)
            if review is None or not review_spans(review, year):
                continue  # nothing reviews this year in the corpus: no claim either way
            tracked, claims = _tracked(ctx, plan, review, st, year, sections)
            if params.get("check", "goals") == "claims":
                claim_wanted = wanted & set(CLAIM_STATUSES) or set(CLAIM_STATUSES)
                for c in claims:
                    status = "contradicted" if c.contradicted_by else "consistent"
                    if status not in claim_wanted:
                        continue
                    data = claim_fields(c)
                    data["plan_year"] = year
                    data["contradicted"] = "; ".join(
                        f"{t.goal.text}({t.status})" for t in c.contradicted_by[:8])
                    goals_ev = [(t.goal.doc, t.goal.start, t.goal.end, t.status)
                                for t in c.contradicted_by[:20]]
                    yield ctx.finding(status, review, c.start, c.end, role="claim", evidence=goals_ev,
                                      severity=severities.get(status),
                                      metric="completion claim", expected="every goal met",
                                      actual=f"{data['missed_count']} missed, "
                                             f"{data['not_reported_count']} not reported",
                                      data=data, extra=f"claim|{year}")
                continue
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


_PLACEHOLDERS = frozenset({
    "goal", "goal_text", "target", "outcome", "outcome_text", "status_zh", "reason", "plan_year",
    "review_doc", "ratio", "unit", "qualifier", "target_value", "outcome_value", "section", "mode",
    "claim_text", "missed_count", "not_reported_count", "contradicted",
})

KIND = KindSpec(
    name="goal_followup",
    summary="Each goal of a plan is reported back in the next review, and met (or a completion claim holds).",
    check=check,
    slots=("plan", "review"),
    params={
        "check": Param("string", "goals", "goals: one finding per goal; claims: the review's "
                       "completion claims held against the statuses", enum=("goals", "claims")),
        "statuses": Param("array", list(STATUSES), "Statuses that become findings (exceeded and met "
                          "are passes).", of=STATUS_LIST),
        "severities": Param("object", {}, "Severity per status (others take the rule's severity), "
                            "e.g. {not_reported: warning}.", of=SEVERITY_BY_STATUS),
        "quantified_only": Param("boolean", False, "Track quantified goals only."),
        "unquantified_only": Param("boolean", False, "Report goals without a number only (the "
                                   "quantified ones are still tracked, so figures pair the same way)."),
        "include_multi_year": Param("boolean", False,
                                    "Also score multi-year targets (到2025年) against the year."),
        "year": Param("integer", None, "Only the plan of this year."),
        "ceiling_metrics": Param("array", None, "Metrics whose 左右 target is a ceiling (default: "
                                 "price targets from checker/data/goal_vocab.yaml).", items="string"),
        "qualifier_modes": Param("object", None, "Qualifier → floor | ceiling | about (e.g. {'~': ceiling}).",
                                 schema={"additionalProperties": {"type": "string",
                                                                  "enum": ["floor", "ceiling", "about"]}}),
        "about_margin_points": Param("number", 0.3, "Margin of a 左右 percentage target: from the "
                                     "target up to target + margin is met, beyond exceeded.", minimum=0),
        "about_margin_share": Param("number", 0.05, "Margin of other 左右 targets, as a share of the "
                                    "target.", minimum=0),
        "min_metric_score": Param("number", 0.45, "Share of the goal's metric an outcome must name.",
                                  minimum=0, maximum=1),
        "min_object_score": Param("number", 0.65, "Overlap an unquantified goal's object needs.",
                                  minimum=0, maximum=1),
    },
    placeholders=_PLACEHOLDERS,
    statuses=(*STATUSES, *CLAIM_STATUSES),
    pass_statuses=frozenset({"exceeded", "met", "consistent"}),
    per_document=True,
    default_scope={"plan": {"kind": "report", "section": "plan"},
                   "review": {"relation": "reviews", "section": "review"}},
    default_message="{plan_year} 目标「{goal}」: {status_zh} — {reason}",
)
