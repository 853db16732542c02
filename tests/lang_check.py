"""One check for messages shown in both languages: the Chinese one says it at the same place,
quotes the same keys and values, and is written in Chinese (tests import it like linear_time)."""

from __future__ import annotations

import re

HAN = re.compile(r"[\u4e00-\u9fff]")
LOCATION = re.compile(r"^(\S+?:\d+(?::\d+)?): ")  # file:line[:col]
QUOTED = re.compile(r"'[^']+'")


def same_in_chinese(english: str, chinese: str) -> None:
    """Line by line: same ``file:line[:col]``, same quoted values, Chinese words."""
    en_lines, zh_lines = english.splitlines(), chinese.splitlines()
    assert len(en_lines) == len(zh_lines), (english, chinese)
    for en, zh in zip(en_lines, zh_lines, strict=True):
        where = LOCATION.match(en)
        if where:
            assert zh.startswith(where.group(1) + ": "), (en, zh)
        assert HAN.search(zh), zh
        for quoted in QUOTED.findall(en):
            assert quoted in zh, (quoted, zh)
