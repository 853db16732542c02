"""Baselines: the fingerprints of a run's non-passing findings, so a later run reports only new ones.

Fingerprints hash the rule, the document ids and the whitespace-free quoted text — not line
numbers — so a baseline survives a re-wrapped or re-extracted source file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from checker.errors import CheckerError
from checker.findings import Finding

VERSION = 1


def baseline_text(findings: Iterable[Finding]) -> str:
    """The baseline file for ``findings`` (JSON; one entry per non-passing finding, sorted)."""
    entries = sorted(
        ({"rule": f.rule, "fingerprint": f.fingerprint, "document": f.document, "status": f.status,
          "message": f.message} for f in findings if not f.passed),
        key=lambda e: (e["rule"], e["document"], e["fingerprint"]),
    )
    return json.dumps({"version": VERSION, "tool": "checker", "findings": entries},
                      ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: str | Path) -> set[str]:
    """Fingerprints in a baseline file; a missing or malformed file is an error (exit 2).

    Read by the one YAML loader (JSON is YAML): bounded, plain data, problems as file:line:col.
    The file must be this tool's, of this version, with a text fingerprint in every entry.
    """
    from checker.yamlfile import load_file

    path = Path(path)
    data = load_file(path, "baseline")
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise CheckerError("error.baseline_not", path=str(path))
    if data.get("tool") != "checker":
        raise CheckerError("error.baseline_other_tool", path=str(path), tool=repr(data.get("tool")))
    if data.get("version") != VERSION or isinstance(data.get("version"), bool):
        raise CheckerError("error.baseline_version", path=str(path), version=repr(data.get("version")),
                           wanted=VERSION)
    out = set()
    for i, entry in enumerate(data["findings"], 1):
        fingerprint = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            raise CheckerError("error.baseline_fingerprint", path=str(path), n=i, got=repr(fingerprint))
        out.add(fingerprint)
    return out


def apply_baseline(findings: list[Finding], fingerprints: set[str]) -> int:
    """Mark non-passing findings already in the baseline; returns how many were marked."""
    n = 0
    for f in findings:
        if not f.passed and f.fingerprint in fingerprints:
            f.baselined = True
            n += 1
    return n
