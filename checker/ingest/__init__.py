"""Read a document file into a normalised ``Document`` (no structure yet).

``read(path)`` looks at the bytes, not the name: a PDF (text layer), a .docx, or text — HTML when
the text is HTML, else plain text / Markdown — in UTF-8, UTF-16 (BOM), GB18030/GBK or Big5.
Each loader gives the *source text* (what line:column refer to: the .txt itself, the HTML markup,
the PDF's text layer, the .docx paragraphs) and the extracted raw text with, for every character,
its offset in the source text. ``normalize`` then repairs the raw text; the two offset maps are
composed so that ``Document.locate`` answers in the user's file.
"""

from __future__ import annotations

from pathlib import Path

from checker.errors import InputError
from checker.i18n import Msg
from checker.ingest.detect import decode, looks_like_html, sniff
from checker.ingest.loaded import Loaded
from checker.model import DocMeta, Document, SourceMap
from checker.normalize import normalize, to_simplified

__all__ = ["read", "read_bytes"]


def read(path: str | Path, meta: DocMeta | None = None) -> Document:
    """Load, decode and normalise the document at ``path``.

    Raises ``InputError`` (one line) for a missing file, a directory, an empty or binary file,
    a PDF without a text layer, or bytes that decode in no supported encoding.
    """
    from checker.inputfile import read_regular

    p = Path(path)
    data = read_regular(p, "document", option="--max-document-size")
    return read_bytes(data, p, meta)


def read_bytes(data: bytes, path: Path, meta: DocMeta | None = None) -> Document:
    """Like ``read`` for bytes already in memory (``path`` names them in messages and locations)."""
    if not data.strip():
        raise InputError(path, Msg("reason.empty" if not data else "reason.only_whitespace"))
    loaded = _load(data, path)
    text, origin = normalize(loaded.raw, keep_lines=loaded.format in ("html", "docx"))
    if not text.strip():
        if loaded.format in ("txt", "md"):
            raise InputError(path, Msg("reason.only_whitespace"))
        raise InputError(path, Msg("reason.no_text", format=loaded.format.upper()))
    if loaded.raw_origin is not None:
        ro = loaded.raw_origin
        origin = [ro[o] for o in origin]
    # PDF: line:col count through the whole text layer (one line numbering, as pdftotext
    # gives); Location.page names the page.
    smap = SourceMap(source_text=loaded.source, origin=origin, page_starts=loaded.page_starts)
    return Document(
        path=path,
        text=text,
        sourcemap=smap,
        meta=meta or DocMeta(id=path.stem),
        format=loaded.format,
        encoding=loaded.encoding,
        match_text=to_simplified(text),
    )


def _load(data: bytes, path: Path) -> Loaded:
    container = sniff(data, path)
    if container == "pdf":
        from checker.ingest.pdf import load_pdf

        return load_pdf(data, path)
    if container == "docx":
        from checker.ingest.docx import load_docx

        return load_docx(data, path)
    text, encoding = decode(data, path)
    if not text.strip():
        raise InputError(path, Msg("reason.only_whitespace"))
    if looks_like_html(text, path):
        from checker.ingest.html import load_html

        return load_html(text, encoding)
    fmt = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
    return Loaded(source=text, raw=text, format=fmt, encoding=encoding)
