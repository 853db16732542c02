"""PDF: the text layer, page by page (pypdf). A scanned PDF has none: say so, suggest OCR.

Page furniture is left out of the text to normalise (it stays in the source text, so offsets
still hold): page numbers (``— 3 —``, ``- 12 -``, ``第3页``, ``3/20``) on a page's first or last
line, and running heads/feet (the same first or last line on most pages).
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from checker.errors import InputError
from checker.i18n import Msg
from checker.ingest.loaded import Loaded

_PAGE_NUMBER = re.compile(r"^[\s\-—–·•]*(?:第\s*\d{1,4}\s*页|\d{1,4}(?:\s*/\s*\d{1,4})?)[\s\-—–·•]*$")


def load_pdf(data: bytes, path: Path) -> Loaded:
    """Source text = the pages' text layers joined by newlines; ``page_starts`` marks each page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns loudly about harmless quirks
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, Msg("reason.pdf_encrypted"))
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, Exception) as exc:  # pypdf raises many types on damaged files
        raise InputError(path, Msg("reason.pdf_damaged", error=f"{type(exc).__name__}: {exc}")) from None
    if not any(p.strip() for p in pages):
        raise InputError(path, Msg("reason.pdf_no_text"))
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for text in pages:
        starts.append(pos)
        chunk = text if text.endswith("\n") else text + "\n"
        parts.append(chunk)
        pos += len(chunk)
    source = "".join(parts)
    raw, origin = _without_furniture(parts, starts)
    return Loaded(source=source, raw=raw, format="pdf", encoding="pdf", raw_origin=origin,
                  page_starts=starts)


_EDGE = 2  # furniture sits within the first/last two lines of a page's text layer (order varies)


def _edge_lines(page: str) -> set[str]:
    lines = [ln.strip() for ln in page.split("\n") if ln.strip()]
    return set(lines[:_EDGE] + lines[-_EDGE:])


def _without_furniture(parts: list[str], starts: list[int]) -> tuple[str, list[int]]:
    """The pages' text minus page numbers and running heads/feet, with offsets into the source."""
    counts = Counter(e for p in parts for e in _edge_lines(p))
    running = {e for e, n in counts.items() if len(parts) >= 3 and n >= max(3, (len(parts) + 1) // 2)}
    chars: list[str] = []
    origin: list[int] = []
    for part, start in zip(parts, starts, strict=True):
        lines = part.split("\n")
        nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
        edge_idx = set(nonempty[:_EDGE] + nonempty[-_EDGE:])
        pos = start
        for i, line in enumerate(lines):
            drop = i in edge_idx and (_PAGE_NUMBER.match(line) or line.strip() in running)
            if not drop:  # a dropped line goes with its newline: no blank line is left behind
                chars.extend(line)
                origin.extend(range(pos, pos + len(line)))
                if i < len(lines) - 1:
                    chars.append("\n")
                    origin.append(pos + len(line))
            pos += len(line) + 1
    origin.append(starts[-1] + len(parts[-1]) if parts else 0)
    return "".join(chars), origin
