"""What ``checker run`` prints when there are no rules yet: each document's sections and mentions."""

from __future__ import annotations

from typing import Any

from checker.model import Document, Section


def corpus_overview(corpus: Any) -> str:
    """Per document: its sections (role, year) and the number of mentions found, as text tables.

    What ``checker run`` prints when there are no rules yet.
    """
    from tabulate import tabulate

    from checker.i18n import headers, t
    from checker.mentions import extract_mentions

    blocks = []
    for doc in corpus.documents:
        mentions = extract_mentions(doc)
        counts: dict[int | None, int] = {}
        for m in mentions:
            counts[m.section] = counts.get(m.section, 0) + 1
        rows = []
        for i, s in enumerate(doc.sections):
            second = s.parent is not None and doc.sections[s.parent].parent is None
            if s.parent is not None and not second:
                continue  # top sections and their direct parts: 一、 → （一） / 一是
            inner = sum(n for idx, n in counts.items() if idx is not None and _within(doc, idx, i))
            title = s.title if len(s.title) <= 30 else s.title[:29] + "…"
            rows.append([doc.locate(s.start), "  " * (s.level - 1) + title, s.role, _years(s), inner])
        head = t("overview.head", id=doc.id, kind=doc.meta.kind, year=doc.meta.year, file=doc.path.name,
                 sections=len(doc.sections), sentences=len(doc.sentences), mentions=len(mentions))
        columns = headers("location", "section", "role", "year", "mentions")
        blocks.append(head + "\n" + tabulate(rows, headers=columns))
    return "\n\n".join(blocks)


def _years(s: Section) -> str:
    if s.year is None:
        return ""
    return f"{s.first_year}-{s.year}" if s.first_year else str(s.year)


def _within(doc: Document, idx: int | None, ancestor: int) -> bool:
    while idx is not None:
        if idx == ancestor:
            return True
        idx = doc.sections[idx].parent
    return False
