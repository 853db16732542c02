"""The indexes that spare the series, figure and engine code a scan: each finds what the scan finds.

The keys are invented metric phrases in the style of report wording: scope variants (a joined
component, a qualifier in front, a stated coverage), near misses and unrelated metrics.
"""

from __future__ import annotations

import itertools

import pytest

from checker.analysis.figures import _verb_words, vague_key
from checker.analysis.series import Series, _LinkIndex, scope_relation

KEYS = [
    "污水处理能力", "污水和再生水处理能力", "城市污水处理能力", "再生水处理能力",
    "森林覆盖率", "山区森林覆盖率", "森林蓄积量", "覆盖率",
    "养老服务覆盖率", "农村养老服务覆盖率", "养老机构床位数",
    "轨道交通运营里程", "轨道交通运营里程含市域铁路", "城市轨道交通运营总里程",
    "轨道交通和市郊铁路运营里程", "公路及城市道路通车里程", "城市道路通车里程",
    "高速公路通车里程", "地区生产总值增速", "地区生产总值", "一般公共预算收入",
    "中小学学位", "普惠性幼儿园覆盖率", "新建改建农村公路", "农村公路",
    "清洁能源装机容量", "新能源装机容量", "新能源和清洁能源装机容量", "装机",
]


def _series(key: str) -> Series:
    return Series([key], "count", "level", [])


@pytest.mark.parametrize(("kept", "new"), [
    (a, b) for a, b in itertools.product(KEYS, KEYS) if a != b and scope_relation(a, b) is not None
])
def test_every_scope_variant_is_a_candidate(kept: str, new: str) -> None:
    """Whenever ``scope_relation`` relates a kept key to a new one, the index offers it."""
    group = [_series(k) for k in KEYS]
    index = _LinkIndex(group)
    index.add(0, ["无关指标名称"])
    index.add(1, [kept])
    assert 1 in index.candidates(new, 2)


def test_the_index_offers_few_of_many_unrelated_series() -> None:
    group = [_series(k) for k in KEYS]
    index = _LinkIndex(group)
    for i, key in enumerate(KEYS):
        index.add(i, [key])
    offered = index.candidates("养老服务覆盖率", len(KEYS))
    assert KEYS.index("农村养老服务覆盖率") in offered
    assert KEYS.index("地区生产总值") not in offered
    assert offered == sorted(offered)


def test_a_series_that_absorbed_a_key_is_offered_for_it() -> None:
    group = [_series(k) for k in KEYS]
    index = _LinkIndex(group)
    index.add(0, ["森林覆盖率"])
    index.add(0, ["污水处理能力"])   # position 0 now also holds this key
    assert index.candidates("城市污水处理能力", 1) == [0]


def _vague_by_scan(key: str) -> bool:
    rest = key
    for word in _verb_words():
        rest = rest.replace(word, "")
    return len(rest) < 2


@pytest.mark.parametrize("key", [
    "减少到", "提高到", "增长", "新增就业", "下降到", "提高到达到", "达到", "森林覆盖率提高到",
    "增加到减少", "完成", "增", "", "城镇新增就业", "降低",
])
def test_vague_key_is_the_scan_of_every_verb(key: str) -> None:
    vague_key.cache_clear()
    assert vague_key(key) == _vague_by_scan(key)



@pytest.mark.parametrize("spans", [
    [], [(0, 10)], [(5, 5)], [(0, 10), (10, 20)], [(30, 40), (0, 10), (5, 35)],
    [(0, 100), (20, 30)], [(7, 3), (1, 4)], [(2, 4), (6, 8), (3, 7)],
])
def test_offsets_in_the_union_of_sections_are_those_in_some_section(spans) -> None:
    from checker.engine import _inside, _union

    starts, ends = _union(spans)
    for offset in range(-1, 110):
        assert _inside(offset, starts, ends) == any(a <= offset < b for a, b in spans), offset
