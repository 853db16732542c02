"""Eval member ``goals``: goal extraction and goal follow-up against tests/gold/goals-*.yaml.

Per gold file (``source_plan``, ``target_year``, ``goals``):

- extraction: a gold goal is *found* when the checker lists a goal of the target year with the same
  target value (relative 1e-6) and unit whose text overlaps the gold ``goal_text`` (a shared run of
  at least 4 characters, or the whole shorter text, after deleting whitespace); unquantified gold
  goals by text overlap alone (a shared run of at least half the gold text, 4 characters minimum).
  Precision counts the checker's goals of the year (multi-year targets excluded) that match a gold
  goal. Quantified and unquantified are measured separately. Gold ``five_year_targets_2025`` must be
  among the goals the checker marks ``multi_year`` (same matching).
- follow-up (files with ``source_outcomes``): what the rule ``goal-followup`` of ``checker goals``
  (checker/command_rules/) finds, run through the engine, is scored: status accuracy over all gold
  goals (a goal the checker did not extract counts as wrong), outcome-value accuracy over gold goals
  with an ``outcome_value``, the share of gold ``not_reported`` reported as such, and the
  gold-reported goals the checker calls ``not_reported`` (should be none). Extraction is scored on
  the goal reader itself (checker/goals/extract.py): a plan with no review in the corpus gives the
  rule nothing to run on.

Units compare after folding spelling variants of one unit (名/人, 个月/月, 元/年/元, 个百分点/百分点).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.goals.text import lcs, squash
from checker.yamlfile import load_file

_UNIT_FOLD = {"名": "人", "个月": "月", "元/年": "元", "个百分点": "百分点", "位": "人", "大类": "类"}


def _unit(u: str | None) -> str:
    u = (u or "").strip()
    return _UNIT_FOLD.get(u, u)


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(float(a) - float(b)) <= 1e-6 * max(abs(float(a)), abs(float(b)), 1.0)


def _overlap_q(gold: str, mine: str) -> bool:
    g, m = squash(gold), squash(mine)
    return lcs(g, m) >= min(4, len(g), len(m))


def _overlap_u(gold: str, mine: str) -> int:
    g, m = squash(gold), squash(mine)
    n = lcs(g, m)
    return n if n >= max(4, min(len(g), (len(g) + 1) // 2)) else 0


def _pair(gold: list[dict], goals: list[Any]) -> dict[int, int]:
    """Gold index -> checker goal index, one-to-one, best text overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for ci, c in enumerate(goals):
            if g.get("quantified"):
                if c.quantity is None or not _same_value(g.get("target_value"), c.quantity.value):
                    continue
                if _unit(g.get("unit")) != _unit(c.quantity.unit) or not _overlap_q(g["goal_text"], c.text):
                    continue
                pairs.append((lcs(squash(g["goal_text"]), c.text), gi, ci))
            else:
                if c.quantity is not None:
                    continue
                n = _overlap_u(g["goal_text"], c.text)
                if n:
                    pairs.append((n, gi, ci))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, ci in pairs:
        if gi not in out and ci not in used:
            out[gi] = ci
            used.add(ci)
    return out


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def _load(docs_dir: Path, name: str) -> Any:
    from checker.errors import CheckerError
    from checker.model import DocMeta
    from checker.pipeline import load_document

    path = docs_dir / name
    if not path.exists():
        raise CheckerError("error.gold_doc_missing", path=str(path), gold="goals")
    return load_document(path, DocMeta(id=Path(name).stem))


@dataclass(frozen=True)
class _Target:
    value: float
    unit: str | None


@dataclass(frozen=True)
class _Followed:
    """One goal as a ``goal-followup`` finding reports it."""

    text: str
    quantity: _Target | None
    status: str
    outcome_value: float | None


def _followup(plan: Any, review: Any, year: int | None) -> list[_Followed]:
    """The goals of ``plan``'s year as the command rule ``goal-followup`` reports them."""
    from checker.commands import GOAL_RULES, command_rule
    from checker.engine import ENGINE_STATUSES, SimpleCorpus, run_rules
    from checker.errors import CheckerError

    review.meta.reviews = plan.id
    rule = command_rule(GOAL_RULES[0], {"year": year}, only={"plan": plan.id})
    findings = run_rules(SimpleCorpus([plan, review]), [rule])
    broken = [f for f in findings if f.status in ENGINE_STATUSES]
    if broken:
        raise CheckerError("error.eval_crashed", what="goals", message=broken[0].message)
    out = []
    for f in findings:
        d = f.data
        target = _Target(d["target_value"], d["unit"]) if d["quantified"] else None
        out.append(_Followed(d["goal_text"], target, f.status, d["outcome_value"]))
    return out


