"""The ``Finding`` value type: one row per check outcome, passes included.

A finding quotes every document involved (``evidence``) and carries a ``fingerprint`` built from
the rule, the documents and the normalised quoted text — not line numbers — so that baselines and
waivers survive a re-layout of the source (a PDF re-extracted, a paragraph re-wrapped).
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1, "none": 0}
# What an outcome is, as opposed to how severe the rule says its failures are: a pass of a
# `warning` rule has severity warning and level pass.
LEVELS = ("pass", *reversed(SEVERITIES))



@dataclass(frozen=True)
class Evidence:
    """A quote from one document, with where it stands in the user's file."""

    document: str       # path of the file as the user gave it
    line: int
    column: int
    text: str
    role: str = ""      # what this quote is in the check: goal, outcome, summary, full, …
    end_line: int | None = None
    end_column: int | None = None


@dataclass
class Finding:
    """One check outcome. ``passed`` is True for the kind's pass statuses (pass, met, …)."""

    rule: str
    kind: str
    status: str
    severity: str
    passed: bool
    document: str
    line: int
    column: int
    message: str
    metric: str = ""
    expected: str = ""
    actual: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    fingerprint: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # kind-specific fields (goal_text, …)
    suppressed: str | None = None  # waiver reason when a waiver covers this finding
    baselined: bool = False        # present in the baseline: not new

    @property
    def needs_attention(self) -> bool:
        return not self.passed and self.suppressed is None and not self.baselined

    @property
    def level(self) -> str:
        """``pass`` for a passing outcome, else the finding's severity (error | warning | info)."""
        return "pass" if self.passed else self.severity

    def to_dict(self) -> dict[str, Any]:
        """A flat JSON-ready dict: the fixed fields (and ``level``), then the kind's own fields."""
        # Not ``asdict(self)``: it deep-copies every value, a fifth of a big run's time; containers
        # are rebuilt here (nothing the caller changes reaches the finding), leaves are shared.
        return {k: _plain(v) for k, v in self.shallow_dict().items()}

    def shallow_dict(self) -> dict[str, Any]:
        """``to_dict``'s keys and values, nothing copied: the evidence and the kind's values are
        the finding's own (dataclasses in them not yet dicts). For serialising at once with
        ``json_default`` — rebuilding every container first cost as much as the JSON itself."""
        out = {k: getattr(self, k) for k in COLUMNS}  # the fixed fields and ``level``, in order
        for key, value in self.data.items():
            out.setdefault(key, value)
        return out


def json_default(value: Any) -> Any:
    """``json.dumps``'s ``default`` for ``Finding.shallow_dict``: a dataclass as the dict
    ``to_dict`` makes of it (its fields), anything else JSON cannot say as its text."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    return str(value)


def _plain(value: Any) -> Any:
    """``value`` with dataclasses as dicts and lists, tuples and dicts rebuilt (``asdict`` without
    copying the strings and numbers)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_plain(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):  # ``asdict``, field by field
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return copy.deepcopy(value)


def finding_from_dict(row: dict[str, Any]) -> Finding:
    """The inverse of ``Finding.to_dict``: fixed fields back in place, the rest into ``data``."""
    fixed = {f.name for f in fields(Finding)} - {"data", "evidence"}
    row = {k: v for k, v in row.items() if k != "level"}  # derived from passed and severity
    known = {f.name for f in fields(Evidence)}
    evidence = [Evidence(**{k: v for k, v in e.items() if k in known}) for e in row.get("evidence") or []]
    kwargs = {k: v for k, v in row.items() if k in fixed}
    data = {k: v for k, v in row.items() if k not in fixed and k != "evidence"}
    return Finding(**kwargs, evidence=evidence, data=data)


def findings_from_json(payload: dict[str, Any] | list[dict[str, Any]]) -> list[Finding]:
    """Findings from ``checker run --format json`` output (the object, or its ``findings`` list)."""
    rows = payload["findings"] if isinstance(payload, dict) else payload
    return [finding_from_dict(r) for r in rows]


def normalise_quote(text: str) -> str:
    """Quote text as fingerprints see it: no whitespace at all (PDF re-wraps move it)."""
    # str.split() splits on exactly the characters ``\s`` matches (checked over every code point)
    return "".join(text.split())


def fingerprint(rule: str, documents: list[str], quotes: list[str], extra: str = "") -> str:
    """A stable id of a finding: rule + document names + normalised quotes (+ a discriminator)."""
    h = hashlib.sha256()
    for part in (rule, *sorted(documents), *(normalise_quote(q) for q in quotes), extra):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


COLUMNS = [
    "rule", "kind", "status", "level", "severity", "passed", "document", "line", "column", "metric",
    "expected", "actual", "evidence", "message", "fingerprint", "suppressed", "baselined",
]


def to_frame(findings: list[Finding]) -> Any:
    """The findings as a pandas DataFrame (pandas imported only here)."""
    import pandas as pd

    rows = [f.to_dict() for f in findings]
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    first = [c for c in COLUMNS if c in frame.columns]
    return frame[first + [c for c in frame.columns if c not in first]]
