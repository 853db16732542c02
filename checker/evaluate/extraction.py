"""Extraction figures against ``extraction-traps.yaml`` (format: tests/gold/README.md).

Each snippet is normalised as a loader would (``checker.normalize.normalize``) and read with
``find_quantities``. A found quantity counts when value (base units, relative tolerance 1e-6), unit
and qualifier all agree with a gold one, matched one to one. ``identifier_rejection`` is the share of
snippets whose gold is ``expected: []`` where nothing was found.
"""

from __future__ import annotations

from pathlib import Path

from checker.yamlfile import load_file

GOLD_FILE = "extraction-traps.yaml"
REL_TOL = 1e-6


def _normalise(raw: str) -> str:
    try:
        from checker.normalize import normalize
    except ImportError:  # before normalisation exists: delete whitespace, as the gold's snippet_clean does
        return "".join(raw.split())
    return normalize(raw)[0]


def _same(found: tuple[float, str, str], gold: tuple[float, str, str]) -> bool:
    fv, fu, fq = found
    gv, gu, gq = gold
    close = abs(fv - gv) <= REL_TOL * max(abs(fv), abs(gv)) if (fv or gv) else True
    return close and fu == gu and fq == gq


def _fmt(q: tuple[float, str, str]) -> str:
    value, unit, qual = q
    shown = int(value) if float(value).is_integer() else value
    return f"{'' if qual == '=' else qual}{shown} {unit}"


def _share(right: int, total: int) -> float | None:
    return round(right / total, 4) if total else None


def _match(found: list[tuple[float, str, str]], gold: list[tuple[float, str, str]]) -> list[tuple[int, int]]:
    """One-to-one pairs (found index, gold index), in reading order."""
    free = list(range(len(gold)))
    pairs = []
    for i, f in enumerate(found):
        hit = next((j for j in free if _same(f, gold[j])), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((i, hit))
    return pairs


def score_snippet(found: list[tuple[float, str, str]], gold: list[tuple[float, str, str]]):
    """One-to-one matching: (true positives, unmatched found, unmatched gold)."""
    pairs = _match(found, gold)
    hit_f, hit_g = {i for i, _ in pairs}, {j for _, j in pairs}
    return (len(pairs), [f for i, f in enumerate(found) if i not in hit_f],
            [g for j, g in enumerate(gold) if j not in hit_g])


def evaluate(gold_dir: Path, docs_dir: Path) -> dict | None:
    """Precision, recall, F1 and identifier rejection over the trap snippets; None without gold.

    Where the gold gives a ``direction`` or a ``kind`` (growth vs level multiple), the matched
    quantity's is compared too (``direction_accuracy``, ``kind_accuracy``; not part of F1).
    """
    path = Path(gold_dir) / GOLD_FILE
    if not path.is_file():
        return None
    from checker.quantities import find_quantities

    traps = (load_file(path, "gold") or {}).get("traps") or []
    tp = fp = fn = 0
    empty = empty_ok = 0
    extra = {"direction": [0, 0], "kind": [0, 0]}  # field -> [right, labelled]
    errors: list[dict] = []
    for trap in traps:
        text = _normalise(str(trap.get("snippet", "")))
        quantities = find_quantities(text)
        found = [(q.value, q.unit, q.qualifier) for q in quantities]
        labels = trap.get("expected") or []
        gold = [(float(e["value"]), str(e["unit"]), str(e.get("qualifier", "="))) for e in labels]
        t, fps, fns = score_snippet(found, gold)
        tp, fp, fn = tp + t, fp + len(fps), fn + len(fns)
        for i, j in _match(found, gold):
            for field, tally in extra.items():
                if labels[j].get(field):
                    tally[1] += 1
                    tally[0] += getattr(quantities[i], field) == labels[j][field]
        if not gold:
            empty += 1
            empty_ok += not found
        sid = trap.get("id")
        errors += [{"snippet": sid, "error": "false_positive", "what": _fmt(q), "text": text} for q in fps]
        errors += [{"snippet": sid, "error": "miss", "what": _fmt(q), "text": text} for q in fns]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "identifier_rejection": round(empty_ok / empty, 4) if empty else 1.0,
        "snippets": len(traps),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "identifier_snippets": empty,
        "direction_accuracy": _share(*extra["direction"]),
        "kind_accuracy": _share(*extra["kind"]),
        "labelled_directions": extra["direction"][1],
        "labelled_kinds": extra["kind"][1],
        "errors": errors,
    }


def rows(result: dict) -> list[tuple[str, str, object]]:
    """Table lines: the figures, then one line per miss or false positive."""
    scope = f"{result['snippets']} snippets"
    out: list[tuple[str, str, object]] = [
        ("precision", scope, result["precision"]),
        ("recall", scope, result["recall"]),
        ("f1", scope, result["f1"]),
        ("identifier_rejection", f"{result['identifier_snippets']} identifier snippets",
         result["identifier_rejection"]),
        ("tp / fp / fn", scope, f"{result['tp']} / {result['fp']} / {result['fn']}"),
        ("direction_accuracy", f"{result['labelled_directions']} labelled", result["direction_accuracy"]),
        ("kind_accuracy", f"{result['labelled_kinds']} labelled", result["kind_accuracy"]),
    ]
    for e in result["errors"]:
        out.append((e["error"], e["snippet"], e["what"]))
    return out
