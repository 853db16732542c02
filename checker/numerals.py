"""The one reader of Chinese numerals: every stage that meets ``两万`` or ``二〇二四`` asks here.

``read_number("两万")`` → 20000.0 (positional: digits times 十 百 千 万 亿 兆);
``read_digits("二〇二四")`` → 2024 (a year or a code written digit by digit);
``read_integer("二十一")`` → 21 and ``read_integer("二〇二四")`` → 2024 (either way, whole numbers);
``read_decimal("三点五")`` → 3.5.

The characters and their values are in ``checker/data/numerals.yaml``. A lexical module: it
depends on the data files only, so structure (years in titles), quantities and the summary
comparison (dates) all read numerals the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checker.datafiles import load_data


@dataclass(frozen=True)
class Numerals:
    """The numeral characters of ``data/numerals.yaml``."""

    digits: dict[str, int]
    small: dict[str, int]
    large: dict[str, int]


@lru_cache(maxsize=1)
def numerals() -> Numerals:
    raw = load_data("numerals.yaml")
    return Numerals(dict(raw["digits"]), dict(raw["small_units"]), dict(raw["large_units"]))


def read_number(s: str) -> float | None:
    """Value of a Chinese numeral, None when it is not one number.

    ``两万`` → 20000, ``十一`` → 11, ``千亿`` → 1e11, ``一亿二千万`` → 1.2e8;
    ``十四五`` and ``二〇二四`` (digit by digit) → None, ``千千万万`` (a multitude) → None.
    """
    v = numerals()
    total = section = 0
    num: int | None = None
    last_large = 0
    last_small = 0
    prev_digit = False
    for ch in s:
        if ch in v.digits:
            d = v.digits[ch]
            if prev_digit and num not in (0, None) and d != 0:
                return None  # 十四五, 二〇二四: digits in a row are not one number
            if prev_digit and d == 0 and num not in (0, None):
                return None
            num = d
            prev_digit = True
        elif ch in v.small:
            if num is None and section:
                return None  # 千千万万, 千百: a multitude, not a number
            if last_small and v.small[ch] >= last_small:
                return None  # 十百: small units only fall within a section
            section += (1 if num is None else num) * v.small[ch]
            last_small = v.small[ch]
            num = None
            prev_digit = False
        elif ch in v.large:
            u = v.large[ch]
            if num is None and section == 0 and total and u < last_large:
                return None  # 亿万人民: a multitude, not 1e8
            last_small = 0
            section += num or 0
            num = None
            prev_digit = False
            if section == 0 and total == 0:
                section = 1
            if total and u > last_large:
                total = (total + section) * u
            else:
                total += section * u
            section = 0
            last_large = u
        else:
            return None
    try:
        return float(total + section + (num or 0))
    except OverflowError:  # 十亿兆兆兆…: more than a float holds, so no figure of a report
        return None


def read_decimal(s: str) -> float | None:
    """``三点五`` → 3.5; without 点 as ``read_number``."""
    whole, _, decimals = s.partition("点")
    value = read_number(whole)
    if value is None or not decimals:
        return value
    digits = numerals().digits
    if not all(c in digits for c in decimals):
        return None
    return value + float("0." + "".join(str(digits[c]) for c in decimals))


def read_digits(s: str) -> int | None:
    """A numeral written digit by digit: ``二〇二四`` → 2024, ``一九`` → 19; None otherwise."""
    digits = numerals().digits
    if not s or not all(c in digits for c in s):
        return None
    return int("".join(str(digits[c]) for c in s))


def read_integer(s: str) -> int | None:
    """A whole number either way: ``二〇二四`` → 2024 (digits), ``二十一`` → 21, ``十`` → 10."""
    by_digits = read_digits(s)
    if by_digits is not None:
        return by_digits
    value = read_number(s)
    return int(value) if value is not None and value == int(value) else None
