"""Every output format renders the same findings: SARIF validates, JUnit parses, JSON round-trips."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from test_engine_kit import ROOT, corpus, fake_mentions, make_doc

from checker.engine import run_rules
from checker.findings import Evidence, Finding, findings_from_json, to_frame
from checker.output import FORMATS, Report, render
from checker.ruleset import Rule


def _rules() -> list[Rule]:
    from checker.kinds import REGISTRY

    def rule(rid: str, kind: str, severity: str, scope: dict, **params) -> Rule:
        full = {n: p.default for n, p in REGISTRY[kind].params.items()} | params
        return Rule(id=rid, kind=kind, severity=severity, description=f"{rid} description",
                    rationale="Because.", link="https://example.org/rules/" + rid, tags=["t"],
                    message="{metric}: {actual} (expected {expected})", scope=scope, params=full)

    return [
        rule("unemployment", "threshold", "warning", {"documents": {"section": "review"}},
             metric="城镇调查失业率", max=5),
        rule("cpi", "threshold", "error", {"documents": {"section": "review"}}, metric="居民消费价格", max=1),
        rule("targets", "required_mention", "info", {"documents": {}},
             targets={"城镇调查失业率": [], "地区生产总值": ["GDP"]}),
        rule("summaries", "threshold", "info", {"documents": {"kind": "summary"}}, metric="x", max=1),
    ]


@pytest.fixture
def report(tmp_path, monkeypatch) -> Report:
    monkeypatch.chdir(tmp_path)
    text = "一、2023年工作回顾\n城镇调查失业率5.6%，居民消费价格上涨1.1%。\n"
    docs = [make_doc(text, "r2024", sections=[("review", 0, len(text))], path="reports/r 2024.txt"),
            make_doc(text.replace("5.6", "4.4"), "r2023", year=2023, sections=[("review", 0, len(text))])]
    rules = _rules()
    findings = run_rules(corpus(*docs), rules, extractor=fake_mentions)
    # one waived, one baselined, one with evidence from a second document
    cpi = [f for f in findings if f.rule == "cpi"]
    cpi[0].suppressed = "Accepted by the desk."
    cpi[1].baselined = True
    fail = next(f for f in findings if f.rule == "unemployment" and f.status == "fail")
    fail.evidence.append(Evidence("r2023.txt", 2, 1, "城镇调查失业率4.4%", "previous year", 2, 12))
    return Report(findings=findings, rules=rules, fail_on="warning", baseline="base.json", cwd=tmp_path)


def test_every_format_renders(report: Report) -> None:
    for fmt in FORMATS:
        if fmt == "html":
            continue  # the summary helper's renderer has its own tests
        assert render(fmt, report).strip(), fmt


def test_summary_counts(report: Report) -> None:
    s = report.summary()
    counts = (s["needs_attention"], s["warning"], s["error"], s["suppressed"], s["baselined"])
    assert counts == (4, 1, 0, 1, 1)
    assert s["info"] == 3  # 地区生产总值 missing in both documents; the summaries rule selected nothing
    assert s["failed"] is True


def test_table_puts_attention_first_then_summary(report: Report) -> None:
    from checker.i18n import set_lang

    set_lang("en")
    try:
        text = render("table", report)
    finally:
        set_lang(None)
    attention, summary = text.index("Needs attention (4)"), text.index("Summary by rule")
    assert attention < summary
    block = text[attention:summary]
    assert block.index("warning") < block.index("info")  # most severe first
    assert "reports/r 2024.txt:2:1" in block
    assert "(waived)" in text and "(baseline)" in text
    assert text.rstrip().endswith("fail-on warning: FAIL")


def test_table_in_chinese_by_default(report: Report) -> None:
    text = render("table", report)
    attention, summary = text.index("需关注（4）："), text.index("按规则汇总：")
    assert attention < summary
    assert text[attention:summary].index("警告") < text[attention:summary].index("提示")
    assert "（已豁免）" in text and "（基线）" in text
    assert "Needs attention" not in text and "warning" not in text.replace("fail-on warning", "")


def test_sarif_validates_against_the_official_schema(report: Report) -> None:
    import jsonschema
    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(render("sarif", report))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == ["unemployment", "cpi", "targets", "summaries"]  # each rule once
    assert run["tool"]["driver"]["rules"][0]["helpUri"] == "https://example.org/rules/unemployment"
    results = run["results"]
    assert len(results) == sum(not f.passed for f in report.findings)  # passes are not results
    fail = next(r for r in results if r["ruleId"] == "unemployment")
    loc = fail["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "reports/r%202024.txt"
    assert loc["region"]["startLine"] == 2 and loc["region"]["snippet"]["text"] == "城镇调查失业率5.6%"
    assert fail["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "r2023.txt"
    assert fail["partialFingerprints"]
    waived = [r for r in results if "suppressions" in r]
    assert [s["justification"] for r in waived for s in r["suppressions"]] == ["Accepted by the desk."]
    assert {r["level"] for r in results} == {"warning", "error", "note"}
    assert {r["baselineState"] for r in results} == {"new", "unchanged"}
    assert all(r.get("locations") for r in results)  # GitHub code scanning needs one per result
    nodoc = next(r for r in results if r["ruleId"] == "summaries")
    assert nodoc["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_junit_parses_one_case_per_rule_and_document(report: Report) -> None:
    root = ET.fromstring(render("junit", report))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"unemployment", "cpi", "targets", "summaries"}
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    assert cases[("unemployment", "reports/r 2024.txt")].find("failure") is not None
    assert cases[("unemployment", "r2023.txt")].find("failure") is None
    assert cases[("cpi", "reports/r 2024.txt")].find("failure") is None  # waived
    assert cases[("summaries", "(no document)")].find("skipped") is not None
    assert int(root.get("tests")) == len(cases)


def test_json_round_trips_into_the_dataframe(report: Report) -> None:
    payload = json.loads(render("json", report))
    assert payload["summary"]["needs_attention"] == 4
    back = findings_from_json(payload)
    assert [f.to_dict() for f in back] == [f.to_dict() for f in report.findings]
    a, b = to_frame(report.findings), to_frame(back)
    assert list(a.columns) == list(b.columns)
    assert a.astype(str).equals(b.astype(str))
    assert "value" in a.columns  # the kind's data fields are columns too


def test_jsonl_and_csv_have_one_row_per_finding(report: Report) -> None:
    lines = render("jsonl", report).splitlines()
    assert [json.loads(line)["rule"] for line in lines] == [f.rule for f in report.findings]
    text = render("csv", report)
    assert text.startswith("\ufeff")  # Excel reads UTF-8 Chinese only after a BOM
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == len(report.findings)
    assert json.loads(rows[0]["evidence"])[0]["text"]


def test_markdown_lists_attention_with_quotes(report: Report) -> None:
    from checker.i18n import set_lang

    text = render("md", report)
    assert text.startswith("# 核对结果")
    assert "城镇调查失业率5.6%" in text and "## 按规则汇总" in text and "| 级别 | 位置 |" in text
    set_lang("en")
    try:
        text = render("md", report)
    finally:
        set_lang(None)
    assert text.startswith("# checker findings") and "## Summary by rule" in text
    assert "| level | location |" in text


def _many(n_err: int, n_warn: int, n_info: int) -> Report:
    findings = [Finding(rule=f"r{sev}", kind="k", status="fail", severity=sev, passed=False,
                        document="a,b:c.txt", line=i + 1, column=1, message=f"m{i}\nsecond % line")
                for sev, n in (("error", n_err), ("warning", n_warn), ("info", n_info)) for i in range(n)]
    return Report(findings=findings)


def test_github_annotations_are_escaped_and_capped() -> None:
    lines = render("github", _many(25, 3, 12)).splitlines()
    errors = [x for x in lines if x.startswith("::error ")]
    notices = [x for x in lines if x.startswith("::notice")]
    assert len(errors) == 10 and len([x for x in lines if x.startswith("::warning ")]) == 3
    assert len(notices) == 10  # 9 findings + the closing notice: 15 errors + 3 notices left out
    assert notices[-1].startswith("::notice::checker: 另有 18 项结果没有标注")  # in the default language
    from checker import i18n

    try:
        i18n.set_lang("en")
        english = render("github", _many(25, 3, 12)).splitlines()
    finally:
        i18n.set_lang(None)
    assert [x for x in english if x.startswith("::notice")][-1].startswith(
        "::notice::checker: 18 more finding(s) not annotated")
    assert errors[0] == "::error file=a%2Cb%3Ac.txt,line=1,col=1,title=rerror (fail)::m0%0Asecond %25 line"


def test_github_without_overflow_has_no_left_out_notice() -> None:
    lines = render("github", _many(2, 2, 2)).splitlines()
    assert len([x for x in lines if x.startswith("::")]) == 6
    assert "::notice::checker:" not in "\n".join(lines)


def test_html_shows_the_level_not_the_rules_severity(report: Report) -> None:
    text = render("html", report)
    assert "<th>级别</th>" in text and "<th>规则</th>" in text and "<th>严重程度</th>" not in text


# --------------------------------------------------------------------------- streamed formats

def _streamed_findings() -> list[Finding]:
    def finding(rule: str, status: str, passed: bool, data: dict) -> Finding:
        return Finding(rule=rule, kind="threshold", status=status, severity="warning", passed=passed,
                       document="a.txt", line=3, column=2, message=f"{rule} {status}",
                       evidence=[Evidence("a.txt", 3, 2, "增长5%", "figure")], fingerprint=rule + status,
                       data=data)

    return [finding("r1", "pass", True, {"metric_key": "增速"}),
            finding("r2", "above", False, {"limit": [1, 2]}),
            finding("unlisted", "above", False, {"z_field": {"a": 1}})]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "sarif"])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_a_streamed_format_writes_what_it_renders(fmt: str, count: int) -> None:
    import importlib

    from checker.output.counts import Counts

    findings = _streamed_findings()[:count]
    whole = render(fmt, Report(findings=findings))
    # the findings come one by one, counted before: the report holds none of them
    counts = Counts()
    for i, f in enumerate(findings):
        counts.add(f, (0, i))
    out = io.StringIO()
    importlib.import_module(FORMATS[fmt]).write(Report(findings=[], counts=counts), iter(findings), out)
    assert out.getvalue() == whole
    if fmt == "json":
        assert json.loads(whole)["summary"]["findings"] == count
    if fmt == "csv" and count == 3:
        assert whole.splitlines()[0].endswith(",limit,metric_key,z_field")


def test_the_spool_gives_places_back_in_order() -> None:
    from checker.output.spool import FindingSpool

    findings = _streamed_findings()
    spool = FindingSpool()
    try:
        spool.add(2, [findings[2]])
        spool.add(0, findings[:2])
        spool.add(1, [])
        assert [f.rule for f in spool] == ["r1", "r2", "unlisted"]
        assert [f.rule for f in spool] == ["r1", "r2", "unlisted"]  # as often as there are outputs
    finally:
        spool.close()


def test_a_quote_loses_every_whitespace_character() -> None:
    """Fingerprints drop every character ``\\s`` matches (str.split stands in for the regex)."""
    import re
    import sys

    from checker.findings import normalise_quote

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c)))
    assert len(spaces) > 20
    assert normalise_quote(f"城镇{spaces}新增就业 28.1万人\n") == "城镇新增就业28.1万人"
