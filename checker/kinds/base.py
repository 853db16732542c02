"""What a check kind is: a module with a declared params schema and a ``check`` function.

A kind is the unit of extension (like yamllint's rule modules or Vale's ``extends``). Each kind
module defines ``KIND = KindSpec(...)``; ``checker.kinds.REGISTRY`` lists them explicitly.

The engine hands ``check`` a ``RuleContext``: the rule, the corpus, the documents each scope slot
selected, and ``ctx.finding(...)`` to build findings (it fills rule id, kind, severity, message,
location and fingerprint, so a kind only says what it found).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.findings import Finding


@dataclass(frozen=True)
class Param:
    """One parameter a kind accepts. ``type`` is a JSON Schema type name."""

    type: str                      # string | number | integer | boolean | array | object
    default: Any = None
    description: str = ""
    enum: tuple[Any, ...] | None = None
    items: str | None = None       # JSON Schema type of array items
    required: bool = False


@dataclass(frozen=True)
class KindSpec:
    """A check kind: its name, what it checks, its params, scope slots and message fields."""

    name: str
    summary: str
    check: Callable[[Any], Iterable[Finding]]
    params: dict[str, Param] = field(default_factory=dict)
    slots: tuple[str, ...] = ("documents",)   # scope keys the kind reads (documents | plan, review | …)
    placeholders: frozenset[str] = frozenset()  # names a message template may use
    statuses: tuple[str, ...] = ("pass", "fail")
    pass_statuses: frozenset[str] = frozenset({"pass"})
