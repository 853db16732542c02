"""The server-side documents a visitor may pick: loaded once from ``--corpus``, chosen by id.

A request names a document id from this list, never a path. The corpus is read-only once loaded;
what is computed from it alone (a place's series) is kept, since every visitor gets the same.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.model import Document


@dataclass
class Library:
    """The corpus of the server and what it offers: reports, places, plan years, series."""

    documents: list[Document]
    region: str | None = None
    _series: dict[str, list[Any]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, paths: list[Path]) -> Library:
        """Load a manifest, folders or files (as ``checker run`` does)."""
        from checker.corpus import load_corpus

        corpus = load_corpus(*paths)
        return cls(list(corpus.documents), corpus.region)

    def get(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    def reports(self) -> list[Document]:
        """Full reports, by place and year."""
        return sorted((d for d in self.documents if d.meta.kind == "report"),
                      key=lambda d: (self.place_of(d), d.meta.year or 0, d.id))

    def place_of(self, doc: Document) -> str:
        return doc.meta.region or self.region or ""

    def places(self) -> list[str]:
        return sorted({self.place_of(d) for d in self.reports()})

    def goal_pairs(self) -> list[tuple[str, int, Document, Document]]:
        """(place, plan year, plan report, reviewing report) for every plan the corpus follows up."""
        pairs = []
        for review in self.reports():
            plan = self.get(review.meta.reviews) if review.meta.reviews else None
            if plan is None:
                continue
            years = sorted({s.year for s in plan.sections if s.role == "plan" and s.year is not None})
            for year in years or [plan.meta.year or 0]:
                pairs.append((self.place_of(plan), year, plan, review))
        return pairs

    def goal_pair(self, place: str, year: int) -> tuple[Document, Document] | None:
        return next(((p, r) for pl, y, p, r in self.goal_pairs() if pl == place and y == year), None)

    def series(self, place: str) -> list[Any]:
        """Series findings of a place's reports (computed once per place)."""
        from checker.web import service

        with self._lock:
            if place not in self._series:
                docs = [d for d in self.reports() if self.place_of(d) == place]
                self._series[place] = service.series(docs) if docs else []
            return self._series[place]
