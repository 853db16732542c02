"""Usage errors of the command line (checker/cli/usage.py): one line in the run's language, exit 2,
said from the parser's parts (the option, the argument, the value), not its English sentence."""

from __future__ import annotations

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


def test_help_and_version_still_exit_0(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["--help"], capsys, monkeypatch)
    assert code == 0 and "Usage: checker" in out
    code, out, _ = run_cli(["--version"], capsys, monkeypatch)
    assert code == 0 and out.startswith("checker ")
    code, out, _ = run_cli([], capsys, monkeypatch)  # no arguments: the help
    assert "Usage: checker" in out + capsys.readouterr().err or code in (0, 2)
