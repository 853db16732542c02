"""Errors carry a catalogue key and fields (checker/errors.py), never text: every place that makes
one names a key the catalogue has, so no message can slip out in one language only."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

from checker import i18n
from checker.errors import CheckerError, InputError, ProblemsError
from checker.i18n import Msg

PACKAGE = Path(__file__).resolve().parent.parent / "checker"
# the calls that take a message key first (the web's UploadError names a key of the web section)
KEYED = {"CheckerError": "", "Msg": "", "UploadError": "web.", "_fail": "label."}


def _calls() -> list[tuple[str, int, str, ast.expr | None]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in KEYED and not (name == "_fail" and path.name != "press.py"):
                    out.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node.lineno, name,
                                node.args[0] if node.args else None))
    return out


def test_every_error_and_message_names_a_catalogue_key() -> None:
    catalogue = i18n.catalogue()
    calls = _calls()
    assert len(calls) > 150  # the scan sees the code
    for where, _line, name, first in calls:
        if isinstance(first, ast.Constant):
            key = KEYED[name] + str(first.value)
            section, _, entry = key.partition(".")
            assert entry in catalogue.get(section, {}), f"{where}: {key} is not in the catalogue"
        else:  # a key built from a prefix: f"reason.{…}", f"manifest.{problem}"
            assert isinstance(first, (ast.JoinedStr, ast.Name, ast.Attribute, ast.IfExp, ast.Subscript)), \
                f"{where}: {name}() needs a catalogue key first"
            if isinstance(first, ast.JoinedStr):
                head = first.values[0]
                assert isinstance(head, ast.Constant) and "." in str(head.value), f"{where}: no section"


def test_an_error_renders_in_either_language_and_survives_a_worker_process() -> None:
    error = InputError("a.txt", Msg("reason.no_such_file", why=Msg("reason.dangling_link")))
    assert error.render("zh") == "a.txt: 文件不存在（符号链接指向的文件不存在）"
    assert error.render("en") == "a.txt: no such file (a symlink to a missing file)"
    copy = pickle.loads(pickle.dumps(error))  # --jobs: raised in a worker, shown by the parent
    assert isinstance(copy, InputError) and copy.render("en") == error.render("en") and copy.path == "a.txt"
    many = ProblemsError([Msg("error.at_line", path="c.yaml", line=3, message=Msg("manifest.no_path"))] * 2)
    assert many.render("zh").splitlines() == ["c.yaml:3: 文档缺少 'path'"] * 2
    assert many.render("en").splitlines() == ["c.yaml:3: document without 'path'"] * 2


def test_lists_and_process_language() -> None:
    error = CheckerError("error.bad_choice", option="--fail-on", value="x", choices=["error", "never"])
    assert error.render("zh") == "--fail-on x: 请使用 error、never 之一"
    assert error.render("en") == "--fail-on x: use one of error, never"
    try:
        i18n.set_lang("en")
        assert str(error) == error.render("en")
    finally:
        i18n.set_lang(None)
    with pytest.raises(KeyError):
        CheckerError("error.no_such_key").render()
