"""``checker extract DOC``: the mentions table, and one clear line (exit 2) for unreadable input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

BAD = ROOT / "tests" / "fixtures" / "docs" / "bad"


def _checker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("does-not-exist.txt", "no such file"),
        ("tests/fixtures/docs", "directory"),
        ("tests/fixtures/docs/bad/empty.txt", "empty"),
        ("tests/fixtures/docs/bad/whitespace.txt", "empty"),
        ("tests/fixtures/docs/bad/binary.txt", "binary"),
        ("tests/fixtures/docs/bad/scanned.pdf", "no text"),
        ("tests/fixtures/docs/bad/undecodable.txt", "undecodable"),
    ],
    ids=["missing", "directory", "empty", "whitespace", "binary", "pdf-without-text", "undecodable"],
)
def test_unreadable_input_is_one_line_exit_2(path, says):
    result = _checker("extract", path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("checker: error: ") and path.split("/")[-1] in lines[0]
    assert says in lines[0].lower()
    assert "Traceback" not in result.stderr


def test_unknown_format_is_an_error():
    result = _checker("extract", "seeds/beijing-2024-highlights.txt", "--format", "xml")
    assert result.returncode == 2 and "--format xml" in result.stderr and "Traceback" not in result.stderr


# ---- output (needs the quantity extractor) -------------------------------------------------

def _run(*args: str) -> str:
    pytest.importorskip("checker.quantities", reason="checker.quantities not written yet")
    from typer.testing import CliRunner

    from checker.cli import app

    result = CliRunner().invoke(app, ["extract", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_table_lists_every_mention_with_location_and_quote():
    out = _run(str(SEEDS / "beijing-2024-highlights.txt"))
    head, header = out.splitlines()[:2]
    assert "mentions" in head
    for column in ("location", "section", "action", "metric", "value", "unit", "qualifier", "quote"):
        assert column in header
    line = next(ln for ln in out.splitlines() if "中小学学位" in ln)
    assert "plan 2024" not in line and "review 2023" in line  # 新增中小学学位3.8万个 is a 2023 outcome
    assert "38000" in line and "新增" in line


def test_json_and_csv_agree(tmp_path: Path):
    doc = str(SEEDS / "beijing-2024-press-summary.md")
    rows = json.loads(_run(doc, "--format", "json"))
    table = list(csv.DictReader(io.StringIO(_run(doc, "--format", "csv"))))
    assert len(rows) == len(table) > 50
    assert [r["key"] for r in rows] == [r["key"] for r in table]
    gdp = next(r for r in rows if r["key"] == "地区生产总值增速" and r["role"] == "plan")
    assert (gdp["value"], gdp["unit"], gdp["qualifier"], gdp["year"]) == ("5", "%", "~", 2024)
    out = tmp_path / "m.json"
    _run(doc, "--format", "json", "--output", str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == rows
