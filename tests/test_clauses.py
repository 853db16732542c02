"""The one clause splitter (checker/clauses.py): the granularities every reader cuts text at."""

from __future__ import annotations

import pytest

from checker.clauses import CLAUSE, ITEM, PART, SENTENCE, cut, spans


def _texts(text: str, marks: str, **kw) -> list[str]:
    return [text[p.start:p.end] for p in cut(text, 0, len(text), marks, **kw)]


@pytest.mark.parametrize(("text", "marks", "pieces"), [
    ("新增学位3万个，完工400个、开工200个。", ITEM, ["新增学位3万个", "完工400个", "开工200个。"]),
    ("新增学位3万个，完工400个、开工200个。", CLAUSE, ["新增学位3万个", "完工400个、开工200个", ""]),
    ("稳增长；促改革。惠民生！", PART, ["稳增长", "促改革", "惠民生", ""]),
    ("稳增长；促改革。惠民生！", SENTENCE, ["稳增长；促改革", "惠民生", ""]),
    # a thousands separator and a time are no breaks; a full-width comma between digits is one
    ("总值1,000亿元,增长5%", ITEM, ["总值1,000亿元", "增长5%"]),
    ("改善,115户入住", ITEM, ["改善", "115户入住"]),
    ("居全国第1，7家企业上榜", ITEM, ["居全国第1", "7家企业上榜"]),
    ("上午10:30开幕:会期3天", CLAUSE, ["上午10:30开幕", "会期3天"]),
])
def test_cut(text, marks, pieces):
    assert _texts(text, marks) == pieces


def test_dash_breaks_only_when_asked():
    assert _texts("报告——2024年", CLAUSE, dash=True) == ["报告", "2024年"]
    assert _texts("报告——2024年", CLAUSE) == ["报告——2024年"]


def test_marks_and_late_start():
    text = "一、坚持稳中求进，推动发展"
    pieces = cut(text, 0, len(text), ITEM, breaks_from=2)
    assert [text[p.start:p.end] for p in pieces] == ["一、坚持稳中求进", "推动发展"]
    assert [p.mark for p in pieces] == ["，", ""]


@pytest.mark.parametrize(("text", "marks", "kw"), [
    ("新增学位3万个，完工400个、开工200个。", ITEM, {}),
    ("一、坚持稳中求进，推动发展", ITEM, {"breaks_from": 2}),
    ("总值1,000亿元,增长5%；上午10:30开幕:会期3天", CLAUSE, {}),
    ("报告——2024年，，", CLAUSE, {"dash": True}),
    ("", SENTENCE, {}),
])
def test_spans_are_the_pieces_without_their_marks(text, marks, kw):
    pieces = cut(text, 0, len(text), marks, **kw)
    assert spans(text, 0, len(text), marks, **kw) == [(p.start, p.end) for p in pieces]
