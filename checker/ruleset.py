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

from checker.errors import CheckerError, InputError, RuleError
from checker.findings import SEVERITIES
from checker.i18n import LANGS, Msg, t, text
from checker.model import DOC_KINDS, ROLES
from checker.scope import YEAR_PATTERN, parse_year, selector_schema
from checker.templates import COMMON_PLACEHOLDERS, Template, in_language, template_problems

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


def _text_or_languages(minimum: int = 0) -> dict[str, Any]:
    """A text, or one text per language (``{zh: …, en: …}``): a rule's description and rationale."""
    text = {"type": "string", **({"minLength": minimum} if minimum else {})}
    return {"anyOf": [text, {"type": "object", "minProperties": 1, "additionalProperties": False,
                             "properties": {lang: text for lang in LANGS}}]}


TOP_FIELDS: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "pattern": ID_PATTERN,
           "description": "Unique rule id (letters, digits, - _ .)."},
    "kind": {"type": "string", "description": "The check kind (see `checker rules list`)."},
    "severity": {"type": "string", "enum": list(SEVERITIES), "description": "error | warning | info."},
    "description": {**_text_or_languages(1),
                    "description": "What the rule checks (one sentence); or {zh: …, en: …}."},
    "rationale": {**_text_or_languages(), "description": "Why it matters; or one per language."},
    "link": {"type": "string", "pattern": LINK_PATTERN,
             "description": "An http(s) URL documenting the rule."},
    "tags": {"type": "array", "items": {"type": "string", "pattern": TAG_PATTERN},
             "description": "Tags for --select."},
    "scope": {"type": "object", "description": "Slot → selector: which documents and sections."},
    "params": {"type": "object", "description": "Settings of the kind."},
    "message": {"anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "minProperties": 1, "additionalProperties": {"anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "object", "minProperties": 1,
             "additionalProperties": {"type": "string", "minLength": 1}}]}},
    ], "description": "Message template with {named} placeholders, or one per language {zh: …, en: …}; "
                      "or one per outcome: {pass: …, fail: …} and/or per status ({not_found: …}), each "
                      "a template or one per language."},
    "examples": {"type": "object", "additionalProperties": False, "required": ["pass", "fail"],
                 "properties": {"pass": {"type": "array", "minItems": 1},
                                "fail": {"type": "array", "minItems": 1}},
                 "description": "Pass and fail cases: the rule's tests and documentation."},
    "enabled": {"type": "boolean", "description": "false: loaded and validated, but not run."},
}
REQUIRED_FIELDS = ("id", "kind", "severity", "description", "examples")
# `message` is required too, unless the kind has a default message.


