"""Eval member ``press``: summary fidelity on labelled press texts (format: tests/press/README.md).

Run as ``checker eval --gold tests/press --docs ../shared/realcorpus``: every ``*.yaml`` of the gold
folder with a ``press_file`` key is a label file; the press text lies beside it, the full report
(``full_file``) in the documents folder. Each pair goes through the function ``checker compare``
uses, and the findings are scored against the hand-made claims by position on the press line:

- a *discrepancy claim* (verdict mismatch / not_in_report / version_difference) is **found** when a
  non-passing finding of a status other than ``item_omitted`` / ``order_changed`` overlaps its text;
  such a finding is **explained**; every other non-passing finding is unexplained;
- **false number alarms**: unexplained findings of a number status (``number_*``, ``version_*``);
- **false errors**: unexplained findings at ``error``;
- **other-warning lines**: press lines carrying an unexplained ``warning``/``error`` finding of a
  status that is not a number status (those are already false number alarms);
- **speech-day versions**: version_difference claims named as such by a ``version_difference``
  finding, and those an ``error`` overlaps (a speech-day figure is another version, not an error).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CheckerError
from checker.i18n import Msg

VERDICTS = ("match", "mismatch", "not_in_report", "version_difference")
DISCREPANCY = frozenset({"mismatch", "not_in_report", "version_difference"})
DIFFERS = ("value", "qualifier", "unit", "metric", "year")
VERSION = "version_difference"  # a verdict and a finding status alike
# Outcomes that say something is absent or moved, not that this text is wrong: they cannot find a claim.
NOT_A_DISCREPANCY = frozenset({"item_omitted", "order_changed"})
NUMBER_PREFIXES = ("number_", "version_")
LOUD = frozenset({"warning", "error"})


@dataclass
class Claim:
    """One number-bearing claim of a press text: ``{press_line: 3, press_text: 增长5.2%, verdict: match}``."""

    press_line: int
    press_text: str
    verdict: str
    differs: str | None = None
    full_line: int | None = None
    start: int = 0  # column span of press_text on its line, 0-based
    end: int = 0

    @property
    def discrepancy(self) -> bool:
        return self.verdict in DISCREPANCY


@dataclass
class PressLabels:
    """A label file: the press text, the report it retells, its claims and framing lines."""

    path: Path
    press_file: str
    full_file: str
    claims: list[Claim]
    framing_lines: list[int] = field(default_factory=list)


def _fail(path: Path, problem: str, /, **fields: Any) -> CheckerError:
    """``path: problem`` with ``problem`` a key of the ``label`` catalogue section."""
    return CheckerError("error.input", path=str(path), problem=Msg(f"label.{problem}", **fields))


def _claim(path: Path, i: int, raw: Any) -> Claim:
    where = f"claims[{i}]"
    if not isinstance(raw, dict):
        raise _fail(path, "not_mapping", where=where)
    line, text, verdict = raw.get("press_line"), raw.get("press_text"), raw.get("verdict")
    if not isinstance(line, int) or line < 1:
        raise _fail(path, "press_line", where=where)
    if not isinstance(text, str) or not text:
        raise _fail(path, "press_text", where=where)
    if verdict not in VERDICTS:
        raise _fail(path, "verdict", where=where, verdict=repr(verdict), choices=list(VERDICTS))
    differs = raw.get("differs")
    if verdict == "mismatch" and differs not in DIFFERS:
        raise _fail(path, "differs", where=where, choices=list(DIFFERS))
    full_line = raw.get("full_line")
    if verdict in ("match", "mismatch") and not isinstance(full_line, int):
        raise _fail(path, "full_line", where=where, verdict=verdict)
    return Claim(line, str(text), str(verdict), differs, full_line)


def load_labels(path: Path) -> PressLabels | None:
    """The label file at ``path``, or None when it is not one (no ``press_file`` key)."""
    from checker.yamlfile import load_file

    data = load_file(path, "label")
    if not isinstance(data, dict) or "press_file" not in data:
        return None
    if not isinstance(data.get("full_file"), str):
        raise _fail(path, "full_file")
    claims = data.get("claims") or []
    if not isinstance(claims, list):
        raise _fail(path, "claims")
    framing = data.get("framing_lines") or []
    if not isinstance(framing, list) or not all(isinstance(n, int) for n in framing):
        raise _fail(path, "framing_lines")
    return PressLabels(path, str(data["press_file"]), data["full_file"],
                       [_claim(path, i, c) for i, c in enumerate(claims)], framing)


def place_claims(labels: PressLabels, lines: list[str]) -> None:
    """Set each claim's column span; a press_text absent from its line is a label error."""
    for c in labels.claims:
        text = lines[c.press_line - 1] if c.press_line <= len(lines) else ""
        k = text.find(c.press_text)
        if k < 0:
            raise _fail(labels.path, "press_text_not_on_line", text=repr(c.press_text), line=c.press_line,
                        file=labels.press_file)
        c.start, c.end = k, k + len(c.press_text)


def finding_span(f: Any, lines: list[str]) -> tuple[int, int, int]:
    """``(line, start, end)`` of a finding on the press text: its quote found from its column on."""
    text = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
    col = max(f.column - 1, 0)
    quote = str(f.data.get("summary_quote") or "")
    k = text.find(quote, max(col - 4, 0)) if quote else -1
    if k >= 0:
        return f.line, k, k + len(quote)
    # The quote is normalised (spaces dropped, script folded): take its length from the column.
    return f.line, col, min(col + max(len(quote), 1), max(len(text), col + 1))


def _overlaps(span: tuple[int, int, int], c: Claim) -> bool:
    line, start, end = span
    return line == c.press_line and start < c.end and c.start < end


def _is_number(status: str) -> bool:
    return status.startswith(NUMBER_PREFIXES)


