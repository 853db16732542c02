"""The README's "A new rule, from `rules explain` to CI" is real: replayed here in an empty folder with
a copy of the seeds, every command must print what the README shows and the workflow's commands must
run as CI would run them.

Markup of the section (between ``<!-- walkthrough -->`` and ``<!-- /walkthrough -->``):
``<!-- file: PATH -->`` before a fenced block writes it; ``<!-- edit: PATH: "OLD" => "NEW" -->``
changes that file; a ``console`` block holds ``$ checker …`` commands, each followed by its output
(stderr, then stdout); a block holding ``` lines is fenced with ````. In an output, a line ``…``
stands for any number of lines and a line ending in ``…`` for any line starting so.
``python tests/test_readme_walkthrough.py`` rewrites the outputs.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CHECKER = Path(sys.executable).parent / "checker"
EDIT = re.compile(r'<!-- edit: (?P<path>[^:]+): "(?P<old>[^"]*)" => "(?P<new>[^"]*)" -->')
FILE = re.compile(r"<!-- file: (?P<path>\S+) -->")


@dataclass
class Step:
    """One thing the section does: write or edit a file, or run commands and compare outputs."""

    what: str                       # file | edit | run
    path: str = ""
    text: str = ""
    old: str = ""
    commands: list[tuple[str, list[str], int]] = field(default_factory=list)  # (command, output, line)


def section(text: str) -> tuple[int, int]:
    start = text.index("<!-- walkthrough -->")
    return start, text.index("<!-- /walkthrough -->", start)


def steps(text: str) -> list[Step]:
    start, end = section(text)
    lines = text[:end].split("\n")
    first = text[:start].count("\n")
    out: list[Step] = []
    i = first
    pending_file = ""
    while i < len(lines):
        line = lines[i]
        if m := FILE.fullmatch(line.strip()):
            pending_file = m["path"]
        elif m := EDIT.fullmatch(line.strip()):
            out.append(Step("edit", m["path"], m["new"], m["old"]))
        elif line.startswith("```"):
            ticks = line[: len(line) - len(line.lstrip("`"))]  # ```` fences may hold ``` lines
            fence = line[len(ticks):].strip()
            j = i + 1
            while lines[j].strip() != ticks:
                j += 1
            body = lines[i + 1:j]
            if pending_file:
                out.append(Step("file", pending_file, "\n".join(body) + "\n"))
                pending_file = ""
            elif fence == "console":
                step = Step("run")
                for k, item in enumerate(body):
                    if item.startswith("$ "):
                        step.commands.append((item[2:], [], i + 2 + k))
                    else:
                        step.commands[-1][1].append(item)
                out.append(step)
            i = j
        i += 1
    return out


def run_command(command: str, cwd: Path) -> str:
    args = shlex.split(command)
    assert args[0] == "checker", command
    done = subprocess.run([str(CHECKER), *args[1:]], capture_output=True, text=True, cwd=cwd, timeout=600)
    return (done.stderr + done.stdout).rstrip("\n")


def matches(expected: list[str], actual: str) -> bool:
    """Lines equal, except ``…`` (any number of lines) and ``prefix…`` (a line starting so)."""
    got = actual.split("\n")

    @cache
    def fits(i: int, j: int) -> bool:
        if i == len(expected):
            return j == len(got)
        want = expected[i]
        if want == "…":
            return any(fits(i + 1, k) for k in range(j, len(got) + 1))
        if j == len(got):
            return False
        ok = got[j].startswith(want[:-1]) if want.endswith("…") else got[j] == want
        return ok and fits(i + 1, j + 1)

    return fits(0, 0)


def replay(folder: Path) -> list[tuple[str, list[str], str, int]]:
    """Run the section in ``folder``: (command, expected, actual, README line) for every command."""
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    results = []
    for step in steps(README.read_text(encoding="utf-8")):
        target = folder / step.path
        if step.what == "file":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.text, encoding="utf-8")
        elif step.what == "edit":
            text = target.read_text(encoding="utf-8")
            assert step.old in text, f"edit of {step.path}: {step.old!r} not found"
            target.write_text(text.replace(step.old, step.text, 1), encoding="utf-8")
        else:
            for command, expected, line in step.commands:
                results.append((command, expected, run_command(command, folder), line))
    return results


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    folder = tmp_path_factory.mktemp("walkthrough")
    return folder, replay(folder)


def test_every_command_prints_what_the_readme_shows(replayed) -> None:
    _, results = replayed
    assert len(results) >= 8
    for command, expected, actual, _ in results:
        assert expected, f"{command}: the README shows no output"
        assert matches(expected, actual), f"$ {command}\n--- README\n" + "\n".join(expected) + \
            f"\n--- real\n{actual}"


def test_the_workflow_runs_the_commands_it_names(replayed) -> None:
    folder, _ = replayed
    workflow = yaml.safe_load((folder / ".github" / "workflows" / "checker.yml").read_text(encoding="utf-8"))
    steps_ = workflow["jobs"]["check"]["steps"]
    runs = [s["run"] for s in steps_ if "run" in s]
    install = [r for r in runs if r.startswith("pip install")]
    assert install == ["pip install govreport-checker"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "govreport-checker"' in pyproject  # what the workflow installs is this project
    for command in (r for r in runs if r not in install):
        done = subprocess.run([str(CHECKER), *shlex.split(command)[1:]], capture_output=True, text=True,
                              cwd=folder, timeout=600)
        assert done.returncode in (0, 1), f"{command}: exit {done.returncode}: {done.stderr}"
        if command == "checker run --format github":
            assert done.returncode == 1  # the seeds have warnings: the job fails, the upload still runs
            assert done.stdout.startswith("::warning file=seeds/")
    upload = next(s for s in steps_ if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["if"] == "always()"
    sarif = folder / upload["with"]["sarif_file"]
    import json

    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} >= {"urban-jobs-floor",
                                                                            "goal-missed"}
    assert (folder / "checker-junit.xml").is_file()


def _fill() -> None:
    """Rewrite every output of the section with the real one (cut them by hand afterwards)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        results = replay(Path(tmp))
    lines = README.read_text(encoding="utf-8").split("\n")
    for _, expected, actual, line in sorted(results, key=lambda r: -r[3]):
        lines[line: line + len(expected)] = actual.split("\n") if actual else []
    README.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    _fill()
