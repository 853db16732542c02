"""Waivers applied to a run's findings place by place (checker/waivers.py ``WaiverLedger``): the
same suppressions and the same unused and expired waivers as one pass over all the findings."""

from __future__ import annotations

import datetime as dt

from checker.findings import Finding
from checker.waivers import Waiver, WaiverLedger

TODAY = dt.date(2026, 3, 1)


def _finding(rule: str, fingerprint: str, passed: bool = False) -> Finding:
    return Finding(rule=rule, kind="threshold", status="pass" if passed else "above", severity="warning",
                   passed=passed, document="a.txt", line=1, column=1, message="", fingerprint=fingerprint)


WAIVERS = [
    Waiver("r1", "aaaaaaaa", "known", None, "w.yaml", 1),
    Waiver("r2", "bbbbbbbb", "known too", None, "w.yaml", 5),           # its finding is in place 2
    Waiver("r1", "cccccccc", "no such finding", None, "w.yaml", 9),      # unused
    Waiver("r1", "dddddddd", "too old", dt.date(2025, 1, 1), "w.yaml", 13),  # expired
]


def _run(parts: list[list[Finding]]) -> tuple[list[str | None], list[int], list[int], int]:
    ledger = WaiverLedger(WAIVERS, TODAY)
    for part in parts:
        ledger.apply(part)
    outcome = ledger.outcome()
    return ([f.suppressed for part in parts for f in part], [w.line for w in outcome.unused],
            [w.line for w in outcome.expired], outcome.applied)


def _findings() -> list[Finding]:
    return [_finding("r1", "aaaaaaaa1234"), _finding("r1", "dddddddd99"), _finding("r2", "bbbbbbbb00"),
            _finding("r2", "bbbbbbbb11", passed=True)]


def test_a_ledger_over_places_is_one_pass_over_all() -> None:
    whole = _run([_findings()])
    findings = _findings()
    by_place = _run([findings[:2], [], findings[2:]])
    assert by_place == whole
    assert whole == (["known", None, "known too", None], [9], [13], 2)
