"""The place a document is about: a province, a city, a district, or the nation.

A report names its place in its congress line (``——2025年1月18日在湖北省第十四届人民代表大会…``,
``在第十四届全国人民代表大会…`` for the nation) or its title (``2025年广西政府工作报告``); the
provincial-level names and their short forms are in ``checker/data/regions.yaml``, so both of
those name ``广西``. A city or district is named by its innermost unit: ``呼伦贝尔市海拉尔区`` and
``海拉尔区`` are one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.datafiles import load_data
from checker.model import Document

_CONGRESS = re.compile(r"在([\u4e00-\u9fff]{2,24}?)第[一二三四五六七八九十\d]+届人民代表大会")
_SPEAKER = re.compile(r"我代表([\u4e00-\u9fff]{2,24}?)人民政府")
_TITLE = re.compile(r"(?:\d{4}年)?([\u4e00-\u9fff]{2,16}?)(?:人民)?政府工作报告")
_HEAD = 2000


@dataclass(frozen=True)
class _Regions:
    national: str
    national_cues: tuple[str, ...]
    names: dict[str, str]          # any name (full or short) → canonical short name
    suffixes: tuple[str, ...]


@lru_cache(maxsize=1)
def _regions() -> _Regions:
    raw = load_data("regions.yaml")
    names: dict[str, str] = {}
    for short, fulls in raw["provinces"].items():
        names[short] = short
        for full in fulls:
            names[full] = short
    return _Regions(str(raw["national"]), tuple(raw["national_cues"]), names,
                    tuple(sorted(raw["unit_suffixes"], key=len, reverse=True)))


def canonical_place(name: str) -> str | None:
    """One name per place: ``广西壮族自治区`` → ``广西``; ``呼伦贝尔市海拉尔区`` → ``海拉尔区``.

    None for words that name no place (``省``, ``人民``).
    """
    v = _regions()
    name = "".join(name.split())
    if name in v.names:
        return v.names[name]
    for full, short in sorted(v.names.items(), key=lambda kv: -len(kv[0])):
        if name.startswith(full) and len(name) > len(full):
            name = name[len(full):]  # 内蒙古自治区呼伦贝尔市海拉尔区 → 呼伦贝尔市海拉尔区
            break
        if name == full:
            return short
    units = _units(name, v.suffixes)
    return units[-1] if units else None


def _units(name: str, suffixes: tuple[str, ...]) -> list[str]:
    """``呼伦贝尔市海拉尔区`` → [呼伦贝尔市, 海拉尔区] (each at least two characters before its suffix)."""
    out: list[str] = []
    pos = 0
    for i in range(len(name)):
        for suf in suffixes:
            if name.startswith(suf, i) and i - pos >= 2:
                out.append(name[pos:i + len(suf)])
                pos = i + len(suf)
                break
    return out


def infer_place(doc: Document) -> str | None:
    """The place of ``doc`` from its congress line, its speaker or its title (None: not said).

    ``——2025年1月14日在海南省第七届人民代表大会第四次会议上`` → ``海南``;
    ``——2031年3月5日在第十六届全国人民代表大会第二次会议上`` → ``全国``.
    """
    v = _regions()
    head = doc.match_text[:_HEAD]
    m = _CONGRESS.search(head)
    if m:
        place = canonical_place(m.group(1))
        if place:
            return place
    if any(c in head for c in v.national_cues):
        return v.national
    m = _SPEAKER.search(head)
    if m:
        place = canonical_place(m.group(1))
        if place:
            return place
    for m in _TITLE.finditer(head):
        # a title may lead with other words (一文读懂上海市政府工作报告): only a known name counts
        known = [name for name in v.names if name in m.group(1)]
        if known:
            return v.names[max(known, key=len)]
    return None
