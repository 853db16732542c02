"""The one YAML loader: rules, manifests, waivers, baselines, gold files and data files read through it.

YAML can say far more than a rule writer means: Python object tags (``!!python/name:os.system``),
aliases that contain themselves, ``2024-13-45`` read as a date (and failing), nesting deep enough to
crash the parser. Here only plain data is accepted — strings, numbers, true/false, null, lists and
mappings — and every problem is one ``file:line:col: message`` (exit 2), explained in words a rule
writer understands, with the likely fix::

    rules/a.yaml:3:9: a ':' where no key can start (is this line indented deeper than the key
    above it, or does a value contain ': '? put such a value in quotes)

Date-shaped scalars stay strings (``2024-03-05`` is the text ``"2024-03-05"``): the schemas that want
a date parse it themselves and say so when it is none.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from checker.errors import CheckerError
from checker.i18n import Msg
from checker.inputfile import MAX_CONFIG_SIZE, read_regular

MAX_DEPTH = 64  # no rule or manifest nests deeper than a handful of levels
MAX_VALUES = 1_000_000  # values after aliases are expanded ("billion laughs" stops here)

_T = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "merge")}
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YAMLFileError(CheckerError):
    """A YAML input that cannot be read as plain data: ``path:line:col: problem (hint)``.

    ``problem`` and ``hint`` are ``Msg``s of the ``yaml`` catalogue section."""

    def __init__(self, path: str | Path, line: int, column: int, problem: Msg, hint: Msg | str = "") -> None:
        super().__init__("error.at_col_hint" if hint else "error.at_col", path=str(path), line=line,
                         column=column, message=problem, hint=hint)
        self.path, self.line, self.column = str(path), line, column
        self.problem, self.hint = problem, hint


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """The safe loader without the implicit timestamp type (dates stay strings)."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _T + "timestamp"]
        for first, resolvers in _BASE.yaml_implicit_resolvers.items()
    }


def read_yaml_text(path: str | Path, what: str) -> str:
    """The text of the YAML file ``path`` (a regular file, bounded, UTF-8/UTF-16 with BOM)."""
    data = read_regular(path, what, MAX_CONFIG_SIZE)
    return decode_yaml(data, path)


