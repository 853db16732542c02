"""The rules behind ``checker goals`` and ``checker compare``: shipped in the package,
valid, run through the engine (a kind that raises is an error finding there too)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.commands import COMMAND_RULES, command_rule, goal_findings, plan_and_review
from checker.engine import run_example
from checker.kinds import REGISTRY
from checker.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()


def test_command_rules_are_package_data_and_their_examples_hold() -> None:
    assert COMMAND_RULES.is_relative_to(Path(__import__("checker").__file__).parent)
    rules = load_rules(COMMAND_RULES)
    assert {r.id for r in rules} == {"goal-followup", "completion-claim", "summary-fidelity",
                                     "figure-agreement"}
    for rule in rules:
        for example in rule.examples:
            result = run_example(rule, example)
            assert result.ok, f"{result.name}: {result.reason}"


def test_commands_work_from_any_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["compare", str(SEEDS / "beijing-2024-highlights.txt"),
                                 str(SEEDS / "beijing-2024-report.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    statuses = {f["status"] for f in json.loads(result.output)["findings"]}
    assert "item_omitted" in statuses and "number_match" in statuses


def test_params_override_and_severities_per_status() -> None:
    rule = command_rule("goal-followup", {"quantified_only": True}, only={"plan": "a[1]"})
    assert rule.params["quantified_only"] is True and rule.scope["plan"]["id"] == "a[[]1]"
    findings = goal_findings(plan_and_review(SEEDS / "beijing-2021-report.txt",
                                             SEEDS / "beijing-2022-report.txt"), "beijing-2021-report",
                             {"quantified_only": True})
    severity = {f.status: f.severity for f in findings}
    assert severity["not_reported"] == "warning" and severity["exceeded"] == "info"
    assert severity["contradicted"] == "warning"
    assert len({f.fingerprint for f in findings}) == len(findings)  # numbered like `checker run`


def _raise(ctx):
    raise RuntimeError("kind broke")


@pytest.mark.parametrize(("kind", "args"), [
    ("goal_followup", ["goals", str(SEEDS / "beijing-2021-report.txt"),
                       str(SEEDS / "beijing-2022-report.txt")]),
    ("summary_fidelity", ["compare", str(SEEDS / "beijing-2024-highlights.txt"),
                          str(SEEDS / "beijing-2024-report.txt")]),
])
def test_a_kind_that_raises_is_an_error_finding(kind: str, args: list[str], monkeypatch) -> None:
    monkeypatch.setitem(REGISTRY, kind, replace(REGISTRY[kind], check=_raise))
    result = runner.invoke(app, [*args, "--format", "json", "--fail-on", "error"])
    assert result.exit_code == 1, result.output
    errors = [f for f in json.loads(result.output)["findings"] if f["status"] == "error"]
    assert errors and all("RuntimeError: kind broke" in f["message"] for f in errors)
    table = runner.invoke(app, args)  # in the default language, Chinese
    assert table.exit_code == 0 and "错误: 规则" in table.output
    assert "「RuntimeError: kind broke」" in table.output
    table = runner.invoke(app, ["--lang", "en", *args])
    assert table.exit_code == 0 and "error: rule" in table.output
    assert "raised RuntimeError: kind broke" in table.output
