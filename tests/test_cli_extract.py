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

# the English wording is asserted here (CHECKER_LANG=en); the Chinese in test_lang_audit
pytestmark = pytest.mark.usefixtures("english")

BAD = ROOT / "tests" / "fixtures" / "docs" / "bad"


def _checker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


BAD_INPUTS = [
    ("does-not-exist.txt", "no such file"),
    ("tests/fixtures/docs", "directory"),
    ("tests/fixtures/docs/bad/empty.txt", "empty"),
    ("tests/fixtures/docs/bad/whitespace.txt", "empty"),
    ("tests/fixtures/docs/bad/binary.txt", "binary"),
    ("tests/fixtures/docs/bad/scanned.pdf", "no text"),
    ("tests/fixtures/docs/bad/undecodable.txt", "undecodable"),
]
BAD_IDS = ["missing", "directory", "empty", "whitespace", "binary", "pdf-without-text", "undecodable"]


def _main(args: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    """Run the real entry point (``checker.cli.main``) in-process: exit code, stdout, stderr."""
    from checker.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys, "argv", ["checker", *args])
    code = 0
    try:
        main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("path", "says"), BAD_INPUTS, ids=BAD_IDS)
def test_unreadable_input_is_one_line_exit_2(path, says, capsys, monkeypatch):
    code, out, err = _main(["extract", path], capsys, monkeypatch)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("checker: error: ") and path.split("/")[-1] in lines[0]
    assert says in lines[0].lower()


def test_unreadable_input_through_a_real_process():
    """The same through the console entry point: one line on stderr, exit 2, no traceback."""
    result = _checker("extract", "tests/fixtures/docs/bad/binary.txt")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_unknown_format_is_an_error(capsys, monkeypatch):
    args = ["extract", "seeds/beijing-2024-highlights.txt", "--format", "xml"]
    code, _out, err = _main(args, capsys, monkeypatch)
    assert code == 2 and "--format xml" in err and len(err.strip().splitlines()) == 1


# ---- output (needs the quantity extractor) -------------------------------------------------

def _run(*args: str) -> str:
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
    text = _run(doc, "--format", "csv")
    assert text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == len(table) > 50
    assert [r["key"] for r in rows] == [r["key"] for r in table]
    gdp = next(r for r in rows if r["key"] == "地区生产总值增速" and r["role"] == "plan")
    assert (gdp["value"], gdp["unit"], gdp["qualifier"], gdp["year"]) == ("5", "%", "~", 2024)
    out = tmp_path / "m.json"
    _run(doc, "--format", "json", "--output", str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == rows
