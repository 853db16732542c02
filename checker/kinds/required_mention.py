"""Kind ``required_mention``: the sections in scope state each of a list of expected targets.

What it does
    For each target in ``targets`` (a name and its synonyms), looks for a mention in the sections
    in scope whose metric phrase contains the name or a synonym — with a number, unless
    ``require_quantity`` is false. A plan section saying ``地区生产总值增长5.5%左右，…，
    城镇调查失业率控制在5.5%以内`` states GDP growth and unemployment; one that never mentions
    居民消费价格 (CPI) gets a ``missing`` finding for it.

Why
    A year's plan without one of its main expected targets cannot be held to account for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.findings import Finding
from checker.kinds.base import KindSpec, Param
from checker.kinds.context import KindContext

_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text or "")


def _text_hit(doc: Any, spans: list[tuple[int, int]], terms: list[str]) -> tuple[int, int] | None:
    """First occurrence of a term in the spans of ``doc.match_text`` (spaces inside words ignored)."""
    for a, b in spans:
        chunk = doc.match_text[a:b]
        squashed, origin = [], []
        for i, ch in enumerate(chunk):
            if not ch.isspace():
                squashed.append(ch)
                origin.append(a + i)
        flat = "".join(squashed)
        for term in terms:
            at = flat.find(term)
            if at != -1:
                return origin[at], origin[at + len(term) - 1] + 1
    return None


def check(ctx: KindContext) -> Iterator[Finding]:
    """One finding per target and document: ``stated`` (pass) or ``missing``."""
    p = ctx.params
    targets: dict[str, list[str]] = p["targets"] or {}
    if not targets:
        raise ValueError("required_mention needs at least one target")
    for doc in ctx.slots["documents"]:
        mentions = ctx.mentions("documents", doc)
        for name, synonyms in targets.items():
            terms = [t for t in (_squash(name), *(_squash(s) for s in synonyms or [])) if t]
            hit = next((m for m in mentions
                        if (m.quantity is not None or not p["require_quantity"])
                        and any(t in _squash(m.metric) or t in _squash(m.key) for t in terms)), None)
            if hit is not None:
                yield ctx.finding("stated", doc, hit.clause.start, hit.clause.end, metric=name,
                                  expected="stated", actual=doc.quote(hit.clause.start, hit.clause.end),
                                  extra=name, data={"target": name})
                continue
            span = None if p["require_quantity"] else _text_hit(doc, ctx.spans("documents", doc), terms)
            if span is not None:
                yield ctx.finding("stated", doc, span[0], span[1], metric=name, expected="stated",
                                  actual=doc.quote(*span), extra=name, data={"target": name})
                continue
            sections = ctx.sections("documents", doc)
            where = sections[0] if sections else None
            yield ctx.finding(
                "missing", doc, where.start if where else None,
                (where.body_start or where.start + len(where.title)) if where else None,
                metric=name, expected="stated", actual="missing", extra=name,
                data={"target": name, "synonyms": "、".join(synonyms or [])},
            )


KIND = KindSpec(
    name="required_mention",
    summary="The sections in scope state each expected target (a name and its synonyms).",
    check=check,
    params={
        "targets": Param(
            "object", None, "Target name → list of synonyms (may be empty).", required=True,
            schema={"additionalProperties": {"type": "array", "items": {"type": "string"}},
                    "minProperties": 1},
        ),
        "require_quantity": Param("boolean", True, "The mention must carry a number."),
    },
    slots=("documents",),
    placeholders=frozenset({"target", "synonyms"}),
    statuses=("stated", "missing"),
    pass_statuses=frozenset({"stated"}),
    default_message="{target}: {status}",
)
