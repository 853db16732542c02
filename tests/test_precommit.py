"""``.pre-commit-hooks.yaml``: each hook picks the files it should and runs as pre-commit runs it
(``entry`` + the matching files a commit touches), from a folder with no rules/ of its own."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from test_engine_kit import ROOT, run_cli

HOOKS = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
TOUCHED = ["seeds/beijing-2024-report.txt", "seeds/beijing-2024-highlights.txt", "seeds/corpus.yaml",
           "README.md", "docs/CHANGELOG.md", "rules/core/cpi-ceiling.yaml", "rules/local/jobs.yml"]


def picked(hook: dict, paths: list[str]) -> list[str]:
    """The files pre-commit passes to ``hook`` (``files`` and ``exclude`` are Python regexes, searched)."""
    files = re.compile(hook.get("files", ""))
    exclude = re.compile(hook["exclude"]) if "exclude" in hook else None
    return [p for p in paths if files.search(p) and not (exclude and exclude.search(p))]


def test_each_hook_picks_its_files() -> None:
    assert picked(HOOKS["checker"], TOUCHED) == ["seeds/beijing-2024-report.txt",
                                                 "seeds/beijing-2024-highlights.txt"]
    assert picked(HOOKS["checker-rules"], TOUCHED) == ["rules/core/cpi-ceiling.yaml", "rules/local/jobs.yml"]
    assert all(h["language"] == "python" for h in HOOKS.values())


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules" / "core", tmp_path / "rules" / "core")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_checker_hook_checks_the_touched_documents(repo, capsys, monkeypatch) -> None:
    entry = shlex.split(HOOKS["checker"]["entry"])
    assert entry[0] == "checker"
    code, out, err = run_cli([*entry[1:], *picked(HOOKS["checker"], TOUCHED)], capsys, monkeypatch)
    assert code in (0, 1), err  # never "nothing checked": the report pairs with nothing but is checked
    assert "summary-fidelity" in out and "unemployment-above-ceiling" in out
    # a lone digest pairs with its report through the manifest next to it
    code, out, err = run_cli([*entry[1:], "seeds/beijing-2024-highlights.txt"], capsys, monkeypatch)
    assert code == 1 and "与它列出的文档配对读取" in err and "summary-fidelity" in out


def test_the_rules_hook_tests_the_touched_rule_files(repo, capsys, monkeypatch) -> None:
    entry = shlex.split(HOOKS["checker-rules"]["entry"])
    files = [p for p in picked(HOOKS["checker-rules"], TOUCHED) if Path(p).exists()]
    code, out, _ = run_cli([*entry[1:], *files], capsys, monkeypatch)
    assert code == 0 and out.rstrip().endswith("2 passed, 0 failed")  # cpi-ceiling's examples
    broken = repo / "rules" / "core" / "cpi-ceiling.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: threshold", "kind: treshold"),
                      encoding="utf-8")
    code, _, err = run_cli([*entry[1:], *files], capsys, monkeypatch)
    assert code == 2 and "未知的类型 'treshold'" in err  # in the default language, Chinese
