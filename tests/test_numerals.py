"""The one numeral reader (checker/numerals.py): positional numerals, digit runs, decimals."""

from __future__ import annotations

import pytest

from checker.numerals import read_decimal, read_digits, read_integer, read_number


@pytest.mark.parametrize(("numeral", "value"), [
    ("两万", 20000), ("十一", 11), ("百万", 1e6), ("千亿", 1e11), ("万亿", 1e12), ("一亿二千万", 1.2e8),
    ("三千五百", 3500), ("一百零五", 105), ("二十", 20), ("兆", 1e12), ("三兆", 3e12),
])
def test_read_number(numeral, value):
    assert read_number(numeral) == value


@pytest.mark.parametrize("numeral", ["十四五", "二〇二四", "三四", "千千万万", "亿万", "十百", "五G"])
def test_read_number_refuses_digit_runs_and_multitudes(numeral):
    assert read_number(numeral) is None


@pytest.mark.parametrize(("numeral", "value"), [
    ("二〇二四", 2024), ("二零二五", 2025), ("一九", 19), ("两", 2), ("〇", 0),
])
def test_read_digits(numeral, value):
    assert read_digits(numeral) == value


@pytest.mark.parametrize("numeral", ["", "二十", "十四五", "2024"])
def test_read_digits_refuses_positional_numerals(numeral):
    assert read_digits(numeral) is None


@pytest.mark.parametrize(("numeral", "value"), [
    ("二〇二四", 2024), ("二十一", 21), ("十", 10), ("十二", 12), ("三十", 30), ("五", 5), ("两十", 20),
])
def test_read_integer(numeral, value):
    assert read_integer(numeral) == value


@pytest.mark.parametrize("numeral", ["十十", "二十二十", "点"])
def test_read_integer_refuses_what_is_no_number(numeral):
    assert read_integer(numeral) is None


@pytest.mark.parametrize(("numeral", "value"), [("三点五", 3.5), ("十二点零五", 12.05), ("七", 7)])
def test_read_decimal(numeral, value):
    assert read_decimal(numeral) == pytest.approx(value)
