"""``checker compare SUMMARY FULL`` on the seeds, every output format, the rule, and the eval member."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app

ROOT = Path(__file__).resolve().parent.parent
FULL = str(ROOT / "seeds" / "beijing-2024-report.txt")
HIGHLIGHTS = str(ROOT / "seeds" / "beijing-2024-highlights.txt")
PRESS = str(ROOT / "seeds" / "beijing-2024-press-summary.md")
runner = CliRunner()


def test_compare_table_on_the_highlights() -> None:
    result = runner.invoke(app, ["--lang", "en", "compare", HIGHLIGHTS, FULL])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row = next(line for line in lines if "有潜能" in line)
    assert "wording changed" in row and "有潜力" in row
    assert "beijing-2024-highlights.txt:" in row and "beijing-2024-report.txt:" in row
    assert any("item left out" in line and "开创和美乡村新气象" in line for line in lines)
    assert "number differs" not in result.output          # every figure of the digest agrees
    assert "Outcomes: number matches" in result.output


def test_compare_table_in_chinese_by_default() -> None:
    result = runner.invoke(app, ["compare", HIGHLIGHTS, FULL])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["严重程度", "结果", "说明"]
    row = next(line for line in lines if "有潜能" in line)
    assert "措辞改动" in row and "wording" not in row
    omitted = next(line for line in lines if "有遗漏" in line)
    assert "遗漏" in omitted.split("有遗漏", 1)[1] and "left out" not in omitted
    assert "各类结果：数字一致" in result.output


def test_compare_reads_the_summary_from_stdin() -> None:
    text = Path(HIGHLIGHTS).read_text(encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", "compare", "-", FULL, "--format", "json"], input=text)
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    assert {f["status"] for f in findings} >= {"number_match", "wording_changed", "item_omitted"}
    assert all(f["document"] == "-" for f in findings)
    empty = runner.invoke(app, ["compare", "-", FULL], input="")
    assert empty.exception.render("en") == "-: empty file"  # main() prints it as one line, exit 2
    assert str(empty.exception) == "-: 空文件"  # in the default language


def test_compare_json_carries_both_quotes() -> None:
    result = runner.invoke(app, ["compare", PRESS, FULL, "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    order = next(f for f in findings if f["status"] == "order_changed")
    assert "国际设计周" in order["summary_quote"] and "国际电影节" in order["full_quote"]
    assert order["evidence"][1]["role"] == "full" and order["evidence"][1]["line"] > 0
    assert order["summary_start"] < order["summary_end"]
    matches = [f for f in findings if f["status"] == "number_match"]
    assert len(matches) > 40 and all(f["passed"] for f in matches)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md", "sarif", "junit", "github", "html"])
def test_compare_every_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["compare", HIGHLIGHTS, FULL, "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "wording_changed" in text or "措辞改动" in text
    if fmt == "csv":
        assert text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
        assert any(r["status"] == "wording_changed" for r in rows)
    if fmt == "sarif":
        assert json.loads(text)["runs"][0]["results"]


def test_compare_fail_on_exit_code(tmp_path: Path) -> None:
    altered = tmp_path / "altered.md"
    altered.write_text("报告提出，全市地区生产总值增长5.2%、约4.4万亿元，一般公共预算收入增长9.2%、"
                       "突破6000亿元，城镇调查失业率4.4%，居民消费价格总体平稳。\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(altered), FULL, "--fail-on", "error"])
    assert result.exit_code == 1, result.output
    assert "数字不一致" in result.output and "9.2%" in result.output


def test_compare_missing_file() -> None:
    from checker.errors import CheckerError

    result = runner.invoke(app, ["compare", "no-such-file.md", FULL])
    assert isinstance(result.exception, CheckerError) and result.exception.exit_code == 2
    assert "no-such-file.md" in str(result.exception)


def test_summary_rule_runs_on_the_seed_corpus() -> None:
    result = runner.invoke(app, ["run", str(ROOT / "seeds" / "corpus.yaml"), "--rules",
                                 str(ROOT / "rules" / "summary"), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    docs = {f["summary_doc"] for f in findings if f["kind"] == "summary_fidelity"}
    assert docs == {"bj-2024-press", "bj-2024-highlights"}
    assert not [f for f in findings if f["status"] in ("error", "no_documents")]


def test_eval_member_meets_the_targets() -> None:
    from checker.evaluate import summary

    result = summary.evaluate(ROOT / "tests" / "gold", ROOT / "seeds")
    assert result is not None
    total = result["total"]
    assert total["recall"] >= 0.90, [s["missed"] for s in result["summaries"].values()]
    for name, figures in result["summaries"].items():
        assert figures["false_positives"] <= 3, (name, figures["false_positive_quotes"])
        assert figures["on_match"] == 0, (name, figures["on_match_quotes"])
        assert figures["unlocated"] == [], name
    rows = summary.rows(result)
    assert any(r[0] == "false positives" and r[1] == "total" for r in rows)


def test_run_html_shows_every_summary_pair(tmp_path: Path) -> None:
    out = tmp_path / "run.html"
    result = runner.invoke(app, ["run", str(ROOT / "seeds" / "corpus.yaml"), "--rules",
                                 str(ROOT / "rules" / "summary"), "--fail-on", "never",
                                 "--output", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    pairs = re.findall(r"<h2>([^<]*) ↔ ([^<]*)</h2>", html)
    names = {Path(s).name for s, _ in pairs}
    assert names == {"beijing-2024-press-summary.md", "beijing-2024-highlights.txt"}
    assert all(Path(f).name == "beijing-2024-report.txt" for _, f in pairs)
    assert html.count('class="pane pane-s"') == 2 and "k-order_changed" in html
