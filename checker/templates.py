"""Finding message templates: plain ``{name}`` fields only.

``str.format`` would let a rule file write ``{metric:>999999999}`` (gigabytes of spaces),
``{metric!r}`` or ``{rule.__class__}`` (an object's memory address: outputs no longer deterministic).
Here a template is text with ``{name}`` fields and ``{{``/``}}`` for literal braces, nothing else:
``render("{metric}：{actual}", {"metric": "失业率", "actual": "5.8%"})`` → ``失业率：5.8%``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from checker.i18n import DEFAULT as DEFAULT_LANG
from checker.i18n import Msg, get_lang

# Fields every finding has, whatever its kind: the rule loader checks a template's placeholders
# against these and the kind's own; the engine fills them when it builds a finding.
COMMON_PLACEHOLDERS = frozenset({
    "rule", "kind", "severity", "status", "document", "path", "line", "column", "metric",
    "expected", "actual", "quote", "year", "description", "status_name",
})

Template = str | dict[str, str]  # one text, or one per language ({zh: …, en: …})


def in_language(template: Template, lang: str | None = None) -> str:
    """The text of ``template`` in ``lang`` (default: the run's); a template written in one
    language only is shown in that language, whole (never half translated)."""
    if isinstance(template, str):
        return template
    return template.get(get_lang(lang)) or template.get(DEFAULT_LANG) or next(iter(template.values()), "")


_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def template_problems(template: str) -> list[tuple[Msg, str]]:
    """``(problem, the field as written)`` for every field that is not a plain ``{name}``."""
    out = []
    for m in _FIELD.finditer(template):
        raw = m.group(0)
        if raw in ("{{", "}}"):
            continue
        if m.group(1) is None:
            out.append((Msg("rule.lone_brace", raw=raw, twice=raw + raw), raw))
        elif not _NAME.match(m.group(1)):
            out.append((Msg("rule.not_plain_field", raw=raw, example="{name}"), raw))
    return out


def render(template: str, fields: dict[str, Any]) -> str:
    """``template`` with each ``{name}`` replaced by ``str(fields[name])`` (empty when missing)."""
    out = []
    for text, name in _parsed(template):
        out.append(text)
        if name is not None:
            value = fields.get(name, "")
            out.append("" if value is None else str(value))
    return "".join(out)


@lru_cache(maxsize=1024)  # a run renders every finding of a rule with one of its few templates
def _parsed(template: str) -> tuple[tuple[str, str | None], ...]:
    """``template`` as (literal text, field name or None) pairs: the fields parsed once."""
    parts: list[tuple[str, str | None]] = []
    text: list[str] = []
    at = 0
    for m in _FIELD.finditer(template):
        text.append(template[at:m.start()])
        at = m.end()
        raw, name = m.group(0), m.group(1)
        if raw in ("{{", "}}"):
            text.append(raw[0])
        elif name is None or not _NAME.match(name):
            text.append(raw)  # refused by `rules validate`; shown as written, never interpreted
        else:
            parts.append(("".join(text), name))
            text = []
    text.append(template[at:])
    parts.append(("".join(text), None))
    return tuple(parts)
