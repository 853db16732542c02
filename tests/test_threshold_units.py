"""``threshold`` bounds in the rule's unit: mentions convert through the same unit table as the
text (万人 ↔ 人, 公顷 ↔ 平方公里 ↔ 亩, 毫克 ↔ 微克); a unit checker cannot read is a load error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_engine_kit import ROOT, run_cli

from checker.engine import run_example
from checker.ruleset import load_rules

CASES = yaml.safe_load((ROOT / "tests" / "cases" / "threshold" / "units.yaml").read_text(encoding="utf-8"))
RULE = """id: units-case
kind: threshold
severity: warning
description: A bound in the rule's unit.
scope: {{documents: {{kind: report, section: review}}}}
params: {params}
examples:
  fail: ["{text}"]
  pass: ["{text}"]
"""


@pytest.mark.parametrize("case", CASES["cases"], ids=[f"{c['params']['unit']}:{c['text']}"
                                                      for c in CASES["cases"]])
def test_threshold_converts_units(case: dict, tmp_path: Path) -> None:
    import json

    path = tmp_path / "rule.yaml"
    path.write_text(RULE.format(params=json.dumps(case["params"], ensure_ascii=False), text=case["text"]),
                    encoding="utf-8")
    (rule,) = load_rules(path)
    result = run_example(rule, rule.examples[0])
    assert [f.status for f in result.findings] == [case["status"]]


def test_an_unreadable_unit_is_a_validation_error(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "rule.yaml"
    params = "{metric: 城镇新增就业, unit: 英里, min: 1}"
    path.write_text(RULE.format(params=params, text="城镇新增就业1人。"), encoding="utf-8")
    code, _, err = run_cli(["--lang", "en", "rules", "validate", str(path)], capsys, monkeypatch)
    assert code == 2
    assert f"{path}:6:" in err and "params.unit: '英里' is not a unit checker reads" in err
    code, _, err = run_cli(["rules", "validate", str(path)], capsys, monkeypatch)
    assert code == 2 and f"{path}:6:" in err and "params.unit: '英里' 不是 checker 能读的单位" in err
