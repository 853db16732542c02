"""Word segmentation with jieba, loaded fast.

jieba's own dictionary holds 349,046 words; loading it is most of what a whole ``checker run``
costs. checker only asks jieba where the words after a number end (``新增2万个|中小学|学位``), and
for that the 100,000 most frequent words of the same dictionary give the same boundaries on
report wording (measured: identical mention keys on every seed). So the first run writes that
trimmed dictionary, derived from jieba's ``dict.txt``, to the user's cache folder, and jieba builds
its prefix dictionary from it (jieba caches that too). Set ``CHECKER_JIEBA_FULL=1`` to use the
full dictionary instead.

    >>> lcut("中小学学位")
    ['中小学', '学位']
"""

from __future__ import annotations

import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

TOP_WORDS = 100_000


def lcut(text: str) -> list[str]:
    """jieba's ``lcut`` of ``text`` (HMM on, as jieba's default)."""
    return _tokenizer().lcut(text)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "checker"


def private_cache_dirs() -> list[Path]:
    """This user's cache folders (mode 0700, owned by the user), most preferred first.

    A shared temp folder would let another user plant a dictionary, or keep a 0600 cache file
    the next user cannot read: the fallback is ``/tmp/checker-UID``, refused unless it is ours.
    """
    uid = os.getuid() if hasattr(os, "getuid") else None
    suffix = f"-{uid}" if uid is not None else ""
    out = []
    for folder in (_cache_dir(), Path(tempfile.gettempdir()) / f"checker{suffix}"):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = os.lstat(folder)
            if not stat.S_ISDIR(st.st_mode) or (uid is not None and st.st_uid != uid):
                continue  # a symlink or someone else's folder
            if st.st_mode & 0o077:
                os.chmod(folder, 0o700)
            out.append(folder)
        except OSError:
            continue
    return out


def _trimmed_dictionary(jieba_dir: Path, version: str) -> Path | None:
    """The cached trimmed dictionary, written on first use (None where no folder is writable)."""
    name = f"jieba-{version}-top{TOP_WORDS}.txt"
    for folder in private_cache_dirs():
        path = folder / name
        if path.is_file():
            return path
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lines = (jieba_dir / "dict.txt").read_text(encoding="utf-8").splitlines()
            lines.sort(key=lambda line: -int(line.split()[1]))
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write("\n".join(lines[:TOP_WORDS]) + "\n")
            os.replace(tmp, path)  # atomic: a concurrent run sees the whole file or none
            return path
        except (OSError, ValueError, IndexError):
            continue
    return None


def _import_jieba() -> Any:
    """``import jieba`` without ``pkg_resources``: jieba only uses it to open its own dictionary
    file and falls back to a plain ``open`` when it is missing, while importing it costs about as
    much as the rest of checker's imports together (setuptools' documented slow import)."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail fast
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import logging

    jieba = _import_jieba()

    jieba.setLogLevel(logging.WARNING)
    folders = private_cache_dirs()
    if folders:  # jieba's own prefix-dictionary cache goes there too, not into the shared /tmp
        jieba.dt.tmp_dir = str(folders[0])
    if os.environ.get("CHECKER_JIEBA_FULL"):
        return jieba.dt
    path = _trimmed_dictionary(Path(jieba.__file__).parent, jieba.__version__)
    if path is None:
        return jieba.dt
    tokenizer = jieba.Tokenizer(dictionary=str(path))
    tokenizer.tmp_dir = jieba.dt.tmp_dir
    return tokenizer
