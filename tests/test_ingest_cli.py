"""Unreadable input through the command line: one clear line on stderr, exit code 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main

# the English wording is asserted here (CHECKER_LANG=en); the Chinese in test_lang_audit
pytestmark = pytest.mark.usefixtures("english")

BAD = Path(__file__).resolve().parent / "fixtures" / "docs" / "bad"

CASES = {
    "missing": ("missing.txt", "no such file"),
    "directory": ("", "is a directory"),
    "empty": ("empty.txt", "empty file"),
    "binary": ("binary.txt", "a binary file"),
    "pdf_without_text": ("scanned.pdf", "PDF has no text layer (scanned?); run OCR first"),
    "undecodable": ("undecodable.txt", "undecodable bytes"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_extract_bad_input_exits_2_with_one_line(case: str, monkeypatch, capsys) -> None:
    name, problem = CASES[case]
    path = BAD / name
    monkeypatch.setattr(sys, "argv", ["checker", "extract", str(path)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"checker: error: {Path(path)}: ") and problem in err
    assert "Traceback" not in err


def test_real_process_no_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "extract", str(BAD / "scanned.pdf")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"checker: error: {BAD / 'scanned.pdf'}: PDF has no text layer (scanned?); run OCR first"
    ]
    assert proc.stdout == ""
