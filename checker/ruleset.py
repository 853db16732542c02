"""Rule files: load, validate (``file:line:col`` errors with the line shown), select.

One rule per YAML file under ``rules/<pack>/``::

    id: unemployment-under-ceiling
    kind: threshold
    severity: warning
    description: The surveyed urban unemployment rate reported in a review stays at or below 5%.
    rationale: The plan promises a ceiling; a review reporting more is news.
    link: https://example.org/rules/unemployment
    tags: [employment, review]
    scope:
      documents: {kind: report, section: review}
    params: {metric: 城镇调查失业率, unit: "%", max: 5}
    message: "{metric} {actual}: above the ceiling ({expected})"
    examples:
      fail: ["城镇调查失业率5.8%。"]
      pass: ["城镇调查失业率4.7%。"]

Every definition here (top-level fields, scope selectors, each kind's params) is one JSON Schema
fragment; the loader validates rule files against exactly those fragments (plus the checks a schema
cannot express: placeholders, year expressions, duplicate ids) and ``checker rules schema`` prints
them as one JSON Schema for editors. All problems of a run are collected and raised together as a
``RuleError``.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.errors import CheckerError, RuleError
from checker.findings import SEVERITIES
from checker.model import DOC_KINDS, ROLES
from checker.scope import YEAR_PATTERN, parse_year, selector_schema
from checker.templates import COMMON_PLACEHOLDERS

RULE_SUFFIXES = (".yaml", ".yml")
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
TAG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
LINK_PATTERN = r"^https?://[^\s]+$"
EXAMPLE_FIELDS = ("text", "year", "role", "kind", "id")


# --------------------------------------------------------------------------- definitions

def example_schema(slots: Iterable[str], statuses: Iterable[str] = ()) -> dict[str, Any]:
    """JSON Schema of one example: text, or slot → text | {text, year, role, kind}; a mapping may
    name the ``status`` a fail example must give (one of the kind's ``statuses``)."""
    status = {"type": "string", "enum": list(statuses),
              "description": "The status this example must give (fail examples)."}
    doc = {"anyOf": [{"type": "string"}, {
        "type": "object", "additionalProperties": False, "required": ["text"],
        "properties": {"text": {"type": "string"}, "year": {"type": "integer"},
                       "role": {"type": "string", "enum": list(ROLES)},
                       "kind": {"type": "string", "enum": list(DOC_KINDS)}, "id": {"type": "string"},
                       "status": status},
    }]}
    by_slot = {"type": "object", "additionalProperties": False,
               "properties": {**{slot: doc for slot in slots}, "status": status}}
    return {"anyOf": [doc, by_slot]}


TOP_FIELDS: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "pattern": ID_PATTERN,
           "description": "Unique rule id (letters, digits, - _ .)."},
    "kind": {"type": "string", "description": "The check kind (see `checker rules list`)."},
    "severity": {"type": "string", "enum": list(SEVERITIES), "description": "error | warning | info."},
    "description": {"type": "string", "minLength": 1,
                    "description": "What the rule checks (one sentence)."},
    "rationale": {"type": "string", "description": "Why it matters."},
    "link": {"type": "string", "pattern": LINK_PATTERN,
             "description": "An http(s) URL documenting the rule."},
    "tags": {"type": "array", "items": {"type": "string", "pattern": TAG_PATTERN},
             "description": "Tags for --select."},
    "scope": {"type": "object", "description": "Slot → selector: which documents and sections."},
    "params": {"type": "object", "description": "Settings of the kind."},
    "message": {"anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string", "minLength": 1}},
    ], "description": "Message template with {named} placeholders; or one per outcome: "
                      "{pass: …, fail: …} and/or per status ({not_found: …})."},
    "examples": {"type": "object", "additionalProperties": False, "required": ["pass", "fail"],
                 "properties": {"pass": {"type": "array", "minItems": 1},
                                "fail": {"type": "array", "minItems": 1}},
                 "description": "Pass and fail cases: the rule's tests and documentation."},
    "enabled": {"type": "boolean", "description": "false: loaded and validated, but not run."},
}
REQUIRED_FIELDS = ("id", "kind", "severity", "description", "examples")
# `message` is required too, unless the kind has a default message.


