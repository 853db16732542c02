"""The scope language: which documents, and which of their sections, a rule's slot selects.

A rule's ``scope`` maps each slot of its kind (``documents``; ``plan``/``review``; ``summary``/
``full``) to a selector::

    scope:
      plan:   {kind: report, section: plan}
      review: {relation: reviews}          # the report whose review follows up this plan

Selector keys (all optional, all must hold): ``kind`` (report | summary | highlights, or a list),
``year`` (2024, a list, a range ``2021..2023``, or relative to an earlier slot: ``plan``,
``plan+1``), ``id`` and ``path`` (glob patterns, or lists), ``section`` (a role or list of roles:
the document must have such a section, and the kind reads only those sections), ``relation``
(reviews | reviewed | retells | retold_by) with ``of`` (the slot it relates to; default the first).

Both the rule loader (the schema, ``selector_schema``) and the engine (``select``) read it from here.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from typing import Any, Protocol

from checker.i18n import Msg
from checker.model import DOC_KINDS, ROLES, Document, Section

# Relations between a document of one slot and the document of the slot it refers to (``of``).
RELATIONS = {
    "reviews": "the report whose review follows up the plan of the `of` document",
    "reviewed": "the report whose plan the `of` document's review follows up",
    "retells": "the full report the `of` document (a summary) retells",
    "retold_by": "the summaries and digests that retell the `of` document",
}

# ``2024``, ``2021..2023``, ``plan``, ``plan+1``, ``review-1``: one set of parts for the parser
# and for the schema's pattern, so the two cannot disagree.
_RANGE = r"(\d{4})\s*\.\.\s*(\d{4})"
_RELATIVE = r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:([+-])\s*(\d+))?"
YEAR_RANGE = re.compile(rf"^\s*{_RANGE}\s*$")
YEAR_RELATIVE = re.compile(rf"^\s*{_RELATIVE}\s*$")
YEAR_PATTERN = rf"^\s*(?:{_RANGE}|\d{{4}}|{_RELATIVE})\s*$"


class Corpus(Protocol):
    """What selection needs of a corpus: its documents (``Corpus`` and ``SimpleCorpus`` both have
    them, and ``reviewer_of`` / ``full_of`` where relations are inferred)."""

    documents: Sequence[Document]


def as_list(value: Any) -> list[Any]:
    """A selector value that may be one item or a list, as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def parse_year(expr: Any) -> tuple[str, Any]:
    """A year selector as ``("years", {2021, …})`` or ``("relative", (slot, delta))``.

    ``2024`` → years {2024}; ``"2021..2023"`` → years {2021, 2022, 2023}; ``"plan+1"`` →
    relative ("plan", 1). Raises ``ValueError`` for anything else (its ``args[0]`` a ``Msg``).
    """
    if isinstance(expr, bool):
        raise ValueError(Msg("rule.year_not_bool"))
    if isinstance(expr, int):
        return "years", {expr}
    if isinstance(expr, list):
        years: set[int] = set()
        for item in expr:
            kind, value = parse_year(item)
            if kind != "years":
                raise ValueError(Msg("rule.year_list_relative"))
            years |= value
        return "years", years
    if isinstance(expr, str):
        text = expr.strip()
        if text.isdigit():
            return "years", {int(text)}
        m = YEAR_RANGE.match(text)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            if lo > hi:
                raise ValueError(Msg("rule.year_empty_range", range=text))
            return "years", set(range(lo, hi + 1))
        m = YEAR_RELATIVE.match(text)
        if m:
            delta = int(m.group(3) or 0) * (-1 if m.group(2) == "-" else 1)
            return "relative", (m.group(1), delta)
    raise ValueError(Msg("rule.year_bad", year=repr(expr)))


def _one_or_many(item: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}


