"""Rule message templates: ``{metric} {actual}: above the ceiling ({expected})``.

The rule loader checks a template's placeholders against ``COMMON_PLACEHOLDERS`` and the kind's
own; the engine fills them when it builds a finding.
"""

from __future__ import annotations

from typing import Any

# Fields every finding has, whatever its kind.
COMMON_PLACEHOLDERS = frozenset({
    "rule", "kind", "severity", "status", "document", "path", "line", "column", "metric",
    "expected", "actual", "quote", "year", "description",
})


def render_message(template: str, fields: dict[str, Any]) -> str:
    """Fill the plain ``{named}`` fields of ``template`` (no format specs: ``checker.templates``)."""
    from checker.templates import render

    return render(template, fields)
