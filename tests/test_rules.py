"""Every rule in rules/ carries pass and fail examples, and they behave: the rules' own tests.

Also ``checker rules list | explain | test``.
"""

from __future__ import annotations

import pytest
from test_engine_kit import ROOT, run_cli

from checker.engine import run_example
from checker.ruleset import load_rules

RULES = load_rules(ROOT / "rules")
EXAMPLES = [(rule, example) for rule in RULES for example in rule.examples]


def test_every_rule_has_pass_and_fail_examples() -> None:
    assert RULES
    for rule in RULES:
        assert {e.expect for e in rule.examples} == {"pass", "fail"}, rule.id


@pytest.mark.parametrize(("rule", "example"), EXAMPLES,
                         ids=[f"{r.id}-{e.expect}{e.index}" for r, e in EXAMPLES])
def test_rule_example(rule, example) -> None:
    result = run_example(rule, example)
    assert result.ok, f"{rule.path}:{example.line}: {result.reason}"


def test_rules_test_command_counts(capsys, monkeypatch) -> None:
    core = [e for r in RULES if r.pack == "core" for e in r.examples]
    code, out, _ = run_cli(["rules", "test", str(ROOT / "rules" / "core"), "-v"], capsys, monkeypatch)
    assert out.splitlines()[-1] == f"{len(core)} passed, 0 failed"
    assert "ok    unemployment-above-ceiling[fail-0]" in out
    assert code == 0


def test_rules_test_command_fails_on_a_wrong_example(tmp_path, capsys, monkeypatch) -> None:
    text = (ROOT / "rules" / "core" / "unemployment-ceiling.yaml").read_text(encoding="utf-8")
    wrong = text.replace("城镇调查失业率5.6%", "城镇调查失业率4.6%")
    (tmp_path / "wrong.yaml").write_text(wrong, encoding="utf-8")
    code, out, _ = run_cli(["--lang", "en", "rules", "test", str(tmp_path)], capsys, monkeypatch)
    assert code == 1
    assert "FAIL  unemployment-above-ceiling[fail-0]" in out and "no finding" in out
    assert out.splitlines()[-1] == "2 passed, 1 failed"
    code, out, _ = run_cli(["rules", "test", str(tmp_path)], capsys, monkeypatch)
    assert code == 1 and "没有结果：至少应有一个" in out
    assert out.splitlines()[-1] == "2 passed, 1 failed"  # the line CI runners read, in every language


def test_rules_list_and_explain(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["--lang", "en", "rules", "list", "--rules", str(ROOT / "rules" / "core")],
                           capsys, monkeypatch)
    assert code == 0 and "unemployment-above-ceiling" in out and "3 rules" in out
    code, out, _ = run_cli(["rules", "list", "--rules", str(ROOT / "rules" / "core")], capsys, monkeypatch)
    assert code == 0 and "unemployment-above-ceiling" in out and "3 条规则" in out
    explain = ["rules", "explain", "unemployment-above-ceiling", "--rules", str(ROOT / "rules")]
    code, out, _ = run_cli(["--lang", "en", *explain], capsys, monkeypatch)
    assert code == 0
    for heading in ("## What it checks", "## Why it matters", "## Example: fails", "## Example: passes",
                    "## Params"):
        assert heading in out
    assert out.index("## Example: fails") < out.index("## Example: passes")
    assert "→ fail: 城镇调查失业率 5.6%" in out   # the failing example's finding is shown
    assert "| max | 5 |" in out and "| missing |  | info |" in out
    code, out, _ = run_cli(explain, capsys, monkeypatch)
    for heading in ("## 检查什么", "## 为什么重要", "## 示例：不通过", "## 示例：通过", "## 参数"):
        assert heading in out
    assert "→ fail: example-documents 回顾中城镇调查失业率 5.6%：应为 <= 5%" in out  # the rule's Chinese text


def test_explain_unknown_rule_suggests(capsys, monkeypatch) -> None:
    args = ["rules", "explain", "unemployment-above-cieling", "--rules", str(ROOT / "rules")]
    code, _, err = run_cli(["--lang", "en", *args], capsys, monkeypatch)
    assert code == 2 and "did you mean 'unemployment-above-ceiling'?" in err
    code, _, err = run_cli(args, capsys, monkeypatch)
    assert code == 2 and "是不是想写 'unemployment-above-ceiling'？" in err
