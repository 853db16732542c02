"""Writing command output: to stdout, or atomically to files (never half-written, all or nothing).

Outputs are checked before a run starts (``plan_outputs``) and written together at its end
(``write_outputs``): ``-o json:/dev/null`` writes to the device, never replaces it; a symlink's
target is replaced, not the link; the same file named twice by two paths is refused.
"""
from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from checker.errors import CheckerError
from checker.i18n import Msg
from checker.inputfile import os_reason


def emit(text: str, output: Path | None = None) -> None:
    """Print ``text``, or write it to ``output`` (checked, then replaced atomically)."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    write_outputs([(plan_outputs([output])[0], text)])


@dataclass(frozen=True)
class Target:
    """Where one output goes: ``path`` as named, ``final`` the file it resolves to (a symlink's
    target), ``in_place`` for a character device or FIFO (written to, never replaced)."""

    path: Path
    final: Path
    in_place: bool


def plan_outputs(paths: list[Path]) -> list[Target]:
    """Check every output path before the run starts (CheckerError, one line, names the path).

    Refused: a missing or unwritable folder, a directory, a socket or block device, a symlink
    loop, and the same file named twice by any path (``out.json`` and ``./link-to-out.json``).
    """
    targets: list[Target] = []
    seen: dict[tuple, Path] = {}
    for path in paths:
        target = _plan_one(Path(path))
        key = _identity(target.final)
        if key in seen:
            raise CheckerError("error.output_twice", path=str(path), other=str(seen[key]))
        seen[key] = target.path
        targets.append(target)
    stdout_id = _stdout_identity()
    for target in targets:
        if stdout_id is not None and not target.in_place and _identity(target.final) == stdout_id:
            raise CheckerError("error.output_is_stdout", path=str(target.path))
    return targets


def _plan_one(path: Path) -> Target:
    from checker.inputfile import file_kind, open_problem

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:  # a symlink loop, a path through a file
        raise CheckerError("error.cannot_write", path=str(path), reason=open_problem(path, error)) from None
    final = Path(os.path.realpath(path))
    if mode is not None:
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return Target(path, final, True)
        if not stat.S_ISREG(mode):
            raise CheckerError("error.cannot_write", path=str(path), reason=Msg("write.is_kind",
                                                                                kind=file_kind(mode)))
        if not os.access(final, os.W_OK):
            raise CheckerError("error.cannot_write", path=str(path), reason=Msg("os.permission"))
    parent = final.parent
    if not parent.is_dir():
        shown = path.parent if str(path.parent) else Path(".")
        raise CheckerError("error.cannot_write", path=str(path), reason=Msg("write.no_folder",
                                                                            folder=str(shown)))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise CheckerError("error.cannot_write", path=str(path), reason=Msg("write.folder_read_only",
                                                                            folder=str(parent)))
    return Target(path, final, False)


def _identity(final: Path) -> tuple:
    try:
        st = final.stat()
        return ("inode", st.st_dev, st.st_ino)
    except OSError:
        return ("path", str(final))


def _stdout_identity() -> tuple | None:
    try:
        st = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return ("inode", st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


_TEMPS: set[str] = set()  # temporary files not yet renamed: removed on any failure or signal


# An output's content: its text, or what writes it to an open text file (a streamed output).
Content = str | Callable[[TextIO], object]


def write_outputs(outputs: list[tuple[Target, Content]]) -> None:
    """All or nothing: every file output is written to a temporary file next to its target first
    (streamed into it when its content is a writer); only when all are written are they renamed
    over their targets. Any failure (a full disk, a signal, a writer that raises) removes the
    temporary files and leaves every target as it was. Devices and FIFOs are written last, in
    place."""
    staged: list[tuple[str, Target]] = []
    current: Target | None = None
    try:
        for current, text in outputs:
            if not current.in_place:
                staged.append((_stage(current, text), current))
        for tmp, current in staged:
            os.replace(tmp, current.final)
            _TEMPS.discard(tmp)
    except OSError as error:
        shown = current.path if current is not None else "output"
        raise CheckerError("error.cannot_write_none", path=str(shown), reason=os_reason(error)) from None
    finally:
        remove_temps()
    for target, text in outputs:
        if target.in_place:
            _write_in_place(target, text)


def write_content(content: Content, handle: TextIO) -> None:
    """``content`` to ``handle``: the text, or what its writer writes."""
    if isinstance(content, str):
        handle.write(content)
    else:
        content(handle)


def _stage(target: Target, content: Content) -> str:
    fd, tmp = tempfile.mkstemp(dir=target.final.parent, prefix=f".{target.final.name}.", suffix=".tmp")
    _TEMPS.add(tmp)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        write_content(content, handle)
    os.chmod(tmp, _mode_for(target.final))  # mkstemp makes 0600; a report is readable like any file
    return tmp


def _write_in_place(target: Target, content: Content) -> None:
    """A character device or FIFO: opened without blocking (a FIFO with no reader is an error)."""
    try:
        fd = os.open(target.path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        raise CheckerError("error.cannot_write", path=str(target.path), reason=os_reason(error)) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w", encoding="utf-8", newline="", closefd=False) as handle:
            write_content(content, handle)
    except OSError as error:
        raise CheckerError("error.cannot_write", path=str(target.path), reason=os_reason(error)) from None
    finally:
        os.close(fd)


def write_file_output(path: Path, write: Callable[[Path], object]) -> None:
    """``write(a temporary file)`` next to ``path``, then rename it over ``path`` (a binary format:
    parquet); a failure or a signal removes the temporary file and leaves ``path`` as it was."""
    target = plan_outputs([path])[0]
    if target.in_place:
        raise CheckerError("error.cannot_write", path=str(path), reason=Msg("write.dataset_device"))
    fd, tmp = tempfile.mkstemp(dir=target.final.parent, prefix=f".{target.final.name}.", suffix=".tmp")
    os.close(fd)
    _TEMPS.add(tmp)
    try:
        write(Path(tmp))
        os.chmod(tmp, _mode_for(target.final))
        os.replace(tmp, target.final)
        _TEMPS.discard(tmp)
    except OSError as error:
        raise CheckerError("error.cannot_write_none", path=str(path), reason=os_reason(error)) from None
    finally:
        remove_temps()


def remove_temps() -> None:
    """Remove the temporary files of outputs not yet renamed (on failure, or on a signal)."""
    for tmp in list(_TEMPS):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _TEMPS.discard(tmp)


def _mode_for(path: Path) -> int:
    """The mode a new file would get (0666 minus the umask), or the mode of the file replaced."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


