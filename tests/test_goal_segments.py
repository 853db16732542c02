"""Segments and pieces (checker/goals/segments.py): the share-out word before a number. Texts invented."""

from __future__ import annotations

import pytest

from checker.goals.segments import _bare, _each
from checker.goals.text import canonical, han_count
from checker.goals.vocab import vocab


def _each_scan(text: str, start: int, number: int) -> int:
    """``_each`` as a character-by-character scan back from the number (what it must equal)."""
    raw = vocab().raw
    words, averages = raw["each_words"], tuple(raw["average_words"])
    for at in range(number - 1, start - 1, -1):
        if text[at] not in words:
            continue
        if text[max(start, at - 1):at + 1] in averages or text[at - 1:at + 1] in averages:
            return -1
        between = canonical(text[at + 1:number])
        for link in raw["each_links"]:
            between = between.replace(link, "")
        if not between or (text[at] != "各" and han_count(_bare(between)) == 0):
            return at
        return -1
    return -1


@pytest.mark.parametrize(("text", "out"), [
    ("充电桩、换电站各2万个", 7),
    ("游客人数、旅游收入均增长8%", 9),
    ("城乡居民收入年均增长6%", -1),        # an average, not a share-out
    ("各类学校新增学位3万个", -1),          # the word is far from the number: words between
    ("新增学位3万个", -1),
    ("均2万个", 0),
    ("", -1),
])
def test_each(text, out):
    number = next((i for i, c in enumerate(text) if c.isdigit()), len(text))
    assert _each(text, 0, number) == out == _each_scan(text, 0, number)