def _evaluate_file(path: Path, docs_dir: Path) -> dict:
    from checker.analysis.store import AnalysisStore
    from checker.goals.extract import extract_goals

    store = AnalysisStore()  # each document read once for this gold file
    gold = load_file(path, "gold")
    year = gold.get("target_year")
    plan = _load(docs_dir, gold["source_plan"])
    goals = [g for g in extract_goals(plan, store=store) if g.year in (year, None) and not g.multi_year]
    entries = gold.get("goals") or []
    result: dict[str, Any] = {"plan": gold["source_plan"], "year": year}
    for label, want in (("quantified", True), ("unquantified", False)):
        gsub = [g for g in entries if bool(g.get("quantified")) == want]
        csub = [c for c in goals if (c.quantity is not None) == want]
        paired = _pair(gsub, csub)
        result[label] = {
            "gold": len(gsub), "found": len(paired), "listed": len(csub),
            "recall": _ratio(len(paired), len(gsub)), "precision": _ratio(len(paired), len(csub)),
            "missed": [gsub[i]["goal_text"] for i in range(len(gsub)) if i not in paired],
        }
    five = gold.get("five_year_targets_2025") or []
    if five:  # multi-year targets: found among the goals the checker marks multi_year
        multi = [g for g in extract_goals(plan, store=store) if g.multi_year]
        paired = _pair(five, multi)
        result["multi_year"] = {"gold": len(five), "marked": len(paired),
                                "recall": _ratio(len(paired), len(five)),
                                "missed": [five[i]["goal_text"] for i in range(len(five)) if i not in paired]}
    if gold.get("source_outcomes") and any(g.get("status") for g in entries):
        review = _load(docs_dir, gold["source_outcomes"])
        tracked = _followup(plan, review, year)
        paired = _pair(entries, tracked)
        right, wrong, out_ok, out_n = 0, [], 0, 0
        split = {True: [0, 0], False: [0, 0]}  # quantified? -> [right, total]
        nr_total = nr_ok = 0
        lost = []
        for gi, g in enumerate(entries):
            t = tracked[paired[gi]] if gi in paired else None
            status = t.status if t else "not_extracted"
            split[bool(g.get("quantified"))][1] += 1
            if status == g.get("status"):
                right += 1
                split[bool(g.get("quantified"))][0] += 1
            else:
                wrong.append(f"{g['goal_text']}: gold {g.get('status')}, checker {status}")
            if g.get("status") == "not_reported":
                nr_total += 1
                nr_ok += status == "not_reported"
            elif status in ("not_reported", "not_extracted"):
                lost.append(g["goal_text"])
            if g.get("outcome_value") is not None and g.get("quantified"):
                out_n += 1
                if t and _same_value(t.outcome_value, g["outcome_value"]):
                    out_ok += 1
        result["followup"] = {
            "goals": len(entries), "status_accuracy": _ratio(right, len(entries)),
            "status_accuracy_quantified": _ratio(*split[True]),
            "status_accuracy_unquantified": _ratio(*split[False]),
            "outcome_accuracy": _ratio(out_ok, out_n), "outcomes": out_n,
            "not_reported_recall": _ratio(nr_ok, nr_total), "reported_but_missed": lost,
            "wrong": wrong,
        }
    return result


def _names_source_plan(path: Path) -> bool:
    gold = load_file(path, "gold")
    return isinstance(gold, dict) and "source_plan" in gold


def evaluate(gold_dir: Path, docs_dir: Path) -> dict | None:
    """Figures per goals gold file; None when there is none."""
    # Files naming plan_file/review_file (tests/gold/real/) belong to the real-goals member.
    files = [f for f in sorted(Path(gold_dir).glob("goals-*.yaml")) if _names_source_plan(f)]
    if not files:
        return None
    return {f.name: _evaluate_file(f, Path(docs_dir)) for f in files}


def rows(result: dict) -> list[tuple[str, str, object]]:
    """Table rows: measure, scope, value."""
    out: list[tuple[str, str, object]] = []
    for name, fig in result.items():
        for label in ("quantified", "unquantified"):
            f = fig[label]
            out.append((f"{label} goal recall", name, f"{f['recall']} ({f['found']}/{f['gold']})"))
            out.append((f"{label} goal precision", name, f"{f['precision']} ({f['found']}/{f['listed']})"))
        if "multi_year" in fig:
            f = fig["multi_year"]
            out.append(("multi-year targets marked", name, f"{f['recall']} ({f['marked']}/{f['gold']})"))
        if "followup" in fig:
            f = fig["followup"]
            out.append(("status accuracy", name, f"{f['status_accuracy']} ({f['goals']} goals)"))
            out.append(("status accuracy, quantified", name, f["status_accuracy_quantified"]))
            out.append(("status accuracy, unquantified", name, f["status_accuracy_unquantified"]))
            outcomes = f"{f['outcome_accuracy']} ({f['outcomes']} outcomes)"
            out.append(("outcome-value accuracy", name, outcomes))
            out.append(("not_reported recall", name, f["not_reported_recall"]))
            out.append(("reported goals called not_reported", name, len(f["reported_but_missed"])))
    return out
