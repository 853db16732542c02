"""Text from a document made safe for where it is shown: Markdown, the terminal, CI logs."""

from __future__ import annotations

import pytest

from checker.output import one_line, printable
from checker.output.github import escape_data
from checker.output.md import _cell


@pytest.mark.parametrize(("text", "shown"), [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("a | b", "a \\| b"),
    ("[link](javascript:x) `code` *em*", "\\[link\\](javascript:x) \\`code\\` \\*em\\*"),
    ("R&D", "R&amp;D"),
])
def test_markdown_cell_is_shown_as_written(text, shown):
    assert _cell(text) == shown


@pytest.mark.parametrize("text", ["\x1b[31mred", "\x1b]0;title\x07", "\x9b31m", "abc\u202edef", "a\x00b"])
def test_control_characters_never_reach_a_terminal(text):
    for out in (printable(text), one_line(text), escape_data(text)):
        assert not any(ch in out for ch in "\x1b\x07\x9b\u202e\x00"), repr(out)
        assert "\ufffd" in out


def test_plain_chinese_text_is_unchanged():
    assert printable("城镇调查失业率5.5%左右。") == "城镇调查失业率5.5%左右。"
