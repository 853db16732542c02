"""Rule message templates."""

from __future__ import annotations

from checker.message_template import render_message


def test_message_template_rendering() -> None:
    assert render_message("{metric} {actual:>5} {nope}", {"metric": "m", "actual": "1"}) == "m     1 "
    assert render_message("{value:.1f}%", {"value": "x"}) == "x%"
    assert render_message("{bad", {}) == "{bad"
