"""Rule message templates (checker/templates.py)."""

from __future__ import annotations

from checker.templates import render as render_message


def test_message_template_rendering() -> None:
    assert render_message("{metric} {nope} {{x}}", {"metric": "m"}) == "m  {x}"
    assert render_message("{bad", {}) == "{bad"
    # only plain fields are filled: a spec is refused by `rules validate` and never interpreted
    assert render_message("{actual:>999999999}|{rule.__class__}", {"actual": "1"}) == (
        "{actual:>999999999}|{rule.__class__}")
