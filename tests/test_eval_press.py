"""The ``press`` eval member: label files, scoring by position, the whole run on material of our own.

tests/cases/press/ holds a small report and a press text about it written for these tests (one
faithful line, one line with a changed figure, a dateline).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import CheckerError
from checker.evaluate import press
from checker.findings import Finding

# the English wording is asserted here (CHECKER_LANG=en); the Chinese in test_lang_audit
pytestmark = pytest.mark.usefixtures("english")

CASES = Path(__file__).parent / "cases" / "press"
LINES = [
    "本报讯（记者 林青）昨日开幕。",
    "报告显示，去年地区生产总值增长5.6%，城镇新增就业12.3万人。",
    "报告提出，今年城镇新增就业15万人以上。",
]
LABELS = """press_file: p.txt
full_file: r.txt
claims:
  - {press_line: 2, press_text: 地区生产总值增长5.6%, verdict: match, full_line: 5}
  - {press_line: 2, press_text: 城镇新增就业12.3万人, verdict: match, full_line: 5}
  - {press_line: 3, press_text: 城镇新增就业15万人以上, verdict: mismatch, differs: value, full_line: 9}
framing_lines: [1]
"""


def _labels(tmp_path: Path, text: str = LABELS) -> press.PressLabels:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    labels = press.load_labels(path)
    assert labels is not None
    return labels


def _finding(status: str, severity: str, line: int, quote: str, passed: bool = False) -> Finding:
    column = LINES[line - 1].find(quote) + 1
    return Finding(rule="summary-fidelity", kind="summary_fidelity", status=status, severity=severity,
                   passed=passed, document="p", line=line, column=column, message="",
                   data={"summary_quote": quote})


def test_a_finding_on_the_changed_figure_finds_it_and_raises_no_alarm(tmp_path) -> None:
    got = press.score(_labels(tmp_path), LINES, [_finding("number_mismatch", "error", 3, "15万人以上")])
    assert (got["found"], got["discrepancies"]) == (1, 1)
    assert (got["false_number_alarms"], got["false_errors"], got["other_warning_lines"]) == (0, 0, 0)


def test_findings_elsewhere_are_alarms_errors_and_warned_lines(tmp_path) -> None:
    findings = [
        _finding("number_mismatch", "error", 2, "12.3万人"),        # on a faithful claim
        _finding("added_claim", "warning", 1, "本报讯"),             # framing
        _finding("wording_changed", "info", 2, "地区生产总值"),      # info: not a warning
        _finding("number_match", "info", 2, "5.6%", passed=True),   # a pass counts for nothing
    ]
    got = press.score(_labels(tmp_path), LINES, findings)
    assert got["found"] == 0 and got["missed"] == ["3: mismatch 城镇新增就业15万人以上"]
    assert (got["false_number_alarms"], got["false_errors"]) == (1, 1)
    assert (got["other_warning_lines"], got["framing_lines_warned"]) == (1, 1)


def test_an_omission_over_a_changed_figure_neither_finds_it_nor_is_explained(tmp_path) -> None:
    omission = _finding("item_omitted", "warning", 3, "今年城镇新增就业15万人以上")
    got = press.score(_labels(tmp_path), LINES, [omission])
    assert got["found"] == 0
    assert got["other_warning_lines"] == 1


VERSION_LABELS = LABELS.replace("verdict: mismatch, differs: value, full_line: 9}",
                                "verdict: version_difference}")


@pytest.mark.parametrize(("status", "severity", "named", "as_errors"), [
    ("version_difference", "info", 1, 0),     # said as what it is
    ("number_mismatch", "error", 0, 1),       # found, but as an error
    ("number_mismatch", "warning", 0, 0),
])
def test_speech_day_versions_are_counted(tmp_path, status, severity, named, as_errors) -> None:
    got = press.score(_labels(tmp_path, VERSION_LABELS), LINES, [_finding(status, severity, 3, "15万人以上")])
    assert (got["found"], got["versions"], got["versions_named"], got["versions_as_errors"]) == \
        (1, 1, named, as_errors)
    assert got["false_errors"] == 0


def test_totals_add_up_and_give_the_rates() -> None:
    one = {"claims": 3, "discrepancies": 2, "found": 1, "false_number_alarms": 1, "false_errors": 0,
           "other_warning_lines": 4, "framing_lines_warned": 1}
    two = dict(one, found=2, other_warning_lines=0)
    t = press.totals({"a": one, "b": two})
    assert (t["found"], t["discrepancies"], t["recall"]) == (3, 4, 0.75)
    assert (t["other_warning_lines_per_text"], t["other_warning_lines_max"]) == (2.0, 4)


@pytest.mark.parametrize(("change", "problem"), [
    (("verdict: match, full_line: 5}", "verdict: faithful, full_line: 5}"), "verdict 'faithful'"),
    (("differs: value, ", ""), "needs differs"),
    ((", full_line: 9}", "}"), "needs full_line"),
    (("framing_lines: [1]", "framing_lines: one"), "framing_lines"),
])
def test_bad_label_files_are_one_clear_error(tmp_path, change, problem) -> None:
    with pytest.raises(CheckerError, match=problem) as e:
        _labels(tmp_path, LABELS.replace(*change, 1))
    assert str(tmp_path / "p.yaml") in str(e.value)


def test_a_press_text_not_on_its_line_is_a_label_error(tmp_path) -> None:
    labels = _labels(tmp_path, LABELS.replace("press_line: 3", "press_line: 1"))
    with pytest.raises(CheckerError, match="not on line 1"):
        press.score(labels, LINES, [])


def test_other_yaml_files_are_not_label_files(tmp_path) -> None:
    (tmp_path / "goals.yaml").write_text("entries: []\n", encoding="utf-8")
    assert press.label_files(tmp_path) == []
    assert press.evaluate(tmp_path, tmp_path) is None


def test_the_whole_run_on_our_own_press_text() -> None:
    got = press.evaluate(CASES, CASES)
    assert got is not None
    text = got["texts"]["city-2026-news.txt"]
    assert (text["claims"], text["discrepancies"], text["found"]) == (4, 1, 1)
    assert got["total"]["recall"] == 1.0


def test_a_report_outside_the_development_split_is_refused(tmp_path) -> None:
    for name in ("city-2026-news.txt", "city-2026-news.yaml", "city-2026-report.txt"):
        shutil.copy(CASES / name, tmp_path / name)
    (tmp_path / "dev.txt").write_text("other-2026-report.txt\n", encoding="utf-8")
    with pytest.raises(CheckerError, match="development split"):
        press.evaluate(tmp_path, tmp_path)


def test_checker_eval_prints_the_press_figures() -> None:
    result = CliRunner().invoke(app, ["eval", "--gold", str(CASES), "--docs", str(CASES)])
    assert result.exit_code == 0, result.output
    assert "== press" in result.output
    assert "1/1 = 1.0" in result.output


def test_checker_eval_refuses_a_missing_report_in_one_line(tmp_path) -> None:
    shutil.copy(CASES / "city-2026-news.txt", tmp_path)
    shutil.copy(CASES / "city-2026-news.yaml", tmp_path)
    result = subprocess.run([sys.executable, "-m", "checker", "eval", "--gold", str(tmp_path), "--docs",
                             str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "city-2026-report.txt not found" in result.stderr


def test_a_normalised_quote_is_placed_from_its_column() -> None:
    lines = ["本报讯（记者 林青）昨日开幕。"]
    f = Finding(rule="r", kind="k", status="added_claim", severity="warning", passed=False, document="p",
                line=1, column=1, message="", data={"summary_quote": "本报讯（记者林青）"})
    assert press.finding_span(f, lines) == (1, 0, len("本报讯（记者林青）"))
    f.data["summary_quote"] = "记者 林青"
    assert press.finding_span(f, lines) == (1, 4, 9)
