"""Usage errors of the command line (checker/cli/usage.py): one line in the run's language, exit 2,
said from the parser's parts (the option, the argument, the value), not its English sentence."""

from __future__ import annotations

import re

import pytest
from test_engine_kit import run_cli

CASES = [
    # (arguments, Chinese line, English line)
    (["run", "--bogus"], "没有这个选项：--bogus；可用的相近选项：--jobs（用 checker run --help 查看用法）",
     "no such option: --bogus; possible options: --jobs (see checker run --help)"),
    (["rules", "explain"], "缺少参数 RULE_ID（用 checker rules explain --help 查看用法）",
     "missing argument RULE_ID (see checker rules explain --help)"),
    (["run", "--fail-on"], "选项 --fail-on 需要一个值", "option --fail-on requires a value"),
    (["nosuch"], "没有这个命令：nosuch", "no such command: nosuch"),
    (["goals", "a", "b", "c", "d"], "多余的参数：c d", "unexpected extra arguments: c d"),
    (["run", "--jobs", "many"], "--jobs 的值无效：「", "invalid value for --jobs: "),
]


@pytest.mark.parametrize(("args", "chinese", "english"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_usage_error_is_one_line_in_either_language(args, chinese, english, capsys, monkeypatch) -> None:
    monkeypatch.delenv("CHECKER_LANG", raising=False)
    code, out, err = run_cli(args, capsys, monkeypatch)
    assert code == 2 and out == ""
    assert err.splitlines() == [err.rstrip("\n")] and err.startswith("checker: 错误: ") and chinese in err
    assert "Usage:" not in err and "Error:" not in err
    code, _, err = run_cli(["--lang", "en", *args], capsys, monkeypatch)
    assert code == 2 and err.startswith("checker: error: ") and english in err and len(err.splitlines()) == 1


def test_version_and_bare_command(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["--version"], capsys, monkeypatch)
    assert code == 0 and out.startswith("checker ")
    monkeypatch.delenv("CHECKER_LANG", raising=False)
    code, out, err = run_cli([], capsys, monkeypatch)  # no arguments: the help
    assert "用法：checker" in out + err and "命令" in out + err


def _tree() -> dict[str, set[str]]:
    """Command path → names of its parameters that have a help text."""
    import typer

    from checker.cli import app

    out: dict[str, set[str]] = {}

    def walk(cmd, path: str) -> None:
        out[path] = {p.name for p in cmd.params if getattr(p, "help", None)}
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "checker")
    return out


def test_every_command_and_parameter_has_its_chinese_help() -> None:
    from checker.datafiles import load_data

    texts = {k: v for k, v in load_data("cli_help.yaml").items() if k != "click"}
    tree = _tree()
    assert set(texts) == set(tree)
    for path, params in tree.items():
        assert set(texts[path].get("params", {})) == params, path
        assert re.search(r"[\u4e00-\u9fff]", texts[path]["help"]), path


@pytest.mark.parametrize("path", ["", "run", "goals", "compare", "extract", "eval", "serve", "rules",
                                  "rules list", "rules explain", "rules validate", "rules test",
                                  "rules schema"])
def test_help_in_either_language(path: str, capsys, monkeypatch) -> None:
    monkeypatch.delenv("CHECKER_LANG", raising=False)
    args = [*path.split(), "--help"]
    code, out, _ = run_cli(args, capsys, monkeypatch)
    assert code == 0 and out.startswith("用法：checker") and "显示这条帮助后退出。" in out
    assert "Show this message" not in out and "\n选项:" in out
    described = next(ln for ln in out.splitlines()[1:] if ln.strip())  # the command's own help
    assert re.search(r"[\u4e00-\u9fff]", described), described
    code, out, _ = run_cli(["--lang", "en", *args], capsys, monkeypatch)
    assert code == 0 and out.startswith("Usage: checker") and "Show this message and exit." in out
    assert not re.search(r"[\u4e00-\u9fff]", out.replace("政府工作报告", ""))  # the app's name is quoted
