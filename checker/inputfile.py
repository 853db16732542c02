"""Reading an input file safely: only a regular file, never more than a size limit.

A FIFO would block the run forever, ``/dev/zero`` would be read until memory runs out, a directory
or a symlink loop would give a misleading "no such file": each is refused here with one line that
names the file and says what it is. ``read_regular("report.txt", "document")`` → its bytes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from checker.errors import CheckerError, InputError

MIB = 1024 * 1024
DEFAULT_MAX_DOCUMENT_SIZE = 64 * MIB  # a long report in PDF is a few MB; 64 MB leaves room for scans
MAX_CONFIG_SIZE = 16 * MIB  # rules, manifests, waivers, baselines, gold and data files

_limits = {"document": DEFAULT_MAX_DOCUMENT_SIZE}


def set_max_document_size(size: int) -> None:
    """The document size limit of this run (``--max-document-size``)."""
    if size <= 0:
        raise CheckerError(f"--max-document-size {size}: must be a positive number of bytes")
    _limits["document"] = size


def max_document_size() -> int:
    return _limits["document"]


def parse_size(text: str) -> int:
    """``64M`` → 67108864, ``500k`` → 512000, ``1000`` → 1000 (bytes); raises CheckerError otherwise."""
    units = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": MIB, "mb": MIB, "g": 1024 * MIB, "gb": 1024 * MIB}
    raw = text.strip().lower()
    digits = raw.rstrip("bkmg")
    try:
        value = float(digits)
        size = int(value * units[raw[len(digits):]])
    except (ValueError, KeyError, OverflowError):
        raise CheckerError(f"--max-document-size {text}: give a size such as 64M, 500k or 1000000") from None
    if size <= 0:
        raise CheckerError(f"--max-document-size {text}: must be a positive size")
    return size


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def file_kind(mode: int) -> str:
    """What a stat mode is, in words (``a FIFO (named pipe)``), or ``a regular file``."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def open_problem(path: Path, error: OSError) -> str:
    """The one-line reason an input file cannot be opened."""
    if error.errno == errno.ENOENT:
        return "no such file (a symlink to a missing file)" if os.path.islink(path) else "no such file"
    if error.errno == errno.ELOOP:
        return "a symlink loop (the link points back at itself)"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (the file is not readable)"
    if error.errno == errno.ENOTDIR:
        return "no such file (a part of the path is not a folder)"
    return f"cannot read: {error.strerror or error}"


def read_regular(path: str | Path, what: str, limit: int | None = None, option: str = "") -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``); CheckerError names the problem.

    ``what`` names the file's role in messages (document, manifest, rule file, baseline …);
    ``option`` is the command-line option that raises the limit, named when it is exceeded.
    """
    path = Path(path)
    limit = limit or (max_document_size() if what == "document" else MAX_CONFIG_SIZE)
    try:
        # O_NONBLOCK: opening a FIFO for reading would wait for a writer forever
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise InputError(path, open_problem(path, error)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            hint = "; give a file (folders are corpora)" if stat.S_ISDIR(mode) else ""
            raise InputError(path, f"is {file_kind(mode)}, not a regular {what} file{hint}")
        size = os.fstat(fd).st_size
        chunks, total = [], 0
        if size <= limit:
            while total <= limit:
                chunk = os.read(fd, min(MIB, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        if size > limit or total > limit:
            more = f"; raise it with {option}" if option else ""
            raise InputError(path, f"larger than the {_shown(limit)} limit for a {what}{more}")
        return b"".join(chunks)
    except OSError as error:
        raise InputError(path, open_problem(path, error)) from None
    finally:
        os.close(fd)


def _shown(size: int) -> str:
    """6291456 → 6 MB, 1500 → 1500 bytes."""
    if size % MIB == 0:
        return f"{size // MIB} MB"
    if size % 1024 == 0:
        return f"{size // 1024} kB"
    return f"{size} bytes"
