"""``checker`` as CI and rule writers meet it: a green run means the checks ran (issue 15).

Built-in rules when no --rules is given, exit 2 when nothing was checked, the configuration file,
``--version``, the ``level`` column, JUnit failures that agree with the exit code, the Python API.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_cli_run import project  # noqa: F401  (fixture: docs/ + rules/ with a warning and an info rule)
from test_engine_kit import ROOT, phrase_kind, run_cli  # noqa: F401

import checker
from checker.rulepacks import builtin_rules_dir

# the English wording is asserted here (CHECKER_LANG=en); the Chinese in test_lang_audit
pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder holding only a copy of the seeds (no rules/, no configuration)."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["--version"], capsys, monkeypatch)
    assert code == 0 and out == f"checker {checker.__version__}\n"


def test_builtin_packs_can_be_named_next_to_other_rules(seeds, capsys, monkeypatch) -> None:
    (seeds / "mine").mkdir()
    shutil.copy(ROOT / "rules" / "core" / "cpi-ceiling.yaml", seeds / "mine" / "cpi.yaml")
    code, out, _ = run_cli(["rules", "list", "--rules", "@builtin/goals", "--rules", "mine"],
                           capsys, monkeypatch)
    assert code == 0 and out.rstrip().endswith("6 rules")
    code, _, err = run_cli(["rules", "list", "--rules", "@builtin/goal"], capsys, monkeypatch)
    assert code == 2
    assert "@builtin/goal: no such built-in rule pack (packs: core, figures, goals, summary)" in err
    code, out, _ = run_cli(["rules", "explain", "goal-missed"], capsys, monkeypatch)
    assert "Defined in: @builtin/goals/goal-missed.yaml" in out


def test_builtin_rules_are_the_repository_rules() -> None:
    shipped = sorted(p.relative_to(builtin_rules_dir()) for p in builtin_rules_dir().rglob("*.yaml"))
    assert shipped == sorted(p.relative_to(ROOT / "rules") for p in (ROOT / "rules").rglob("*.yaml"))


def test_no_rules_flag_runs_the_builtin_packs(seeds, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["run", "seeds/corpus.yaml", "--format", "json", "--fail-on", "warning"],
                             capsys, monkeypatch)
    assert code == 1, err
    assert "not checked" not in err  # every rule found documents (some just had nothing to report)
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert {"unemployment-above-ceiling", "goal-missed", "summary-fidelity", "figure-agreement"} <= rules
    code, out, _ = run_cli(["rules", "list"], capsys, monkeypatch)
    assert code == 0 and "unemployment-above-ceiling" in out


def test_empty_rule_folder_fails_validate_and_test(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "empty").mkdir()
    for command in ("validate", "test"):
        code, _, err = run_cli(["rules", command, str(tmp_path / "empty")], capsys, monkeypatch)
        assert code == 2 and f"no rule files (*.yaml) in {tmp_path / 'empty'}" in err


def test_rules_that_select_no_document_exit_2(seeds, capsys, monkeypatch) -> None:
    (seeds / "loose").mkdir()  # no manifest next to it: the report is read alone
    shutil.copy(seeds / "seeds" / "beijing-2024-report.txt", seeds / "loose")
    args = ["run", "loose/beijing-2024-report.txt", "--select", "summary-fidelity"]
    code, out, err = run_cli(args, capsys, monkeypatch)
    assert code == 2 and out == ""
    assert "checker: summary-fidelity: not checked: scope 'summary'" in err
    assert err.splitlines()[-1].startswith("checker: error: no rule selected any document (documents: "
                                           "beijing-2024-report)")
    code, out, _ = run_cli([*args, "--allow-empty"], capsys, monkeypatch)
    assert code == 0 and "summary-fidelity" in out


def test_a_single_file_without_a_manifest_says_what_is_missing(seeds, capsys, monkeypatch) -> None:
    (seeds / "loose").mkdir()
    shutil.copy(seeds / "seeds" / "beijing-2024-highlights.txt", seeds / "loose")
    code, out, err = run_cli(["run", "loose/beijing-2024-highlights.txt", "--format", "json"],
                             capsys, monkeypatch)
    assert code in (0, 1), err
    missing = [line for line in err.splitlines() if ": not checked: " in line]
    assert any(line.startswith("checker: summary-fidelity: not checked: scope 'full' (relation=retells)")
               and line.endswith("for beijing-2024-highlights") for line in missing)
    assert "checker: goal-missed: not checked: scope 'plan' (kind=report, section=plan)" in err
    assert not any("figure-agreement" in line for line in missing)  # it read the digest
    starved = {f["rule"] for f in json.loads(out)["findings"] if f["status"] == "no_documents"}
    assert len(missing) == len(starved)


def test_single_files_pair_through_the_manifest_of_their_folder(seeds, capsys, monkeypatch) -> None:
    code, out, err = run_cli(["run", "seeds/beijing-2024-highlights.txt", "--format", "json"],
                             capsys, monkeypatch)
    assert code == 1, err
    assert err.startswith("checker: beijing-2024-highlights.txt: read through ")
    assert "seeds/corpus.yaml to pair with the documents it names" in err and "not checked" not in err
    findings = json.loads(out)["findings"]
    fidelity = [f for f in findings if f["rule"] == "summary-fidelity"]
    assert fidelity and {f["full_doc"] for f in fidelity} == {"bj-2024-report"}  # paired with its report
    # only findings on the file given: located in it or quoting it
    assert all(f["document"] == "seeds/beijing-2024-highlights.txt"
               or any(e["document"] == "seeds/beijing-2024-highlights.txt" for e in f["evidence"])
               for f in findings)
    code, out, _ = run_cli(["run", "seeds/beijing-2021-report.txt", "--select", "goal-missed,goal-met",
                            "--format", "json"], capsys, monkeypatch)
    reviews = {e["document"] for f in json.loads(out)["findings"] for e in f["evidence"]}
    assert "seeds/beijing-2022-report.txt" in reviews  # the 2021 plan met its 2022 review


# ----------------------------------------------------------------------------- level and JUnit

def test_level_is_pass_for_passes_and_the_severity_otherwise(seeds, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CHECKER_LANG", "zh")  # the default language's headers
    _, out, _ = run_cli(["run", "seeds/corpus.yaml", "--select", "core", "--format", "json"],
                        capsys, monkeypatch)
    findings = json.loads(out)["findings"]
    passes = [f for f in findings if f["passed"]]
    assert passes and all(f["level"] == "pass" for f in passes)
    assert {f["severity"] for f in passes} >= {"warning"}  # the rule's severity stays
    assert all(f["level"] == f["severity"] for f in findings if not f["passed"])
    for fmt, needle in (("csv", "rule,kind,status,level,severity,"), ("md", "| 级别 | 位置 |"),
                        ("table", "级别    位置")):
        _, out, _ = run_cli(["run", "seeds/corpus.yaml", "--select", "core", "--format", fmt],
                            capsys, monkeypatch)
        assert needle in out, fmt


@pytest.mark.parametrize("fail_on", ["error", "warning", "info", "never"])
def test_junit_failures_are_the_findings_that_fail_the_run(project, capsys, monkeypatch,  # noqa: F811
                                                           fail_on) -> None:
    code, out, _ = run_cli(["run", "docs", "--rules", "rules", "--fail-on", fail_on, "--output", "json:-",
                            "--output", "junit:j.xml"], capsys, monkeypatch)
    root = ET.parse("j.xml").getroot()
    failed_cases = {(c.get("classname"), c.get("name")) for c in root.iter("testcase")
                    if c.find("failure") is not None}
    floor = {"error": 3, "warning": 2, "info": 1, "never": 99}[fail_on]
    rank = {"error": 3, "warning": 2, "info": 1}
    failing = {(f["rule"], f["document"]) for f in json.loads(out)["findings"]
               if not f["passed"] and rank[f["severity"]] >= floor}
    assert failed_cases == failing
    assert code == (1 if failing else 0)
    assert int(root.get("failures")) == len(failing)


# ----------------------------------------------------------------------------- configuration

def test_configuration_file_sets_rules_fail_on_and_outputs(project, capsys, monkeypatch) -> None:  # noqa: F811
    (project / ".checker.yaml").write_text(
        "rules: rules\nfail-on: error\noutputs: [out.sarif, junit:report.xml]\n", encoding="utf-8")
    code, _, err = run_cli(["run", "docs"], capsys, monkeypatch)
    assert code == 0, err  # a warning finding, but fail-on error
    assert (project / "out.sarif").is_file() and (project / "report.xml").is_file()
    assert cli_fail_on_flag_wins(capsys, monkeypatch) == 1


def cli_fail_on_flag_wins(capsys, monkeypatch) -> int:
    return run_cli(["run", "docs", "--fail-on", "warning"], capsys, monkeypatch)[0]


def test_pyproject_tool_checker_is_read(project, capsys, monkeypatch) -> None:  # noqa: F811
    (project / "pyproject.toml").write_text('[tool.checker]\nrules = ["rules"]\nfail-on = "never"\n',
                                            encoding="utf-8")
    assert run_cli(["run", "docs"], capsys, monkeypatch)[0] == 0
    assert run_cli(["run", "docs", "--fail-on", "info"], capsys, monkeypatch)[0] == 1


def test_configuration_mistakes_exit_2(project, capsys, monkeypatch) -> None:  # noqa: F811
    (project / ".checker.yaml").write_text("rules: rules\nfail_on: error\n", encoding="utf-8")
    code, _, err = run_cli(["run", "docs"], capsys, monkeypatch)
    assert code == 2
    where = project / ".checker.yaml"
    assert err.strip() == f"checker: error: {where}: unknown setting 'fail_on' (did you mean 'fail-on'?)"


# ----------------------------------------------------------------------------- Python API

def test_api_returns_dataframes_and_short_reprs() -> None:
    seeds = ROOT / "seeds"
    goals = checker.goals(seeds / "beijing-2021-report.txt", seeds / "beijing-2022-report.txt")
    assert {"status", "level", "severity", "goal"} <= set(goals.columns)
    assert "exceeded" in set(goals.status)
    compare = checker.compare(seeds / "beijing-2024-highlights.txt", seeds / "beijing-2024-report.txt")
    assert {"number_match", "number_mismatch"} & set(compare.status)
    mentions = checker.extract(seeds / "beijing-2024-report.txt")
    assert len(mentions) > 100 and {"metric", "value", "unit", "quote"} <= set(mentions.columns)
    corpus = checker.load_corpus(seeds / "corpus.yaml")
    text = repr(corpus)
    assert len(text.splitlines()) == len(corpus.documents) + 1 and len(text) < 1000
    assert repr(corpus.documents[0]).startswith("<Document 'bj-2021-report' report 2021 ")


# ----------------------------------------------------------------------------- rules that prove they fire

RULE = """id: unemployment-ceiling
kind: threshold
severity: warning
description: Unemployment within the ceiling.
scope: {{documents: {{kind: report, section: review}}}}
params: {{metric: {metric}, unit: "%", max: 5}}
examples:
  fail: [{fail}]
  pass: ["城镇调查失业率4.4%。"]
