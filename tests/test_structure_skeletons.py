"""Structure of other reports' layouts: skeletons in tests/cases/structure/skeletons.yaml."""

from __future__ import annotations

import pytest
import yaml
from conftest import CASES

from checker.model import DocMeta
from checker.normalize import _width
from checker.pipeline import document_from_text

SKELETONS = yaml.safe_load((CASES / "structure" / "skeletons.yaml").read_text(encoding="utf-8"))


def _squash(s: str) -> str:
    return "".join(s.split())


def pdf_wrap(text: str, width: int) -> str:
    """Text as PDF extraction gives it: every paragraph hard-wrapped at ``width`` em (inside
    words and numbers), a blank line after every line."""
    out: list[str] = []
    for para in text.splitlines():
        line = ""
        for ch in para:
            line += ch
            if _width(line) >= width:
                out.append(line)
                line = ""
        if line:
            out.append(line)
    return "\n\n".join(out) + "\n"


def _tops(text: str) -> tuple[int | None, list[dict]]:
    doc = document_from_text(text, DocMeta(id="t"))
    tops = [
        {"title": _squash(s.title), "role": s.role, "year": s.year, "first_year": s.first_year}
        for s in doc.sections
        if s.parent is None
    ]
    return doc.meta.year, tops


def _expected(case: dict) -> tuple[int, list[dict]]:
    return case["year"], [
        {"title": _squash(t["title"]), "role": t["role"], "year": t["year"],
         "first_year": t.get("first_year")}
        for t in case["top"]
    ]


@pytest.mark.parametrize("name", list(SKELETONS))
def test_skeleton_top_sections(name):
    case = SKELETONS[name]
    assert _tops(case["text"]) == _expected(case)


@pytest.mark.parametrize("name", [n for n, c in SKELETONS.items() if c.get("pdf")])
def test_pdf_wrapped_skeleton_keeps_its_structure(name):
    """Re-wrapped as PDF text, a skeleton normalises back to the same paragraphs and sections."""
    case = SKELETONS[name]
    wrapped = pdf_wrap(case["text"], case["pdf"])
    assert wrapped.count("\n\n") > len(case["text"].splitlines())  # lines really were broken
    doc = document_from_text(wrapped, DocMeta(id="t"))
    flat = document_from_text(case["text"], DocMeta(id="t"))
    assert doc.text.splitlines() == flat.text.splitlines()
    assert _tops(wrapped) == _expected(case)
