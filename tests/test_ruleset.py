"""Rule loading and validation: every mistake of tests/fixtures/bad-rules/ is reported exactly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from test_engine_kit import ROOT, phrase_kind, run_cli  # noqa: F401

from checker.errors import CheckerError, RuleError
from checker.i18n import text
from checker.ruleset import load_rules, rule_schema, select_rules

BAD = ROOT / "tests" / "fixtures" / "bad-rules"
CASES = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))["cases"]


def _problems(path: Path) -> list:
    with pytest.raises(RuleError) as caught:
        load_rules(path)
    return caught.value.problems


QUOTED = re.compile(r"'[^']+'|\{[a-z]+\}")  # keys, values and placeholders quoted as typed


def _same_quotes(english: str, chinese: str) -> None:
    """The Chinese problem quotes what the English one quotes (keys, values, placeholders) and is
    written in Chinese."""
    assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
    for quoted in QUOTED.findall(english):
        assert quoted in chinese, (quoted, chinese)


def test_at_least_fourteen_different_mistakes() -> None:
    assert len(CASES) >= 14
    files = {p.name for p in BAD.iterdir() if p.name != "expected.yaml"}
    assert files == {c["path"] for c in CASES}, "every fixture has an expected entry and vice versa"


@pytest.mark.parametrize("case", CASES, ids=[c["path"] for c in CASES])
def test_bad_rule_reports_location_and_message(case: dict) -> None:
    problems = _problems(BAD / case["path"])
    got = [(p.headline("en"), text(p.hint, "en")) for p in problems]
    assert len(problems) == len(case["problems"]), got
    for want, problem in zip(case["problems"], problems, strict=True):
        for lang in ("en", "zh"):
            assert problem.headline(lang).startswith(str(BAD / want["at"]) + ": "), got
        english = text(problem.message, "en")
        assert want["message"] in english, got
        _same_quotes(english, text(problem.message, "zh"))
        if "hint" in want:
            assert want["hint"] in text(problem.hint, "en"), got
            _same_quotes(text(problem.hint, "en"), text(problem.hint, "zh"))
        assert problem.source, "the offending line is shown"


@pytest.mark.parametrize("case", CASES, ids=[c["path"] for c in CASES])
def test_bad_rule_exits_2_via_cli(case: dict, capsys, monkeypatch) -> None:
    first = case["problems"][0]
    code, _, err = run_cli(["--lang", "en", "rules", "validate", str(BAD / case["path"])],
                           capsys, monkeypatch)
    assert code == 2
    assert f"{BAD / first['at']}: " in err
    assert first["message"] in err
    assert "no rule was run" in err
    code, _, err = run_cli(["rules", "validate", str(BAD / case["path"])], capsys, monkeypatch)  # zh
    assert code == 2
    assert f"{BAD / first['at']}: " in err
    assert "没有运行任何规则" in err and "no rule was run" not in err and first["message"] not in err


def test_all_files_of_a_folder_are_reported_in_one_run() -> None:
    problems = _problems(BAD)
    files = {Path(p.path).name for p in problems}
    assert len(problems) >= sum(len(c["problems"]) for c in CASES) - 1
    assert {"bad-yaml.yaml", "unknown-kind.yaml", "b.yaml", "several-mistakes.yaml"} <= files


def test_snippet_shows_line_and_caret() -> None:
    (problem,) = _problems(BAD / "unknown-kind.yaml")
    lines = problem.render("en").splitlines()
    assert lines[0].endswith("unknown kind 'treshold'")
    assert lines[1].endswith("| kind: treshold")
    assert lines[2].index("^") == lines[1].index("treshold")
    assert "did you mean 'threshold'?" in lines[3]
    lines = problem.render("zh").splitlines()
    assert lines[0].endswith("未知的类型 'treshold'")
    assert lines[2].index("^") == lines[1].index("treshold")
    assert lines[3] == "     = 提示: 是不是想写 'threshold'？"


def test_missing_path_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path / "nope")
    assert caught.value.render("en").endswith("nope:1:1: no such rule file or folder")
    assert caught.value.render("zh").endswith("nope:1:1: 规则文件或文件夹不存在")


def test_good_rules_load_with_defaults_applied() -> None:
    rules = {r.id: r for r in load_rules(ROOT / "rules" / "core")}
    rule = rules["unemployment-above-ceiling"]
    assert rule.params["max"] == 5 and rule.params["missing"] == "info"   # default applied
    assert rule.given_params == {"metric": "城镇调查失业率", "synonyms": ["调查失业率"], "unit": "%",
                                 "max": 5}
    assert rule.scope == {"documents": {"kind": "report", "section": "review"}}
    assert {e.expect for e in rule.examples} == {"pass", "fail"}
    assert rule.examples[-1].docs["documents"].role == "review"


# ----------------------------------------------------------------------------- schema

def test_schema_accepts_every_rule_in_rules() -> None:
    import jsonschema
    schema = rule_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    paths = sorted((ROOT / "rules").rglob("*.yaml"))
    assert paths
    for path in paths:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{path}: {errors}"


@pytest.mark.parametrize("name", ["unknown-key.yaml", "bad-severity.yaml", "params-of-another-kind.yaml",
                                  "scope-unknown-slot.yaml", "scope-bad-role.yaml", "bad-param-value.yaml",
                                  "missing-id.yaml", "example-bad-role.yaml", "unknown-kind.yaml"])
def test_schema_rejects_what_the_loader_rejects(name: str) -> None:
    import jsonschema
    data = yaml.safe_load((BAD / name).read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(rule_schema()).iter_errors(data))


def test_schema_command_prints_json(capsys, monkeypatch) -> None:
    code, out, _ = run_cli(["rules", "schema"], capsys, monkeypatch)
    assert code == 0
    schema = json.loads(out)
    kinds = {b["if"]["properties"]["kind"]["const"] for b in schema["allOf"]}
    assert {"threshold", "required_mention"} <= kinds
    threshold = next(b for b in schema["allOf"] if b["if"]["properties"]["kind"]["const"] == "threshold")
    assert threshold["then"]["properties"]["params"]["properties"]["max"]["type"] == "number"


# ----------------------------------------------------------------------------- selection

def test_select_by_id_tag_glob_and_ignore() -> None:
    rules = load_rules(ROOT / "rules" / "core")
    ids = lambda rs: sorted(r.id for r in rs)  # noqa: E731
    assert ids(select_rules(rules, ["unemployment-above-ceiling"])) == ["unemployment-above-ceiling"]
    assert ids(select_rules(rules, ["review"])) == ["cpi-above-ceiling", "unemployment-above-ceiling"]
    assert ids(select_rules(rules, ["*-ceiling"], ["prices"])) == ["unemployment-above-ceiling"]
    assert ids(select_rules(rules, ["plan,prices"])) == ["cpi-above-ceiling", "plan-states-main-targets"]
    assert len(select_rules(rules)) == len(rules)


def test_disabled_rule_runs_only_when_selected_by_id() -> None:
    from dataclasses import replace

    rules = [replace(r, enabled=r.id != "cpi-above-ceiling") for r in load_rules(ROOT / "rules" / "core")]
    assert "cpi-above-ceiling" not in [r.id for r in select_rules(rules)]
    assert "cpi-above-ceiling" not in [r.id for r in select_rules(rules, ["review"])]
    assert [r.id for r in select_rules(rules, ["cpi-above-ceiling"])] == ["cpi-above-ceiling"]


def test_select_pattern_matching_nothing_is_an_error() -> None:
    rules = load_rules(ROOT / "rules" / "core")
    with pytest.raises(CheckerError) as caught:
        select_rules(rules, ["unemployment-above-cieling"])
    assert "did you mean 'unemployment-above-ceiling'" in caught.value.render("en")
    assert caught.value.render("zh") == ("--select unemployment-above-cieling: "
                                         "没有匹配任何规则 id、标签、规则包或类型"
                                         "（是不是想写 'unemployment-above-ceiling'？）")


def test_message_defaults_to_the_kinds_message(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "core" / "cpi-ceiling.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    del data["message"]
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (rule,) = load_rules(tmp_path)
    assert rule.message == "{metric}: {actual} (expected {expected})" and rule.messages == {}


def test_message_is_required_when_the_kind_has_no_default(tmp_path: Path, phrase_kind) -> None:  # noqa: F811
    from test_engine_kit import phrase_rule_yaml

    text = "\n".join(x for x in phrase_rule_yaml().splitlines() if not x.startswith("message:"))
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    (problem,) = _problems(tmp_path / "r.yaml")
    assert problem.headline("en").endswith("r.yaml:1:1: missing required field 'message'")
    assert problem.headline("zh").endswith("r.yaml:1:1: 缺少必需的字段 'message'")
