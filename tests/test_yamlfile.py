"""The one YAML loader: plain data only, every problem one ``file:line:col``, never an exception of
another kind (property-based), time linear in the input's length."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linear_time import LINEAR_RATIO_BOUND, growth_ratio

from checker.yamlfile import MAX_DEPTH, YAMLFileError, decode_yaml, load_text

REFUSED = [
    # (YAML, where, the problem)
    ("a: !!python/name:os.system\n", (1, 4), "the tag !!python/name:os.system is not allowed"),
    ("a: !!python/object/apply:os.system [ls]\n", (1, 4), "is not allowed"),
    ("a: !custom 1\n", (1, 4), "the tag !custom is not allowed"),
    ("a: !!binary aGVsbG8=\n", (1, 4), "the tag !!binary is not allowed"),
    ("a: !!timestamp 2024-01-01\n", (1, 4), "the tag !!timestamp is not allowed"),
    ("a: &x [1, *x]\n", (1, 11), "'*x' refers to a value that contains it"),
    ("a: *nowhere\n", (1, 4), "refers to no '&nowhere'"),
    ("max: .nan\n", (1, 6), ".nan is not a finite number"),
    ("max: -.inf\n", (1, 6), "is not a finite number"),
    ("n: " + "9" * 5000 + "\n", (1, 4), "is too long"),
    ("a: b\x07\n", (1, 5), "control character U+0007"),
    ("a: 1\n  b: 2\n", (2, 4), "a ':' where no key can start"),
    ("a:\n  - 1\n - 2\n", (3, 2), "indented differently"),
    ("a:\n\tb: 1\n", (2, 1), "a tab character"),
    ("a: \"abc\n", (2, 1), "the file ends inside a quoted value"),
    ("a: [1, 2\n", (2, 1), "a list in [ ] is not closed"),
    ("a: 1\n---\nb: 2\n", (2, 1), "a second YAML document (---)"),
    ("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5), (1, MAX_DEPTH + 1), f"nested more than {MAX_DEPTH}"),
    ("b: {<<: 3, y: 2}\n", (1, 9), "not plain data"),
]


@pytest.mark.parametrize(("text", "where", "problem"), REFUSED, ids=[r[2][:40] for r in REFUSED])
def test_refused_with_file_line_col(text, where, problem):
    with pytest.raises(YAMLFileError) as info:
        load_text(text, "f.yaml")
    error = info.value
    english, chinese = error.render("en"), error.render("zh")
    assert (error.line, error.column) == where, english
    assert problem in english and english.startswith(f"f.yaml:{where[0]}:{where[1]}: ")
    assert "\n" not in english and "\n" not in chinese
    # the same place in Chinese, without the English words (tags, anchors and values stay as typed)
    assert chinese.startswith(f"f.yaml:{where[0]}:{where[1]}: ") and re.search(r"[\u4e00-\u9fff]", chinese)
    words = set(re.findall(r"\b[a-z]{3,}\b", problem)) - set(re.findall(r"\b[a-z]{3,}\b", text))
    assert not words & set(re.findall(r"\b[a-z]{3,}\b", chinese)), chinese


def test_billion_laughs_is_refused():
    levels = ["a: &a [1,1,1,1,1,1,1,1,1,1]"] + [
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]" for p, c in zip("abcde", "bcdef", strict=True)]
    with pytest.raises(YAMLFileError) as info:
        load_text("\n".join(levels) + "\n", "f.yaml")
    assert "aliases expand this to more than" in info.value.render("en")
    assert "别名展开后超过 1000000 个值" in info.value.render("zh")


@pytest.mark.parametrize(("text", "value"), [
    ("d: 2024-13-45\n", {"d": "2024-13-45"}),  # date-shaped: text, never a date (nor a crash)
    ("d: 2024-01-02\n", {"d": "2024-01-02"}),
    ("a: &a {x: 1}\nb: {<<: *a, y: 2}\n", {"a": {"x": 1}, "b": {"x": 1, "y": 2}}),
    ("a: [1, 2.5, 'x', true, null]\n", {"a": [1, 2.5, "x", True, None]}),
    ("", None),
])
def test_plain_data_loads(text, value):
    assert load_text(text, "f.yaml") == value


def test_utf16_with_bom_and_bad_bytes():
    assert load_text(decode_yaml("a: 城镇\n".encode("utf-16"), "f.yaml"), "f.yaml") == {"a": "城镇"}
    with pytest.raises(YAMLFileError) as info:
        decode_yaml(b"a: 1\nb: \xff\n", "f.yaml")
    assert info.value.render("en").startswith("f.yaml:2:4: not UTF-8 text")
    assert info.value.render("zh") == "f.yaml:2:4: 不是 UTF-8 文本（第 8 字节）（请把文件存为 UTF-8）"


YAML_CHARS = st.sampled_from([*"ab: -[]{},&*!|>'\"#%@`\n\t ?0123456789.eE+",
                              "!!python/name:x", "!!str", "&x", "*x", "<<", ".nan", "2024-13-45", "城镇",
                              "\x07", "---\n", "  "])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_CHARS, max_size=60).map("".join))
def test_any_text_loads_or_is_one_located_error(text):
    try:
        load_text(text, "f.yaml")
    except YAMLFileError as error:
        assert error.line >= 1 and error.column >= 1 and "\n" not in str(error)


SHAPES = {
    "long list": lambda n: "a: [" + "1, " * (n // 3) + "1]\n",
    "many keys": lambda n: "".join(f"k{i}: v\n" for i in range(n // 8)),
    "long string": lambda n: "a: '" + "城" * n + "'\n",
    "many aliases": lambda n: "a: &a 1\nb: [" + "*a, " * (n // 4) + "*a]\n",
}


@pytest.mark.parametrize("shape", SHAPES)
def test_time_is_linear(shape):
    ratio = growth_ratio(SHAPES[shape], lambda t: load_text(t, "f.yaml"), 8000)
    assert ratio < LINEAR_RATIO_BOUND, f"{shape}: 4× the text took {ratio:.1f}× the time"


def test_same_values_as_the_safe_loader_on_the_data_files():
    from checker.datafiles import DATA_DIR

    for path in sorted(DATA_DIR.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert load_text(text, path) == yaml.safe_load(text), path.name


def _loaders():
    from checker.baseline import load_baseline
    from checker.corpus import read_manifest
    from checker.ruleset import load_rule_file
    from checker.waivers import load_waivers

    return {"manifest": read_manifest, "waivers": load_waivers, "baseline": load_baseline,
            "rule": load_rule_file}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["manifest", "waivers", "baseline", "rule"]),
       st.lists(YAML_CHARS | st.sampled_from(["documents:", "- ", "path: ", "id: ", "findings:",
                                              "fingerprint: ", "rule: ", "kind: threshold\n"]),
                max_size=40).map("".join))
def test_every_loader_gives_a_checker_error_or_a_result(which, text):
    import tempfile
    from pathlib import Path

    from checker.errors import CheckerError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            _loaders()[which](path)
        except CheckerError as error:
            assert str(error).strip()
