"""Where a pattern can start (checker/first_chars.py): the positions tried find the same matches."""

from __future__ import annotations

import re

import pytest

from checker.first_chars import candidates, starts

# (pattern, texts): every text is searched window by window, as the identifier test does
CASES = [
    ("第[一二三四五六七八九十\\d]+|前\\d+(?:位|名)", ["全省第一，前10名企业，第3季度", "第第一二前前5位"]),
    ("(?<![A-Za-z])[A-Za-z]+\\d+|\\d+[A-Za-z]+", ["建设5G基站3万个，C919试飞", "ab12cd 3D打印"]),
    ("[一二三]*十[一二三四五]五|[\\d一二]+年(?:行动|计划)",
     ["十四五规划，三年行动计划", "二十三五年计划1年行动"]),
    ("(?:1[89]|20)\\d\\d(?:年|至(?:19|20)\\d\\d)|[〇一二]{4}年",
     ["2021至2025年，二〇二一年", "1998年2030年"]),
    ("\\d+(?:\\.\\d+)?(?!万)[A-Za-z]+|每[一二三十\\d]+", ["每万人3.5GW，4.0版", "2万P每十万人"]),
    ("[\\dA-Za-z一二]+(?:\\+[\\dA-Za-z一二]+)+|[ⅠⅡⅢⅣⅤ]+类?", ["10+3模式，1+N体系，Ⅲ类水", "Ⅴ+2"]),
]


def _windows(text: str) -> list[tuple[int, int]]:
    return [(a, b) for a in range(len(text) + 1) for b in range(a, len(text) + 1)]


@pytest.mark.parametrize(("pattern", "texts"), CASES)
def test_candidates_find_what_finditer_finds(pattern, texts):
    compiled, first = re.compile(pattern), starts(pattern)
    assert first is not None
    for text in texts:
        for a, b in _windows(text):
            expected = [m.span() for m in compiled.finditer(text, a, b)]
            assert [m.span() for m in candidates(compiled, first, text, a, b)] == expected, (text, a, b)


@pytest.mark.parametrize(("pattern", "allowed", "refused"), [
    ("第[一二]+|(?<!\\d)前\\d+名", "第前", "一二0名"),
    ("[一二三]*十五", "一二三十", "五"),
    ("\\d+年|(?:国道|省道)\\d+", "07国省", "年道"),
])
def test_starts_is_the_set_of_first_characters(pattern, allowed, refused):
    first = starts(pattern)
    assert first is not None
    assert all(first.match(ch) for ch in allowed)
    assert not any(first.match(ch) for ch in refused)


@pytest.mark.parametrize("pattern", [
    "a*b?",               # matches the empty string: every position starts a match
    "(?i)gdp\\d+",        # case-insensitive
    "[^，。]+年",          # a negated class
    ".年",                # any character
    "(a)?\\1",            # a back-reference
])
def test_starts_gives_up_where_every_position_must_be_tried(pattern):
    assert starts(pattern) is None
    text = "aab年年GDP5，甲年"
    compiled = re.compile(pattern)
    assert [m.span() for m in candidates(compiled, None, text, 0, len(text))] == [
        m.span() for m in compiled.finditer(text)]


def test_the_identifier_patterns_get_a_class():
    from checker.quantities import _vocab

    assert _vocab().ident_starts is not None


def test_the_numeral_pattern_gets_a_class():
    from checker.quantities import _vocab

    assert _vocab().num_starts is not None