def score(labels: PressLabels, lines: list[str], findings: list[Any]) -> dict:
    """The figures of one press text from its findings (passes included or not)."""
    place_claims(labels, lines)
    wanted = [c for c in labels.claims if c.discrepancy]
    found: set[int] = set()
    alarms: list[str] = []
    errors: list[str] = []
    other_lines: set[int] = set()
    framing_warned: set[int] = set()
    versions = {i for i, c in enumerate(wanted) if c.verdict == VERSION}
    named: set[int] = set()
    versions_as_errors: set[int] = set()
    for f in findings:
        if f.passed:
            continue
        span = finding_span(f, lines)
        # An omission or a move overlapping a claim says nothing about it: it stays unexplained.
        hits = [] if f.status in NOT_A_DISCREPANCY else [
            i for i, c in enumerate(wanted) if _overlaps(span, c)]
        found.update(hits)
        if f.status == VERSION:
            named.update(versions.intersection(hits))
        if f.severity == "error":
            versions_as_errors.update(versions.intersection(hits))
        if hits:
            continue
        quote = f"{f.line}: {f.status} {str(f.data.get('summary_quote', ''))[:40]}"
        if _is_number(f.status):
            alarms.append(quote)
        if f.severity == "error":
            errors.append(quote)
        if f.severity in LOUD and not _is_number(f.status):
            other_lines.add(f.line)
        if f.severity in LOUD and f.line in labels.framing_lines:
            framing_warned.add(f.line)
    return {
        "claims": len(labels.claims),
        "discrepancies": len(wanted),
        "found": len(found),
        "false_number_alarms": len(alarms),
        "false_errors": len(errors),
        "other_warning_lines": len(other_lines),
        "framing_lines_warned": len(framing_warned),
        "versions": len(versions),
        "versions_named": len(named),
        "versions_as_errors": len(versions_as_errors),
        "missed": [f"{c.press_line}: {c.verdict} {c.press_text}" for i, c in enumerate(wanted)
                   if i not in found],
        "alarm_quotes": alarms,
        "error_quotes": errors,
    }


def label_files(gold_dir: Path) -> list[PressLabels]:
    """Every label file of ``gold_dir`` (other YAML files there are skipped)."""
    out = []
    for path in sorted(Path(gold_dir).glob("*.yaml")):
        labels = load_labels(path)
        if labels is not None:
            out.append(labels)
    return out


def _development_only(docs_dir: Path, labels: PressLabels) -> None:
    split = docs_dir / "dev.txt"
    if split.is_file() and labels.full_file not in split.read_text(encoding="utf-8").split():
        raise _fail(labels.path, "not_development", file=labels.full_file, split=str(split))


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise _fail(path, "unreadable", error=type(e).__name__) from None


def evaluate(gold_dir: Path, docs_dir: Path) -> dict | None:
    """Figures per press text and in total; None when the folder holds no label file."""
    from checker.commands import compare_files

    all_labels = label_files(Path(gold_dir))
    if not all_labels:
        return None
    docs_dir = Path(docs_dir)
    texts: dict[str, dict] = {}
    for labels in all_labels:
        _development_only(docs_dir, labels)
        press = labels.path.parent / labels.press_file
        full = docs_dir / labels.full_file
        for path in (press, full):
            if not path.is_file():
                raise _fail(labels.path, "missing", file=str(path))
        texts[labels.press_file] = score(labels, _read_lines(press), compare_files(press, full))
    return {"texts": texts, "total": totals(texts)}


def totals(texts: dict[str, dict]) -> dict:
    """Sums over the texts, the recall and the per-text rates."""
    keys = ("claims", "discrepancies", "found", "false_number_alarms", "false_errors",
            "other_warning_lines", "framing_lines_warned")
    t: dict[str, Any] = {k: sum(f[k] for f in texts.values()) for k in keys}
    for k in ("versions", "versions_named", "versions_as_errors"):
        t[k] = sum(f.get(k, 0) for f in texts.values())
    n = len(texts)
    t["texts"] = n
    t["recall"] = round(t["found"] / t["discrepancies"], 3) if t["discrepancies"] else None
    t["false_number_alarms_per_text"] = round(t["false_number_alarms"] / n, 2) if n else None
    t["other_warning_lines_per_text"] = round(t["other_warning_lines"] / n, 2) if n else None
    t["other_warning_lines_max"] = max((f["other_warning_lines"] for f in texts.values()), default=0)
    return t


def rows(result: dict) -> list[tuple[str, str, object]]:
    """The table of ``checker eval``: one row per text, then the totals."""
    out: list[tuple[str, str, object]] = []
    for name, f in result["texts"].items():
        out.append(("found · number alarms · errors · other-warning lines", name,
                    f"{f['found']}/{f['discrepancies']} · {f['false_number_alarms']} · "
                    f"{f['false_errors']} · {f['other_warning_lines']}"))
    t = result["total"]
    out.append(("texts · claims", "total", f"{t['texts']} · {t['claims']}"))
    out.append(("discrepancies found", "total", f"{t['found']}/{t['discrepancies']} = {t['recall']}"))
    out.append(("false number alarms", "total", f"{t['false_number_alarms']} "
                f"({t['false_number_alarms_per_text']} per text)"))
    out.append(("false errors", "total", t["false_errors"]))
    out.append(("lines with another warning", "total", f"{t['other_warning_lines']} "
                f"({t['other_warning_lines_per_text']} per text, max {t['other_warning_lines_max']})"))
    out.append(("framing lines with a warning", "total", t["framing_lines_warned"]))
    out.append(("speech-day versions named · as errors", "total",
                f"{t['versions_named']}/{t['versions']} · {t['versions_as_errors']}"))
    return out
