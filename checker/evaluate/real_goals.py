"""Eval member ``real-goals``: goal follow-up over any number of labelled plan/review pairs.

Reads every ``goals-*.yaml`` of the gold folder that names ``plan_file`` and ``review_file`` (the
format of tests/gold/real/: goals with ``plan_line``, ``outcome_line``, ``qualifier: range`` with
``target_low``/``target_high``), runs the goal follow-up of ``checker goals`` on the two documents
and measures, per pair and in total:

- goal recall: gold quantified goals the checker lists — same plan line (±1), same target value
  (a range: either end), compatible unit, and a shared run of 4 characters (or the shorter text);
- goal precision: of the checker's quantified goals of the year in the labelled sections, those
  paired with a gold goal. The labelled sections are those of the gold goals (the main targets, unless
  the file says ``labelled_sections: [...]``); a section's extent is the lines from its first to its
  last gold goal, or ``labelled_lines: [[first, last], ...]`` when the file gives them;
- outcome-value accuracy over gold goals with an ``outcome_value``: the checker's outcome has the
  same value and comes from the labelled sentence (its line within 2 of ``outcome_line``: a
  sentence may start a line or two before its figure);
- status accuracy over all gold quantified goals (a goal not found counts as wrong).

A pair the checker refuses (no plan or review section found) counts as all goals missed and is
listed with the reason. ``--format json`` lists the missed goals, the extra ones and the wrong
outcomes and statuses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.goals.text import lcs
from checker.yamlfile import load_file

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
# Spellings of one unit (the gold writes 人 for 名 / 万人 expanded, 个百分点 for 百分点).
_UNIT_FOLD = {"名": "人", "个月": "月", "元/年": "元", "个百分点": "百分点", "位": "人"}


def _squash(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def _unit(u: str | None) -> str:
    u = (u or "").strip()
    return _UNIT_FOLD.get(u, u)


def _targets(g: dict) -> list[Any]:
    if g.get("qualifier") == "range":
        return [g.get("target_low"), g.get("target_high")]
    return [g.get("target_value")]


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def _read_gold(path: Path) -> dict | None:
    """The gold file when it names a plan/review pair, else None; one clear error when malformed."""
    gold = load_file(path, "gold")
    if not isinstance(gold, dict) or not gold.get("plan_file") or not gold.get("review_file"):
        return None
    goals = gold.get("goals")
    if not isinstance(goals, list) or not all(isinstance(g, dict) for g in goals):
        raise CheckerError("error.gold_goals_not_list", path=str(path))
    for i, g in enumerate(goals, 1):
        if g.get("quantified") and (not g.get("goal_text") or not isinstance(g.get("plan_line"), int)):
            raise CheckerError("error.gold_goal_fields", path=str(path), n=i)
    return gold


def _spans(gold: dict) -> list[tuple[int, int]]:
    """Line extents of the labelled sections (see the module docstring)."""
    if gold.get("labelled_lines"):
        return [(int(a), int(b)) for a, b in gold["labelled_lines"]]
    goals = gold.get("goals") or []
    wanted = set(gold.get("labelled_sections") or {g.get("section") for g in goals})
    spans = []
    for section in wanted:
        lines = [g["plan_line"] for g in goals if g.get("section") == section and g.get("plan_line")]
        if lines:
            spans.append((min(lines), max(lines)))
    return spans


def goal_findings(plan: Path, review: Path, year: int | None) -> list[dict]:
    """The quantified goal rows of ``checker goals PLAN REVIEW --year`` as flat dicts."""
    from checker.commands import goal_findings as command_goal_findings
    from checker.commands import plan_and_review

    corpus = plan_and_review(plan, review, year)
    found = command_goal_findings(corpus, corpus.documents[0].id, {"year": year, "quantified_only": True})
    rows = [f.to_dict() for f in found]
    return [r for r in rows if r.get("rule") == "goal-followup" and r.get("target_value") is not None
            and not r.get("multi_year")]


def _outcome_line(row: dict) -> int | None:
    for e in row.get("evidence") or []:
        if e.get("role") == "outcome":
            return e.get("line")
    return None


def _pair(gold: list[dict], rows: list[dict]) -> dict[int, int]:
    """Gold index -> checker row index, one-to-one, longest shared text first."""
    cands = []
    for gi, g in enumerate(gold):
        gt = _squash(g["goal_text"])
        for ri, r in enumerate(rows):
            if abs(int(r.get("line") or 0) - g["plan_line"]) > 1:
                continue
            if not any(_same(t, r.get("target_value")) for t in _targets(g)):
                continue
            cu = _unit(r.get("unit"))
            if cu and cu != _unit(g.get("unit")):
                continue
            rt = _squash(r.get("goal_text"))
            run = lcs(gt, rt)  # longest common substring (城镇新增就业1100万人以上 / 新增就业1100万人 → 10)
            if run >= min(4, len(gt), len(rt)) and run:
                cands.append((-run, gi, ri))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, ri in sorted(cands):
        if gi not in out and ri not in used:
            out[gi] = ri
            used.add(ri)
    return out


def _evaluate_pair(path: Path, gold: dict, docs_dir: Path) -> dict:
    entries = [g for g in gold.get("goals") or [] if g.get("quantified")]
    plan, review = docs_dir / gold["plan_file"], docs_dir / gold["review_file"]
    for doc in (plan, review):
        if not doc.is_file():
            raise CheckerError("error.gold_doc_missing", path=str(doc), gold=path.name)
    fig: dict[str, Any] = {"plan": gold["plan_file"], "review": gold["review_file"],
                           "year": gold.get("target_year"), "refused": None}
    try:
        rows = goal_findings(plan, review, gold.get("target_year"))
    except CheckerError as exc:
        fig["refused"] = str(exc)
        rows = []
    spans = _spans(gold)
    listed = [i for i, r in enumerate(rows) if any(a <= int(r.get("line") or 0) <= b for a, b in spans)]
    paired = _pair(entries, rows)
    missed, wrong_status, wrong_outcome = [], [], []
    status_ok = outcome_ok = outcomes = 0
    for gi, g in enumerate(entries):
        r = rows[paired[gi]] if gi in paired else None
        if r is None:
            missed.append(g["goal_text"])
        status = r.get("status") if r else "not_found"
        if status == g.get("status"):
            status_ok += 1
        else:
            wrong_status.append({"goal": g["goal_text"], "gold": g.get("status"), "checker": status})
        if g.get("outcome_value") is not None:
            outcomes += 1
            line, want = _outcome_line(r) if r else None, g.get("outcome_line")
            near = want is None or (line is not None and abs(line - want) <= 2)
            if r and _same(r.get("outcome_value"), g["outcome_value"]) and near:
                outcome_ok += 1
            else:
                wrong_outcome.append({"goal": g["goal_text"], "gold": g["outcome_value"],
                                      "checker": r.get("outcome_value") if r else None,
                                      "checker_text": r.get("outcome_text") if r else None})
    found_listed = sum(1 for ri in paired.values() if ri in listed)
    fig.update({
        "gold": len(entries), "found": len(paired), "listed": len(listed), "listed_found": found_listed,
        "outcomes": outcomes, "outcomes_right": outcome_ok, "statuses_right": status_ok,
        "recall": _ratio(len(paired), len(entries)), "precision": _ratio(found_listed, len(listed)),
        "outcome_accuracy": _ratio(outcome_ok, outcomes), "status_accuracy": _ratio(status_ok, len(entries)),
        "missed": missed,
        "extra": [rows[i].get("goal_text") for i in listed if i not in paired.values()],
        "wrong_outcomes": wrong_outcome, "wrong_statuses": wrong_status,
    })
    return fig


def _total(pairs: dict[str, dict]) -> dict:
    s = {k: sum(p[k] for p in pairs.values())
         for k in ("gold", "found", "listed", "listed_found", "outcomes", "outcomes_right", "statuses_right")}
    return {**s, "pairs": len(pairs),
            "recall": _ratio(s["found"], s["gold"]), "precision": _ratio(s["listed_found"], s["listed"]),
            "outcome_accuracy": _ratio(s["outcomes_right"], s["outcomes"]),
            "status_accuracy": _ratio(s["statuses_right"], s["gold"]),
            "refused": [name for name, p in pairs.items() if p["refused"]]}


def evaluate(gold_dir: Path, docs_dir: Path) -> dict | None:
    """Figures per labelled pair and in total; None when the folder has no pair files."""
    pairs = {}
    for path in sorted(Path(gold_dir).glob("goals-*.yaml")):
        gold = _read_gold(path)
        if gold is not None:
            pairs[path.name] = _evaluate_pair(path, gold, Path(docs_dir))
    if not pairs:
        return None
    return {"pairs": pairs, "total": _total(pairs)}


def _cell(ratio: float | None, num: int, den: int) -> str:
    return f"{ratio} ({num}/{den})" if den else "-"


def rows(result: dict) -> list[tuple[str, str, object]]:
    """Table rows: measure, scope (gold file or total), value."""
    out: list[tuple[str, str, object]] = []
    for name, f in [*result["pairs"].items(), ("total", result["total"])]:
        if name != "total" and f["refused"]:
            out.append(("refused (goals counted missed)", name, f["refused"]))
        out.append(("goal recall", name, _cell(f["recall"], f["found"], f["gold"])))
        out.append(("goal precision", name, _cell(f["precision"], f["listed_found"], f["listed"])))
        out.append(("outcome-value accuracy", name, _cell(f["outcome_accuracy"], f["outcomes_right"],
                                                          f["outcomes"])))
        out.append(("status accuracy", name, _cell(f["status_accuracy"], f["statuses_right"], f["gold"])))
    refused = result["total"]["refused"]
    out.append(("pairs refused", "total", f"{len(refused)}: {', '.join(refused)}" if refused else 0))
    return out
