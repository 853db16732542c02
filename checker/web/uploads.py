"""Reading what a visitor sends: pasted text and uploaded files, within limits, as Documents.

Only the bytes are used: an uploaded file's name gives its type (by suffix, from a fixed list) and
a label to show, never a path to open. Every refusal is an ``UploadError`` with a catalogue key, so
the page says in the visitor's language what was wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from checker.model import DocMeta, Document

ALLOWED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a long report as PDF is 1-3 MB; a summary far less
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\<>\"'`]")


class UploadError(Exception):
    """A refused upload: ``key`` names the catalogue message (web.*), ``fields`` fill it."""

    def __init__(self, key: str, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


def human_size(n: int) -> str:
    """``5242880`` → ``5 MB``."""
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} KB"


def display_name(filename: str | None, fallback: str) -> str:
    """A label for an uploaded file: its base name without path or markup characters, cut short.

    ``../../etc/passwd`` → ``passwd``; ``报告<b>.pdf`` → ``报告_b_.pdf``.
    """
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .") or fallback
    return name[-80:]


def suffix_of(name: str) -> str:
    """The lower-case suffix if it is an accepted document type, else an ``UploadError``."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadError("error_type", name=name)
    return suffix


async def read_upload(upload: Any, limit: int, fallback: str) -> tuple[str, bytes] | None:
    """(label, bytes) of a form file field, ``None`` when no file was chosen; too big or of a
    type not accepted is an ``UploadError``."""
    if upload is None or isinstance(upload, str) or not getattr(upload, "filename", ""):
        return None
    name = display_name(upload.filename, fallback)
    suffix_of(name)
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise UploadError("error_too_large", name=name, limit=human_size(limit))
    if not data:
        return None
    return name, data


def document(name: str, data: bytes, meta: DocMeta) -> Document:
    """A structured Document from uploaded bytes (``InputError`` becomes ``UploadError``)."""
    from checker.errors import CheckerError, InputError
    from checker.ingest import read_bytes
    from checker.structure import structure

    try:
        return structure(read_bytes(data, Path(name), meta))
    except CheckerError as error:
        # shown in the page's language
        reason = error.problem if isinstance(error, InputError) else error.message
        raise UploadError("error_unreadable", name=name, reason=reason) from None


def pasted(text: str, name: str, limit: int, meta: DocMeta) -> Document | None:
    """A Document from pasted text (``None`` when empty); over ``limit`` bytes is an ``UploadError``."""
    if not text.strip():
        return None
    data = text.encode("utf-8")
    if len(data) > limit:
        raise UploadError("error_too_large", name=name, limit=human_size(limit))
    return document(name, data, meta)
