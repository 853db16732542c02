"""What the figure kinds read from the rule context: the selected documents and their mentions."""

from __future__ import annotations

from typing import Any

from checker.analysis.figures import MentionSource
from checker.model import Document


def mentions_of(ctx: Any) -> MentionSource:
    """The rule's view of a document's mentions (only the sections its scope names)."""
    return lambda doc: ctx.mentions("documents", doc)


def selected_documents(ctx: Any) -> list[Document]:
    """The documents the rule's scope selected (all of the corpus when it names none)."""
    slots = getattr(ctx, "slots", {}) or {}
    docs = slots.get("documents")
    if docs is None:
        docs = list(getattr(ctx.corpus, "documents", []) or [])
    return list(docs)