def message_schema(kind: Any) -> dict[str, Any]:
    """A message template, or one per outcome: ``pass``, ``fail`` and the kind's statuses."""
    template = {"type": "string", "minLength": 1}
    return {"anyOf": [template, {
        "type": "object", "minProperties": 1, "additionalProperties": False,
        "properties": {key: template for key in ("pass", "fail", *kind.statuses)}}]}


def params_schema(kind: Any) -> dict[str, Any]:
    """JSON Schema of a kind's ``params`` mapping."""
    return {
        "type": "object", "additionalProperties": False,
        "properties": {name: p.json_schema(kind.statuses) for name, p in kind.params.items()},
        "required": sorted(n for n, p in kind.params.items() if p.required),
    }


def rule_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file (``checker rules schema``), per-kind parts via if/then."""
    from checker.kinds import REGISTRY

    props = {name: dict(spec) for name, spec in TOP_FIELDS.items()}
    props["kind"]["enum"] = sorted(REGISTRY)
    branches = []
    for name, kind in sorted(REGISTRY.items()):
        branches.append({
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {"properties": {
                "params": params_schema(kind),
                "scope": {"type": "object", "additionalProperties": False,
                          "properties": {slot: selector_schema() for slot in kind.slots}},
                "examples": {"properties": {
                    "pass": {"items": example_schema(kind.slots, kind.statuses)},
                    "fail": {"items": example_schema(kind.slots, kind.statuses)}}},
                "message": message_schema(kind),
            }, **({} if kind.default_message else {"required": ["message"]})},
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://checker.invalid/schemas/rule.json",
        "title": "checker rule file",
        "description": "One rule per file under rules/<pack>/.",
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_FIELDS),
        "properties": props,
        "allOf": branches,
    }


# --------------------------------------------------------------------------- rule values

@dataclass
class ExampleDoc:
    """One document of an example: its text and what the example says about it."""

    text: str
    year: int | None = None
    role: str | None = None
    kind: str | None = None
    id: str | None = None


@dataclass
class Example:
    """A pass or fail case of a rule (``expect`` is "pass" or "fail")."""

    expect: str
    index: int
    docs: dict[str, ExampleDoc]
    line: int = 0
    status: str | None = None      # the status a fail example must give (default: a real failure)


@dataclass
class Rule:
    """A validated rule; ``params`` has the kind's defaults applied."""

    id: str
    kind: str
    severity: str
    description: str
    message: str
    rationale: str = ""
    link: str = ""
    tags: list[str] = field(default_factory=list)
    scope: dict[str, dict[str, Any]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    given_params: dict[str, Any] = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    enabled: bool = True
    path: Path = Path("<rule>")
    line: int = 1
    # Templates per outcome ("pass", "fail" or a status); ``message`` serves what they leave out.
    messages: dict[str, str] = field(default_factory=dict)

    @property
    def pack(self) -> str:
        return self.path.parent.name

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


# --------------------------------------------------------------------------- problems

@dataclass
class Problem:
    """One mistake in a rule file, located; ``render()`` shows the line and a caret."""

    path: str
    line: int
    column: int
    message: str
    source: str = ""
    hint: str = ""

    @property
    def headline(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def render(self) -> str:
        out = [self.headline]
        if self.source:
            gutter = f"{self.line:>4} | "
            out.append(gutter + self.source)
            out.append(" " * (len(gutter) - 2) + "| " + _pad(self.source, self.column - 1) + "^")
        if self.hint:
            out.append(f"     = hint: {self.hint}")
        return "\n".join(out)


def _pad(source: str, width: int) -> str:
    # Keep the caret under the character even after tabs and wide (CJK) characters.
    out = []
    for ch in source[:width]:
        out.append("\t" if ch == "\t" else ("  " if ord(ch) > 0x2E7F else " "))
    return "".join(out)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


class _File:
    """Problems of one rule file, with its lines for snippets."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def add(self, where: Any, message: str, hint: str = "", column: int | None = None) -> None:
        mark = getattr(where, "start_mark", where)
        line = (mark.line + 1) if mark is not None else 1
        col = column if column is not None else ((mark.column + 1) if mark is not None else 1)
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.problems.append(Problem(str(self.path), line, col, message, source, hint))


# --------------------------------------------------------------------------- node helpers

def value_of(node: yaml.Node) -> Any:
    """The Python value of a YAML node (composed by ``checker.yamlfile``: plain data only)."""
    from checker.yamlfile import value_of as plain_value

    return plain_value(node)


def json_type(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "object"
    if isinstance(node, yaml.SequenceNode):
        return "array"
    value = value_of(node)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return type(value).__name__  # dates, timestamps


def _type_ok(actual: str, wanted: str | list[str]) -> bool:
    wanted_list = wanted if isinstance(wanted, list) else [wanted]
    return actual in wanted_list or (actual == "integer" and "number" in wanted_list)


_ARTICLE = {"object": "a mapping", "array": "a list", "string": "a string", "integer": "an integer",
            "number": "a number", "boolean": "true or false", "null": "empty"}


def _describe_type(wanted: str | list[str]) -> str:
    wanted_list = wanted if isinstance(wanted, list) else [wanted]
    return " or ".join(_ARTICLE.get(w, w) for w in wanted_list)


def _shown(node: yaml.Node) -> str:
    if json_type(node) == "null":
        return "nothing (the value is empty)"
    if isinstance(node, yaml.ScalarNode):
        return repr(value_of(node)) if json_type(node) == "string" else str(node.value)
    return _ARTICLE.get(json_type(node), json_type(node))


def pairs(node: yaml.Node, f: _File) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """``(key, key_node, value_node)`` of a mapping; duplicate and non-string keys are problems."""
    seen: dict[str, yaml.Node] = {}
    out: list[tuple[str, yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            f.add(key_node, "a key must be a plain name, not a list or mapping")
            continue
        key = str(value_of(key_node))
        if key in seen:
            f.add(key_node, f"duplicate key '{key}'", f"first given on line {seen[key].start_mark.line + 1}")
            continue
        seen[key] = key_node
        out.append((key, key_node, value_node))
    return out


def check_node(node: yaml.Node, schema: dict[str, Any], f: _File, what: str,
               key_hints: dict[str, str] | None = None) -> bool:
    """Validate ``node`` against a JSON Schema fragment (the subset ``rule_schema`` uses).

    Returns True when valid; problems go to ``f``. ``key_hints`` maps unknown keys to a hint.
    """
    if "anyOf" in schema:
        branches = schema["anyOf"]
        actual = json_type(node)
        fitting = [b for b in branches if "type" not in b or _type_ok(actual, b["type"])]
        if not fitting:
            wanted = [t for b in branches for t in ([b["type"]] if isinstance(b.get("type"), str)
                                                     else b.get("type", []))]
            f.add(node, f"{what}: expected {_describe_type(wanted)}, got {_shown(node)}")
            return False
        trial = _File(f.path, "")
        if check_node(node, fitting[0], trial, what, key_hints):
            return True
        for other in fitting[1:]:
            if check_node(node, other, _File(f.path, ""), what, key_hints):
                return True
        return check_node(node, fitting[0], f, what, key_hints)
    want = schema.get("type")
    actual = json_type(node)
    if want and not _type_ok(actual, want):
        f.add(node, f"{what}: expected {_describe_type(want)}, got {_shown(node)}")
        return False
    ok = True
    if actual in ("string", "integer", "number", "boolean"):
        value = value_of(node)
        if "const" in schema and value != schema["const"]:
            f.add(node, f"{what}: must be {schema['const']!r}")
            ok = False
        if "enum" in schema and value not in schema["enum"]:
            choices = ", ".join(str(c) for c in schema["enum"])
            f.add(node, f"{what}: {value!r} is not one of {choices}",
                  did_you_mean(str(value), [str(c) for c in schema["enum"]]))
            ok = False
        if "minimum" in schema and value < schema["minimum"]:
            f.add(node, f"{what}: {value} is below the minimum {schema['minimum']}")
            ok = False
        if "maximum" in schema and value > schema["maximum"]:
            f.add(node, f"{what}: {value} is above the maximum {schema['maximum']}")
            ok = False
        if isinstance(value, str):
            if schema.get("minLength") and len(value.strip()) < schema["minLength"]:
                f.add(node, f"{what}: must not be empty")
                ok = False
            if "pattern" in schema and not re.search(schema["pattern"], value):
                f.add(node, f"{what}: {value!r} is not valid ({_pattern_help(schema['pattern'])})")
                ok = False
            if schema.get("format") == "regex":
                from checker.patterns import PatternError, compile_pattern

                try:
                    compile_pattern(value)
                except PatternError as error:
                    f.add(node, f"{what}: bad regular expression: {error}")
                    ok = False
    elif actual == "array":
        if len(node.value) < schema.get("minItems", 0):
            f.add(node, f"{what}: needs at least {schema['minItems']} item(s)")
            ok = False
        if "items" in schema:
            for i, item in enumerate(node.value):
                ok = check_node(item, schema["items"], f, f"{what}[{i}]") and ok
    elif actual == "object":
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        items = pairs(node, f)
        if len(items) < schema.get("minProperties", 0):
            f.add(node, f"{what}: needs at least {schema['minProperties']} entr(y/ies)")
            ok = False
        for key, key_node, value_node in items:
            if key in props:
                ok = check_node(value_node, props[key], f, f"{what}.{key}" if what else key) and ok
            elif extra is False:
                hint = (key_hints or {}).get(key) or did_you_mean(key, props) or (
                    f"known keys: {', '.join(props)}" if props else "")
                f.add(key_node, f"{what}: unknown key '{key}'" if what else f"unknown key '{key}'", hint)
                ok = False
            elif isinstance(extra, dict):
                ok = check_node(value_node, extra, f, f"{what}.{key}" if what else key) and ok
        given = {k for k, _, _ in items}
        for name in schema.get("required", []):
            if name not in given:
                f.add(node, f"{what}: missing required key '{name}'" if what
                      else f"missing required field '{name}'")
                ok = False
    return ok


def _pattern_help(pattern: str) -> str:
    helps = {
        ID_PATTERN: "letters, digits, '-', '_' and '.', starting with a letter or digit",
        TAG_PATTERN: "letters, digits, '-', '_' and '.'",
        LINK_PATTERN: "an http:// or https:// URL",
        YEAR_PATTERN: "a year is 2024, a range 2021..2023, or an earlier slot's year such as plan+1",
    }
    return helps.get(pattern, f"must match {pattern}")


# --------------------------------------------------------------------------- loading one file

def placeholders_of(template: str) -> list[tuple[str, str]]:
    """``(name, raw)`` for every ``{field}`` of a message template (raises ValueError if malformed)."""
    out = []
    for _, field_name, spec, conv in string.Formatter().parse(template):
        if field_name is None:
            continue
        name = re.split(r"[.\[]", field_name, maxsplit=1)[0]
        raw = "{" + field_name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        out.append((name, raw))
    return out


def _locate_in_scalar(f: _File, node: yaml.Node, needle: str) -> tuple[Any, int | None]:
    """A mark/column for ``needle`` inside a scalar: on its own line when it can be found there."""
    start = node.start_mark.line
    for line in range(start, min(node.end_mark.line + 1, len(f.lines))):
        at = f.lines[line].find(needle, node.start_mark.column if line == start else 0)
        if at != -1:
            mark = yaml.Mark("", 0, line, at, None, None)  # type: ignore[arg-type]  # no buffer: a position only
            return mark, at + 1
    return node, None


def _check_messages(f: _File, node: yaml.Node, kind: Any, params: dict[str, Any]) -> dict[str, str]:
    """Check ``message``: one template, or a mapping outcome → template; returns the mapping
    (``{}`` for a single template)."""
    if json_type(node) == "string":
        _check_message(f, node, kind, params)
        return {}
    if not check_node(node, message_schema(kind)["anyOf"][1], f, "message"):
        return {}
    out = {}
    for key, _, value_node in pairs(node, _File(f.path, "")):
        _check_message(f, value_node, kind, params)
        out[key] = value_of(value_node)
    if "fail" not in out and not kind.default_message and not (
            set(kind.statuses) - set(kind.pass_statuses) <= set(out)):
        f.add(node, "message: no template for failing outcomes",
              "add `fail: …` (or a template for each failing status)")
    return out


def _check_message(f: _File, node: yaml.Node, kind: Any, params: dict[str, Any]) -> None:
    from checker.templates import template_problems

    template = value_of(node)
    unsafe = template_problems(template)
    for problem, raw in unsafe:
        mark, col = _locate_in_scalar(f, node, raw)
        f.add(mark, f"message: {problem}", column=col)
    if unsafe:
        return
    found = placeholders_of(template)
    allowed = set(COMMON_PLACEHOLDERS) | set(kind.placeholders if kind else ()) | set(params)
    for name, raw in found:
        if not name or name.isdigit():
            mark, col = _locate_in_scalar(f, node, raw)
            f.add(mark, f"message: positional placeholder {raw}: name the field, e.g. {{metric}}", column=col)
        elif kind is not None and name not in allowed:
            mark, col = _locate_in_scalar(f, node, raw)
            f.add(mark, f"message: unknown placeholder {{{name}}} for kind {kind.name}",
                  did_you_mean(name, allowed) or f"known: {', '.join(sorted(allowed))}", column=col)


def _check_scope(f: _File, node: yaml.Node, kind: Any) -> dict[str, dict[str, Any]]:
    scope: dict[str, dict[str, Any]] = {}
    if json_type(node) != "object":
        f.add(node, f"scope: expected a mapping of slot → selector, got {_shown(node)}")
        return scope
    slots = list(kind.slots)
    for slot, key_node, sel_node in pairs(node, f):
        if slot not in slots:
            hint = did_you_mean(slot, slots) or f"kind {kind.name} reads: {', '.join(slots)}"
            if slot in selector_schema()["properties"]:
                hint = f"selector keys go under a slot: scope: {{{slots[0]}: {{{slot}: …}}}}"
            f.add(key_node, f"scope: unknown slot '{slot}' for kind {kind.name}", hint)
            continue
        valid = check_node(sel_node, selector_schema(), f, f"scope.{slot}")
        if json_type(sel_node) != "object":
            continue
        selector = value_of(sel_node) or {}  # semantic checks below run even after a schema error
        items = {k: (kn, vn) for k, kn, vn in pairs(sel_node, _File(f.path, ""))}
        earlier = slots[: slots.index(slot)]
        if "year" in selector and isinstance(selector["year"], (int, str, list)):
            try:
                what, value = parse_year(selector["year"])
            except ValueError as error:
                mark = items["year"][1].start_mark
                if not any((p.line, p.column) == (mark.line + 1, mark.column + 1) for p in f.problems):
                    f.add(items["year"][1], f"scope.{slot}.year: {error}")  # unless the schema said so
            else:
                if what == "relative" and value[0] not in earlier:
                    f.add(items["year"][1],
                          f"scope.{slot}.year: '{selector['year']}' refers to "
                          + (f"slot '{value[0]}', which is not an earlier slot" if value[0] in slots
                             else f"unknown slot '{value[0]}'"),
                          did_you_mean(value[0], earlier) or (
                              f"earlier slots: {', '.join(earlier)}" if earlier
                              else "the first slot can only take absolute years (2024, 2021..2023)"))
        if "relation" in selector and not earlier:
            f.add(items["relation"][0], f"scope.{slot}.relation: the first slot ('{slot}') has "
                  "nothing to relate to",
                  f"put the relation on a later slot: {', '.join(slots[1:])}" if len(slots) > 1
                  else f"kind {kind.name} reads one document at a time; use kind, year, id or section")
        if "of" in selector:
            if "relation" not in selector:
                f.add(items["of"][0], f"scope.{slot}.of: 'of' goes with 'relation'")
            elif isinstance(selector["of"], str) and selector["of"] not in earlier:
                f.add(items["of"][1], f"scope.{slot}.of: '{selector['of']}' is not an earlier slot",
                      did_you_mean(selector["of"], earlier) or f"earlier slots: {', '.join(earlier) or '-'}")
        if valid:
            scope[slot] = selector
    return scope


def _check_params(f: _File, node: yaml.Node | None, where: yaml.Node, kind: Any) -> dict[str, Any]:
    from checker.kinds import REGISTRY, RETIRED_PARAMS

    schema = params_schema(kind)
    if node is None:
        missing = schema["required"]
        if missing:
            f.add(where, f"kind {kind.name} needs params: {', '.join(missing)}")
        elif kind.validate is not None:
            for _, message in kind.validate({name: p.default for name, p in kind.params.items()}):
                f.add(where, f"kind {kind.name} needs params: {message}")
        return {}
    hints: dict[str, str] = {}
    for other in REGISTRY.values():
        for name in other.params:
            if other.name != kind.name and name not in kind.params:
                hints.setdefault(name, f"'{name}' is a param of kind {other.name}, not {kind.name}")
    if json_type(node) == "object":
        for name in list(hints):
            close = did_you_mean(name, kind.params)
            if close:
                hints[name] = close
    hints.update(RETIRED_PARAMS.get(kind.name, {}))
    if not check_node(node, schema, f, "params", key_hints=hints):
        return {}
    value = value_of(node) or {}
    if kind.validate is not None:  # what a schema cannot say (min <= max, one of two params, …)
        items = {k: kn for k, kn, _ in pairs(node, _File(f.path, ""))}
        full = {name: p.default for name, p in kind.params.items()} | value
        for name, message in kind.validate(full):
            f.add(items.get(name or "", node), f"params{'.' + name if name else ''}: {message}")
    return value


def _example_docs(f: _File, node: yaml.Node, kind: Any, expect: str, index: int) -> Example | None:
    slots = list(kind.slots)
    what = f"examples.{expect}[{index}]"
    actual = json_type(node)
    line = node.start_mark.line + 1
    status: list[str | None] = [None]

    def take_status(status_node: yaml.Node, label: str) -> bool:
        """The ``status:`` of a fail example: one of the kind's failing statuses."""
        if not check_node(status_node, {"type": "string", "enum": list(kind.statuses)}, f, label):
            return False
        value = value_of(status_node)
        if expect != "fail" or value in kind.pass_statuses:
            f.add(status_node, f"{label}: '{value}' — only a fail example names a status, and it must "
                  "be a failing one", f"failing statuses of kind {kind.name}: "
                  + ", ".join(s for s in kind.statuses if s not in kind.pass_statuses))
            return False
        status[0] = value
        return True

    def one(slot: str, doc_node: yaml.Node, label: str) -> ExampleDoc | None:
        doc_schema = example_schema(slots, kind.statuses)["anyOf"][0]
        if not check_node(doc_node, doc_schema, f, label):
            return None
        value = value_of(doc_node)
        if isinstance(value, str):
            return ExampleDoc(text=value)
        given = {k: n for k, _, n in pairs(doc_node, _File(f.path, ""))}
        if "status" in given and not take_status(given["status"], f"{label}.status"):
            return None
        return ExampleDoc(**{k: value.get(k) for k in EXAMPLE_FIELDS})

    def example(docs: dict[str, ExampleDoc]) -> Example:
        return Example(expect, index, docs, line, status=status[0])

    if actual == "string":
        if len(slots) > 1:
            f.add(node, f"{what}: kind {kind.name} reads {len(slots)} documents; give a mapping "
                  f"{' / '.join(slots)} → text")
            return None
        doc = one(slots[0], node, what)
        return example({slots[0]: doc}) if doc else None
    if actual != "object":
        f.add(node, f"{what}: expected text or a mapping of slot → text, got {_shown(node)}")
        return None
    items = pairs(node, f)
    keys = [k for k, _, _ in items]
    if len(slots) == 1 and keys and set(keys) <= {*EXAMPLE_FIELDS, "status"} and slots[0] not in keys:
        doc = one(slots[0], node, what)
        return example({slots[0]: doc}) if doc else None
    docs: dict[str, ExampleDoc] = {}
    ok = True
    for slot, key_node, value_node in items:
        if slot == "status":
            ok = take_status(value_node, f"{what}.status") and ok
            continue
        if slot not in slots:
            f.add(key_node, f"{what}: example for unknown slot '{slot}' (kind {kind.name} reads "
                  f"{', '.join(slots)})", did_you_mean(slot, slots + list(EXAMPLE_FIELDS)))
            ok = False
            continue
        doc = one(slot, value_node, f"{what}.{slot}")
        if doc is None:
            ok = False
        else:
            docs[slot] = doc
    for slot in slots:
        if ok and slot not in docs and slot not in kind.optional_slots:
            f.add(node, f"{what}: no text for slot '{slot}'")
            ok = False
    return example(docs) if ok else None


def load_rule_file(path: Path) -> tuple[Rule | None, list[Problem], yaml.Node | None]:
    """Validate one rule file; returns the rule (None if invalid), its problems and the id node."""
    from checker.kinds import REGISTRY, RETIRED
    from checker.yamlfile import YAMLFileError, compose_text, read_yaml_text

    try:
        text = read_yaml_text(path, "rule")
    except YAMLFileError as error:
        return None, [Problem(str(path), error.line, error.column, error.problem, "", error.hint)], None
    except CheckerError as error:
        problem = str(error).removeprefix(f"{path}: ")
        return None, [Problem(str(path), 1, 1, problem)], None
    f = _File(path, text)
    try:
        root = compose_text(text, path)
    except YAMLFileError as error:
        if error.problem.startswith("a second YAML document"):
            error.hint = "one rule per file: put the next rule in its own file"
        source = f.lines[error.line - 1] if 0 < error.line <= len(f.lines) else ""
        f.problems.append(Problem(str(path), error.line, error.column, f"bad YAML: {error.problem}",
                                  source, error.hint))
        return None, f.problems, None
    if root is None:
        f.add(None, "empty rule file", "a rule file holds one mapping: id, kind, severity, description, "
              "message, examples (see `checker rules schema`)")
        return None, f.problems, None
    if json_type(root) != "object":
        f.add(root, f"a rule file holds one mapping (id: …, kind: …), not {_shown(root)}",
              "one rule per file; split a list of rules into several files")
        return None, f.problems, None

    items = pairs(root, _File(path, text))  # duplicate keys are reported by check_node below
    top = {k: v for k, _, v in items}
    # Unknown keys and wrong types of the fixed fields.
    fixed: dict[str, Any] = {k: v for k, v in TOP_FIELDS.items() if k not in ("scope", "params", "examples")}
    fixed.update({"scope": {}, "params": {}, "examples": {}})
    base = {"type": "object", "additionalProperties": False, "properties": fixed}
    named = value_of(top["kind"]) if "kind" in top and json_type(top["kind"]) == "string" else None
    check_node(root, base, f, "", key_hints=_misplaced_hints(REGISTRY.get(named) if named else None))
    for name in REQUIRED_FIELDS:
        if name not in top:
            f.add(root, f"missing required field '{name}'", _required_hint(name))
    kind = None
    kind_node = top.get("kind")
    if kind_node is not None and json_type(kind_node) == "string":
        name = value_of(kind_node)
        kind = REGISTRY.get(name)
        if kind is None:
            f.add(kind_node, f"unknown kind '{name}'", RETIRED.get(name) or did_you_mean(name, REGISTRY)
                  or f"known kinds: {', '.join(sorted(REGISTRY))}")
    if "message" not in top and (kind is None or not kind.default_message):
        f.add(root, "missing required field 'message'", _required_hint("message"))
    params: dict[str, Any] = {}
    scope: dict[str, dict[str, Any]] = {}
    examples: list[Example] = []
    messages: dict[str, str] = {}
    if kind is not None:
        params = _check_params(f, top.get("params"), kind_node or root, kind)
        if "scope" in top:
            scope = _check_scope(f, top["scope"], kind)
        else:
            scope = {k: dict(v) for k, v in kind.default_scope.items()}
        if "message" in top and json_type(top["message"]) in ("string", "object"):
            messages = _check_messages(f, top["message"], kind, kind.params)
        ex_node = top.get("examples")
        if ex_node is not None and check_node(ex_node, TOP_FIELDS["examples"], f, "examples"):
            for expect, _, list_node in pairs(ex_node, _File(path, "")):
                for i, item in enumerate(list_node.value):
                    example = _example_docs(f, item, kind, expect, i)
                    if example is not None:
                        examples.append(example)
    if f.problems or kind is None:
        return None, f.problems, top.get("id")
    given = dict(params)
    full = {name: p.default for name, p in kind.params.items()}
    full.update(given)
    rule = Rule(
        id=value_of(top["id"]), kind=kind.name, severity=value_of(top["severity"]),
        description=value_of(top["description"]).strip(),
        message=(value_of(top["message"]) if "message" in top and not messages else
                 messages.get("fail") or kind.default_message or next(iter(messages.values()), "")),
        messages=messages,
        rationale=(value_of(top["rationale"]) or "").strip() if "rationale" in top else "",
        link=value_of(top["link"]) if "link" in top else "",
        tags=list(value_of(top["tags"]) or []) if "tags" in top else [],
        scope=scope, params=full, given_params=given, examples=examples,
        enabled=value_of(top["enabled"]) if "enabled" in top else True,
        path=path, line=root.start_mark.line + 1,
    )
    return rule, [], top.get("id")


def _misplaced_hints(kind: Any) -> dict[str, str]:
    """Hints for top-level keys that belong one level down (a param, a scope slot, pass/fail)."""
    hints = {key: f"'{key}' belongs under `examples:` (indent it there)" for key in ("pass", "fail")}
    hints.update({key: f"'{key}' is a scope selector key: put it under `scope: {{<slot>: …}}`"
                  for key in selector_schema()["properties"] if key not in TOP_FIELDS})
    if kind is not None:
        hints.update({slot: f"'{slot}' is a scope slot of kind {kind.name}: indent it under `scope:`"
                      for slot in kind.slots})
        hints.update({name: f"'{name}' is a param of kind {kind.name}: indent it under `params:`"
                      for name in kind.params if name not in TOP_FIELDS})
    return hints


def _required_hint(name: str) -> str:
    return {
        "id": "add `id: my-rule-name` (unique across all rule files)",
        "kind": "add `kind: …` (see `checker rules list` for the kinds)",
        "severity": "add `severity: error`, `warning` or `info`",
        "description": "add `description:` — one sentence saying what the rule checks",
        "message": "add `message:` — a template such as \"{metric}: {actual} (expected {expected})\"",
        "examples": "add `examples:` with at least one `pass:` and one `fail:` case",
    }.get(name, "")


# --------------------------------------------------------------------------- loading many

def rule_files(*paths: str | Path) -> tuple[list[Path], list[Problem]]:
    """Every rule file under ``paths`` (folders searched recursively), sorted; missing paths are problems."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # not only regular files: a FIFO or a symlink loop named like a rule is refused when read
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and not p.is_dir()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "no such rule file or folder"))
    return files, problems


def load_rules(*paths: str | Path) -> list[Rule]:
    """Load and validate every rule under ``paths``; raise ``RuleError`` listing every problem."""
    files, problems = rule_files(*paths)
    rules: list[Rule] = []
    first_seen: dict[str, tuple[Path, yaml.Node]] = {}
    for path in files:
        rule, found, id_node = load_rule_file(path)
        problems.extend(found)
        if id_node is not None and json_type(id_node) == "string":
            rid = value_of(id_node)
            if rid in first_seen:
                other, other_node = first_seen[rid]
                f = _File(path, path.read_text(encoding="utf-8", errors="replace"))
                f.add(id_node, f"duplicate id '{rid}': also defined in "
                      f"{other}:{other_node.start_mark.line + 1}:{other_node.start_mark.column + 1}",
                      "rule ids must be unique; rename one of them")
                problems.extend(f.problems)
                rule = None
            else:
                first_seen[rid] = (path, id_node)
        if rule is not None:
            rules.append(rule)
    if problems:
        error = RuleError([p.render() for p in problems])
        error.details = problems  # type: ignore[attr-defined]
        raise error
    return rules


def format_rule_error(error: RuleError) -> str:
    """Every problem of a ``RuleError`` with its snippet, and a count line."""
    details = getattr(error, "details", None)
    blocks = [p.render() for p in details] if details else list(error.problems)
    files = len({p.path for p in details}) if details else 0
    n = len(blocks)
    tail = f"{n} problem{'s' if n != 1 else ''}" + (f" in {files} rule file{'s' if files != 1 else ''}"
                                                     if files else "")
    return "\n".join(blocks) + f"\nchecker: {tail}; no rule was run\n"


# --------------------------------------------------------------------------- selection

def _matches(rule: Rule, pattern: str) -> bool:
    return (fnmatch.fnmatchcase(rule.id, pattern) or pattern in rule.tags
            or any(fnmatch.fnmatchcase(t, pattern) for t in rule.tags)
            or fnmatch.fnmatchcase(rule.pack, pattern) or pattern == rule.kind)


def _split(values: Iterable[str] | None) -> list[str]:
    return [v.strip() for raw in values or [] for v in str(raw).split(",") if v.strip()]


def select_rules(rules: list[Rule], select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None) -> list[Rule]:
    """Rules picked by ``select`` (id, tag, pack, kind or glob; default all) minus ``ignore``.

    A pattern that matches no rule is an error (a typo would otherwise silently run nothing).
    """
    chosen_patterns, ignored_patterns = _split(select), _split(ignore)
    for option, patterns in (("--select", chosen_patterns), ("--ignore", ignored_patterns)):
        for pattern in patterns:
            if not any(_matches(r, pattern) for r in rules):
                names = [r.id for r in rules] + [t for r in rules for t in r.tags]
                hint = did_you_mean(pattern, names)
                raise CheckerError(f"{option} {pattern}: matches no rule id, tag, pack or kind"
                                   + (f" ({hint})" if hint else ""))
    # A disabled rule runs only when selected by its exact id.
    picked = [r for r in rules if (r.enabled or r.id in chosen_patterns)
              and (not chosen_patterns or any(_matches(r, p) for p in chosen_patterns))]
    return [r for r in picked if not any(_matches(r, p) for p in ignored_patterns)]
