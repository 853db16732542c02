"""``checker goals PLAN REVIEW`` on the seeds, the goals rules' examples, and the goals eval member."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app

ROOT = Path(__file__).resolve().parent.parent
PLAN = str(ROOT / "seeds" / "beijing-2021-report.txt")
REVIEW = str(ROOT / "seeds" / "beijing-2022-report.txt")
runner = CliRunner()


def test_goal_table() -> None:
    result = runner.invoke(app, ["--lang", "en", "goals", PLAN, REVIEW, "--quantified-only"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "新增2万个中小学学位" in line)
    assert "exceeded" in row and "2.8万个" in row and "beijing-2022-report.txt:" in row
    assert "beijing-2021-report.txt:" in row
    assert any("新增5G基站6000个" in line and "not reported" in line for line in result.output.splitlines())
    assert "Completion claim" in result.output and "contradicted" in result.output
    multi = result.output.split("Multi-year targets")[1]
    assert "森林覆盖率达到45%" in multi and "[2025]" in multi
    lines = result.output.splitlines()
    assert not any("森林覆盖率达到45%" in line and "not reported" in line for line in lines)


def test_goal_table_in_chinese_by_default() -> None:
    result = runner.invoke(app, ["goals", PLAN, REVIEW, "--quantified-only"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "量化目标（22）：" and lines[1].split()[:3] == ["序号", "结果", "目标值"]
    row = next(line for line in lines if "新增2万个中小学学位" in line)
    assert "超额完成" in row and "exceeded" not in row
    assert any("新增5G基站6000个" in line and "未报告" in line for line in lines)
    assert "完成情况表述" in result.output and "与目标跟踪不符" in result.output
    assert "多年目标（" in result.output and "Multi-year" not in result.output


def test_goal_json_fields() -> None:
    result = runner.invoke(app, ["goals", PLAN, REVIEW, "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    goals = {f["goal_text"]: f for f in findings if f["rule"] == "goal-followup"}
    school = goals["新增2万个中小学学位"]
    assert (school["target_value"], school["unit"], school["qualifier"]) == (20000, "个", "=")
    assert (school["status"], school["outcome_value"]) == ("exceeded", 28000)
    assert "中小学学位" in school["outcome_text"]
    assert goals["新增5G基站6000个"]["status"] == "not_reported"
    assert goals["新增5G基站6000个"]["outcome_value"] is None
    statuses = {f["status"] for f in goals.values()}
    assert statuses <= {"exceeded", "met", "partly", "missed", "qualitative_claim", "not_reported",
                        "ambiguous"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md", "sarif", "junit", "github"])
def test_every_format_of_run(fmt: str) -> None:
    result = runner.invoke(app, ["goals", PLAN, REVIEW, "--format", fmt, "--quantified-only"])
    assert result.exit_code == 0, result.output
    assert "新增5G基站6000个" in result.output


def test_output_file_and_fail_on(tmp_path: Path) -> None:
    out = tmp_path / "goals.json"
    result = runner.invoke(app, ["goals", PLAN, REVIEW, "-f", "json", "-o", str(out), "--fail-on", "warning"])
    assert result.exit_code == 1  # goals not reported are warnings
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]


def test_bad_input_is_a_checker_error(tmp_path: Path) -> None:
    from checker.errors import CheckerError

    result = runner.invoke(app, ["goals", str(tmp_path / "nope.txt"), REVIEW])
    assert isinstance(result.exception, CheckerError) and "nope.txt" in str(result.exception)
    result = runner.invoke(app, ["goals", PLAN, REVIEW, "--format", "xml"])
    assert isinstance(result.exception, CheckerError)


def test_review_of_another_year_is_an_error() -> None:
    from checker.errors import CheckerError

    result = runner.invoke(app, ["goals", str(ROOT / "seeds" / "beijing-2024-report.txt"), REVIEW])
    assert isinstance(result.exception, CheckerError) and "covers 2021" in result.exception.render("en")
    assert "它的回顾针对 2021 年" in str(result.exception)


def test_goal_rules_examples() -> None:
    from checker.engine import run_example
    from checker.ruleset import load_rules

    rules = load_rules(ROOT / "rules" / "goals")
    assert {r.id for r in rules} >= {"goal-not-reported", "goal-missed", "goal-met", "completion-claim"}
    for rule in rules:
        for example in rule.examples:
            res = run_example(rule, example)
            assert res.ok, f"{res.name}: {res.reason}"


def test_eval_member_meets_targets() -> None:
    from checker.evaluate import goals as member

    result = member.evaluate(ROOT / "tests" / "gold", ROOT / "seeds")
    for name in ("goals-2021.yaml", "goals-2022.yaml", "goals-2024.yaml"):
        q = result[name]["quantified"]
        assert q["recall"] >= 0.9 and q["precision"] >= 0.85, (name, q)
    follow = result["goals-2021.yaml"]["followup"]
    assert follow["status_accuracy"] >= 0.9, follow["wrong"]
    assert follow["not_reported_recall"] == 1.0 or follow["not_reported_recall"] >= 0.9
    assert follow["reported_but_missed"] == []
    assert result["goals-2021.yaml"]["multi_year"]["recall"] == 1.0
    assert member.rows(result)


def test_missing_part_says_what_was_looked_for_and_seen(tmp_path: Path) -> None:
    from checker.errors import CheckerError

    plan = tmp_path / "notes.txt"
    plan.write_text("一、概述\n今年很好。\n二、附录\n无。\n", encoding="utf-8")
    result = runner.invoke(app, ["goals", str(plan), REVIEW])
    assert isinstance(result.exception, CheckerError)
    message = result.exception.render("en")
    assert "no plan section found" in message and "重点任务" in message
    assert "headings seen: 一、概述, 二、附录" in message
    message = result.exception.render("zh")
    assert "没有找到计划部分" in message and "重点任务" in message
    assert "看到的标题：一、概述、二、附录" in message