def decode_yaml(data: bytes, path: str | Path) -> str:
    """UTF-8 (a BOM allowed) or UTF-16 with a BOM; bad bytes and control characters named by line:col."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        before = body[:error.start].decode(encoding, errors="replace")
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise YAMLFileError(path, line, col, Msg("yaml.not_encoding", encoding=encoding.upper(),
                                                 byte=error.start),
                            Msg("yaml.hint_utf8")) from None
    return text.lstrip("\ufeff")


def _check_printable(text: str, path: str | Path) -> None:
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        raise YAMLFileError(path, line, col, Msg("yaml.control", code=f"U+{ord(bad.group()):04X}"),
                            Msg("yaml.hint_control"))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def compose_text(text: str, path: str | Path) -> yaml.Node | None:
    """The node tree of ``text`` (one document; None when empty), checked to be plain data."""
    _check_printable(text, path)
    loader = _Loader(text)
    try:
        return _compose(loader, path)
    except yaml.MarkedYAMLError as error:
        raise _explained(error, path, text) from None
    except yaml.YAMLError as error:
        raise YAMLFileError(path, 1, 1, Msg("yaml.invalid", error=str(error))) from None
    finally:
        loader.dispose()


def value_of(node: yaml.Node, path: str | Path = "") -> Any:
    """The Python value of a node ``compose_text`` gave (plain data only)."""
    try:
        return yaml.constructor.SafeConstructor().construct_object(node, deep=True)
    except yaml.MarkedYAMLError as error:  # a merge key '<<' on something that is no mapping
        mark = error.problem_mark or node.start_mark
        raise _fail(path or mark.name, mark, Msg("yaml.not_plain", error=str(error.problem))) from None


def load_text(text: str, path: str | Path) -> Any:
    """The plain data of YAML ``text``; None for an empty document."""
    node = compose_text(text, path)
    return None if node is None else value_of(node, path)


def load_file(path: str | Path, what: str = "YAML") -> Any:
    """The plain data of the YAML file ``path`` (``what`` names it in messages: manifest, rule file …)."""
    return load_text(read_yaml_text(path, what), path)


def compose_file(path: str | Path, what: str = "YAML") -> tuple[str, yaml.Node | None]:
    """``(text, node tree)`` of the YAML file ``path``, for loaders that report by node position."""
    text = read_yaml_text(path, what)
    return text, compose_text(text, path)


# --------------------------------------------------------------------------- composing

def _fail(path: str | Path, mark: Any, problem: Msg, hint: Msg | str = "") -> YAMLFileError:
    return YAMLFileError(path, mark.line + 1, mark.column + 1, problem, hint)


def _compose(loader: Any, path: str | Path) -> yaml.Node | None:
    """Nodes from the event stream, without recursion (deep nesting would crash the C composer).

    Refused: tags other than plain data, aliases to a node that contains them, nesting deeper
    than ``MAX_DEPTH``, aliases expanding past ``MAX_VALUES``, numbers a float cannot hold.
    """
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # document start
    anchors: dict[str, yaml.Node] = {}
    sizes: dict[int, int] = {}
    open_ids: set[int] = set()
    stack: list[tuple[yaml.Node, list]] = []  # (collection node, its items)
    root: yaml.Node | None = None
    while not loader.check_event(yaml.DocumentEndEvent):
        event = loader.get_event()
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node, items = stack.pop()
            node.value = items if isinstance(node, yaml.SequenceNode) else list(zip(items[::2], items[1::2],
                                                                                   strict=True))
            node.end_mark = event.end_mark
            open_ids.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes.get(id(n), 1) for n in items)
            if sizes[id(node)] > MAX_VALUES:
                raise _fail(path, node.start_mark, Msg("yaml.too_many_values", n=MAX_VALUES),
                            Msg("yaml.hint_too_many_values"))
            done = node
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                name = event.anchor
                raise _fail(path, event.start_mark, Msg("yaml.no_anchor", name=name), Msg("yaml.hint_anchor"))
            done = anchors[event.anchor]
            if id(done) in open_ids:
                raise _fail(path, event.start_mark, Msg("yaml.self_alias", name=event.anchor),
                            Msg("yaml.hint_self_alias"))
        else:
            done = _start_node(loader, event, path)
            if event.anchor is not None:
                anchors[event.anchor] = done
            if not isinstance(done, yaml.ScalarNode):
                if len(stack) >= MAX_DEPTH:
                    raise _fail(path, event.start_mark, Msg("yaml.too_deep", n=MAX_DEPTH),
                                Msg("yaml.hint_flatten"))
                stack.append((done, []))
                open_ids.add(id(done))
                continue
        if stack:
            stack[-1][1].append(done)
        else:
            root = done
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise _fail(path, event.start_mark, Msg("yaml.second_document"), Msg("yaml.hint_second_document"))
    return root


def _start_node(loader: Any, event: Any, path: str | Path) -> yaml.Node:
    """The node an event opens (a scalar is complete at once), its tag resolved and checked."""
    kind = {yaml.ScalarEvent: yaml.ScalarNode, yaml.SequenceStartEvent: yaml.SequenceNode,
            yaml.MappingStartEvent: yaml.MappingNode}[type(event)]
    tag = event.tag
    if tag is None or tag == "!":
        implicit = event.implicit if kind is yaml.ScalarNode else True
        tag = loader.resolve(kind, event.value if kind is yaml.ScalarNode else None, implicit)
    if tag not in _PLAIN_TAGS:
        shown = tag.replace(_T, "!!")
        raise _fail(path, event.start_mark, Msg("yaml.tag", tag=shown), Msg("yaml.hint_tag"))
    if kind is yaml.ScalarNode:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        _check_scalar(node, path)
        return node
    return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)


def _check_scalar(node: yaml.ScalarNode, path: str | Path) -> None:
    """Numbers must be finite and fit (``.nan`` ``.inf`` and 5000-digit integers are refused)."""
    if node.tag not in (_T + "int", _T + "float"):
        return
    try:
        value = yaml.constructor.SafeConstructor().construct_object(node)
    except (ValueError, OverflowError):
        raise _fail(path, node.start_mark, Msg("yaml.number_too_long", number=node.value[:20]),
                    Msg("yaml.hint_quote_text")) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail(path, node.start_mark, Msg("yaml.not_finite", number=node.value), Msg("yaml.hint_number"))


# --------------------------------------------------------------------------- explaining

# The parser's phrase → (problem, hint) keys of the ``yaml`` catalogue section, first match wins.
_EXPLAINED = (
    ("mapping values are not allowed", "colon", "hint_colon"),
    ("could not find expected ':'", "no_colon", "hint_no_colon"),
    ("did not find expected key", "indent_key", "hint_indent_key"),
    ("did not find expected '-' indicator", "indent_item", "hint_indent_item"),
    ("expected <block end>, but found '<block sequence start>'", "item_for_key", "hint_item_for_key"),
    ("expected <block end>, but found", "indent_line", "hint_indent_line"),
    ("found character '\\t' that cannot start any token", "tab", "hint_tab"),
    ("found undefined alias", "undefined_alias", "hint_anchor_first"),
    ("found unknown escape character", "escape", "hint_escape"),
    ("found unexpected end of stream", "open_quote", "hint_close_quote"),
    ("expected a single document", "second_document", "hint_second_document"),
    ("did not find expected ',' or ']'", "open_list", "hint_open_list"),
    ("did not find expected ',' or '}'", "open_mapping", "hint_open_mapping"),
    ("found duplicate anchor", "duplicate_anchor", "hint_duplicate_anchor"),
    ("that cannot start any token", "bad_start", "hint_quote_value"),
)


def _explained(error: yaml.MarkedYAMLError, path: str | Path, text: str) -> YAMLFileError:
    """The parser's message in a rule writer's words, at the place it names."""
    mark = error.problem_mark or error.context_mark
    problem = str(error.problem or error.context or "")
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if mark is not None and text[mark.index:mark.index + 1] == "\t":
        return YAMLFileError(path, line, col, Msg("yaml.tab"), Msg("yaml.hint_tab"))
    for needle, said, hint in _EXPLAINED:
        if needle in problem:
            return YAMLFileError(path, line, col, Msg(f"yaml.{said}"), Msg(f"yaml.{hint}"))
    return YAMLFileError(path, line, col, Msg("yaml.invalid", error=problem or "?"))
