"""Baselines: the fingerprints of a run's non-passing findings, so a later run reports only new ones.

Fingerprints hash the rule, the document ids and the whitespace-free quoted text — not line
numbers — so a baseline survives a re-wrapped or re-extracted source file.
"""

from __future__ import annotations

import json
from pathlib import Path

from checker.errors import CheckerError
from checker.findings import Finding

VERSION = 1


def baseline_text(findings: list[Finding]) -> str:
    """The baseline file for ``findings`` (JSON; one entry per non-passing finding, sorted)."""
    entries = sorted(
        ({"rule": f.rule, "fingerprint": f.fingerprint, "document": f.document, "status": f.status,
          "message": f.message} for f in findings if not f.passed),
        key=lambda e: (e["rule"], e["document"], e["fingerprint"]),
    )
    return json.dumps({"version": VERSION, "tool": "checker", "findings": entries},
                      ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: str | Path) -> set[str]:
    """Fingerprints in a baseline file; a missing or malformed file is an error (exit 2)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CheckerError(f"{path}: cannot read baseline: {error.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CheckerError(f"{path}: not a checker baseline (bad JSON: {error})") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "fingerprint" in e for e in entries):
        raise CheckerError(f"{path}: not a checker baseline (write one with --write-baseline)")
    return {str(e["fingerprint"]) for e in entries}


def apply_baseline(findings: list[Finding], fingerprints: set[str]) -> int:
    """Mark non-passing findings already in the baseline; returns how many were marked."""
    n = 0
    for f in findings:
        if not f.passed and f.fingerprint in fingerprints:
            f.baselined = True
            n += 1
    return n
