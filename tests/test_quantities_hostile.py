"""The quantity scanner on hostile text: never an exception, time linear in the text's length.

Property-based (Hypothesis) over an alphabet of the characters the scanner reacts to, and one timing
ratio (n vs 4n) per shape of input that once made it quadratic or overflow.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linear_time import LINEAR_RATIO_BOUND, growth_ratio

from checker.numerals import read_number
from checker.quantities import MAX_NUMERAL_LENGTH, find_quantities

# digits, Chinese numerals and multipliers, units, qualifiers, quotes, punctuation, Latin letters
ALPHABET = ("0123456789.,/%-—至一二两三五十百千万亿兆点分之成余多"
            "个人元年号线第《》“”，。GDP增长超过近约以上以内左右")
TEXTS = st.text(alphabet=ALPHABET, max_size=200)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_never_raises_and_offsets_hold(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert math.isfinite(q.value)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="一二三四五六七八九十百千万亿兆零〇两点", max_size=60))
def test_chinese_numeral_parser_never_raises(text):
    value = read_number(text)
    assert value is None or math.isfinite(value)


SHAPES = {
    # 16 kB of 9 after a metric was 40 s: the identifier test rescanned the numeral from every position
    "digit run after a metric": lambda n: "GDP增长" + "9" * n + "%",
    "digit run without unit": lambda n: "增长" + "9" * n,
    "Chinese numeral run": lambda n: "增长" + "九" * n + "万人",
    "multiplier run": lambda n: "增长1" + "兆" * n + "元",
    "grouped digits": lambda n: "总值" + "1,000" * (n // 5) + "亿元",
    "dotted digits": lambda n: "增长" + "9." * (n // 2),
    "one long line of figures": lambda n: "城镇新增就业26.3万人，" * (n // 12),
    "unclosed title": lambda n: "《" + "增长5%" * (n // 4),
    "unclosed quote": lambda n: "“" + "3个100" * (n // 6),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_time_is_linear(shape):
    ratio = growth_ratio(SHAPES[shape], find_quantities, 2000)
    assert ratio < LINEAR_RATIO_BOUND, f"{shape}: 4× the text took {ratio:.1f}× the time"


def test_overlong_numeral_is_no_quantity():
    assert find_quantities("增长" + "9" * (MAX_NUMERAL_LENGTH + 1) + "%") == []
    assert [q.value for q in find_quantities("增长" + "9" * 6 + "%")] == [999999.0]


@pytest.mark.parametrize("text", ["十亿兆" * 40 + "元", "1" + "兆" * 400 + "元", "增长" + "万" * 2000 + "人"])
def test_numerals_beyond_a_float_are_refused(text):
    assert all(math.isfinite(q.value) for q in find_quantities(text))
