"""``sarif``: SARIF 2.1.0 for code-scanning UIs.

Each rule is listed once in ``tool.driver.rules`` (description, rationale, link); every non-passing
finding is a result located in the user's file (uri relative to the working folder), the other
documents' quotes are related locations, fingerprints are ``partialFingerprints``, waived findings
carry a ``suppressions`` entry with the waiver's reason. Passes are not results. Columns count
Unicode code points (``columnKind``), as checker's do.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from checker import INFORMATION_URI, __version__
from checker.findings import Evidence, Finding
from checker.output import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact(path: str, cwd: Path) -> dict[str, Any]:
    """An artifactLocation: relative uri under the working folder, absolute file URI otherwise."""
    p = Path(path)
    if p.is_absolute():
        try:
            rel = p.relative_to(cwd)
        except ValueError:
            return {"uri": p.as_uri()}
        return {"uri": quote(rel.as_posix()), "uriBaseId": "SRCROOT"}
    return {"uri": quote(p.as_posix()), "uriBaseId": "SRCROOT"}


def _relative(path: Path, cwd: Path) -> str:
    try:
        return Path(path).resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def physical(ev: Evidence, cwd: Path) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(ev.line, 1), "startColumn": max(ev.column, 1)}
    start = (region["startLine"], region["startColumn"])
    if ev.end_line and ev.end_column and (ev.end_line, ev.end_column) > start:
        region["endLine"] = ev.end_line
        region["endColumn"] = ev.end_column
    if ev.text:
        region["snippet"] = {"text": ev.text}
    return {"artifactLocation": artifact(ev.document, cwd), "region": region}


def _rule_entry(rule: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace("_", "-").replace(".", "-").split("-")),
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": (rule.description + ("\n\n" + rule.rationale if rule.rationale else ""))},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": list(rule.tags), "kind": rule.kind},
    }
    if rule.link:
        entry["helpUri"] = rule.link
    if rule.rationale:
        entry["help"] = {"text": rule.rationale}
    return entry


def _result(f: Finding, index: int, report: Report, rules: dict[str, Any]) -> dict[str, Any]:
    own = [e for e in f.evidence if e.document == f.document]
    primary = own[0] if own else None
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": "error" if f.status == "error" else LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message or f"{f.rule}: {f.status}"},
        "partialFingerprints": {"checkerFingerprint/v1": f.fingerprint},
        "properties": {"status": f.status, "metric": f.metric, "expected": f.expected, "actual": f.actual},
    }
    if primary is not None:
        result["locations"] = [{"physicalLocation": physical(primary, report.cwd)}]
    elif f.document and f.line:
        ev = Evidence(f.document, f.line, f.column, "")
        result["locations"] = [{"physicalLocation": physical(ev, report.cwd)}]
    elif f.rule in rules:  # no document (a scope that selected nothing): point at the rule file
        rule = rules[f.rule]
        ev = Evidence(_relative(rule.path, report.cwd), rule.line, 1, "")
        result["locations"] = [{"physicalLocation": physical(ev, report.cwd)}]
    related = [e for e in f.evidence if e is not primary]
    if related:
        result["relatedLocations"] = [
            {"id": i + 1, "physicalLocation": physical(e, report.cwd),
             "message": {"text": (f"{e.role}: " if e.role else "") + e.text}}
            for i, e in enumerate(related)
        ]
    if f.suppressed is not None:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": f.suppressed}]
    if report.baseline:
        result["baselineState"] = "unchanged" if f.baselined else "new"
    return result


def _frame(report: Report) -> tuple[dict[str, Any], dict[str, int], dict[str, Any]]:
    """The log without its results (a slot where they go), each rule's index, the rules by id."""
    from checker.output.json import _SLOT

    counts = report.tally()
    rules = {r.id: r for r in report.rules}
    entries = [_rule_entry(r) for r in rules.values()]
    index = {r.id: i for i, r in enumerate(rules.values())}
    for rule_id in counts.rules_in_order():  # findings of rules not in the list (should not happen)
        if rule_id not in index:
            index[rule_id] = len(entries)
            entries.append({"id": rule_id, "shortDescription": {"text": rule_id}})
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "checker", "version": __version__,
                                "informationUri": INFORMATION_URI, "rules": entries}},
            "originalUriBaseIds": {"SRCROOT": {"uri": report.cwd.as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [_SLOT] if counts.findings > counts.passed else [],
        }],
    }
    return log, index, rules


def write(report: Report, findings: Iterable[Finding], out: TextIO) -> None:
    """The log to ``out``, a result per non-passing finding of ``findings`` as it comes."""
    from checker.output.json import items, slot_indent, write_array

    log, index, rules = _frame(report)
    frame = json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    if "results" not in log["runs"][0] or not log["runs"][0]["results"]:
        write_array(frame, (), out)
        return
    indent = slot_indent(frame)
    write_array(frame, (items([_result(f, index[f.rule], report, rules)], indent)
                        for f in findings if not f.passed), out)


def render(report: Report) -> str:
    out = io.StringIO()
    write(report, report.findings, out)
    return out.getvalue()
