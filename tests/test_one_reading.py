"""One reading of the text: one numeral reader, one synonym table, one clause splitter, no private
caches of analyses (a guard over checker/: the old copies must not come back)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHECKER = Path(__file__).resolve().parent.parent / "checker"
SOURCES = {p.relative_to(CHECKER).as_posix(): p.read_text(encoding="utf-8") for p in CHECKER.rglob("*.py")}


@pytest.mark.parametrize(("pattern", "owner"), [
    (r"""load_data\(["']synonyms\.yaml""", "lexicon.py"),            # the one synonym table
    (r"def read_number\(|def read_digits\(", "numerals.py"),          # the one numeral reader
    (r"\bdef cut\(", "clauses.py"),                                   # the one clause splitter
])
def test_only_one_module_owns(pattern, owner):
    assert [name for name, src in SOURCES.items() if re.search(pattern, src)] == [owner]


@pytest.mark.parametrize("pattern", [
    r"def parse_chinese\(", r"def cn_year\(", r"_CN_VALUE\b", r"def _cn_int\(",      # numeral readers
    r"_CLAUSE_SPLIT\b", r"_SEG_SPLIT\b", r"_SENT_SPLIT\b", r"_CLAUSE_END\b",         # clause splitters
    r"__dict__", r"_QCACHE\b", r"_PREPARED\b", r"\bid\((?:doc|text|summary|full|review|plan)\)",  # caches
    r"""["']abbreviations["']|["']key_aliases["']|["']synonym_guards["']""",          # other synonym tables
])
def test_no_second_copy(pattern):
    assert [name for name, src in SOURCES.items() if re.search(pattern, src)] == []
