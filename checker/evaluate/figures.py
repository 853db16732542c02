"""Eval member ``figures``: figure agreement and series against ``same-figure.yaml``.

Measures (gold format: tests/gold/same-figure.yaml, five-year targets in goals-*.yaml):

Groups, false disagreements and trap pairs score what the rule ``figure-agreement``
(checker/command_rules/) finds, run through the engine (each finding lists its group's
occurrences); series and five-year targets score the series library (checker/analysis/series.py).

- ``groups found``: share of gold same-year groups the checker groups with all their
  occurrences — a gold group is found when one checker group holds, for every gold occurrence,
  a distinct figure of that document whose quantity lies inside the occurrence's text (compared
  after deleting whitespace) and whose value is the gold value;
- ``series points found``: gold series points (with a value) that sit in a checker series of at
  least two years; ``series linked``: gold series with at least two of their points in one
  checker series;
- ``false disagreements``: disagreement groups on the documents (the gold says all agree);
- ``trap pairs``: pairs of ``same_value_different_metric`` occurrences put in one group (must be 0);
- ``five-year targets``: targets with a progress finding, and those whose latest value is the
  gold's latest interim value (or ``no_data`` when the gold has none).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.yamlfile import load_file

GOLD_FILE = "same-figure.yaml"
_NOTE = re.compile(r"\s*\([ -~]*\)\s*$")


# --- locating gold quotes ---------------------------------------------------------------------


class Locator:
    """Finds gold quotes in a document's normalised text, ignoring whitespace."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        chars, offsets = [], []
        for i, ch in enumerate(doc.match_text):
            if not ch.isspace():
                chars.append(ch)
                offsets.append(i)
        self.compact = "".join(chars)
        self.offsets = offsets
        self._cache: dict[str, list[tuple[int, int]]] = {}

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """``[start, end)`` offsets of every place ``quote`` occurs (whitespace ignored).

        A quote not found as written is tried without a trailing ASCII note in parentheses
        (``… (line 1 and again line 3)``), which some gold entries append.
        """
        if quote in self._cache:
            return self._cache[quote]
        out = self._find(quote)
        if not out:
            bare = _NOTE.sub("", quote)
            if bare != quote:
                out = self._find(bare)
        self._cache[quote] = out
        return out

    def _find(self, quote: str) -> list[tuple[int, int]]:
        needle = _compact(_normalise(quote))
        out: list[tuple[int, int]] = []
        if needle:
            i = self.compact.find(needle)
            while i != -1:
                out.append((self.offsets[i], self.offsets[i + len(needle) - 1] + 1))
                i = self.compact.find(needle, i + 1)
        return out


def _normalise(text: str) -> str:
    from checker.normalize import normalize, to_simplified

    return to_simplified(normalize(text)[0])


def _compact(text: str) -> str:
    return "".join(text.split())


def _value_ok(q: Any, gold: Any) -> bool:
    """The quantity states the gold value (a share ``0.7`` may be stated as 70%)."""
    if not isinstance(gold, (int, float)) or isinstance(gold, bool):
        return True
    return any(math.isclose(q.value, g, rel_tol=1e-6) for g in (gold, gold * 100))


def _inside(fig: Any, spans: Sequence[tuple[int, int]]) -> bool:
    q = fig.quantity
    return any(a <= q.start and q.end <= b for a, b in spans)


# --- matching ----------------------------------------------------------------------------------


def _match(occurrences: Sequence[dict], figs: Sequence[Any], locators: dict[str, Locator],
           value: Any = None) -> list[Any] | None:
    """A distinct figure of ``figs`` for every gold occurrence (bipartite matching), or None."""
    options: list[list[int]] = []
    for occ in occurrences:
        loc = locators.get(occ.get("doc") or "")
        if loc is None or not occ.get("text"):
            return None
        spans = loc.spans(occ["text"])
        opts = [i for i, f in enumerate(figs)
                if f.doc is loc.doc and _inside(f, spans) and _value_ok(f.quantity, value)]
        if not opts:
            return None
        options.append(opts)
    owner: dict[int, int] = {}

    def assign(k: int, seen: set[int]) -> bool:
        for i in options[k]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or assign(owner[i], seen):
                owner[i] = k
                return True
        return False

    for k in range(len(options)):
        if not assign(k, set()):
            return None
    return [figs[i] for i in sorted(owner, key=lambda i: owner[i])]


