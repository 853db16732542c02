"""DOCX: the paragraphs of word/document.xml, one line each (stdlib zipfile + ElementTree).

Source text = the paragraphs joined by newlines, so a location's line is the paragraph number
in the document (empty paragraphs counted) and its column the character in that paragraph.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from checker.errors import InputError
from checker.ingest.loaded import Loaded

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_docx(data: bytes, path: Path) -> Loaded:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml")
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise InputError(path, f"cannot read .docx ({type(exc).__name__}: {exc})") from None
    paragraphs: list[list[str]] = []
    _collect(root, paragraphs, None)
    source = "\n".join("".join(p).replace("\n", " ") for p in paragraphs) + "\n"
    return Loaded(source=source, raw=source, format="docx", encoding="utf-8")


def _collect(el: ElementTree.Element, paragraphs: list[list[str]], current: list[str] | None) -> None:
    """Text of each ``w:p`` in document order: ``w:t`` as is, ``w:tab``/``w:br`` a space.

    A paragraph nested in another (a text box) becomes a paragraph of its own rather than
    being counted twice.
    """
    if el.tag == f"{_W}p":
        current = []
        paragraphs.append(current)
    elif current is not None:
        if el.tag == f"{_W}t" and el.text:
            current.append(el.text)
        elif el.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            current.append(" ")  # a soft break inside a paragraph keeps the paragraph one line
    for child in el:
        _collect(child, paragraphs, current)