def language_schema() -> dict[str, Any]:
    """A template per language (``{zh: …, en: …}``): the languages of the message catalogue."""
    return {"type": "object", "minProperties": 1, "additionalProperties": False,
            "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGS}}


def template_schema() -> dict[str, Any]:
    """One message template: text with ``{named}`` placeholders, or one such text per language."""
    return {"anyOf": [{"type": "string", "minLength": 1}, language_schema()]}


def message_schema(kind: Any) -> dict[str, Any]:
    """A template, or one per outcome (``pass``, ``fail`` and the kind's statuses); each template is
    one text or one per language."""
    outcomes = {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {key: template_schema() for key in ("pass", "fail", *kind.statuses)}}
    return {"anyOf": [*template_schema()["anyOf"], outcomes]}



def _is_language_map(node: yaml.Node) -> bool:
    """A message mapping whose keys are languages (``{zh: …, en: …}``), not outcomes."""
    keys = [str(k.value) for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    return bool(keys) and any(k in LANGS for k in keys) and not any(k in ("pass", "fail") for k in keys)


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
    message: Template
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
    messages: dict[str, Template] = field(default_factory=dict)

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
    message: Msg
    source: str = ""
    hint: Msg | str = ""

    def headline(self, lang: str | None = None) -> str:
        return t("error.at_col", lang, path=self.path, line=self.line, column=self.column,
                 message=text(self.message, lang))

    def render(self, lang: str | None = None) -> str:
        out = [self.headline(lang)]
        if self.source:
            gutter = f"{self.line:>4} | "
            out.append(gutter + self.source)
            out.append(" " * (len(gutter) - 2) + "| " + _pad(self.source, self.column - 1) + "^")
        if self.hint:
            out.append(t("rule.hint_line", lang, hint=text(self.hint, lang)))
        return "\n".join(out)


def _pad(source: str, width: int) -> str:
    # Keep the caret under the character even after tabs and wide (CJK) characters.
    out = []
    for ch in source[:width]:
        out.append("\t" if ch == "\t" else ("  " if ord(ch) > 0x2E7F else " "))
    return "".join(out)


def did_you_mean(word: str, choices: Iterable[str]) -> Msg | str:
    """``Msg`` "did you mean 'x'?" for the closest choice, or "" when none is close."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return Msg("hint.did_you_mean", name=close[0]) if close else ""


class _File:
    """Problems of one rule file, with its lines for snippets."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def add(self, where: Any, message: Msg, hint: Msg | str = "", column: int | None = None) -> None:
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


# named by type.* in the catalogue
_TYPES = ("object", "array", "string", "integer", "number", "boolean", "null")


def _type_name(name: str) -> Msg | str:
    return Msg(f"type.{name}") if name in _TYPES else name


def _describe_type(wanted: str | list[str]) -> Msg | str:
    names = [_type_name(w) for w in (wanted if isinstance(wanted, list) else [wanted])]
    return names[0] if len(names) == 1 else Msg("type.either", first=names[0], second=names[1:])


def _shown(node: yaml.Node) -> Msg | str:
    if json_type(node) == "null":
        return Msg("type.nothing")
    if isinstance(node, yaml.ScalarNode):
        return repr(value_of(node)) if json_type(node) == "string" else str(node.value)
    return _type_name(json_type(node))


def pairs(node: yaml.Node, f: _File) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """``(key, key_node, value_node)`` of a mapping; duplicate and non-string keys are problems."""
    seen: dict[str, yaml.Node] = {}
    out: list[tuple[str, yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            f.add(key_node, Msg("manifest.key_not_plain"))
            continue
        key = str(value_of(key_node))
        if key in seen:
            f.add(key_node, Msg("rule.duplicate_key", key=key), Msg("rule.hint_first_line",
                                                                    line=seen[key].start_mark.line + 1))
            continue
        seen[key] = key_node
        out.append((key, key_node, value_node))
    return out


def check_node(node: yaml.Node, schema: dict[str, Any], f: _File, what: str,
               key_hints: dict[str, Msg | str] | None = None) -> bool:
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
            f.add(node, Msg("rule.expected", what=what, wanted=_describe_type(wanted), got=_shown(node)))
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
        f.add(node, Msg("rule.expected", what=what, wanted=_describe_type(want), got=_shown(node)))
        return False
    ok = True
    if actual in ("string", "integer", "number", "boolean"):
        value = value_of(node)
        if "const" in schema and value != schema["const"]:
            f.add(node, Msg("rule.must_be", what=what, value=repr(schema["const"])))
            ok = False
        if "enum" in schema and value not in schema["enum"]:
            choices = [str(c) for c in schema["enum"]]
            f.add(node, Msg("rule.not_one_of", what=what, value=repr(value), choices=choices),
                  did_you_mean(str(value), [str(c) for c in schema["enum"]]))
            ok = False
        if "minimum" in schema and value < schema["minimum"]:
            f.add(node, Msg("rule.below_minimum", what=what, value=value, minimum=schema["minimum"]))
            ok = False
        if "maximum" in schema and value > schema["maximum"]:
            f.add(node, Msg("rule.above_maximum", what=what, value=value, maximum=schema["maximum"]))
            ok = False
        if isinstance(value, str):
            if schema.get("minLength") and len(value.strip()) < schema["minLength"]:
                f.add(node, Msg("rule.empty", what=what))
                ok = False
            if "pattern" in schema and not re.search(schema["pattern"], value):
                f.add(node, Msg("rule.invalid", what=what, value=repr(value),
                                help=_pattern_help(schema["pattern"])))
                ok = False
            if schema.get("format") == "regex":
                from checker.patterns import PatternError, compile_pattern

                try:
                    compile_pattern(value)
                except PatternError as error:
                    f.add(node, Msg("rule.bad_regex", what=what, error=error.message))
                    ok = False
    elif actual == "array":
        if len(node.value) < schema.get("minItems", 0):
            f.add(node, Msg("rule.min_items", what=what, n=schema["minItems"]))
            ok = False
        if "items" in schema:
            for i, item in enumerate(node.value):
                ok = check_node(item, schema["items"], f, f"{what}[{i}]") and ok
    elif actual == "object":
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        items = pairs(node, f)
        if len(items) < schema.get("minProperties", 0):
            f.add(node, Msg("rule.min_entries", what=what, n=schema["minProperties"]))
            ok = False
        for key, key_node, value_node in items:
            if key in props:
                ok = check_node(value_node, props[key], f, f"{what}.{key}" if what else key) and ok
            elif extra is False:
                hint = (key_hints or {}).get(key) or did_you_mean(key, props) or (
                    Msg("rule.hint_known_keys", keys=list(props)) if props else "")
                f.add(key_node, Msg("rule.unknown_key_in", what=what, key=key) if what
                      else Msg("rule.unknown_key", key=key), hint)
                ok = False
            elif isinstance(extra, dict):
                ok = check_node(value_node, extra, f, f"{what}.{key}" if what else key) and ok
        given = {k for k, _, _ in items}
        for name in schema.get("required", []):
            if name not in given:
                f.add(node, Msg("rule.missing_key_in", what=what, key=name) if what
                      else Msg("rule.missing_field", key=name))
                ok = False
    return ok


def _pattern_help(pattern: str) -> Msg:
    helps = {ID_PATTERN: "pattern_id", TAG_PATTERN: "pattern_tag", LINK_PATTERN: "pattern_link",
             YEAR_PATTERN: "pattern_year"}
    return Msg(f"rule.{helps[pattern]}") if pattern in helps else Msg("rule.pattern_other", pattern=pattern)


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


def _check_messages(f: _File, node: yaml.Node, kind: Any, params: dict[str, Any]) -> dict[str, Template]:
    """Check ``message``: one template, or a mapping outcome → template; returns the mapping
    (``{}`` for a single template). A template is one text or a mapping language → text."""
    if json_type(node) == "string" or _is_language_map(node):
        _check_template(f, node, kind, params, "message")
        return {}
    if not check_node(node, message_schema(kind)["anyOf"][2], f, "message"):
        return {}
    out = {}
    for key, _, value_node in pairs(node, _File(f.path, "")):
        _check_template(f, value_node, kind, params, f"message.{key}")
        out[key] = value_of(value_node)
    if "fail" not in out and not kind.default_message and not (
            set(kind.statuses) - set(kind.pass_statuses) <= set(out)):
        f.add(node, Msg("rule.message_no_fail"), Msg("rule.hint_message_no_fail"))
    return out


def _check_template(f: _File, node: yaml.Node, kind: Any, params: dict[str, Any], what: str) -> None:
    """One template: a text, or a text per language (each checked; English without Chinese words)."""
    if json_type(node) == "string":
        _check_message(f, node, kind, params)
        return
    if not check_node(node, language_schema(), f, what, key_hints={
            k: Msg("rule.hint_languages", langs=list(LANGS)) for k in ("cn", "zh-CN", "zh_CN", "EN")}):
        return
    for lang, _, text_node in pairs(node, _File(f.path, "")):
        _check_message(f, text_node, kind, params)
        template = value_of(text_node)
        literal = "" if template_problems(template) else \
            "".join(part for part, *_ in string.Formatter().parse(template) if part)
        if lang != "zh" and _HAN.search(literal):  # document words come in through placeholders
            f.add(text_node, Msg("rule.han_in_english", what=f"{what}.{lang}"),
                  Msg("rule.hint_han_in_english", example="{goal}"))


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _check_message(f: _File, node: yaml.Node, kind: Any, params: dict[str, Any]) -> None:
    template = value_of(node)
    unsafe = template_problems(template)
    for problem, raw in unsafe:
        mark, col = _locate_in_scalar(f, node, raw)
        f.add(mark, Msg("rule.message_problem", problem=problem), column=col)
    if unsafe:
        return
    found = placeholders_of(template)
    allowed = set(COMMON_PLACEHOLDERS) | set(kind.placeholders if kind else ()) | set(params)
    for name, raw in found:
        if not name or name.isdigit():
            mark, col = _locate_in_scalar(f, node, raw)
            f.add(mark, Msg("rule.positional", raw=raw, example="{metric}"), column=col)
        elif kind is not None and name not in allowed:
            mark, col = _locate_in_scalar(f, node, raw)
            f.add(mark, Msg("rule.unknown_placeholder", name="{" + name + "}", kind=kind.name),
                  did_you_mean(name, allowed) or Msg("hint.known", names=sorted(allowed)), column=col)


def _check_scope(f: _File, node: yaml.Node, kind: Any) -> dict[str, dict[str, Any]]:
    scope: dict[str, dict[str, Any]] = {}
    if json_type(node) != "object":
        f.add(node, Msg("rule.scope_not_mapping", got=_shown(node)))
        return scope
    slots = list(kind.slots)
    for slot, key_node, sel_node in pairs(node, f):
        if slot not in slots:
            hint: Msg | str = did_you_mean(slot, slots) or Msg("rule.hint_kind_reads", kind=kind.name,
                                                               slots=slots)
            if slot in selector_schema()["properties"]:
                hint = Msg("rule.hint_selector_under_slot", example=f"scope: {{{slots[0]}: {{{slot}: …}}}}")
            f.add(key_node, Msg("rule.unknown_slot", slot=slot, kind=kind.name), hint)
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
                    f.add(items["year"][1], Msg("rule.at", what=f"scope.{slot}.year", message=error.args[0]))
            else:
                if what == "relative" and value[0] not in earlier:
                    f.add(items["year"][1],
                      Msg("rule.year_later_slot" if value[0] in slots else "rule.year_unknown_slot",
                          what=f"scope.{slot}.year", year=selector["year"], slot=value[0]),
                      did_you_mean(value[0], earlier) or (
                          Msg("rule.hint_earlier_slots",
                              slots=earlier) if earlier else Msg("rule.hint_first_slot")))
        if "relation" in selector and not earlier:
            f.add(items["relation"][0], Msg("rule.relation_first", what=f"scope.{slot}.relation", slot=slot),
                  Msg("rule.hint_relation_later", slots=slots[1:]) if len(slots) > 1
                  else Msg("rule.hint_one_document", kind=kind.name))
        if "of" in selector:
            if "relation" not in selector:
                f.add(items["of"][0], Msg("rule.of_without_relation", what=f"scope.{slot}.of"))
            elif isinstance(selector["of"], str) and selector["of"] not in earlier:
                f.add(items["of"][1], Msg("rule.of_not_earlier", what=f"scope.{slot}.of",
                                          slot=selector["of"]),
                      did_you_mean(selector["of"], earlier) or Msg("rule.hint_earlier_slots",
                                                                   slots=earlier or "-"))
        if valid:
            scope[slot] = selector
    return scope


def _check_params(f: _File, node: yaml.Node | None, where: yaml.Node, kind: Any) -> dict[str, Any]:
    from checker.kinds import REGISTRY, RETIRED_PARAMS

    schema = params_schema(kind)
    if node is None:
        missing = schema["required"]
        if missing:
            f.add(where, Msg("rule.needs_params", kind=kind.name, params=missing))
        elif kind.validate is not None:
            for _, message in kind.validate({name: p.default for name, p in kind.params.items()}):
                f.add(where, Msg("rule.needs_params", kind=kind.name, params=message))
        return {}
    hints: dict[str, Msg | str] = {}
    for other in REGISTRY.values():
        for name in other.params:
            if other.name != kind.name and name not in kind.params:
                hints.setdefault(name, Msg("rule.hint_other_kind_param", name=name, other=other.name,
                                           kind=kind.name))
    if json_type(node) == "object":
        for name in list(hints):
            close = did_you_mean(name, kind.params)
            if close:
                hints[name] = close
    hints.update({name: Msg(key) for name, key in RETIRED_PARAMS.get(kind.name, {}).items()})
    if not check_node(node, schema, f, "params", key_hints=hints):
        return {}
    value = value_of(node) or {}
    if kind.validate is not None:  # what a schema cannot say (min <= max, one of two params, …)
        items = {k: kn for k, kn, _ in pairs(node, _File(f.path, ""))}
        full = {name: p.default for name, p in kind.params.items()} | value
        for name, message in kind.validate(full):
            f.add(items.get(name or "", node), Msg("rule.at", what=f"params{'.' + name if name else ''}",
                                                   message=message))
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
            f.add(status_node, Msg("rule.example_status", what=label, status=value),
                  Msg("rule.hint_failing_statuses", kind=kind.name,
                      statuses=[s for s in kind.statuses if s not in kind.pass_statuses]))
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
            f.add(node, Msg("rule.example_needs_slots", what=what, kind=kind.name, n=len(slots),
                            slots=" / ".join(slots)))
            return None
        doc = one(slots[0], node, what)
        return example({slots[0]: doc}) if doc else None
    if actual != "object":
        f.add(node, Msg("rule.example_shape", what=what, got=_shown(node)))
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
            f.add(key_node, Msg("rule.example_unknown_slot", what=what, slot=slot, kind=kind.name,
                                slots=slots),
                  did_you_mean(slot, slots + list(EXAMPLE_FIELDS)))
            ok = False
            continue
        doc = one(slot, value_node, f"{what}.{slot}")
        if doc is None:
            ok = False
        else:
            docs[slot] = doc
    for slot in slots:
        if ok and slot not in docs and slot not in kind.optional_slots:
            f.add(node, Msg("rule.example_no_text", what=what, slot=slot))
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
        problem = error.problem if isinstance(error, InputError) else error.message
        return None, [Problem(str(path), 1, 1, problem)], None
    f = _File(path, text)
    try:
        root = compose_text(text, path)
    except YAMLFileError as error:
        if error.problem.key == "yaml.second_document":
            error.hint = Msg("yaml.hint_one_rule")
        source = f.lines[error.line - 1] if 0 < error.line <= len(f.lines) else ""
        f.problems.append(Problem(str(path), error.line, error.column, Msg("rule.bad_yaml",
                                                                           problem=error.problem),
                                  source, error.hint))
        return None, f.problems, None
    if root is None:
        f.add(None, Msg("rule.empty_file"), Msg("rule.hint_empty_file"))
        return None, f.problems, None
    if json_type(root) != "object":
        f.add(root, Msg("rule.not_mapping", got=_shown(root)), Msg("rule.hint_not_mapping"))
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
            f.add(root, Msg("rule.missing_field", key=name), _required_hint(name))
    kind = None
    kind_node = top.get("kind")
    if kind_node is not None and json_type(kind_node) == "string":
        name = value_of(kind_node)
        kind = REGISTRY.get(name)
        if kind is None:
            retired = RETIRED.get(name)
            f.add(kind_node, Msg("rule.unknown_kind", kind=name),
                  Msg(retired) if retired else did_you_mean(name, REGISTRY)
                  or Msg("rule.hint_known_kinds", kinds=sorted(REGISTRY)))
    if "message" not in top and (kind is None or not kind.default_message):
        f.add(root, Msg("rule.missing_field", key="message"), _required_hint("message"))
    params: dict[str, Any] = {}
    scope: dict[str, dict[str, Any]] = {}
    examples: list[Example] = []
    messages: dict[str, Template] = {}
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
        description=in_language(value_of(top["description"])).strip(),  # the run's language
        message=(value_of(top["message"]) if "message" in top and not messages else
                 messages.get("fail") or kind.default_message or next(iter(messages.values()), "")),
        messages=messages,
        rationale=in_language(value_of(top["rationale"]) or "").strip() if "rationale" in top else "",
        link=value_of(top["link"]) if "link" in top else "",
        tags=list(value_of(top["tags"]) or []) if "tags" in top else [],
        scope=scope, params=full, given_params=given, examples=examples,
        enabled=value_of(top["enabled"]) if "enabled" in top else True,
        path=path, line=root.start_mark.line + 1,
    )
    return rule, [], top.get("id")


def _misplaced_hints(kind: Any) -> dict[str, Msg | str]:
    """Hints for top-level keys that belong one level down (a param, a scope slot, pass/fail)."""
    hints: dict[str, Msg | str] = {key: Msg("rule.hint_under_examples", key=key) for key in ("pass", "fail")}
    hints.update({key: Msg("rule.hint_under_scope", key=key)
                  for key in selector_schema()["properties"] if key not in TOP_FIELDS})
    if kind is not None:
        hints.update({slot: Msg("rule.hint_slot_under_scope", key=slot,
                                kind=kind.name) for slot in kind.slots})
        hints.update({name: Msg("rule.hint_under_params", key=name, kind=kind.name)
                      for name in kind.params if name not in TOP_FIELDS})
    return hints


def _required_hint(name: str) -> Msg | str:
    if name == "message":
        return Msg("rule.hint_required_message", example='"{metric}: {actual} (expected {expected})"')
    return Msg(f"rule.hint_required_{name}") if name in REQUIRED_FIELDS else ""


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
            problems.append(Problem(str(path), 1, 1, Msg("rule.no_such_path")))
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
                f.add(id_node, Msg("rule.duplicate_id", id=rid,
                                   where=f"{other}:{other_node.start_mark.line + 1}:"
                                   f"{other_node.start_mark.column + 1}"), Msg("rule.hint_duplicate_id"))
                problems.extend(f.problems)
                rule = None
            else:
                first_seen[rid] = (path, id_node)
        if rule is not None:
            rules.append(rule)
    if problems:
        raise RuleError(problems)
    return rules


def format_rule_error(error: RuleError, lang: str | None = None) -> str:
    """Every problem of a ``RuleError`` with its snippet, and a count line."""
    blocks = [p.render(lang) for p in error.problems]
    files = len({p.path for p in error.problems if isinstance(p, Problem)})
    problems = t("cli.one_problem" if len(blocks) == 1 else "cli.n_problems", lang, n=len(blocks))
    tail = (t("cli.rule_problems", lang, problems=problems,
              files=t("cli.one_rule_file" if files == 1 else "cli.n_rule_files", lang, n=files)) if files
            else t("cli.rule_problems_nofile", lang, problems=problems))
    return "\n".join(blocks) + f"\n{tail}\n"


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
                raise CheckerError("error.select_matches_nothing", option=option, pattern=pattern,
                                   hint=Msg("hint.paren", hint=hint) if hint else "")
    # A disabled rule runs only when selected by its exact id.
    picked = [r for r in rules if (r.enabled or r.id in chosen_patterns)
              and (not chosen_patterns or any(_matches(r, p) for p in chosen_patterns))]
    return [r for r in picked if not any(_matches(r, p) for p in ignored_patterns)]