def selector_schema() -> dict[str, Any]:
    """JSON Schema of one scope selector (which documents and sections a slot selects)."""
    year = {"anyOf": [
        {"type": "integer", "minimum": 1900, "maximum": 2200},
        {"type": "string", "pattern": YEAR_PATTERN,
         "description": "2024, a range 2021..2023, or another slot's year: plan, plan+1"},
        {"type": "array", "items": {"type": "integer"}, "minItems": 1},
    ], "description": "Year the document covers (its manifest year)."}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "kind": {**_one_or_many({"type": "string", "enum": list(DOC_KINDS)}),
                     "description": "Document kind(s)."},
            "year": year,
            "id": {**_one_or_many({"type": "string"}), "description": "Document id glob(s)."},
            "path": {**_one_or_many({"type": "string"}), "description": "File path glob(s)."},
            "section": {**_one_or_many({"type": "string", "enum": list(ROLES)}),
                        "description": "Section role(s) the check reads."},
            "relation": {"type": "string", "enum": list(RELATIONS),
                         "description": "; ".join(f"{k}: {v}" for k, v in RELATIONS.items())},
            "of": {"type": "string", "description": "The slot `relation` and relative years refer to."},
        },
    }


def describe(selector: dict[str, Any]) -> str:
    """A selector in one line, for messages: ``kind=report, section=review``."""
    return ", ".join(f"{k}={v}" for k, v in selector.items()) or "any document"


def roles(selector: dict[str, Any]) -> list[str]:
    """The section roles a selector names (empty: the whole document)."""
    return [str(r) for r in as_list(selector.get("section"))]


def sections_matching(doc: Document, wanted: list[str]) -> list[Section]:
    """The sections of ``doc`` whose role is one of ``wanted``."""
    return [s for s in doc.sections if s.role in wanted]


def _get(corpus: Corpus, doc_id: str | None) -> Document | None:
    if not doc_id:
        return None
    # Not ``corpus.get``: it may raise for an unknown id, and a dangling relation selects nothing.
    return next((d for d in corpus.documents if d.id == doc_id), None)


def related(corpus: Corpus, relation: str, ref: Document) -> list[Document]:
    """Documents standing in ``relation`` to ``ref`` (see ``RELATIONS``)."""
    docs: list[Document] = list(corpus.documents)
    if relation == "reviews":
        finder = getattr(corpus, "reviewer_of", None)
        found = finder(ref.id) if finder else None
        return [found] if found else [d for d in docs if d.meta.reviews == ref.id]
    if relation == "reviewed":
        found = _get(corpus, ref.meta.reviews)
        return [found] if found else []
    if relation == "retells":
        finder = getattr(corpus, "full_of", None)
        found = finder(ref.id) if finder else _get(corpus, ref.meta.retells)
        return [found] if found else []
    if relation == "retold_by":
        return [d for d in docs if d.meta.retells == ref.id]
    raise ValueError(f"unknown relation {relation!r}")


def _matches(doc: Document, selector: dict[str, Any], bound: dict[str, Document]) -> bool:
    """Does ``doc`` satisfy the non-relational keys of ``selector``?"""
    kinds = as_list(selector.get("kind"))
    if kinds and doc.meta.kind not in kinds:
        return False
    ids = as_list(selector.get("id"))
    if ids and not any(fnmatch.fnmatchcase(doc.id, p) for p in ids):
        return False
    paths = as_list(selector.get("path"))
    if paths and not any(fnmatch.fnmatch(doc.path.as_posix(), p) or fnmatch.fnmatch(doc.path.name, p)
                         for p in paths):
        return False
    if "year" in selector:
        kind, value = parse_year(selector["year"])
        if kind == "years":
            if doc.meta.year not in value:
                return False
        else:
            slot, delta = value
            ref = bound.get(slot)
            if ref is None or ref.meta.year is None or doc.meta.year != ref.meta.year + delta:
                return False
    wanted = roles(selector)
    return not (wanted and not sections_matching(doc, wanted))


def select(corpus: Corpus, selector: dict[str, Any], bound: dict[str, Document],
           primary: str) -> list[Document]:
    """The documents of ``corpus`` a slot's ``selector`` picks, given the slots already bound."""
    relation = selector.get("relation")
    if relation:
        ref = bound.get(selector.get("of") or primary)
        candidates = related(corpus, relation, ref) if ref is not None else []
    else:
        candidates = list(corpus.documents)
    return [d for d in candidates if _matches(d, selector, bound)]
