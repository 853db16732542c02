"""The message catalogue (checker/data/messages.yaml) and its lookup (checker/i18n.py)."""

from __future__ import annotations

import re
import string

import pytest
from typer.testing import CliRunner

from checker import i18n
from checker.cli import app
from checker.kinds import REGISTRY

CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*")
# names that stay as they are in Chinese text: file types and encodings, units, program and
# argument names, the option and its verdict
KEPT = {"txt", "md", "html", "docx", "pdf", "csv", "json", "parquet", "doc", "MB", "KB", "fail-on", "FAIL",
        "ok", "CSV", "JSON", "HTML", "PDF", "XML", "YAML", "GitHub",
        "yaml", "ZIP", "BOM", "UTF-8", "UTF-16", "GB18030", "GBK",
        "Big5", "OCR", "RE2", "Tab", "FIFO", "Word", "Office", "checker", "CHECKER_DEBUG", "dask",
        "distributed", "http", "https", "true", "false", "YYYY-MM-DD", "DIR", "FILE", "FORMAT", "PLAN",
        "REVIEW", "M", "k", "run", "goals", "plan+1", "goal_text", "plan_line", "fingerprint"}
OPTION = re.compile(r"--[a-z][a-z-]*")  # option names stay as they are typed
# identifiers quoted as typed: `code`, 'key', "value", and paths such as checker/data/units.yaml
QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+")


def _identifiers() -> set[str]:
    """The words of rule files and manifests (keys, kinds, params, statuses, severities): they stay
    as typed inside a Chinese message about a rule or manifest file."""
    from checker.config import KEYS
    from checker.corpus import DOC_KEYS, TOP_KEYS
    from checker.findings import SEVERITIES
    from checker.ruleset import TOP_FIELDS
    from checker.scope import selector_schema

    words = set(TOP_FIELDS) | set(selector_schema()["properties"]) | set(DOC_KEYS) | set(TOP_KEYS) | set(KEYS)
    words |= set(SEVERITIES) | {"never", "pass", "fail"}
    words |= {"series", "mode", "plausibility", "progress"}  # a retired kind and its modes
    words |= {"press_line", "press_text", "full_file", "full_line", "claims", "framing_lines", "differs",
              "verdict", "mismatch", "match"}  # the keys of press label files (tests/press/)
    for kind in REGISTRY.values():
        words |= {kind.name, *kind.params, *kind.slots, *kind.statuses}
    return words


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_entry_has_both_languages_with_the_same_fields() -> None:
    for section, entries in i18n.catalogue().items():
        for key, entry in entries.items():
            assert set(entry) == {"zh", "en"}, f"{section}.{key}"
            assert _fields(entry["zh"]) == _fields(entry["en"]), f"{section}.{key}"


def test_no_mixed_language_entries() -> None:
    identifiers = _identifiers()
    for section, entries in i18n.catalogue().items():
        for key, entry in entries.items():
            if (section, key) == ("web", "lang_switch"):  # names the other language in that language
                continue
            english = string.Formatter().parse(entry["en"])
            plain = "".join(literal for literal, *_ in english)
            assert not CJK.search(plain), f"{section}.{key}: Chinese in the English text"
            if section not in ("header",):
                chinese = "".join(literal for literal, *_ in string.Formatter().parse(entry["zh"]))
                words = set(ASCII_WORD.findall(QUOTED.sub("", OPTION.sub("", chinese)))) - KEPT - identifiers
                assert not words, f"{section}.{key}: English words in the Chinese text: {words}"


def test_every_status_of_every_kind_has_a_name() -> None:
    statuses = {s for kind in REGISTRY.values() for s in kind.statuses}
    missing = statuses - set(i18n.catalogue()["status"])
    assert not missing


def test_lookup_language_and_fields() -> None:
    assert i18n.t("status.not_reported") == "未报告"
    assert i18n.t("status.not_reported", "en") == "not reported"
    assert i18n.t("compare.left_out", "en", what="公园") == "left out: 公园"
    assert i18n.status_name("made_up_status") == "made_up_status"
    with pytest.raises(KeyError):
        i18n.t("web.no_such_message")
    data = {"detail_key": "compare.mismatch",
            "detail_args": {"expected": "5.2%", "actual": "6.2%", "fields": ["value", "unit"]}}
    assert i18n.detail(data, "zh") == "5.2% → 6.2%（数值、单位不同）"
    assert i18n.detail(data, "en") == "5.2% → 6.2% (value, unit differs)"
    assert i18n.detail({"detail": "as written"}, "en") == "as written"


def test_cli_lang_option_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    try:
        result = runner.invoke(app, ["--lang", "fr", "rules", "list"])
        assert result.exit_code != 0
        monkeypatch.setenv("CHECKER_LANG", "en")
        i18n.set_lang(None)
        assert i18n.get_lang() == "en"
        monkeypatch.setenv("CHECKER_LANG", "xx")
        assert i18n.get_lang() == "zh"
        i18n.set_lang("en")
        assert i18n.get_lang() == "en" and i18n.get_lang("zh") == "zh"
    finally:
        i18n.set_lang(None)


def test_every_kind_and_param_is_documented_in_chinese() -> None:
    """checker/data/kind_docs.yaml: the Chinese of every kind's summary and param description."""
    from checker.datafiles import load_data

    docs = load_data("kind_docs.yaml")
    assert set(docs) == set(REGISTRY)
    for name, kind in REGISTRY.items():
        assert set(docs[name]["params"]) == set(kind.params), name
        for text in [docs[name]["summary"], *docs[name]["params"].values()]:
            assert CJK.search(text), (name, text)
    assert i18n.kind_doc("threshold", "A metric …", None, "zh").startswith("作用范围内")
    assert i18n.kind_doc("threshold", "A metric …", None, "en") == "A metric …"
    assert i18n.kind_doc("threshold", "Largest acceptable value.", "max", "zh") == "可接受的最大值。"
