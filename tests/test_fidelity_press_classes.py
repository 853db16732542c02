"""Press noise, framing and severity classes (tests/cases/fidelity/press_classes.yaml): each made-up
retelling gives exactly the loud (warning/error) findings listed, nothing louder elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.commands import compare_files
from checker.fidelity.text import mask_noise

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "fidelity" / "press_classes.yaml")
                       .read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_press_class(case, tmp_path) -> None:
    report, summary = tmp_path / "report.txt", tmp_path / "press.txt"
    report.write_text(case["report"] + "\n", encoding="utf-8")
    summary.write_text(case["summary"] + "\n", encoding="utf-8")
    loud = [f for f in compare_files(summary, report) if not f.passed and f.severity != "info"]
    got = sorted((f.status, f.severity) for f in loud)
    want = sorted((w["status"], w["severity"]) for w in case["loud"])
    assert got == want, [(f.status, f.severity, f.data.get("detail")) for f in loud]
    for w in case["loud"]:
        assert any(w["quote"] in str(f.data.get("summary_quote")) for f in loud if f.status == w["status"])


def test_mask_noise_keeps_length_and_abbreviations() -> None:
    text = "GDP增长7%左【下载APP看全文】右，PM2.5浓度下降（down 3 percent），報(bào)告"
    masked = mask_noise(text)
    assert len(masked) == len(text)
    assert "下载" not in masked and "bào" not in masked and "percent" not in masked
    assert masked.startswith("GDP增长7%左") and "PM2.5浓度下降" in masked


def test_english_text_is_refused_in_one_line(tmp_path) -> None:
    from typer.testing import CliRunner

    from checker.cli import app
    from checker.errors import CheckerError

    report, summary = tmp_path / "report.txt", tmp_path / "press.txt"
    report.write_text("全省地区生产总值增长5.1%。\n", encoding="utf-8")
    summary.write_text("The province's GDP grew 5.1 percent last year, the report said.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", str(summary), str(report)])
    # main() prints a CheckerError as its one line and exits with its code
    assert isinstance(result.exception, CheckerError) and result.exception.exit_code == 2
    message = result.exception.render("en")
    assert "press.txt: not Chinese text" in message and "\n" not in message
    # in the default language, Chinese
    assert "press.txt: 不是中文文本（47 个字母中只有 0 个是汉字）" in str(result.exception)