FAIL_ON_LEVELS = ("error", "warning", "info", "never")


def check_options(fmt: str, fail_on: str) -> None:
    """Refuse an unknown ``--format`` or ``--fail-on`` before any work is done."""
    from checker.output import FORMATS

    if fmt not in FORMATS:
        raise CheckerError("error.unknown_format", option="--format", value=fmt, choices=list(FORMATS))
    if fail_on not in FAIL_ON_LEVELS:
        raise CheckerError("error.bad_choice", option="--fail-on", value=fail_on,
                           choices=list(FAIL_ON_LEVELS))


def check_output(output: Path | None) -> None:
    """Check an ``--output`` path before the work starts (``plan_outputs``)."""
    if output is not None:
        plan_outputs([output])


MAX_SIZE_HELP = "Refuse documents larger than this (e.g. 64M, 500k; default 64M)."


def apply_limits(max_document_size: str | None) -> None:
    """Set ``--max-document-size`` for this run."""
    if max_document_size is not None:
        from checker.inputfile import parse_size, set_max_document_size

        set_max_document_size(parse_size(max_document_size))


def require_files(*paths: Path) -> None:
    """Each path must be an existing file (the loaders say what is wrong with its content)."""
    import stat

    from checker.inputfile import file_kind, open_problem

    for path in paths:
        try:
            mode = path.stat().st_mode
        except OSError as error:
            raise CheckerError("error.input", path=str(path), problem=open_problem(path, error)) from None
        if stat.S_ISDIR(mode):
            raise CheckerError("error.input", path=str(path), problem=Msg("reason.is_directory"))
        if not stat.S_ISREG(mode):
            raise CheckerError("error.input", path=str(path), problem=Msg("reason.not_regular",
                                                                          kind=file_kind(mode),
                                                                          what=Msg("role.document")))
