"""The goal text helpers (checker/goals/text.py): each against the plain definition it computes
faster. Texts invented."""

from __future__ import annotations

import re

import pytest

from checker.goals.text import canonical, han_count, has_han, lcs, squash


def _lcs_table(a: str, b: str) -> int:
    """Longest common substring by the textbook table (what ``lcs`` must equal)."""
    best, prev = 0, [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


@pytest.mark.parametrize(("a", "b", "out"), [
    ("建设数据中心", "数据中心扩容", 4),
    ("数据中心扩容", "建设数据中心", 4),
    ("新建学校", "改扩建医院", 1),
    ("新建学校", "", 0),
    ("", "新建学校", 0),
    ("甲乙甲乙甲", "乙甲乙甲乙", 4),     # repeats: the best run is not the first one found
    ("甲甲甲乙", "甲乙甲甲甲", 3),
    ("PM2.5浓度", "pm2.5浓度", 5),       # by character: case counts
])
def test_lcs(a, b, out):
    assert lcs(a, b) == out == _lcs_table(a, b)


@pytest.mark.parametrize(("text", "out"), [
    ("新建5G基站2万个", 6),
    ("GDP 5%", 0),
    ("", 0),
    ("一\u3000二\n三", 3),
])
def test_han_count(text, out):
    assert han_count(text) == out == len(re.findall(r"[\u4e00-\u9fff]", text))
    assert has_han(text) is (out > 0)


@pytest.mark.parametrize(("text", "out"), [
    ("新建 学校\t三所\n", "新建学校三所"),
    ("全年\u3000增长\xa05%", "全年增长5%"),       # ideographic and no-break spaces are whitespace too
    ("", ""),
])
def test_squash(text, out):
    assert squash(text) == out == re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("text", "out"), [
    ("空港综保区 二期", "空港综合保税区二期"),
    ("“两委”换届、（试点）", "两委换届试点"),
    ("单位gdp能耗", canonical("单位GDP能耗")),
])
def test_canonical(text, out):
    assert canonical(text) == out
