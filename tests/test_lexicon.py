"""The one synonym table (checker/data/synonyms.yaml through checker/lexicon.py)."""

from __future__ import annotations

import pytest

from checker import lexicon
from checker.lexicon import LOOSE, NAMES, WORDING, canonical, rewrites, whole_key


@pytest.mark.parametrize(("text", "reach", "out"), [
    ("GDP增长5%", NAMES, "地区生产总值增长5%"),
    ("gdp增长5%", NAMES, "地区生产总值增长5%"),          # letters in any case
    ("北交所上市公司", NAMES, "北京证券交易所上市公司"),
    ("规上工业增加值", NAMES, "规模以上工业增加值"),
    ("CPI涨幅", NAMES, "居民消费价格涨幅"),               # endings are wording, not names
    ("CPI涨幅", WORDING, "居民消费价格增速"),
    ("轨道交通运行", WORDING, "轨道交通运行"),             # loose equivalences only for goal matching
    ("轨道交通运行", LOOSE, "城市轨道交通运营"),
    ("城市轨道交通", LOOSE, "城市轨道交通"),               # a variant inside its canonical form stays
    ("投资总规模", LOOSE, "投资总规模"),                   # a guard: 总规模 is not 总规 (master plan)
    ("完成总规修编", LOOSE, "完成城市总体规划修编"),
])
def test_canonical(text, reach, out):
    assert canonical(text, reach) == out


def test_each_reach_includes_the_ones_before():
    for text in ("GDP", "综保区", "PM2.5"):
        assert canonical(text, NAMES) == canonical(text, WORDING) == canonical(text, LOOSE) != text


def test_rewrites_give_offsets_in_the_text():
    assert list(rewrites("全年GDP增长，上交所")) == [(2, 5, "地区生产总值"), (8, 11, "上海证券交易所")]


@pytest.mark.parametrize(("key", "out"), [("经济总量", "地区生产总值"), ("经济总量增速", "经济总量增速")])
def test_whole_key(key, out):
    assert whole_key(key) == out


def test_one_table_in_one_file():
    from checker.datafiles import load_data

    raw = load_data("synonyms.yaml")
    assert set(raw) == {*lexicon.REACHES, lexicon.COMPARED, "guards", "whole_keys"}
    for name in ("goal_vocab.yaml", "summary_fidelity.yaml", "figures.yaml", "actions.yaml"):
        data = load_data(name)
        assert not {"synonyms", "abbreviations", "key_aliases", "synonym_guards"} & set(data), name
