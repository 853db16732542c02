"""DOCX: the paragraphs of word/document.xml, one line each (stdlib zipfile + ElementTree).

Source text = the paragraphs joined by newlines, so a location's line is the paragraph number
in the document (empty paragraphs counted) and its column the character in that paragraph.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from checker.errors import InputError
from checker.i18n import Msg
from checker.ingest.loaded import Loaded

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_docx(data: bytes, path: Path) -> Loaded:
    """The paragraphs of ``word/document.xml``, inflated no further than the document size limit
    (a 1 MB zip can hold 1 GB of XML); entity declarations are refused (they can expand too)."""
    from checker.inputfile import max_document_size, shown_size

    limit = max_document_size()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if zf.getinfo("word/document.xml").file_size > limit:
                raise InputError(path, Msg("reason.docx_inflates", limit=shown_size(limit)))
            with zf.open("word/document.xml") as entry:
                xml = entry.read(limit + 1)
        if len(xml) > limit:
            raise InputError(path, Msg("reason.docx_inflates_lied"))
        if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
            raise InputError(path, Msg("reason.docx_entities"))
        root = ElementTree.fromstring(xml)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, NotImplementedError, RuntimeError,
            EOFError, ValueError, OSError, zlib.error) as exc:  # damaged, encrypted or exotic entries
        raise InputError(path, Msg("reason.docx_damaged", error=f"{type(exc).__name__}: {exc}")) from None
    paragraphs: list[list[str]] = []
    _collect(root, paragraphs)
    source = "\n".join("".join(p).replace("\n", " ") for p in paragraphs) + "\n"
    return Loaded(source=source, raw=source, format="docx", encoding="utf-8")


def _collect(root: ElementTree.Element, paragraphs: list[list[str]]) -> None:
    """Text of each ``w:p`` in document order: ``w:t`` as is, ``w:tab``/``w:br`` a space.

    A paragraph nested in another (a text box) becomes a paragraph of its own rather than
    being counted twice. Walked with a stack, not recursion: nesting depth is the file's choice.
    """
    stack: list[tuple[ElementTree.Element, list[str] | None]] = [(root, None)]
    while stack:
        el, current = stack.pop()
        if el.tag == f"{_W}p":
            current = []
            paragraphs.append(current)
        elif current is not None:
            if el.tag == f"{_W}t" and el.text:
                current.append(el.text)
            elif el.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
                current.append(" ")  # a soft break inside a paragraph keeps the paragraph one line
        stack.extend((child, current) for child in reversed(el))
