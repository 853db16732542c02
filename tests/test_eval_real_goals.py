"""The ``real-goals`` eval member: per-pair and total figures over labelled plan/review pairs.

End to end on the invented pairs of tests/cases/real_goals/ (one the checker reads, one it refuses),
and the scoring rules on goal rows given directly (pairing by line, value and text; ranges; labelled
sections for precision; outcome from the labelled sentence; refused pairs), so the figures are
checked independently of how well the goal matching itself does.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import CheckerError
from checker.evaluate import real_goals

# the English wording is asserted here (CHECKER_LANG=en); the Chinese in test_lang_audit
pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "tests" / "cases" / "real_goals"
runner = CliRunner()


def _eval(gold: Path, docs: Path, fmt: str = "json"):
    return runner.invoke(app, ["eval", "--gold", str(gold), "--docs", str(docs), "--format", fmt])


def test_cli_reads_every_pair_and_lists_the_refused_one() -> None:
    result = _eval(CASE / "gold", CASE / "docs")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["real-goals"]
    river = figures["pairs"]["goals-riverland-2030.yaml"]
    assert river["refused"] is None
    assert (river["gold"], river["found"], river["recall"]) == (4, 4, 1.0)
    assert river["listed"] == 4  # the task section's goals (line 8) are not labelled
    hill = figures["pairs"]["goals-hillside-2030.yaml"]
    assert "no plan section" in hill["refused"] and hill["missed"] == ["地区生产总值增长5%以上"]
    total = figures["total"]
    assert total["refused"] == ["goals-hillside-2030.yaml"]
    assert (total["gold"], total["found"]) == (5, 4)
    assert total["recall"] == 0.8


def test_table_has_pair_and_total_rows() -> None:
    result = _eval(CASE / "gold", CASE / "docs", "table")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("goal recall" in x and "goals-riverland-2030.yaml" in x and "(4/4)" in x for x in lines)
    assert any("goal recall" in x and "total" in x and "(4/5)" in x for x in lines)
    assert any("pairs refused" in x and "goals-hillside-2030.yaml" in x for x in lines)


def _row(line: int, text: str, value: float, unit: str = "%", status: str = "met",
         outcome: float | None = None, outcome_line: int | None = None) -> dict:
    evidence = [{"role": "goal", "line": line}]
    if outcome_line is not None:
        evidence.append({"role": "outcome", "line": outcome_line})
    return {"rule": "goal-followup", "line": line, "goal_text": text, "target_value": value,
            "unit": unit, "status": status, "outcome_value": outcome, "outcome_text": None,
            "evidence": evidence}


def _gold(tmp_path: Path, goals: list[dict], **top) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name in ("p.txt", "r.txt"):
        (docs / name).write_text("一、2030年工作回顾\n", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir(exist_ok=True)
    doc = {"plan_file": "p.txt", "review_file": "r.txt", "target_year": 2030, **top, "goals": goals}
    (gold / "goals-x.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return gold


def _goal(text: str, line: int, value: float | None, status: str, outcome: float | None = None,
          outcome_line: int | None = None, section: str = "主要预期目标", **extra) -> dict:
    return {"section": section, "goal_text": text, "target_value": value, "unit": "%",
            "qualifier": extra.pop("qualifier", ">="), "quantified": True, "plan_line": line,
            "outcome_value": outcome, "outcome_line": outcome_line, "status": status, **extra}


def _run(tmp_path: Path, monkeypatch, goals: list[dict], rows: list[dict], **top) -> dict:
    gold = _gold(tmp_path, goals, **top)
    monkeypatch.setattr(real_goals, "goal_findings", lambda plan, review, year: rows)
    return real_goals.evaluate(gold, tmp_path / "docs")["pairs"]["goals-x.yaml"]


def test_pairing_needs_line_value_and_text(tmp_path: Path, monkeypatch) -> None:
    goals = [_goal("地区生产总值增长6%以上", 5, 6, "exceeded"),
             _goal("城镇调查失业率5.5%以内", 5, 5.5, "met"),
             _goal("居民消费价格涨幅3%左右", 5, 3, "met")]
    rows = [_row(5, "地区生产总值增长6%以上", 6, status="exceeded"),
            _row(9, "城镇调查失业率5.5%以内", 5.5),           # another line
            _row(5, "居民消费价格涨幅3%左右", 3, unit="个"),    # another unit
            _row(5, "一般公共预算收入增长3%", 3)]              # same value, other text
    fig = _run(tmp_path, monkeypatch, goals, rows)
    assert fig["found"] == 1 and fig["missed"] == ["城镇调查失业率5.5%以内", "居民消费价格涨幅3%左右"]
    assert fig["listed"] == 3  # rows on the labelled line 5
    assert fig["precision"] == round(1 / 3, 3)
    assert fig["status_accuracy"] == round(1 / 3, 3)


def test_a_range_pairs_with_either_end_and_the_other_end_is_extra(tmp_path: Path, monkeypatch) -> None:
    goals = [_goal("国内生产总值增长6%－6.5%", 3, None, "met", qualifier="range",
                   target_low=6, target_high=6.5)]
    rows = [_row(3, "国内生产总值增长6%－", 6, status="exceeded"), _row(3, "－6.5%", 6.5)]
    fig = _run(tmp_path, monkeypatch, goals, rows)
    assert (fig["found"], fig["listed"], fig["extra"]) == (1, 2, ["－6.5%"])
    wrong = {"goal": "国内生产总值增长6%－6.5%", "gold": "met", "checker": "exceeded"}
    assert fig["wrong_statuses"] == [wrong]


def test_precision_counts_only_labelled_sections(tmp_path: Path, monkeypatch) -> None:
    goals = [_goal("新增就业50万人以上", 4, 50, "met"),
             _goal("新建道路80公里", 20, 80, "met", section="(一)")]
    rows = [_row(4, "新增就业50万人以上", 50), _row(12, "实施项目300个", 300), _row(20, "新建道路80公里", 80)]
    both = _run(tmp_path, monkeypatch, goals, rows)
    assert (both["listed"], both["precision"]) == (2, 1.0)  # spans 4..4 and 20..20; line 12 outside
    main = _run(tmp_path, monkeypatch, goals, rows, labelled_sections=["主要预期目标"])
    assert (main["listed"], main["listed_found"]) == (1, 1)
    wide = _run(tmp_path, monkeypatch, goals, rows, labelled_lines=[[1, 30]])
    assert (wide["listed"], wide["extra"]) == (3, ["实施项目300个"])


def test_outcome_must_come_from_the_labelled_sentence(tmp_path: Path, monkeypatch) -> None:
    goals = [_goal("地区生产总值增长6%以上", 5, 6, "exceeded", outcome=6.8, outcome_line=30),
             _goal("新增就业50万人以上", 5, 50, "exceeded", outcome=58, outcome_line=30),
             _goal("粮食产量600亿斤以上", 5, 600, "not_reported")]
    rows = [_row(5, "地区生产总值增长6%以上", 6, status="exceeded", outcome=6.8, outcome_line=31),
            _row(5, "新增就业50万人以上", 50, status="exceeded", outcome=58, outcome_line=80),
            _row(5, "粮食产量600亿斤以上", 600, status="not_reported")]
    fig = _run(tmp_path, monkeypatch, goals, rows)
    assert (fig["outcomes"], fig["outcomes_right"]) == (2, 1)
    assert [w["goal"] for w in fig["wrong_outcomes"]] == ["新增就业50万人以上"]
    assert fig["status_accuracy"] == 1.0


def test_a_refused_pair_counts_every_goal_missed(tmp_path: Path, monkeypatch) -> None:
    gold = _gold(tmp_path, [_goal("地区生产总值增长6%以上", 5, 6, "exceeded", outcome=6.8, outcome_line=3)])

    def refuse(plan, review, year):
        raise CheckerError("error.no_plan_section", path=str(plan), titles="", openings="", seen="")

    monkeypatch.setattr(real_goals, "goal_findings", refuse)
    result = real_goals.evaluate(gold, tmp_path / "docs")
    fig = result["pairs"]["goals-x.yaml"]
    assert "no plan section found" in fig["refused"]
    assert (fig["recall"], fig["outcome_accuracy"], fig["status_accuracy"]) == (0.0, 0.0, 0.0)
    assert result["total"]["refused"] == ["goals-x.yaml"]


def _refusal(result) -> str:
    assert isinstance(result.exception, CheckerError) and result.exception.exit_code == 2
    return str(result.exception)


def test_bad_gold_and_missing_documents_are_one_clear_error(tmp_path: Path) -> None:
    gold = _gold(tmp_path, [{"goal_text": "x", "quantified": True}])
    message = _refusal(_eval(gold, tmp_path / "docs"))
    assert "goals-x.yaml" in message and "plan_line" in message and "\n" not in message
    gold = _gold(tmp_path, [_goal("地区生产总值增长6%以上", 5, 6, "exceeded")])
    (tmp_path / "docs" / "r.txt").unlink()
    message = _refusal(_eval(gold, tmp_path / "docs"))
    assert "r.txt" in message and "not found" in message


def test_seed_gold_files_stay_with_the_goals_member() -> None:
    from checker.evaluate import goals

    assert real_goals.evaluate(ROOT / "tests" / "gold", ROOT / "seeds") is None
    assert goals.evaluate(CASE / "gold", CASE / "docs") is None


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_eval_real_says_plainly_when_the_corpus_is_absent(tmp_path: Path) -> None:
    missing = tmp_path / "no-realcorpus"
    done = subprocess.run(["make", "-s", "-o", ".venv/.installed-stamp", "eval-real",
                           f"REALCORPUS={missing}"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{missing} not found: eval-real skipped"
