"""The per-run store of analyses: each document is read once, whatever number of rules read it.

The engine makes one ``AnalysisStore`` per run and hands it to every rule context
(``ctx.analysis(doc)``); commands outside the engine make their own. ``store.of(doc)`` is the
document's ``Analysis`` — its quantities and mentions, computed on first use and kept for the
run. Results that depend on more than one document or on settings (a plan tracked against a
review, a summary compared with its report) are kept with ``store.memo(name, key, compute)``.
Documents are keys by identity (``Document`` compares by identity), so two documents that happen
to hold the same text are still two documents.

``store.computed`` counts what was computed (``("quantities", doc_id)`` → 1): a run that reads a
document twice shows up there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from checker.model import Document, Mention, Quantity

T = TypeVar("T")
MentionExtractor = Callable[["Document"], list["Mention"]]


@dataclass(eq=False)
class Analysis:
    """One document's reading: quantities (once), mentions (once), in text order.

    ``Analysis(doc).quantities`` of ``新增中小学学位3.5万个`` → one ``Quantity(35000, "个")``;
    ``.mentions`` → one ``Mention`` with metric ``中小学学位`` and action ``新增``.
    """

    doc: Document
    store: AnalysisStore = field(default_factory=lambda: AnalysisStore())

    @cached_property
    def quantities(self) -> list[Quantity]:
        """Every quantity of the document (read on the simplified text), sorted by offset."""
        from checker import quantities

        self.store.computed["quantities", self.doc.id] += 1
        self._ensure_structured()
        return sorted(quantities.find_quantities(self.doc.match_text), key=lambda q: q.start)

    @cached_property
    def written_quantities(self) -> list[Quantity]:
        """``quantities`` quoting the text as written (traditional stays traditional)."""
        text, match = self.doc.text, self.doc.match_text
        if text == match:
            return self.quantities
        return [replace(q, text=text[q.start:q.end]) for q in self.quantities]

    @cached_property
    def _starts(self) -> list[int]:
        return [q.start for q in self.quantities]

    def quantities_in(self, start: int, end: int, written: bool = False) -> list[Quantity]:
        """Quantities whose numeral starts in ``[start, end)``."""
        from bisect import bisect_left

        found = self.written_quantities if written else self.quantities
        i = bisect_left(self._starts, start)
        out = []
        while i < len(found) and found[i].start < end:
            out.append(found[i])
            i += 1
        return out

    @cached_property
    def mentions(self) -> list[Mention]:
        """Every quantity with what it measures (``checker.mentions``) and its figure identity
    (``checker.analysis.identity``), in text order."""
        if self.store.mention_extractor is not None:
            return list(self.store.mention_extractor(self.doc))
        from checker.analysis.identity import identify
        from checker.mentions import build_mentions

        self.store.computed["mentions", self.doc.id] += 1
        return [replace(m, figure=identify(self.doc, m)) for m in build_mentions(self.doc, self.quantities)]

    def _ensure_structured(self) -> None:
        if not self.doc.sentences and self.doc.text.strip():
            from checker.structure import structure

            structure(self.doc)  # read but not yet structured (checker.ingest.read alone)


@dataclass(eq=False)
class AnalysisStore:
    """Analyses of one run, by document (identity), and memoised results of several documents."""

    mention_extractor: MentionExtractor | None = None  # tests: mentions given, not read
    computed: Counter[tuple[str, str]] = field(default_factory=Counter)
    _docs: dict[Document, Analysis] = field(default_factory=dict)
    _memo: dict[tuple[Hashable, ...], Any] = field(default_factory=dict)

    def of(self, doc: Document) -> Analysis:
        """The analysis of ``doc`` (made on first request)."""
        found = self._docs.get(doc)
        if found is None:
            found = self._docs[doc] = Analysis(doc, self)
        return found

    def memo(self, name: str, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per ``(name, key)`` in this run (``key`` may hold documents)."""
        full = (name, *key)
        if full not in self._memo:
            self.computed[name, "|".join(str(getattr(k, "id", k)) for k in key)] += 1
            self._memo[full] = compute()
        return self._memo[full]


def analysis_of(doc: Document, store: AnalysisStore | None = None) -> Analysis:
    """``store.of(doc)``, or a one-off analysis when no store is given (a single command)."""
    return (store or AnalysisStore()).of(doc)
