"""What a check kind is: a module with a declared params schema and a ``check`` function.

A kind is the unit of extension (like yamllint's rule modules or Vale's ``extends``). Each kind
module defines ``KIND = KindSpec(...)``; ``checker.kinds.REGISTRY`` lists them explicitly.

The engine hands ``check`` a ``RuleContext`` (checker/engine.py): the rule, the params with
defaults applied, the corpus, the documents each scope slot selected (``ctx.slots[slot]``), the
sections and mentions in scope (``ctx.sections(slot, doc)``, ``ctx.mentions(slot, doc)``), and
``ctx.finding(...)`` to build findings (it fills rule id, kind, severity, message, location,
evidence and fingerprint, so a kind only says what it found). ``check`` returns (or yields) its
findings, passes included.

By default (``per_document=True``) ``check`` is called once per document of the first slot, with
the other slots resolved relative to it (``review: {relation: reviews}`` = the report whose review
follows up this plan); a kind that compares many documents at once (a series across years) sets
``per_document=False`` and gets every selected document of every slot in one call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checker.findings import SEVERITIES, Finding

if TYPE_CHECKING:
    from checker.kinds.context import KindContext

# ``Param.of``: params whose values are the kind's own statuses, so the rule loader can refuse a typo
# (``severities: {number_mismatch: eror}``) with its place and a suggestion.
STATUS_LIST = "status_list"          # a list of the kind's statuses
SEVERITY_BY_STATUS = "severity_by_status"  # a mapping status → error | warning | info


@dataclass(frozen=True)
class Param:
    """One parameter a kind accepts. ``type`` is a JSON Schema type name.

    ``schema`` adds JSON Schema keywords for structured values, e.g. a mapping of target name →
    synonyms: ``Param("object", schema={"additionalProperties": {"type": "array", "items":
    {"type": "string"}}})``. The rule loader validates params against exactly the schema
    ``checker rules schema`` prints (types, enum, minimum/maximum, items, properties, required,
    additionalProperties, minItems, ``format: regex``).
    """

    type: str                      # string | number | integer | boolean | array | object
    default: Any = None
    description: str = ""
    enum: tuple[Any, ...] | None = None
    items: str | None = None       # JSON Schema type of array items
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    format: str | None = None      # "regex": the string must compile as a Python regex
    schema: Mapping[str, Any] | None = None  # extra JSON Schema keywords (structured values)
    of: str | None = None          # STATUS_LIST | SEVERITY_BY_STATUS: built from the kind's statuses

    def json_schema(self, statuses: tuple[str, ...] = ()) -> dict[str, Any]:
        """This parameter as a JSON Schema fragment (used for validation and for the schema);
        ``statuses`` are the kind's, for params ``of`` them."""
        out: dict[str, Any] = {"type": self.type}
        if self.description:
            out["description"] = self.description
        if self.enum is not None:
            out["enum"] = list(self.enum)
        if self.items:
            out["items"] = {"type": self.items}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.format:
            out["format"] = self.format
        if self.default is not None:
            out["default"] = self.default
        if self.schema:
            out.update(self.schema)
        if self.of == STATUS_LIST:
            out["items"] = {"type": "string", "enum": list(statuses)}
        elif self.of == SEVERITY_BY_STATUS:
            out["additionalProperties"] = False
            out["properties"] = {s: {"type": "string", "enum": list(SEVERITIES)} for s in statuses}
        return out


@dataclass(frozen=True)
class KindSpec:
    """A check kind: its name, what it checks, its params, scope slots and message fields."""

    name: str
    summary: str
    check: Callable[[KindContext], Iterable[Finding] | None]
    params: dict[str, Param] = field(default_factory=dict)
    slots: tuple[str, ...] = ("documents",)   # scope keys the kind reads (documents | plan, review | …)
    placeholders: frozenset[str] = frozenset()  # names a message template may use
    statuses: tuple[str, ...] = ("pass", "fail")   # every status the kind gives: the single source
    pass_statuses: frozenset[str] = frozenset({"pass"})
    # Statuses that mean "the thing checked was not there" (not_found): a fail example of a rule
    # must give another one unless it names the status it expects.
    absent_statuses: frozenset[str] = frozenset()
    per_document: bool = True       # False: one call with every selected document of every slot
    optional_slots: frozenset[str] = frozenset()  # slots that may select nothing (check still runs)
    default_scope: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # rule has no scope
    default_message: str = ""       # used when a rule has no message
    # Checks on params a schema cannot express, run when a rule is loaded: ``validate(params)`` gets
    # the params with defaults applied and returns ``[(param name or None, message), …]``.
    validate: Callable[[dict[str, Any]], list[tuple[str | None, Any]]] | None = None

    def __post_init__(self) -> None:
        unknown = (set(self.pass_statuses) | set(self.absent_statuses)) - set(self.statuses)
        if unknown:  # a kind's declarations must agree: statuses is the list everything else names
            raise ValueError(f"kind {self.name}: {', '.join(sorted(unknown))} not in its statuses")
