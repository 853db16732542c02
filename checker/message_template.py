"""Rule message templates: ``{metric} {actual}: above the ceiling ({expected})``.

The rule loader checks a template's placeholders against ``COMMON_PLACEHOLDERS`` and the kind's
own; the engine fills them when it builds a finding.
"""

from __future__ import annotations

import string
from typing import Any

# Fields every finding has, whatever its kind.
COMMON_PLACEHOLDERS = frozenset({
    "rule", "kind", "severity", "status", "document", "path", "line", "column", "metric",
    "expected", "actual", "quote", "year", "description",
})


class _Template(string.Formatter):
    """``str.format`` that renders a missing field as empty and never raises on a bad spec."""

    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, int):
            return args[key] if key < len(args) else ""
        return kwargs.get(key, "")

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_TEMPLATE = _Template()


def render_message(template: str, fields: dict[str, Any]) -> str:
    """Fill ``{named}`` placeholders of ``template`` (validated at load time)."""
    try:
        return _TEMPLATE.vformat(template, (), fields)
    except (ValueError, IndexError, KeyError, AttributeError):
        return template
