"""``Document.section_at``: a binary search that answers what a scan of every section answers."""

from __future__ import annotations


def _scan(doc, offset: int) -> int | None:
    best = None
    for i, s in enumerate(doc.sections):
        if s.start <= offset < s.end and (best is None or s.level >= doc.sections[best].level):
            best = i
    return best


def test_section_at_agrees_with_a_scan_everywhere(seed_docs) -> None:
    doc = seed_docs["beijing-2024-report.txt"]
    assert len(doc.sections) > 10
    offsets = {p + d for s in doc.sections for p in (s.start, s.end) for d in (-1, 0, 1)}
    offsets |= set(range(0, len(doc.text), 97))
    for offset in sorted(offsets):
        assert doc.section_at(offset) == _scan(doc, offset), offset


def test_section_at_sees_a_section_added_later() -> None:
    from checker.engine import document_from_text
    from checker.model import Section

    doc = document_from_text("坚持稳中求进。\n")
    doc.sections.append(Section(title="", level=1, start=0, end=len(doc.text), role="review",
                                year=2023, body_start=0))
    assert doc.section_at(2) == len(doc.sections) - 1
