"""Writing command output: to stdout, or atomically to a file (never half-written)."""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from checker.errors import CheckerError


def emit(text: str, output: Path | None = None) -> None:
    """Print ``text``, or write it to ``output`` via a temporary file and an atomic rename."""
    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    write_atomic(output, text)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all at once: a reader sees the old file or the whole new one."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CheckerError(f"{path}: cannot write: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; a report should be readable like any file
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise CheckerError(f"{path}: cannot write: {error.strerror}") from None


def write_atomic_with(path: Path, write: Callable[[Path], object]) -> None:
    """``write(temporary path)`` then rename it to ``path`` (binary formats: parquet); nothing is
    left behind when ``write`` fails or is interrupted."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CheckerError(f"{path}: cannot write: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as error:
        raise CheckerError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


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
        raise CheckerError(f"--format {fmt}: unknown format (use one of {', '.join(FORMATS)})")
    if fail_on not in FAIL_ON_LEVELS:
        raise CheckerError(f"--fail-on {fail_on}: use one of {', '.join(FAIL_ON_LEVELS)}")


def require_files(*paths: Path) -> None:
    """Each path must be an existing file (the loaders say what is wrong with its content)."""
    for path in paths:
        if path.is_dir():
            raise CheckerError(f"{path}: is a directory; give a document file")
        if not path.is_file():
            raise CheckerError(f"{path}: file not found")
