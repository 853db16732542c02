"""One message catalogue (``checker/data/messages.yaml``) for every word shown to a person.

``t("status.not_reported")`` → ``未报告``; ``t("status.not_reported", "en")`` → ``not reported``;
``t("compare.left_out", what="…")`` fills the fields. Chinese is the default; the CLI's ``--lang``
(or ``CHECKER_LANG``) sets the process language with ``set_lang``, the web app passes ``lang`` to
every call (each request has its own).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

LANGS = ("zh", "en")
DEFAULT = "zh"
_current: list[str] = []  # the process language once set_lang ran (CLI); empty = environment / default


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """The parsed catalogue: section → key → {zh, en}."""
    from checker.datafiles import load_data

    return load_data("messages.yaml")


def set_lang(lang: str | None) -> None:
    """Set the process language (the CLI's ``--lang``); ``None`` goes back to the default."""
    _current.clear()
    if lang is not None:
        _current.append(check_lang(lang))


def check_lang(lang: str) -> str:
    """``lang`` if it is a catalogue language, else a ``CheckerError`` naming the choices."""
    if lang not in LANGS:
        from checker.errors import CheckerError

        raise CheckerError(f"--lang {lang}: use one of {', '.join(LANGS)}")
    return lang


def get_lang(lang: str | None = None) -> str:
    """The language to use: ``lang`` if given, else the process language, else CHECKER_LANG, else zh."""
    if lang:
        return lang if lang in LANGS else DEFAULT
    if _current:
        return _current[0]
    env = os.environ.get("CHECKER_LANG", "")
    return env if env in LANGS else DEFAULT


def t(key: str, lang: str | None = None, /, **fields: Any) -> str:
    """The text of ``section.name`` in ``lang``, with ``fields`` filled in.

    An unknown key raises ``KeyError``: the catalogue test lists every key the code uses.
    """
    section, _, name = key.partition(".")
    text = catalogue()[section][name][get_lang(lang)]
    return text.format(**fields) if fields else text


def status_name(status: str, lang: str | None = None) -> str:
    """A status as a person reads it (``not_reported`` → ``未报告``); unknown statuses as they are."""
    entry = catalogue()["status"].get(status)
    return entry[get_lang(lang)] if entry else status


def severity_name(severity: str, lang: str | None = None) -> str:
    """``warning`` → ``警告``."""
    entry = catalogue()["severity"].get(severity)
    return entry[get_lang(lang)] if entry else severity


def headers(*names: str, lang: str | None = None) -> list[str]:
    """Table headers from ``header.*``."""
    return [t(f"header.{n}", lang) for n in names]


def join_list(items: list[str], lang: str | None = None) -> str:
    """A list in running text: ``、`` between Chinese items, ``, `` between English ones."""
    return ("、" if get_lang(lang) == "zh" else ", ").join(items)


def detail(data: dict[str, Any], lang: str | None = None) -> str:
    """A finding's detail in ``lang``: from its ``detail_key`` and ``detail_args`` when the kind
    gives them (summary fidelity), else its ``detail`` text as the kind wrote it."""
    key = data.get("detail_key")
    if not key:
        return str(data.get("detail", ""))
    args = dict(data.get("detail_args") or {})
    if isinstance(args.get("fields"), list):
        args["fields"] = join_list([t(f"compare.field_{x}", lang) for x in args["fields"]], lang)
    return t(key, lang, **args)
