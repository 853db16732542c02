"""Waivers: accepted findings, each with a mandatory reason and an optional expiry date.

A waiver file is a YAML list (or ``waivers:`` holding one)::

    - rule: unemployment-above-ceiling
      fingerprint: 3f9c2a…          # from the JSON/SARIF output; a unique prefix of 8+ characters is enough
      reason: The 2020 rate reflects the pandemic; reviewed by the desk on 2024-02-01.
      expires: 2025-01-01          # optional: after this date the finding counts again

Waived findings stay in JSON and SARIF, marked suppressed with the reason. A waiver that matched no
finding (unused) or has expired is reported on stderr and in the JSON output's ``waivers`` section;
neither changes the exit code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import CheckerError, ProblemsError
from checker.findings import Finding
from checker.i18n import Msg, t

FINGERPRINT = r"^[0-9a-f]{8,64}(#[0-9]+)?$"  # a repeated finding has #2, #3, …
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["rule", "fingerprint", "reason"],
    "properties": {
        "rule": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "pattern": FINGERPRINT},
        "reason": {"type": "string", "minLength": 1},
        "expires": {"type": ["date", "string"]},
        "document": {"type": "string"},   # informative only
        "message": {"type": "string"},    # informative only
    },
}


@dataclass
class Waiver:
    rule: str
    fingerprint: str
    reason: str
    expires: dt.date | None
    path: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "fingerprint": self.fingerprint, "reason": self.reason,
                "expires": self.expires.isoformat() if self.expires else None, "where": self.where}


@dataclass
class WaiverOutcome:
    unused: list[Waiver]
    expired: list[Waiver]
    applied: int

    def warnings(self, lang: str | None = None) -> list[str]:
        out = [t("waiver.expired", lang, where=w.where, rule=w.rule, fingerprint=w.fingerprint[:12],
                 date=w.expires) for w in self.expired]
        out += [t("waiver.unused", lang, where=w.where, rule=w.rule, fingerprint=w.fingerprint[:12])
                for w in self.unused]
        return out


def load_waivers(path: str | Path) -> list[Waiver]:
    """Read and validate a waiver file; every problem is reported at once (exit 2)."""
    from checker.ruleset import _File, check_node, json_type, value_of
    from checker.yamlfile import compose_file

    path = Path(path)
    text, root = compose_file(path, "waiver")
    f = _File(path, text)
    if root is None:
        return []
    if json_type(root) == "object":
        items = {str(value_of(k)): v for k, v in root.value}
        if set(items) != {"waivers"}:
            f.add(root, Msg("waiver.not_list"))
            raise _error(f)
        root = items["waivers"]
    if json_type(root) != "array":
        f.add(root, Msg("waiver.not_list"))
        raise _error(f)
    waivers: list[Waiver] = []
    for i, node in enumerate(root.value):
        numeric = [v for k, v in (node.value if json_type(node) == "object" else [])
                   if value_of(k) == "fingerprint" and json_type(v) in ("integer", "number")]
        for value in numeric:  # 12345678 or 1e5 in YAML is a number, not the text we need
            f.add(value, Msg("waiver.fingerprint_number", what=f"waivers[{i}].fingerprint",
                             value=value.value),
                  Msg("waiver.hint_quote", value=value.value))
        if numeric or not check_node(node, SCHEMA, f, f"waivers[{i}]"):
            continue
        value = value_of(node)
        expires = value.get("expires")
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError:
                f.add(node, Msg("waiver.bad_date", what=f"waivers[{i}].expires", value=expires))
                continue
        if isinstance(expires, dt.datetime):
            expires = expires.date()
        waivers.append(Waiver(value["rule"], value["fingerprint"], value["reason"].strip(), expires,
                              str(path), node.start_mark.line + 1))
    if f.problems:
        raise _error(f)
    return waivers


def _error(f: Any) -> CheckerError:
    return ProblemsError(f.problems)


def covers(waived: str, fingerprint: str) -> bool:
    """Does a waiver's fingerprint (a prefix of 8+ hex digits, maybe ``#n``) name this finding's?"""
    w_hex, _, w_n = waived.partition("#")
    f_hex, _, f_n = fingerprint.partition("#")
    return f_hex.startswith(w_hex) and (w_n or "1") == (f_n or "1")


class WaiverLedger:
    """Waivers applied to findings that come in parts (a run place by place): ``apply`` each
    part, then ``outcome()`` says which waivers no part used and which have expired."""

    def __init__(self, waivers: list[Waiver], today: dt.date | None = None) -> None:
        self.waivers = waivers
        self.today = today or dt.date.today()
        self.used: set[int] = set()
        self.applied = 0

    def apply(self, findings: Iterable[Finding]) -> None:
        """Mark waived findings ``suppressed`` with the reason."""
        for f in findings:
            if f.passed:
                continue
            for i, w in enumerate(self.waivers):
                if w.rule == f.rule and covers(w.fingerprint, f.fingerprint):
                    if w.expires is not None and w.expires < self.today:
                        continue  # expired: the finding counts again
                    self.used.add(i)
                    f.suppressed = w.reason
                    self.applied += 1
                    break

    def outcome(self) -> WaiverOutcome:
        waivers, today = self.waivers, self.today
        late = {i for i, w in enumerate(waivers) if w.expires is not None and w.expires < today}
        return WaiverOutcome(
            unused=[w for i, w in enumerate(waivers) if i not in self.used and i not in late],
            expired=[w for i, w in enumerate(waivers) if i in late],
            applied=self.applied,
        )