"""


def test_a_fail_example_that_only_finds_nothing_fails(tmp_path, capsys, monkeypatch) -> None:
    rule = tmp_path / "typo.yaml"
    rule.write_text(RULE.format(metric="城镇失业调查率", fail='"城镇调查失业率5.6%。"'), encoding="utf-8")
    code, out, _ = run_cli(["rules", "test", str(rule)], capsys, monkeypatch)
    assert code == 1
    assert f"FAIL  unemployment-ceiling[fail-0] ({rule}:8): only not_found: 城镇失业调查率: not stated" in out
    assert "the rule matched nothing in the example" in out
    assert out.rstrip().endswith("0 passed, 2 failed")  # the pass example finds nothing either


def test_a_fail_example_may_name_the_status_it_expects(tmp_path, capsys, monkeypatch) -> None:
    rule = tmp_path / "absent.yaml"
    absent = "{{text: 全年城镇新增就业26.1万人。, status: {status}}}"
    rule.write_text(RULE.format(metric="城镇调查失业率", fail=absent.format(status="not_found")),
                    encoding="utf-8")
    code, out, _ = run_cli(["rules", "test", str(rule)], capsys, monkeypatch)
    assert code == 0 and out.rstrip().endswith("2 passed, 0 failed")
    rule.write_text(RULE.format(metric="城镇调查失业率", fail=absent.format(status="fail")), encoding="utf-8")
    code, out, _ = run_cli(["rules", "test", str(rule)], capsys, monkeypatch)
    assert code == 1 and "expected status fail, got not_found" in out
    rule.write_text(RULE.format(metric="城镇调查失业率", fail=absent.format(status="pass")), encoding="utf-8")
    code, _, err = run_cli(["rules", "test", str(rule)], capsys, monkeypatch)
    assert code == 2 and f"{rule}:8:" in err and "only a fail example names a status" in err
    rule.write_text(RULE.format(metric="城镇调查失业率", fail=absent.format(status="notfound")),
                    encoding="utf-8")
    code, _, err = run_cli(["rules", "validate", str(rule)], capsys, monkeypatch)
    assert code == 2 and "'notfound' is not one of pass, fail, not_found" in err
    assert "did you mean 'not_found'?" in err


def test_run_reports_a_rule_whose_metric_matched_nothing(seeds, capsys, monkeypatch) -> None:
    (seeds / "rules").mkdir()
    (seeds / "rules" / "typo.yaml").write_text(
        RULE.format(metric="城镇失业调査率", fail="{text: 城镇新增就业26.1万人。, status: not_found}"),
        encoding="utf-8")
    shutil.copy(ROOT / "rules" / "core" / "unemployment-ceiling.yaml", seeds / "rules")
    code, out, _ = run_cli(["run", "seeds/corpus.yaml", "--rules", "rules", "--format", "json",
                            "--output", "out.sarif"], capsys, monkeypatch)
    assert code == 1  # a warning: a rule that cannot fire fails the run
    meta = [f for f in json.loads(out)["findings"] if f["rule"] == "rule-never-matched"]
    assert len(meta) == 1  # the real rule matched: only the typo is reported
    (f,) = meta
    assert (f["level"], f["document"], f["line"], f["checked_rule"]) == ("warning", "rules/typo.yaml", 1,
                                                                        "unemployment-ceiling")
    assert f["message"].startswith("rule unemployment-ceiling: metric '城镇失业调査率'")
    assert "any of the 3 documents it read" in f["message"]
    import jsonschema

    log = json.loads((seeds / "out.sarif").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    assert any(r["ruleId"] == "rule-never-matched" for r in log["runs"][0]["results"])


# ----------------------------------------------------------------------------- findings that read right

def test_pass_and_fail_have_their_own_messages(seeds, capsys, monkeypatch) -> None:
    _, out, _ = run_cli(["run", "seeds/corpus.yaml", "--select", "plan-states-main-targets,completion-claim",
                         "--format", "json"], capsys, monkeypatch)
    findings = json.loads(out)["findings"]
    stated = [f for f in findings if f["status"] == "stated"]
    assert stated and all(" states the target for " in f["message"] for f in stated)
    assert not any("does not state" in f["message"] for f in findings if f["passed"])
    claim = next(f for f in findings if f["status"] == "contradicted")
    assert "contradicted by the 2021 goal tracking" in claim["message"] and claim["level"] == "warning"
    code, out, _ = run_cli(["rules", "explain", "plan-states-main-targets"], capsys, monkeypatch)
    assert code == 0
    assert "- pass: `Plan of {document} states the target for {target}`" in out
    assert "→ missing: Plan of example-documents does not state the target for 居民消费价格" in out
