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
from checker.i18n import Msg

MIB = 1024 * 1024
DEFAULT_MAX_DOCUMENT_SIZE = 64 * MIB  # a long report in PDF is a few MB; 64 MB leaves room for scans
MAX_CONFIG_SIZE = 16 * MIB  # rules, manifests, waivers, baselines, gold and data files

_limits = {"document": DEFAULT_MAX_DOCUMENT_SIZE}


def set_max_document_size(size: int) -> None:
    """The document size limit of this run (``--max-document-size``)."""
    if size <= 0:
        raise CheckerError("error.size_not_positive", option="--max-document-size", value=size)
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
        raise CheckerError("error.size_unreadable", option="--max-document-size", value=text) from None
    if size <= 0:
        raise CheckerError("error.size_not_positive", option="--max-document-size", value=text)
    return size


_KINDS = ((stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "char_device"),
          (stat.S_ISBLK, "block_device"), (stat.S_ISSOCK, "socket"))


def file_kind(mode: int) -> Msg:
    """What a stat mode is, in words (``一个命名管道（FIFO）`` / ``a FIFO (named pipe)``)."""
    for test, name in _KINDS:
        if test(mode):
            return Msg(f"file_kind.{name}")
    return Msg("file_kind.regular" if stat.S_ISREG(mode) else "file_kind.other")


def open_problem(path: Path, error: OSError, folder: bool = False) -> Msg:
    """The one-line reason an input file cannot be opened (``folder``: the path may be a folder)."""
    missing = "reason.no_such_file_or_folder" if folder else "reason.no_such_file"
    if error.errno == errno.ENOENT:
        return Msg(missing, why=Msg("reason.dangling_link")) if os.path.islink(path) else Msg(missing, why="")
    if error.errno == errno.ELOOP:
        return Msg("reason.symlink_loop")
    if error.errno in (errno.EACCES, errno.EPERM):
        return Msg("reason.permission_denied")
    if error.errno == errno.ENOTDIR:
        return Msg(missing, why=Msg("reason.path_through_file"))
    return Msg("reason.cannot_read", error=error.strerror or error)


_OS_REASONS = {errno.ENOSPC: "no_space", errno.EACCES: "permission", errno.EPERM: "permission",
               errno.EROFS: "read_only", errno.EISDIR: "is_directory", errno.ENXIO: "no_reader",
               errno.EPIPE: "no_reader", errno.EIO: "io", errno.EDQUOT: "no_space", errno.EFBIG: "too_big"}


def os_reason(error: OSError) -> Msg:
    """What the system said, in the catalogue's words for the usual cases (a full disk …)."""
    name = _OS_REASONS.get(error.errno or 0)
    return Msg(f"os.{name}") if name else Msg("os.other", error=error.strerror or error)


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
            key = "reason.not_regular_dir" if stat.S_ISDIR(mode) else "reason.not_regular"
            raise InputError(path, Msg(key, kind=file_kind(mode), what=Msg(f"role.{what}")))
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
            key = "reason.too_large_option" if option else "reason.too_large"
            raise InputError(path, Msg(key, limit=shown_size(limit), what=Msg(f"role.{what}"), option=option))
        return b"".join(chunks)
    except OSError as error:
        raise InputError(path, open_problem(path, error)) from None
    finally:
        os.close(fd)


def shown_size(size: int) -> str:
    """6291456 → 6 MB, 1500 → 1500 bytes."""
    if size % MIB == 0:
        return f"{size // MIB} MB"
    if size % 1024 == 0:
        return f"{size // 1024} kB"
    return f"{size} bytes"
