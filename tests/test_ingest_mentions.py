"""Acceptance: the same seed text as a real PDF, as GBK text and as HTML (and .docx, UTF-16) gives the
same mentions, with locations that point into each file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import mentions as mentions_mod
from checker.model import Document, Mention
from checker.pipeline import load_document

DOCS = Path(__file__).resolve().parent / "fixtures" / "docs"
REFERENCE = "excerpt-2024.txt"
OTHERS = ["excerpt-2024.pdf", "excerpt-2024-gbk.txt", "excerpt-2024.html", "excerpt-2024.docx",
          "excerpt-2024-utf16.txt"]


def _signature(m: Mention) -> tuple:
    q = m.quantity
    quantity = None if q is None else (q.value, q.unit, q.qualifier, q.kind, q.start, q.end)
    return (m.metric, m.key, m.action, quantity, m.role, m.year)


def _held_at(doc: Document, m: Mention) -> str:
    """The character of the file's source text at the mention's location."""
    loc = m.location
    assert loc is not None
    return doc.sourcemap.source_text.split("\n")[loc.line - 1][loc.column - 1 :]


@pytest.fixture(scope="module")
def reference() -> list[tuple]:
    doc = load_document(DOCS / REFERENCE)
    found = mentions_mod.extract_mentions(doc)
    assert len(found) >= 20, "the excerpt holds dozens of quantities"
    return [_signature(m) for m in found]


@pytest.mark.parametrize("name", OTHERS)
def test_same_mentions_in_every_format(name: str, reference: list[tuple]) -> None:
    doc = load_document(DOCS / name)
    assert [_signature(m) for m in mentions_mod.extract_mentions(doc)] == reference


@pytest.mark.parametrize("name", [REFERENCE, *OTHERS])
def test_mention_locations_point_into_the_file(name: str) -> None:
    doc = load_document(DOCS / name)
    for m in mentions_mod.extract_mentions(doc):
        assert m.quantity is not None
        first = doc.text[m.quantity.start]
        held = _held_at(doc, m)
        assert held.startswith(first) or (name.endswith(".html") and held.startswith("&")), (name, m.location)


def test_html_mention_location_in_markup() -> None:
    """For the HTML file, the location is line:col of the .html file on disk."""
    path = DOCS / "excerpt-2024.html"
    doc = load_document(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    m = next(m for m in mentions_mod.extract_mentions(doc) if m.quantity and m.quantity.value == 281000)
    loc = m.location
    assert lines[loc.line - 1][loc.column - 1 :].startswith("28.1")
