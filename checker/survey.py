"""A corpus surveyed, not held: what each document is, without its text.

``survey_corpus(*paths)`` reads every document once (on workers, through a ``mapper``) and keeps of
each only a ``DocHeader``: its id, path, meta (kind, year and place inferred as ``load_corpus``
does), size and the roles and years of its sections. That is all that grouping documents by
place, pairing reports with the plans they review and choosing the rules' documents need; a
place's documents are read again by whoever checks that place (``DocHeader.load``) and released
with it, so a run over ten thousand reports never holds more than a place's worth of text.

    header = survey_item((Path("anhui-2025-report.txt"), DocMeta(id="anhui-2025-report", kind=None)))
    header.meta.region  → "安徽"; header.size → its characters; header.load() → the Document
"""

from __future__ import annotations

import copy
import gc
import itertools
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.model import DocMeta, Document


@dataclass(frozen=True)
class SectionRole:
    """What a section is, without its text: enough for scopes (``section: review``) and for
    pairing a review with its plan by year."""

    role: str
    year: int | None
    parent: int | None  # None for a top-level section, else 0 (the index is not kept)


@dataclass
class DocHeader:
    """One document of a surveyed corpus: everything but its text (see the module docstring)."""

    path: Path
    meta: DocMeta                 # as inferred; ids and relations are filled in by the corpus
    read_meta: DocMeta            # the meta the document is read with (the manifest's)
    size: int                     # characters: what checking it costs, roughly
    sections: list[SectionRole] = field(default_factory=list)
    spilled: str | None = None    # the document as read, pickled to this file by the survey
    held: int | None = None       # or kept in the memory of the process that read it (_HELD)

    @property
    def id(self) -> str:
        return self.meta.id

    def load(self) -> Document:
        """The document itself, with the corpus's meta: the one the survey kept in this
        process's memory (handed over once), else unpickled from the survey's spill file (six
        times faster than reading it again), else read again (never cached: its place is checked
        and then it is released)."""
        doc = _take_held(self.held) if self.held is not None else None
        if doc is None and self.spilled is not None:
            try:
                with open(self.spilled, "rb") as handle:
                    doc = _unpickle(handle)
            except OSError:
                doc = None
        if doc is None:
            from checker.pipeline import load_document

            # a copy: the reading cache of this process may hold the document another run read
            doc = copy.copy(load_document(self.path, copy.copy(self.read_meta), cache=False))
        doc.meta = copy.copy(self.meta)
        return doc


def _unpickle(handle: Any) -> Document:
    """``pickle.load`` with the cyclic garbage collector paused: a document is some hundred
    thousand new objects (spans, offsets), none of them garbage, and the collections their
    allocation would set off walk the whole heap of the run each time (three quarters of the cost
    of loading, measured on the development split)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        doc: Document = pickle.load(handle)
    finally:
        if paused:
            gc.enable()
    return doc


def header_of(doc: Document, read_meta: DocMeta) -> DocHeader:
    """The header of a loaded document whose kind and place are inferred."""
    roles = {(s.role, s.year, None if s.parent is None else 0) for s in doc.sections}
    return DocHeader(doc.path, copy.copy(doc.meta), read_meta, len(doc.text),
                     [SectionRole(*r) for r in sorted(roles, key=repr)])


SPILL_BUDGET = 2 << 30  # bytes a process spills at most; documents beyond are read again instead
_spilled = 0

# A run checking its places in the process that surveyed them (one job) need not pickle a document
# to disk and back: the survey keeps it here until its place loads it (then it is released with the
# place). Pickling and unpickling cost more than half as much as reading the document at all. At
# most HOLD_BUDGET characters are held (some 60 bytes of memory each, the spans and offsets of the
# structured document, ~50 MB in all); documents beyond the budget are spilled to disk as before.
# The budget is fixed, not a share of the corpus, so that the peak does not grow with the corpus
# (measured: 2M characters made the peak at 4x the development split 1.4x the peak at 1x, 1M 1.25x).
HOLD_BUDGET = 1_000_000
_HELD: dict[int, Document] = {}
_held_size = 0
_held_keys = itertools.count()


def _hold(doc: Document) -> int | None:
    """Keep ``doc`` in this process for its place; its key, or None beyond the budget."""
    global _held_size
    if _held_size + len(doc.text) > HOLD_BUDGET:
        return None
    key = next(_held_keys)
    _HELD[key] = doc
    _held_size += len(doc.text)
    return key


def _release_held() -> None:
    global _held_size
    _HELD.clear()
    _held_size = 0


def _take_held(key: int) -> Document | None:
    """The document held under ``key`` (once: a second load reads it again), None when another
    process surveyed it."""
    global _held_size
    doc = _HELD.pop(key, None)
    if doc is not None:
        _held_size -= len(doc.text)
    return doc


def survey_item(item: tuple[Path, DocMeta], spill: str | None = None,
                home: int | None = None) -> DocHeader:
    """Read one ``(path, meta)`` of a corpus and keep its header (a top-level function: worker
    processes call it). With a ``spill`` folder (on this machine) the document is kept for its
    place, so that checking it need not read and normalise it again: in memory when this is the
    process ``home`` (the one that surveys, and checks when it runs alone), else pickled there."""
    from checker.corpus import infer_kind_and_place
    from checker.pipeline import load_document

    global _spilled
    path, meta = item
    doc = copy.copy(load_document(path, copy.copy(meta), cache=False))  # never a cached one's meta
    doc.meta = copy.copy(doc.meta)
    infer_kind_and_place(doc)
    header = header_of(doc, meta)
    if spill is not None and home == os.getpid():
        header.held = _hold(doc)
    if spill is not None and header.held is None and _spilled < SPILL_BUDGET:
        fd, name = tempfile.mkstemp(dir=spill, suffix=".pickle")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(doc, handle, protocol=pickle.HIGHEST_PROTOCOL)
            _spilled += handle.tell()
        header.spilled = name
    return header


def _clause_set_of(header: Any) -> set[str]:
    """A header's clause set (the document read again: only summaries the manifest does not pair
    need it, and the reports of their year and place)."""
    from checker.corpus import _clause_set

    return _clause_set(header.load() if isinstance(header, DocHeader) else header)


def survey_corpus(*paths: str | Path, allow_outside: bool = False, mapper: Any = None,
                  spill: str | None = None) -> Any:
    """The corpus of ``paths`` as headers (``Corpus.documents`` are ``DocHeader``s): the same ids,
    kinds, years, places and relations as ``load_corpus`` gives, without the texts. ``spill``: a
    folder of this machine where the documents read are kept until their place is checked (the
    caller removes it)."""
    from functools import partial

    from checker.corpus import corpus_items, finish_corpus

    items, inferred_at, manifest, region = corpus_items(*paths, allow_outside=allow_outside)
    _release_held()  # a survey before this one whose run stopped early (its loads read again)
    headers = list((mapper or map)(partial(survey_item, spill=spill, home=os.getpid()), items))
    return finish_corpus(headers, inferred_at, manifest, region, clause_set=_clause_set_of,
                         surveyed=True)
