"""The progress line of ``checker run`` (checker/cli/progress.py) and Ctrl-C."""

from __future__ import annotations

import io
from pathlib import Path

from test_engine_kit import run_cli

from checker.cli.progress import Progress

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_progress_counts_documents_and_places_and_clears_its_line(english) -> None:
    stream = io.StringIO()
    progress = Progress(True, stream)
    read = list(progress.reading(lambda fn, items: map(fn, items))(str.upper, ["a", "b", "c"]))
    assert read == ["A", "B", "C"]
    progress.place(1, 2)
    progress.place(2, 2)
    shown = stream.getvalue()
    assert "documents read 3/3" in shown and "places checked 2/2" in shown
    assert "[" + "#" * 20 + "]" in shown and "0:00 left" in shown
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_in_chinese() -> None:
    stream = io.StringIO()
    progress = Progress(True, stream)
    list(progress.reading(lambda fn, items: map(fn, items))(str.upper, ["a"]))
    progress.place(1, 1)
    assert "已读文档 1/1" in stream.getvalue() and "已检查地区 1/1" in stream.getvalue()
    assert "还需 0:00" in stream.getvalue()


def test_progress_says_nothing_when_disabled() -> None:
    stream = io.StringIO()
    progress = Progress(False, stream)
    list(progress.reading(lambda fn, items: map(fn, items))(str.upper, ["a"]))
    progress.place(1, 1)
    progress.close()
    assert stream.getvalue() == ""


def test_run_into_a_pipe_shows_no_progress(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    docs = [str(SEEDS / "beijing-2021-report.txt"), str(SEEDS / "beijing-2022-report.txt")]
    code, _out, err = run_cli(["run", *docs, "-j", "1", "--fail-on", "never", "-f", "jsonl"],
                              capsys, monkeypatch)
    assert code == 0
    assert "\r" not in err and "已检查地区" not in err


def test_ctrl_c_exits_130_with_one_line_and_no_file(tmp_path: Path, capsys, monkeypatch) -> None:
    import os
    import signal

    import checker.scale

    def interrupted(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the places are being checked

    monkeypatch.setattr(checker.scale, "run_places", interrupted)
    doc = tmp_path / "report.txt"
    doc.write_text((SEEDS / "beijing-2021-report.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    code, _out, err = run_cli(["run", str(doc), "-j", "1", "--output", "out.jsonl", "--output", "out.sarif"],
                              capsys, monkeypatch)
    assert code == 130
    assert err.strip().splitlines() == ["checker: 已中断（SIGINT），没有写出任何输出"]
    assert list((tmp_path / "out").iterdir()) == []