def _trap_pairs(trap: dict, groups: Iterable[Sequence[Any]], locators: dict[str, Locator]) -> int:
    """Pairs of the trap's occurrences that one checker group holds together."""
    occs = trap.get("occurrences") or []
    pairs = 0
    for group in groups:
        hit = []
        for k, occ in enumerate(occs):
            loc = locators.get(occ.get("doc") or "")
            if loc is not None and any(f.doc is loc.doc and _inside(f, loc.spans(occ["text"]))
                                       for f in group):
                hit.append(k)
        pairs += len(hit) * (len(hit) - 1) // 2
    return pairs


# --- evaluate ----------------------------------------------------------------------------------


def evaluate(gold_dir: Path, docs_dir: Path) -> dict | None:
    """Figures for the ``figures`` member, or None when ``same-figure.yaml`` is absent."""
    path = Path(gold_dir) / GOLD_FILE
    if not path.is_file():
        return None
    gold = load_file(path, "gold") or {}
    from checker.analysis.figures import collect_figures
    from checker.analysis.series import build_series, progress_all
    from checker.corpus import load_corpus

    corpus = load_corpus(Path(docs_dir))
    docs = list(corpus.documents)
    locators = {d.path.name: Locator(d) for d in docs}
    figures = collect_figures(docs, corpus)
    groups, disagreements = _rule_groups(corpus)

    gold_groups = gold.get("same_year_same_metric") or []
    found, missed = 0, []
    for g in gold_groups:
        if any(_match(g["occurrences"], grp, locators, g.get("value")) for grp in groups):
            found += 1
        else:
            missed.append(f"{g.get('metric')} ({g.get('year')})")

    traps = gold.get("same_value_different_metric") or []
    trap_pairs = sum(_trap_pairs(t, groups, locators) for t in traps)

    series = build_series(figures)
    points_total = points_found = linked = linkable = 0
    for s in gold.get("series") or []:
        hits = []
        for p in s.get("points") or []:
            if not isinstance(p.get("value"), (int, float)) or not p.get("doc") or not p.get("text"):
                continue
            points_total += 1
            where = [i for i, cs in enumerate(series)
                     if _match([p], [f for pt in cs.points for f in pt.figures], locators, p["value"])]
            if where:
                points_found += 1
            hits.append(set(where))
        if len(hits) >= 2:
            linkable += 1
            counts: dict[int, int] = {}
            for h in hits:
                for i in h:
                    counts[i] = counts.get(i, 0) + 1
            if counts and max(counts.values()) >= 2:
                linked += 1

    five = _five_year(Path(gold_dir), figures, locators, progress_all)
    n = len(gold_groups)
    return {
        "groups": n,
        "groups_found": found,
        "groups_found_share": round(found / n, 3) if n else None,
        "groups_missed": missed,
        "checker_groups": len(groups),
        "false_disagreements": len(disagreements),
        "disagreements": disagreements,
        "trap_pairs": trap_pairs,
        "traps": len(traps),
        "series_points": points_total,
        "series_points_found": points_found,
        "series": linkable,
        "series_linked": linked,
        "checker_series": len(series),
        **five,
    }


@dataclass(frozen=True)
class _Stated:
    """Where a group's occurrence states its number, and the number."""

    start: int
    end: int
    value: float


@dataclass(frozen=True)
class _Occurrence:
    """One occurrence of a group, as a ``figure-agreement`` finding lists it."""

    doc: Any
    quantity: _Stated


