"""The reading pipeline in one call: ingest → normalise → structure (mentions on demand).

``load_document(path)`` reads a file; ``document_from_text(text)`` builds the same kind of
``Document`` from a string (rule examples, tests). Loaded documents are cached per path, size and
modification time, so a corpus and a rule run reading the same file parse it once.
"""

from __future__ import annotations

from pathlib import Path

from checker.model import DocMeta, Document, SourceMap
from checker.structure import structure

# (resolved path, size, mtime_ns, meta) -> Document
_CACHE: dict[tuple, Document] = {}


def _meta_key(meta: DocMeta | None) -> tuple:
    if meta is None:
        return ()
    return (meta.id, meta.kind, meta.year, meta.region, meta.retells, meta.reviews, meta.title)


def load_document(path: str | Path, meta: DocMeta | None = None, cache: bool = True) -> Document:
    """Read, normalise and structure one document (cached, unless ``cache`` is False: a worker
    process reading a corpus sends each document away and must not keep them all).

    Raises ``InputError`` (exit 2, one line) for a file that cannot be read.
    """
    from checker.ingest import read

    path = Path(path)
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_size, st.st_mtime_ns, _meta_key(meta))
    except OSError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    doc = structure(read(path, meta))
    if key is not None and cache:
        _CACHE[key] = doc
    return doc


def document_from_text(text: str, meta: DocMeta | None = None, name: str = "<example>") -> Document:
    """A structured ``Document`` from a string, normalised like a file would be.

    ``document_from_text("三、2026年重点任务\\n新增3万个中小学学位。")`` → one plan section (2026).
    """
    from checker.normalize import normalize, to_simplified

    norm, origin = normalize(text)
    if meta is None:
        meta = DocMeta(id=name)
    doc = Document(
        path=Path(name),
        text=norm,
        sourcemap=SourceMap(text, origin),
        meta=meta,
        format="text",
        match_text=to_simplified(norm),
    )
    return structure(doc)
