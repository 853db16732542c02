"""What a kind sees of a rule run: the ``KindContext`` protocol (the engine's ``RuleContext``
satisfies it), and the figure kinds' view of the selected documents and their mentions.

Kinds type their ``ctx`` with this protocol rather than importing the engine, which sits above
them (docs/dev/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from checker.analysis.figures import Figure, MentionSource, collect_figures
from checker.analysis.store import Analysis, AnalysisStore
from checker.findings import Evidence, Finding
from checker.model import Document, Mention, Section


class RuleView(Protocol):
    """The rule a kind is run for (``checker.ruleset.Rule``), as far as a kind reads it."""

    @property
    def id(self) -> str: ...

    @property
    def severity(self) -> str: ...


class KindContext(Protocol):
    """One call of a kind's ``check``: the rule, its params (defaults applied), the corpus, the
    documents each scope slot selected, the sections and mentions in scope, and ``finding``."""

    @property
    def rule(self) -> RuleView: ...

    @property
    def params(self) -> dict[str, Any]: ...

    @property
    def corpus(self) -> Any: ...

    @property
    def slots(self) -> Mapping[str, list[Document]]: ...

    @property
    def store(self) -> AnalysisStore | None: ...

    def analysis(self, doc: Document) -> Analysis: ...

    def roles(self, slot: str) -> list[str]: ...

    def sections(self, slot: str, doc: Document) -> list[Section]: ...

    def spans(self, slot: str, doc: Document) -> list[tuple[int, int]]: ...

    def mentions(self, slot: str, doc: Document) -> list[Mention]: ...

    def finding(
        self,
        status: str,
        doc: Document | None = None,
        start: int | None = None,
        end: int | None = None,
        *,
        metric: str = "",
        expected: Any = "",
        actual: Any = "",
        evidence: Iterable[Evidence | tuple[Any, ...]] = (),
        data: dict[str, Any] | None = None,
        extra: str = "",
        severity: str | None = None,
        message: str | None = None,
        role: str = "",
    ) -> Finding: ...


def mentions_of(ctx: KindContext) -> MentionSource:
    """The rule's view of a document's mentions (only the sections its scope names)."""
    return lambda doc: ctx.mentions("documents", doc)


def selected_documents(ctx: KindContext) -> list[Document]:
    """The documents the rule's scope selected (all of the corpus when it names none)."""
    docs = ctx.slots.get("documents")
    if docs is None:
        docs = list(getattr(ctx.corpus, "documents", []) or [])
    return list(docs)


def figures_of(ctx: KindContext) -> list[Figure]:
    """The figures of the selected documents, as the rule's scope reads them: worked out once per
    run for every rule selecting the same documents and sections (the series and the progress
    kinds both read every report's figures)."""
    docs = selected_documents(ctx)

    def compute() -> tuple[Figure, ...]:
        return tuple(collect_figures(docs, ctx.corpus, mentions_of(ctx)))

    if ctx.store is None:
        return list(compute())
    # the corpus by identity: a store lives for one run (one place's corpus)
    key = (*docs, tuple(ctx.roles("documents")), id(ctx.corpus))
    return list(ctx.store.memo("figures", key, compute))
