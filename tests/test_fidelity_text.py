"""Comparison forms of checker/fidelity/text.py: ordinals read as digits, GDP names read alike."""

from __future__ import annotations

import pytest

from checker.fidelity.text import prepare
from checker.normalize import to_simplified


def _canon(text: str) -> list[str]:
    return [c.canon for c in prepare(text, to_simplified(text))]


@pytest.mark.parametrize(("a", "b"), [
    ("第16屆全國人大第3次會議", "第十六届全国人大第三次会议"),
    ("十四屆全國人大", "14届全国人大"),                 # a term without 第
    ("第2个百年奋斗目标", "第二个百年奋斗目标"),
    ("连续第10年增长", "连续第十年增长"),
    ("GDP增长5%", "国内生产总值增长5%"),
    ("GDP增长5%", "地区生产总值增长5%"),
    ("經濟成長5%", "地区生产总值增长5%"),
])
def test_read_alike(a, b) -> None:
    assert _canon(a) == _canon(b)


@pytest.mark.parametrize(("a", "b"), [
    ("第十六届", "第十五届"),
    ("增长一个百分点", "增长两个百分点"),                # a count, not an ordinal: stays a figure
])
def test_read_apart(a, b) -> None:
    assert _canon(a) != _canon(b)


def test_an_ordinal_is_not_a_figure() -> None:
    [clause] = prepare("第十四届全国人大第三次会议", "第十四届全国人大第三次会议")
    assert clause.quantities == [] and clause.canon == "第14届全国人大第3次会议"
