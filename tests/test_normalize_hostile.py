"""The normaliser on hostile text: never an exception, offsets always valid, time linear in length."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linear_time import LINEAR_RATIO_BOUND, growth_ratio

from checker.normalize import normalize

# full-width forms, spaces of every kind, line breaks, digits with separators, control characters
ALPHABET = ("０１２３４５６７８９，。、：；1,000.5 \u3000\u00a0\t\r\n\x0b\x0c\u2028"
            "一二万亿年增长%％《》“”-—\x00\x1b\ufeff")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=300), st.booleans())
def test_never_raises_and_maps_every_character(raw, keep_lines):
    text, origin = normalize(raw, keep_lines=keep_lines)
    assert len(origin) >= len(text)
    assert all(0 <= o <= len(raw) for o in origin)


SHAPES = {
    "one long line": lambda n: "城镇新增就业26.3万人，" * (n // 12),
    "wrapped lines": lambda n: "全年地区生产总值增长\n" * (n // 11),
    "thousands separators": lambda n: "1,000," * (n // 6),
    "full-width run": lambda n: "１" * n,
    "blank lines": lambda n: "\n" * n,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_time_is_linear(shape):
    ratio = growth_ratio(SHAPES[shape], normalize, 16000)
    assert ratio < LINEAR_RATIO_BOUND, f"{shape}: 4× the text took {ratio:.1f}× the time"
