"""What the two goal kinds share: the tracking of a plan's goals against the review that follows
it up, read once per run, and the params that tune it.

``goal_followup`` reports each goal's status; ``completion_claim`` holds the review's claims that
the year's targets were accomplished (``圆满完成了…下达的目标任务``) against those statuses. Both must
track with the same settings to agree, so they take the same tracking params.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.goals.extract import plan_sections
from checker.goals.match import review_spans
from checker.goals.model import Claim, Tracked
from checker.goals.track import settings_from_params, track
from checker.kinds.base import Param
from checker.kinds.context import KindContext
from checker.model import Document

TRACKING_PARAMS: dict[str, Param] = {
        "quantified_only": Param("boolean", False, "Track quantified goals only."),
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
}


def _review_for(ctx: KindContext, plan: Document, year: int | None) -> Document | None:
    """The review document of ``plan``: the one the scope selected that reviews ``year``."""
    docs = [d for d in ctx.slots.get("review") or [] if d is not plan]
    finder = getattr(ctx.corpus, "reviewer_of", None)
    reviewer = finder(plan.id) if finder else None
    if reviewer is not None and reviewer in docs:
        return reviewer
    with_year = [d for d in docs if review_spans(d, year)]
    chosen = with_year or docs
    return chosen[0] if chosen else None


Followup = tuple[Document, Document, int | None, list[Tracked], list[Claim]]


def followups(ctx: KindContext) -> Iterator[Followup]:
    """``(plan, review, year, tracked goals, completion claims)`` for every plan of the rule's scope
    and every year it plans that a selected review covers; the tracking is computed once per run
    (the goal rules — not reported, missed, met, claims — all read the same)."""
    params = ctx.params
    st = settings_from_params(params)
    store: Any = ctx.store
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
            key = (plan, review, repr(st), year, tuple((s.start, s.end) for s in sections))
            tracked, claims = store.memo(
                "goal_tracking", key,
                lambda p=plan, r=review, y=year, s=sections: track(p, r, st, year=y, sections=s, store=store))
            yield plan, review, year, tracked, claims
