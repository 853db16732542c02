"""One message catalogue (``checker/data/messages.yaml``) for every word shown to a person.

``t("status.not_reported")`` → ``未报告``; ``t("status.not_reported", "en")`` → ``not reported``;
``t("compare.left_out", what="…")`` fills the fields. Chinese is the default; the CLI's ``--lang``
(or ``CHECKER_LANG``) sets the process language with ``set_lang``, the web app passes ``lang`` to
every call (each request has its own).

Errors are not written in a language where they arise: they carry a ``Msg`` (a key and its fields,
which may be ``Msg``s themselves) and are rendered at the edge, the CLI in the process language and
the web page in the visitor's: ``Msg("reason.no_such_file").render("en")`` → ``no such file``.
Their texts live in ``checker/data/errors.yaml``, merged into the one catalogue.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

LANGS = ("zh", "en")
DEFAULT = "zh"
_current: list[str] = []  # the process language once set_lang ran (CLI); empty = environment / default


CATALOGUE_FILES = ("messages.yaml", "errors.yaml")  # one catalogue in two files: labels, errors


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """The parsed catalogue: section → key → {zh, en} (the sections of every catalogue file)."""
    from checker.datafiles import load_data

    merged: dict[str, dict[str, dict[str, str]]] = {}
    for name in CATALOGUE_FILES:
        for section, entries in load_data(name).items():
            if section in merged:
                raise KeyError(f"catalogue section {section!r} is defined twice")
            merged[section] = entries
    return merged


def set_lang(lang: str | None) -> None:
    """Set the process language (the CLI's ``--lang``); ``None`` goes back to the default."""
    _current.clear()
    if lang is not None:
        _current.append(check_lang(lang))


def check_lang(lang: str) -> str:
    """``lang`` if it is a catalogue language, else a ``CheckerError`` naming the choices."""
    if lang not in LANGS:
        from checker.errors import CheckerError

        raise CheckerError("error.lang", lang=lang, choices=list(LANGS))
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
    if fields:
        return text.format(**fields)
    return text.replace("{{", "{").replace("}}", "}")  # a text without fields may still escape braces


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


class Msg:
    """A message in no language yet: a catalogue key and its fields, rendered when shown.

    ``Msg("error.input", path="a.txt", problem=Msg("reason.empty"))`` → ``a.txt: 空文件`` (zh),
    ``a.txt: empty file`` (en). A field that is a list becomes a list in running text.
    """

    def __init__(self, key: str, /, **fields: Any) -> None:
        self.key = key
        self.fields = fields

    def render(self, lang: str | None = None) -> str:
        return t(self.key, lang, **{name: text(value, lang) for name, value in self.fields.items()})

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, **{self.fields!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.key, self.fields) == (other.key, other.fields)

    def __hash__(self) -> int:
        return hash(self.key)


def text(value: Any, lang: str | None = None) -> str:
    """``value`` as shown in ``lang``: a ``Msg`` rendered, a list joined, anything else ``str``."""
    if isinstance(value, Msg):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        return join_list([text(v, lang) for v in value], lang)
    return "" if value is None else str(value)


@lru_cache(maxsize=1)
def _kind_docs() -> dict[str, Any]:
    from checker.datafiles import load_data

    return load_data("kind_docs.yaml")


def kind_doc(kind: str, english: str, param: str | None = None, lang: str | None = None) -> str:
    """A kind's summary (or a param's description) in ``lang``: the code's ``english``, or its Chinese
    from ``checker/data/kind_docs.yaml`` (the English where a translation is missing)."""
    if get_lang(lang) != "zh":
        return english
    entry = _kind_docs().get(kind, {})
    text = entry.get("params", {}).get(param) if param else entry.get("summary")
    return text or english
