"""From tracked goals to findings fields: the words and numbers a finding shows.

Shared by the ``goal_followup`` kind and ``checker goals`` so both say exactly the same thing.
"""

from __future__ import annotations

from typing import Any

from checker.goals.model import Claim, Tracked
from checker.i18n import t as say

STATUS_ZH = {
    "exceeded": "超额完成", "met": "已完成", "partly": "部分完成", "missed": "未完成",
    "qualitative_claim": "仅文字表述", "not_reported": "未报告", "ambiguous": "多个候选",
}


def human_value(value: float | None, unit: str = "") -> str:
    """For people: ``36000000`` 平方米 → ``3600万平方米``; ``1e11`` 元 → ``1000亿元``."""
    if value is None:
        return "-"
    for step, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= step and unit not in ("%", "百分点"):
            return f"{value / step:.10g}{word}{unit}"
    return f"{value:.10g}{unit}"


def target_text(t: Tracked) -> str:
    q = t.goal.quantity
    if q is None:
        return say("goals.unquantified_target")
    return f"{q.qualifier if q.qualifier != '=' else ''}{human_value(q.value, q.unit)}"


def outcome_text(t: Tracked) -> str:
    if t.outcome is None:
        return "-"
    if t.outcome.value is not None and t.goal.quantity is not None:
        return human_value(t.outcome.value, t.goal.quantity.unit)
    return t.outcome.text


def _outcome_unit(t: Tracked) -> str | None:
    o, q = t.outcome, t.goal.quantity
    if o is None or o.value is None:
        return None
    if q is not None:
        return q.unit
    return o.quantity.unit if o.quantity else None


def reason_text(t: Tracked) -> str:
    """Why the goal got its status, in the catalogue's language (``checker/data/messages.yaml``):
    ``回顾中的数字 8.5%，对照目标 >=6%（下限），完成比 1.42``."""
    if t.status == "ambiguous":
        return say("goal_reason.ambiguous", n=max(len(t.candidates), 2))
    o = t.outcome
    if o is not None and o.value is not None and t.mode:
        mode = say(f"mode.{t.mode}") if t.mode in ("floor", "ceiling", "about", "range") else t.mode
        pair = {"outcome": outcome_text(t), "target": target_text(t), "mode": mode}
        if t.ratio is None:
            text = say("goal_reason.figure_no_ratio", **pair)
        else:
            text = say("goal_reason.figure", ratio=f"{t.ratio:.2f}", **pair)
        return text + (say("goal_reason.slightly_below") if t.within_margin else "")
    if t.status in ("met", "exceeded"):
        return say("goal_reason.done_words")
    if t.status == "qualitative_claim":
        return say("goal_reason.words_not_reached" if t.said_not_done else "goal_reason.words")
    if t.status == "missed":
        return say("goal_reason.words_not_done")
    return say("goal_reason.none")


def fields(t: Tracked) -> dict[str, Any]:
    """The kind-specific finding fields (flattened into JSON)."""
    g, o, q = t.goal, t.outcome, t.goal.quantity
    return {
        "goal_text": g.text,
        "target_value": q.value if q else None,
        "unit": q.unit if q else None,
        "qualifier": q.qualifier if q else None,
        "quantified": q is not None,
        "outcome_text": o.text if o else None,
        "outcome_value": o.value if o else None,
        "outcome_unit": _outcome_unit(t),
        "ratio": round(t.ratio, 4) if t.ratio is not None else None,
        "mode": t.mode,
        "reason": reason_text(t),
        "reason_detail": t.reason,
        "plan_year": g.year,
        "multi_year": g.multi_year,
        "section": g.section,
        "action": g.action,
        "candidates": [{"text": c.text, "value": c.value, "score": round(c.score, 3)} for c in t.candidates],
        "status_zh": STATUS_ZH.get(t.status, t.status),
        "goal": g.text,
        "target": target_text(t),
        "outcome": outcome_text(t),
        "review_doc": o.doc.id if o else "",
    }


def claim_fields(c: Claim) -> dict[str, Any]:
    bad = c.contradicted_by
    return {
        "claim_text": c.text,
        "contradicted_by": [{"goal_text": t.goal.text, "status": t.status} for t in bad],
        "missed_count": sum(t.status in ("missed", "partly") for t in bad),
        "not_reported_count": sum(t.status == "not_reported" for t in bad),
        "quantified_not_reported": sum(t.status == "not_reported" and t.goal.quantified for t in bad),
        "quantified_missed": sum(t.status in ("missed", "partly") and t.goal.quantified for t in bad),
    }
