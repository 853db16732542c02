"""The scope language: year expressions, the selector schema, selection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.model import DocMeta, Document, Section, SourceMap
from checker.scope import YEAR_PATTERN, parse_year, select, selector_schema


@pytest.mark.parametrize(("expr", "want"), [
    (2024, ("years", {2024})), ("2021..2023", ("years", {2021, 2022, 2023})),
    ("plan+1", ("relative", ("plan", 1))), ("review - 2", ("relative", ("review", -2))),
    ("plan", ("relative", ("plan", 0))), ([2021, "2022"], ("years", {2021, 2022})),
])
def test_parse_year(expr, want) -> None:
    assert parse_year(expr) == want


@pytest.mark.parametrize("expr", ["next year", "2024..2021", True, "plan+x", 3.5])
def test_parse_year_rejects(expr) -> None:
    with pytest.raises(ValueError):
        parse_year(expr)


@pytest.mark.parametrize(("text", "parses"), [
    ("2024", True), (" 2021 .. 2023 ", True), ("plan", True), ("plan+1", True), ("review - 2", True),
    ("next year", False), ("plan+x", False), ("20x4", False), ("2021..", False),
])
def test_schema_pattern_and_parser_agree(text: str, parses: bool) -> None:
    """The schema's pattern accepts exactly the strings the parser reads (bar empty ranges)."""
    assert bool(re.match(YEAR_PATTERN, text)) is parses
    try:
        parse_year(text)
        read = True
    except ValueError:
        read = False
    assert read is parses


def _doc(doc_id: str, year: int, kind: str = "report", role: str | None = None, **meta) -> Document:
    text = "正文。"
    sections = [Section(title="", level=1, start=0, end=len(text), role=role, year=year)] if role else []
    source = SourceMap(text, list(range(len(text) + 1)))
    return Document(path=Path(f"{doc_id}.txt"), text=text, sourcemap=source,
                    meta=DocMeta(id=doc_id, kind=kind, year=year, **meta), sections=sections)


class _Corpus:
    def __init__(self, *docs: Document) -> None:
        self.documents = list(docs)


def test_select_by_keys_sections_relations_and_relative_years() -> None:
    plan = _doc("p", 2023, role="plan")
    review = _doc("r", 2024, role="review", reviews="p")
    summary = _doc("s", 2024, kind="summary", retells="r")
    corpus = _Corpus(plan, review, summary)
    assert select(corpus, {"kind": "report", "section": "plan"}, {}, "plan") == [plan]
    assert select(corpus, {"year": "2023..2024", "id": "?"}, {}, "documents") == [plan, review, summary]
    assert select(corpus, {"relation": "reviews"}, {"plan": plan}, "plan") == [review]
    assert select(corpus, {"year": "plan+1", "kind": "report"}, {"plan": plan}, "plan") == [review]
    assert select(corpus, {"relation": "retold_by"}, {"full": review}, "full") == [summary]
    assert select(corpus, {"relation": "reviews"}, {}, "plan") == []


def test_selector_schema_names_every_key() -> None:
    assert set(selector_schema()["properties"]) == {"kind", "year", "id", "path", "section", "relation", "of"}