def _rule_groups(corpus: Any) -> tuple[list[list[_Occurrence]], list[str]]:
    """The groups the rule ``figure-agreement`` finds, and its disagreements as text."""
    from checker.commands import figure_findings
    from checker.engine import ENGINE_STATUSES
    from checker.errors import CheckerError

    by_id = {d.id: d for d in corpus.documents}
    groups, disagreements = [], []
    for f in figure_findings(corpus):
        if f.status in ENGINE_STATUSES:
            raise CheckerError("error.eval_crashed", what="figures", message=f.message)
        rows = f.data["occurrence_list"]
        groups.append([_Occurrence(by_id[r["doc_id"]], _Stated(r["start"], r["end"], r["value"]))
                       for r in rows])
        if f.status == "disagree":
            d = f.data
            disagreements.append(f"{d['key']} {d['year']} {d['figure_kind']}: "
                                 + " / ".join(f"{r['doc_id']}:{r['stated']}" for r in rows))
    return groups, disagreements


def _five_year(gold_dir: Path, figures: list[Any], locators: dict[str, Locator],
               progress_all: Any) -> dict[str, Any]:
    """Five-year targets of the goals gold files: progress finding present, latest value right."""
    targets: list[tuple[Any, dict[str, Any]]] = []
    for path in sorted(gold_dir.glob("goals-*.yaml")):
        data = load_file(path, "gold") or {}
        source = data.get("source_plan")
        for key, items in data.items():
            if key.startswith("five_year_targets") and isinstance(items, list):
                targets.extend((source, t) for t in items)
    from checker.analysis.series import word_targets

    results = progress_all(figures)
    words = word_targets([loc.doc for loc in locators.values()])
    covered = latest_right = 0
    missing = []
    for source, t in targets:
        loc = locators.get(source or "")
        spans = loc.spans(t.get("goal_text") or "") if loc else []
        mine = [r for r in results if loc is not None and r.target.doc is loc.doc
                and _inside(r.target, spans)]
        said = [w for w in words if loc is not None and w.doc is loc.doc
                and any(a < w.end and w.start < b for a, b in spans)]
        if not mine and not said:
            missing.append(t.get("id"))
            continue
        covered += 1
        if said:
            later = [i for i in t.get("interim") or [] if i.get("doc") in locators and i.get("text")]
            w = said[0]
            if w.later is None:
                latest_right += not later
            else:
                doc, a, b = w.later
                latest_right += any(locators[i["doc"]].doc is doc
                                    and any(x < b and a < y for x, y in locators[i["doc"]].spans(i["text"]))
                                    for i in later)
            continue
        interim = [i for i in t.get("interim") or [] if isinstance(i.get("value"), (int, float))]
        if interim:
            want = max(interim, key=lambda i: int(str(i["year"])[-4:]))
            last = mine[-1].value
            if last is not None and math.isclose(last.value, want["value"], rel_tol=1e-6):
                latest_right += 1
        elif all(r.status == "no_data" for r in mine):
            latest_right += 1
    return {"five_year_targets": len(targets), "five_year_covered": covered,
            "five_year_latest_right": latest_right, "five_year_missing": missing}


def rows(result: dict) -> list[tuple[str, str, Any]]:
    """The table ``checker eval`` prints."""
    r = result
    return [
        ("groups found (all occurrences)", f"{r['groups_found']}/{r['groups']}", r["groups_found_share"]),
        ("false disagreements", "seeds (gold: all agree)", r["false_disagreements"]),
        ("trap pairs", f"{r['traps']} same-value traps", r["trap_pairs"]),
        ("series points found", f"{r['series_points_found']}/{r['series_points']}",
         round(r["series_points_found"] / r["series_points"], 3) if r["series_points"] else None),
        ("series linked", f"{r['series_linked']}/{r['series']}",
         round(r["series_linked"] / r["series"], 3) if r["series"] else None),
        ("five-year targets with progress", f"{r['five_year_covered']}/{r['five_year_targets']}",
         round(r["five_year_covered"] / r["five_year_targets"], 3) if r["five_year_targets"] else None),
        ("five-year latest value right", f"{r['five_year_latest_right']}/{r['five_year_targets']}",
         round(r["five_year_latest_right"] / r["five_year_targets"], 3) if r["five_year_targets"] else None),
    ]
