"""Eval member ``summary``: summary fidelity against tests/gold/summary-vs-full.yaml.

What is scored is what the rule ``summary-fidelity`` of ``checker compare`` (checker/command_rules/)
finds, run through the engine: each finding's status and the summary span it quotes.

The gold file names the full report (``full_doc``) and lists entries per summary
(``summary_doc``, ``summary_text``, ``kind``, optional ``also``). Quotes are located in the
summary after keeping only letters, digits, CJK and ``%`` on both sides (markdown, bullets,
punctuation and whitespace differ between the gold's quoting and the file).

- A gold entry of a non-match kind is *found* when a discrepancy finding of that kind, or of one of
  its ``also`` kinds, quotes summary text overlapping the entry's (at least one character).
- Recall per kind, per summary and in total, over the non-match entries.
- False positives: discrepancy findings (every kind but ``number_match``) whose quote overlaps no
  gold entry at all.
- Findings on ``number_match`` entries: discrepancy findings overlapping a ``number_match`` entry
  and no non-match entry, and whose kind is not among that entry's ``also`` kinds (an entry
  ``number_match`` + ``also: [wording_changed]`` says the wording did change). ``strict`` counts
  them ignoring ``also``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.yamlfile import load_file

GOLD_FILE = "summary-vs-full.yaml"
MATCH = "number_match"


def _squash_map(text: str) -> tuple[str, list[int]]:
    chars, origin = [], []
    for i, ch in enumerate(text):
        if ch.isalnum() or ch == "%":
            chars.append(ch)
            origin.append(i)
    return "".join(chars), origin


def _squash(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum() or ch == "%")


def locate(doc_text: str, quote: str) -> list[tuple[int, int]]:
    """Every ``[start, end)`` of ``doc_text`` where ``quote`` occurs (compared squashed)."""
    squashed, origin = _squash_map(doc_text)
    q = _squash(quote)
    out: list[tuple[int, int]] = []
    if not q:
        return out
    k = squashed.find(q)
    while k != -1:
        out.append((origin[k], origin[k + len(q) - 1] + 1))
        k = squashed.find(q, k + 1)
    return out


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def evaluate(gold_dir: Path, docs_dir: Path) -> dict | None:
    """Figures per summary and in total; None when the gold file is absent."""
    path = Path(gold_dir) / GOLD_FILE
    if not path.is_file():
        return None
    gold = load_file(path, "gold")
    from checker.commands import summary_findings
    from checker.engine import SimpleCorpus
    from checker.model import DocMeta
    from checker.pipeline import load_document

    full_path = Path(docs_dir) / gold["full_doc"]
    full = load_document(full_path, DocMeta(id=Path(gold["full_doc"]).stem, kind="report"))
    by_doc: dict[str, list[dict]] = {}
    for entry in gold["entries"]:
        by_doc.setdefault(entry["summary_doc"], []).append(entry)
    result: dict[str, Any] = {"summaries": {}}
    totals: dict[str, Any] = {"entries": 0, "found": 0, "false_positives": 0, "on_match": 0,
                              "on_match_strict": 0}
    kind_totals: dict[str, list[int]] = {}
    for name, entries in by_doc.items():
        doc = load_document(Path(docs_dir) / name, DocMeta(id=Path(name).stem, kind="summary",
                                                           retells=full.id))
        figures = _one(doc, full, entries, _outcomes(summary_findings(SimpleCorpus([doc, full]))))
        result["summaries"][name] = figures
        for key in totals:
            totals[key] += figures[key]
        for kind, (n, f) in figures["by_kind"].items():
            kt = kind_totals.setdefault(kind, [0, 0])
            kt[0] += n
            kt[1] += f
    totals["recall"] = round(totals["found"] / totals["entries"], 3) if totals["entries"] else None
    result["total"] = totals
    result["by_kind"] = {k: {"entries": n, "found": f, "recall": round(f / n, 3) if n else None}
                         for k, (n, f) in sorted(kind_totals.items())}
    return result


@dataclass(frozen=True)
class _Outcome:
    """What a finding says: its status and the summary span it quotes."""

    kind: str
    s_start: int | None
    s_end: int
    detail: str


def _outcomes(findings: list[Any]) -> list[_Outcome]:
    from checker.engine import ENGINE_STATUSES
    from checker.errors import CheckerError

    broken = [f for f in findings if f.status in ENGINE_STATUSES]
    if broken:
        raise CheckerError("error.eval_crashed", what="summary", message=broken[0].message)
    return [_Outcome(f.status, f.data.get("summary_start"), f.data.get("summary_end") or 0,
                     str(f.data.get("detail", ""))) for f in findings]


def _one(doc: Any, full: Any, entries: list[dict], outcomes: list[_Outcome]) -> dict:
    spans = [locate(doc.text, e["summary_text"]) for e in entries]
    found_kinds: list[set[str]] = [set() for _ in entries]
    unlocated = [e["summary_text"] for e, s in zip(entries, spans, strict=True) if not s]
    fps: list[str] = []
    on_match: list[str] = []
    strict = 0
    for o in outcomes:
        if o.kind == MATCH or o.s_start is None:
            continue
        where = (o.s_start, o.s_end)
        hits = [i for i, s in enumerate(spans) if _overlaps(where, s)]
        for i in hits:
            found_kinds[i].add(o.kind)
        if not hits:
            fps.append(f"{o.kind}: {doc.text[o.s_start:o.s_end][:60]} ({o.detail[:60]})")
            continue
        if all(entries[i]["kind"] == MATCH for i in hits):
            strict += 1
            if not any(o.kind in (entries[i].get("also") or []) for i in hits):
                on_match.append(f"{o.kind}: {doc.text[o.s_start:o.s_end][:60]} ({o.detail[:60]})")
    by_kind: dict[str, tuple[int, int]] = {}
    missed: list[str] = []
    n = found = 0
    for e, got in zip(entries, found_kinds, strict=True):
        if e["kind"] == MATCH:
            continue
        n += 1
        wanted = {e["kind"], *(e.get("also") or [])}
        hit = bool(got & wanted)
        found += hit
        k = by_kind.get(e["kind"], (0, 0))
        by_kind[e["kind"]] = (k[0] + 1, k[1] + hit)
        if not hit:
            missed.append(f"{e['kind']}: {e['summary_text'][:60]}")
    return {
        "entries": n, "found": found, "recall": round(found / n, 3) if n else None,
        "by_kind": by_kind, "false_positives": len(fps), "on_match": len(on_match),
        "on_match_strict": strict, "missed": missed, "false_positive_quotes": fps,
        "on_match_quotes": on_match, "unlocated": unlocated,
    }


def rows(result: dict) -> list[tuple[str, str, object]]:
    """The table of ``checker eval``."""
    out: list[tuple[str, str, object]] = []
    for kind, f in result["by_kind"].items():
        out.append((f"recall {kind}", "all summaries", f"{f['found']}/{f['entries']} = {f['recall']}"))
    for name, f in result["summaries"].items():
        out.append(("recall (non-match entries)", name, f"{f['found']}/{f['entries']} = {f['recall']}"))
        out.append(("false positives", name, f["false_positives"]))
        out.append(("findings on number_match entries", name, f["on_match"]))
        if f["unlocated"]:
            out.append(("gold quotes not found in the summary", name, len(f["unlocated"])))
    t = result["total"]
    out.append(("recall (non-match entries)", "total", f"{t['found']}/{t['entries']} = {t['recall']}"))
    out.append(("false positives", "total", t["false_positives"]))
    out.append(("findings on number_match entries", "total", t["on_match"]))
    out.append(("  same, ignoring the entries' also kinds", "total", t["on_match_strict"]))
    return out
