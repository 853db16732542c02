"""``checker run``: exit codes, several outputs, atomic writes, baselines, waivers, selection."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_engine_kit import phrase_kind, phrase_rule_yaml, run_cli  # noqa: F401

# the English wording is asserted here (CHECKER_LANG=en); the Chinese in test_lang_audit
pytestmark = pytest.mark.usefixtures("english")

DOC_A = "一、2023年工作回顾\n我们坚决完成任务。\n二、2024年重点任务\n坚决推进改革。\n"
DOC_B = "一、2023年工作回顾\n全年稳步推进。\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch, phrase_kind) -> Path:  # noqa: F811
    """docs/ with two reports, rules/ with one phrase rule (warning) and one (info)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(DOC_A, encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text(DOC_B, encoding="utf-8")
    (tmp_path / "rules" / "style").mkdir(parents=True)
    (tmp_path / "rules" / "style" / "firm.yaml").write_text(
        phrase_rule_yaml("no-firm", ("坚决",), "warning", "tags: [style]\n"), encoding="utf-8")
    (tmp_path / "rules" / "style" / "steady.yaml").write_text(
        phrase_rule_yaml("no-steady", ("稳步",), "info", "scope: {documents: {section: review}}\n"),
        encoding="utf-8")
    return tmp_path


def cli(args, capsys, monkeypatch):
    return run_cli(["run", "docs", "--rules", "rules", *args], capsys, monkeypatch)


def test_exit_codes_follow_fail_on(project, capsys, monkeypatch) -> None:
    assert cli([], capsys, monkeypatch)[0] == 1                         # default: warning
    assert cli(["--fail-on", "error"], capsys, monkeypatch)[0] == 0
    assert cli(["--fail-on", "never"], capsys, monkeypatch)[0] == 0
    assert cli(["--select", "no-steady"], capsys, monkeypatch)[0] == 0  # only info
    assert cli(["--select", "no-steady", "--fail-on", "info"], capsys, monkeypatch)[0] == 1
    assert cli(["--exit-zero"], capsys, monkeypatch)[0] == 0


def test_table_on_stdout(project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CHECKER_LANG", "zh")  # the default language's table
    _, out, _ = cli([], capsys, monkeypatch)
    assert "需关注（3）：" in out
    assert "docs/a.txt:2:3" in out and "坚决 in a" in out
    assert out.rstrip().endswith("--fail-on warning：未通过")


@pytest.mark.parametrize(("args", "needle"), [
    (["--fail-on", "sometimes"], "--fail-on sometimes"),
    (["--format", "yaml"], "--format yaml: unknown format"),
    (["--output", "out.unknown"], "cannot tell the format"),
    (["--output", "missing/dir/out.json"], "does not exist"),
    (["--select", "no-such-rule"], "--select no-such-rule: matches no rule"),
    (["--ignore", "no-firn"], "did you mean 'no-firm'"),
    (["--baseline", "nope.json"], "nope.json: no such file"),
    (["--waivers", "nope.yaml"], "nope.yaml: no such file"),
    (["--bogus"], "no such option: --bogus"),
    (["--output", "json:-", "--output", "csv:-"], "only one output can go to stdout"),
])
def test_bad_usage_exits_2_with_one_line(project, capsys, monkeypatch, args, needle) -> None:
    code, _, err = cli(args, capsys, monkeypatch)
    assert code == 2
    assert needle in err and "Traceback" not in err
    assert not list(project.glob("*.json"))


def test_unreadable_input_exits_2(project, capsys, monkeypatch) -> None:
    code, _, err = run_cli(["run", "docs/missing.txt", "--rules", "rules"], capsys, monkeypatch)
    assert code == 2 and "missing.txt" in err


def test_bad_rules_exit_2_and_write_nothing(project, capsys, monkeypatch) -> None:
    (project / "rules" / "style" / "broken.yaml").write_text("id: broken\nkind: phrse\n", encoding="utf-8")
    code, out, err = cli(["--output", "out.sarif"], capsys, monkeypatch)
    assert code == 2
    assert "rules/style/broken.yaml:2:7: unknown kind 'phrse'" in err and "did you mean 'phrase'?" in err
    assert not (project / "out.sarif").exists()
    assert out == ""


def test_several_outputs_in_one_run(project, capsys, monkeypatch) -> None:
    (project / "out").mkdir()
    monkeypatch.setenv("CHECKER_LANG", "zh")
    code, out, _ = cli(["--output", "out/findings.sarif", "--output", "junit:out/junit.xml",
                        "--output", "out/findings.json", "--output", "csv:out/f.data"], capsys, monkeypatch)
    assert code == 1
    assert "需关注" in out  # the table still goes to the terminal
    sarif = json.loads((project / "out" / "findings.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"docs/a.txt", "docs/b.txt"}
    ET.parse(project / "out" / "junit.xml")
    assert json.loads((project / "out" / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert (project / "out" / "f.data").read_text(encoding="utf-8").startswith("\ufeffrule,kind,status")
    assert not [p for p in (project / "out").iterdir() if p.name.startswith(".")], "no temp files left"
    mask = os.umask(0)
    os.umask(mask)
    assert (project / "out" / "findings.sarif").stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0600


def test_stdout_output_replaces_the_table(project, capsys, monkeypatch) -> None:
    _, out, _ = cli(["--output", "json:-"], capsys, monkeypatch)
    assert json.loads(out)["summary"]["needs_attention"] == 3


def test_baseline_silences_known_findings_only(project, capsys, monkeypatch) -> None:
    code, _, _ = cli(["--write-baseline", "base.json"], capsys, monkeypatch)
    assert code == 1
    base = json.loads((project / "base.json").read_text(encoding="utf-8"))
    assert len(base["findings"]) == 3
    assert cli(["--baseline", "base.json"], capsys, monkeypatch)[0] == 0
    (project / "docs" / "b.txt").write_text(DOC_B + "二、2024年重点任务\n坚决落实。\n", encoding="utf-8")
    code, out, _ = cli(["--baseline", "base.json", "--output", "json:-"], capsys, monkeypatch)
    assert code == 1
    new = [f for f in json.loads(out)["findings"] if not f["passed"] and not f["baselined"]]
    assert [(f["rule"], f["document"]) for f in new] == [("no-firm", "docs/b.txt")]


def _fingerprints(capsys, monkeypatch) -> list[dict]:
    _, out, _ = cli(["--output", "json:-"], capsys, monkeypatch)
    return [f for f in json.loads(out)["findings"] if not f["passed"]]


def test_waivers_suppress_with_reason_and_report_unused_and_expired(project, capsys, monkeypatch) -> None:
    firm = [f for f in _fingerprints(capsys, monkeypatch) if f["rule"] == "no-firm"]
    (project / "waivers.yaml").write_text(
        f"- rule: no-firm\n  fingerprint: {firm[0]['fingerprint']}\n  reason: Quoted from the party line.\n"
        f"- rule: no-firm\n  fingerprint: {firm[1]['fingerprint'][:12]}\n  reason: Old.\n"
        "  expires: 2001-01-01\n"
        "- rule: no-firm\n  fingerprint: 0123456789abcdef\n  reason: Stale.\n", encoding="utf-8")
    code, out, err = cli(["--waivers", "waivers.yaml", "--output", "json:-", "--output", "w.sarif"],
                         capsys, monkeypatch)
    assert code == 1  # the expired waiver no longer covers its finding
    data = json.loads(out)
    waived = [f for f in data["findings"] if f["suppressed"]]
    assert [(f["fingerprint"], f["suppressed"]) for f in waived] == [(firm[0]["fingerprint"],
                                                                    "Quoted from the party line.")]
    assert "waivers.yaml:4: warning: waiver for no-firm" in err and "expired on 2001-01-01" in err
    assert "waivers.yaml:8: warning: unused waiver for no-firm (0123456789ab)" in err
    assert [w["where"] for w in data["waivers"]["unused"]] == ["waivers.yaml:8"]
    assert [w["where"] for w in data["waivers"]["expired"]] == ["waivers.yaml:4"]
    sarif = json.loads((project / "w.sarif").read_text(encoding="utf-8"))
    sup = [r["suppressions"][0]["justification"] for r in sarif["runs"][0]["results"] if "suppressions" in r]
    assert sup == ["Quoted from the party line."]


@pytest.mark.parametrize(("text", "where"), [
    ("- rule: no-firm\n  fingerprint: 0123456789abcdef\n",
     "waivers.yaml:1:3: waivers[0]: missing required key 'reason'"),
    ("- rule: no-firm\n  fingerprint: xyz\n  reason: r\n", "waivers.yaml:2:16: waivers[0].fingerprint"),
    ("- rule: no-firm\n  fingerprint: 0123456789abcdef\n  reason: r\n  expire: 2030-01-01\n",
     "waivers.yaml:4:3: waivers[0]: unknown key 'expire'"),
    ("rule: no-firm\n", "waivers.yaml:1:1: a waiver file is a list"),
    ("- rule: no-firm\n  fingerprint: 12345678\n  reason: r\n- {rule: x, reason: r}\n",
     "waivers.yaml:2:16: waivers[0].fingerprint: YAML read 12345678 as a number"),
])
def test_bad_waiver_files_exit_2_with_location(project, capsys, monkeypatch, text, where) -> None:
    (project / "waivers.yaml").write_text(text, encoding="utf-8")
    code, _, err = cli(["--waivers", "waivers.yaml"], capsys, monkeypatch)
    assert code == 2 and where in err


def test_no_rules_is_exit_2_unless_allowed(project, capsys, monkeypatch) -> None:
    (project / "empty-rules").mkdir()
    code, out, err = run_cli(["run", "docs", "--rules", "empty-rules"], capsys, monkeypatch)
    assert code == 2 and out == ""
    assert err.splitlines() == ["checker: error: no rule to run: the rule folders hold no rules or "
                                "--select/--ignore left none (--allow-empty to accept that)"]
    code, out, err = run_cli(["run", "docs", "--rules", "empty-rules", "--allow-empty"], capsys, monkeypatch)
    assert code == 0
    assert "no rules selected" in err
    assert "a" in out and "review" in out


def test_core_rules_on_the_seeds(tmp_path, capsys, monkeypatch) -> None:
    """End to end on the real corpus: the review figures and the plan targets of every report."""
    from test_engine_kit import ROOT

    monkeypatch.chdir(ROOT)
    sarif = tmp_path / "seeds.sarif"
    code, out, err = run_cli(["run", "seeds/corpus.yaml", "--rules", "rules/core", "--output", "json:-",
                              "--output", str(sarif)], capsys, monkeypatch)
    assert code == 0, err  # only info findings: nothing at or above warning
    got = {(f["rule"], f["document"], f["status"], f["actual"]) for f in json.loads(out)["findings"]}
    assert ("unemployment-above-ceiling", "seeds/beijing-2024-report.txt", "pass", "4.4%") in got
    assert ("cpi-above-ceiling", "seeds/beijing-2022-report.txt", "pass", "1.1%") in got
    stated = {(d, a) for r, d, s, a in got if r == "plan-states-main-targets" and s == "stated"}
    assert ("seeds/beijing-2022-report.txt", "城镇调查失业率控制在5%以内") in stated
    assert len(stated) == 12  # four targets in each of the three plans
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} == {
        "unemployment-above-ceiling", "cpi-above-ceiling", "plan-states-main-targets"}


@pytest.mark.parametrize(("content", "needle"), [
    ("{not json", "base.json:2:1: a mapping in { } is not closed"),
    ('{"findings": [{"rule": "x"}]}', "a baseline of another tool (None)"),
    ('{"tool": "ruff", "version": 1, "findings": []}', "a baseline of another tool ('ruff')"),
    ('{"tool": "checker", "version": 9, "findings": []}', "baseline version 9, this checker reads version 1"),
    ('{"tool": "checker", "version": 1, "findings": [{"fingerprint": 12}]}', "must be text, got 12"),
    ('{"tool": "checker", "version": 1, "findings": [{"fingerprint": ["a"]}]}', "must be text, got ['a']"),
    ('{"tool": "checker", "version": 1, "findings": [{"fingerprint": !!python/name:os.system ""}]}',
     "base.json:1:64: the tag !!python/name:os.system is not allowed"),
    ("[" * 100 + "]" * 100, "base.json:1:65: nested more than 64 levels deep"),
])
def test_malformed_baseline_exits_2(project, capsys, monkeypatch, content, needle) -> None:
    (project / "base.json").write_text(content, encoding="utf-8")
    code, _, err = cli(["--baseline", "base.json"], capsys, monkeypatch)
    assert code == 2 and needle in err


def test_a_run_collects_garbage_in_batches_and_gives_the_collector_back(monkeypatch) -> None:
    """``main`` runs with the batch thresholds of the collector and restores the caller's."""
    import gc

    import checker.cli as cli

    seen = []
    monkeypatch.setattr(cli, "_run", lambda: seen.append(gc.get_threshold()) or 0)
    before = gc.get_threshold()
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == 0
    assert seen == [cli.BATCH_GC_THRESHOLD] != [before]
    assert gc.get_threshold() == before
