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


def load_document(path: str | Path, meta: DocMeta | None = None) -> Document:
    """Read, normalise and structure one document (cached).

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
    if key is not None:
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


def clear_cache() -> None:
    """Forget loaded documents (tests that rewrite files in place)."""
    _CACHE.clear()


def corpus_overview(corpus) -> str:
    """Per document: its sections (role, year) and the number of mentions found, as text tables.

    What ``checker run`` prints when there are no rules yet.
    """
    from tabulate import tabulate

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
        head = (
            f"== {doc.id}  ({doc.meta.kind}, {doc.meta.year}, {doc.path.name}): "
            f"{len(doc.sections)} sections, {len(doc.sentences)} sentences, {len(mentions)} mentions"
        )
        blocks.append(head + "\n" + tabulate(rows, headers=["at", "section", "role", "year", "mentions"]))
    return "\n\n".join(blocks)


def _years(s) -> str:
    if s.year is None:
        return ""
    return f"{s.first_year}-{s.year}" if s.first_year else str(s.year)


def _within(doc: Document, idx: int, ancestor: int) -> bool:
    while idx is not None:
        if idx == ancestor:
            return True
        idx = doc.sections[idx].parent
    return False
