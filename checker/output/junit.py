"""``junit``: one test case per rule × document; the findings that fail the run are failures.

A failure is exactly what makes ``checker run`` exit 1: a finding needing attention at or above
``--fail-on`` (with ``--fail-on error`` an info finding is no failure). A rule that raised is an
``<error>``; a scope that selected no document is ``<skipped>``; findings below the threshold,
waived and baselined findings do not fail a test case (they are listed in its ``system-out``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.findings import Finding
from checker.i18n import t
from checker.output import Report, failing, location


def render(report: Report) -> str:
    by_rule: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for rule in report.rules:
        by_rule[rule.id]  # every rule gets a suite, even without findings
    for f in report.findings:
        by_rule[f.rule][f.document or "(no document)"].append(f)
    failing_ids = {id(f) for f in failing(report.findings, report.fail_on)}
    root = ET.Element("testsuites", name="checker")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rule_id, docs in by_rule.items():
        suite = ET.SubElement(root, "testsuite", name=rule_id)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for doc, findings in docs.items():
            counts["tests"] += 1
            case = ET.SubElement(suite, "testcase", name=doc, classname=rule_id)
            errors = [f for f in findings if f.status == "error"]
            skipped = [f for f in findings if f.status == "no_documents"]
            failures = [f for f in findings if id(f) in failing_ids and f not in errors and f not in skipped]
            if errors:
                counts["errors"] += 1
                el = ET.SubElement(case, "error", message=errors[0].message, type="rule-error")
                el.text = "\n".join(f.message for f in errors)
            elif failures:
                counts["failures"] += 1
                el = ET.SubElement(case, "failure", type=failures[0].severity,
                                   message=t("engine.junit_failures", n=len(failures),
                                             first=failures[0].message))
                el.text = "\n".join(f"{location(f)}: {f.severity}: {f.message}" for f in failures)
            elif skipped and len(skipped) == len(findings):
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=skipped[0].message)
            quiet = [f for f in findings if not f.passed and f not in errors and f not in skipped
                     and f not in failures]
            if quiet:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(f"{location(f)}: {_why(f)}: {f.message}" for f in quiet)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _why(f: Finding) -> str:
    if f.suppressed is not None:
        return f"waived: {f.suppressed}"
    return "baselined" if f.baselined else f"{f.level} (below --fail-on)"
