"""Outputs all or nothing: checked before the run, staged next to their targets, renamed together;
a failure or a signal part-way leaves every target as it was and no temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.cli import output_io
from checker.cli.output_io import plan_outputs, write_outputs
from checker.errors import CheckerError

# the English wording is asserted here (CHECKER_LANG=en); the Chinese in test_lang_audit
pytestmark = pytest.mark.usefixtures("english")


def _listing(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_on_the_second_output_changes_nothing(tmp_path: Path, monkeypatch, failure) -> None:
    (tmp_path / "a.json").write_text("old a", encoding="utf-8")
    targets = plan_outputs([tmp_path / "a.json", tmp_path / "b.csv"])
    real_stage = output_io._stage
    calls = []

    def stage(target, text):
        calls.append(target)
        if len(calls) == 2:
            raise failure
        return real_stage(target, text)

    monkeypatch.setattr(output_io, "_stage", stage)
    expected = CheckerError if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises(expected):
        write_outputs([(targets[0], "new a"), (targets[1], "new b")])
    assert _listing(tmp_path) == {"a.json": "old a"}  # first output untouched, no temp file left


def test_all_outputs_are_written_together(tmp_path: Path) -> None:
    targets = plan_outputs([tmp_path / "a.json", tmp_path / "b.csv"])
    write_outputs([(targets[0], "A"), (targets[1], "B")])
    assert _listing(tmp_path) == {"a.json": "A", "b.csv": "B"}


def test_a_symlink_keeps_pointing_at_its_replaced_target(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old", encoding="utf-8")
    os.symlink("real.json", tmp_path / "link.json")
    [target] = plan_outputs([tmp_path / "link.json"])
    write_outputs([(target, "new")])
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "real.json").read_text() == "new"


@pytest.mark.parametrize(("make", "needle"), [
    (lambda d: (d / "x").mkdir(), "is a directory"),
    (lambda d: os.symlink("x", d / "x"), "a symlink loop"),
    (lambda d: None, "folder"),  # x/out.json: the folder x does not exist
])
def test_refused_before_the_run(tmp_path: Path, make, needle) -> None:
    make(tmp_path)
    path = tmp_path / "x" if needle != "folder" else tmp_path / "x" / "out.json"
    with pytest.raises(CheckerError, match=needle):
        plan_outputs([path])


def test_the_same_file_by_two_paths_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    os.symlink("a.json", tmp_path / "b.json")
    with pytest.raises(CheckerError, match="named twice"):
        plan_outputs([tmp_path / "a.json", tmp_path / "b.json"])
    (tmp_path / "sub").mkdir()
    with pytest.raises(CheckerError, match="named twice"):  # not there yet: compared by resolved path
        plan_outputs([tmp_path / "new.json", tmp_path / "sub" / ".." / "new.json"])


def test_a_character_device_is_written_in_place(tmp_path: Path) -> None:
    [target] = plan_outputs([Path("/dev/null")])
    assert target.in_place
    write_outputs([(target, "x")])
    assert Path("/dev/null").is_char_device()
