"""Quantities in normalised report text: numerals, multipliers, units, qualifiers — identifiers refused.

``find_quantities("城镇新增就业26.3万人")`` → one ``Quantity(263000, "人", "=")``;
``find_quantities("地铁21号线全线贯通")`` → nothing (a line number is a name, not a quantity).

How it reads (all vocabularies live in ``checker/data/{units,qualifiers,identifiers,numerals}.yaml``):

1. a number core: Arabic (``28.1``), Chinese (``十一`` ``两万`` ``百万``), a fraction (``1/5``),
   ``百分之五``, a share (``七成`` ``一半``);
2. after it: ``余``/``多``, a multiplier (万 亿 千 兆 …), a unit (longest written form, compound units
   with ``/``), a closing qualifier (以上 以内 左右 …); before it: a per-prefix (月人均 每月) and an
   opening qualifier (超过 近 约 控制在 …);
3. refusal: a number overlapping an identifier pattern (第四 16号线 5G 十四五 2023年 4.0版 …), a
   number with no unit (a bare ``3.0`` is a label, never a quantity), a lone ``一`` (an article),
   a label in quotes (“3个100” “33条”), a title 《…》, a size criterion (亿元以上项目, 2个万亩以上公园,
   营收超千亿元企业), a multitude (亿万人民 千千万万).

Offsets index the text given; traditional characters are read through their simplified form.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from checker.datafiles import load_data
from checker.first_chars import candidates, starts
from checker.model import Quantity
from checker.numerals import read_decimal, read_number

_PUNCT = set("，。；：！？、,.;:!?（）()【】“”‘’「」《》\n —-")


def _alt(words) -> str:
    """Regex alternation of ``words``, longest first (so 个百分点 wins over 个)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Unit:
    canonical: str
    factor: float
    kind: str  # count | measure | ratio


class _Vocab:
    """Every vocabulary file, loaded and compiled once."""

    def __init__(self) -> None:
        units, quals, ids, nums = (load_data(n) for n in
                                   ("units.yaml", "qualifiers.yaml", "identifiers.yaml", "numerals.yaml"))
        self.digits: dict[str, int] = nums["digits"]
        self.small: dict[str, int] = nums["small_units"]
        self.large: dict[str, int] = nums["large_units"]
        self.mult: dict[str, int] = {**self.small, **self.large}
        self.shares: dict[str, list] = nums["shares"]  # word -> [percent, qualifier]
        self.cheng_words = tuple(nums["cheng_words"])
        self.lone_one_units = set(nums["lone_one_units"])
        self.vague = tuple(nums["vague_prefixes"])
        self.magnitude_suffix: str = nums["magnitude_suffix"]
        cn = "".join(self.digits) + "".join(self.mult)
        self.cn_chars = set(cn)

        self.units: dict[str, _Unit] = {}
        for kind in ("count", "measure", "ratio"):
            for written, spec in units[kind].items():
                canon, factor = (spec, 1) if isinstance(spec, str) else (spec[0], spec[1])
                self.units[str(written)] = _Unit(str(canon), float(factor), kind)
        self.attribute_units = set(units["attribute_units"])
        self.grade_re = re.compile(_alt(units["grade_units"]))
        self.multiplier_only: dict[str, list[str]] = units["multiplier_only_units"]
        self.time_units = set(units["time_units"])
        self.time_reference = set(units["time_reference"])
        denoms = units["denominators"]
        self.base_re = re.compile(_alt(self.units))
        self.unit_re = re.compile(rf"(?:{_alt(self.units)})(?:/(?:{_alt(denoms)}))*")
        self.per_prefixes: dict[str, str] = units["per_prefixes"]
        self.per_re = re.compile(rf"(?:{_alt(self.per_prefixes)})$")
        self.implicit: list[tuple[str, str]] = sorted(
            ((noun, unit) for unit, nouns in units["implicit_units"].items() for noun in nouns),
            key=lambda p: -len(p[0]))
        self.implicit_re = re.compile(
            rf"[^，。；：！？、,;:!?\n“”《》]{{0,8}}?({_alt(n for n, _ in self.implicit)})")
        self.implicit_map = dict(self.implicit)
        self.preceding_map = {noun: unit for unit, nouns in units["preceding_implicit_units"].items()
                              for noun in nouns}
        self.preceding_re = re.compile(
            rf"({_alt(self.preceding_map)})[^，。；：！？、,;:!?\n“”《》\d]{{0,6}}$")
        self.magnitude: dict[str, str] = units["magnitude_nouns"]
        self.magnitude_re = re.compile(
            rf"({re.escape(nums['magnitude_suffix'])}|以上|左右|)({_alt(self.magnitude)})")

        self.before: dict[str, str] = quals["before"]
        self.before_re = re.compile(rf"(?:{_alt(self.before)})$")
        self.bare_only = set(quals["bare_multiplier_only"])
        self.bare_verbs = set(quals["bare_multiplier_verbs"])
        self.share_openers: dict[str, str] = quals["share_openers"]
        self.share_open_re = re.compile(
            rf"({_alt(self.share_openers)})[^，。；：、,;:!?！？\n\d%“”]{{1,8}}的$")
        self.reached_re = re.compile(rf"(?:{_alt(quals['reached_adverbs'])})$")
        self.reaching = set(quals["reaching_verbs"])
        self.after: dict[str, str] = quals["after"]
        self.after_re = re.compile(_alt(self.after))
        self.inner: dict[str, str] = quals["inner"]
        self.after_wins = set(quals["after_wins"])
        self.criterion_words = set(quals["criterion_words"])
        self.criterion_nouns = tuple(sorted(quals["criterion_nouns"], key=len, reverse=True))
        self.level_re = re.compile(rf"(?:{_alt(quals['level_verbs'])})$")
        self.inc_re = re.compile(rf"(?:{_alt(quals['increase'])})了?$")  # 增长了5%
        self.dec_re = re.compile(rf"(?:{_alt(quals['decrease'])})了?$")
        self.joiner_re = re.compile(rf"^(?:{_alt(quals['list_joiners'])})$")

        ncls = re.escape(cn)
        self.acronyms = set(ids["metric_acronyms"])
        self.latin_units = tuple(units["latin_units"])
        fills = {"{N}": ncls, "{M}": _alt(self.acronyms), "{L}": _alt(self.latin_units)}
        pats = []
        for p in ids["patterns"].values():
            for key, fill in fills.items():
                p = p.replace(key, fill)
            pats.append(p)
        pats.append(_alt(ids["set_phrases"]))
        self.ident_re = re.compile("|".join(f"(?:{p})" for p in pats))
        self.ident_starts = starts(self.ident_re.pattern)  # tried only where an identifier can start
        self.label_quotes = [(q[0], q[1]) for q in ids["label_quotes"]]
        self.label_max = int(ids["label_max_length"])
        self.title_quotes = [(q[0], q[1]) for q in ids["title_quotes"]]
        self.quote_re = re.compile("|".join(
            rf"{re.escape(o)}[^{re.escape(o + c)}\n]{{1,40}}{re.escape(c)}" for o, c in self.label_quotes))
        self.title_re = re.compile("|".join(
            rf"{re.escape(o)}[^{re.escape(o + c)}\n]{{1,120}}{re.escape(c)}" for o, c in self.title_quotes))

        mult_cls = re.escape("".join(self.mult))
        self.num_re = re.compile(
            rf"(?P<frac>\d+/\d+)"
            rf"|百分之(?P<pct>\d+(?:\.\d+)?|[{ncls}]+(?:点[{re.escape(''.join(self.digits))}]+)?)"
            rf"|(?P<fcn>[{ncls}]+)分之(?P<fnum>[{ncls}]+)"
            rf"|(?P<ar>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
            rf"|(?P<share>{_alt(self.shares)})"
            rf"|(?P<cn>[{ncls}]+(?:点[{re.escape(''.join(self.digits))}]+)?)")
        self.num_starts = starts(self.num_re.pattern)  # numerals start at a digit or a numeral character
        self.mult_re = re.compile(rf"[{mult_cls}]+")
        self.inner_re = re.compile(_alt(self.inner))
        self.digit_chars = set("0123456789") | self.cn_chars
        self.number_chars = self.digit_chars | {".", ","}
        # the low end of a range: 2 (至3万人), 1.5万 (—2万元), 三 (至五年)
        self.low_re = re.compile(rf"(?:(\d+(?:\.\d+)?)([{mult_cls}]*)|[{ncls}]+)$")


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()


# ------------------------------------------------------------------------------------- numerals

def _fmt(value: float) -> float:
    """Round away float noise (28.1 × 10000 = 281000.00000000006)."""
    return float(f"{value:.10g}")


# ------------------------------------------------------------------------------------- scanning

@dataclass
class _Found:
    value: float
    unit: str
    qualifier: str
    start: int
    end: int
    kind: str | None = None
    direction: str | None = None
    value_high: float | None = None
    year: int | None = None
    pre_qualifier: str | None = None
    number_start: int = 0
    number_end: int = 0
    raw: float = 0.0      # the number as written, before multiplier and unit factor
    ukind: str = "count"
    mult: float = 1.0     # the multiplier written after the number (万 亿)


_ID_REACH = 12  # identifiers are short: one overlapping a numeral starts at most this far before it

# No figure in a report is written with more characters than this (1,234,567,890.12 has 16); a longer
# run of digits is a code or noise. Reading it would cost time quadratic in its length (the identifier
# test scans the numeral's window from every position), so it is skipped whole.
MAX_NUMERAL_LENGTH = 32


class _Blocked:
    """Identifier spans (16号线, 十四五, 《…》) that a numeral may not overlap.

    Titles are found once over the text (they start with a literal 《); the identifier patterns only
    in a short window around each numeral, which is all that can overlap it — scanning the whole
    text with the big alternation would cost more than everything else together.
    """

    def __init__(self, s: str) -> None:
        v = _vocab()
        self.s = s
        self.titles = [m.span() for m in v.title_re.finditer(s)]
        self.title_starts = [t[0] for t in self.titles]

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_right(self.title_starts, a) - 1
        if i >= 0 and self.titles[i][1] > a:
            return True
        v = _vocab()
        for m in candidates(v.ident_re, v.ident_starts, self.s, max(0, a - _ID_REACH),
                            min(len(self.s), b + _ID_REACH)):
            if m.start() < b and m.end() > a:
                return True
            if m.start() >= b:
                break
        return False


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]`` (offsets index ``text``), identifiers refused.

    ``新增5G基站3万个`` → ``[Quantity(30000, "个", "=")]`` (5G refused);
    ``用水总量控制在32亿立方米以内`` → ``[Quantity(3.2e9, "立方米", "<=")]``.
    """
    end = len(text) if end is None else end
    lo = max(0, start - 40)  # context before start: qualifiers, per-prefixes, an opening quote
    hi = min(len(text), end + 24)
    s = _simplified(text[lo:hi])
    found = _scan(s, start - lo, end - lo)
    out = []
    for f in found:
        out.append(Quantity(
            value=_fmt(f.value), unit=f.unit, qualifier=f.qualifier, start=f.start + lo, end=f.end + lo,
            text=text[f.start + lo:f.end + lo], kind=f.kind, direction=f.direction,
            value_high=None if f.value_high is None else _fmt(f.value_high), year=f.year))
    return out


def _simplified(s: str) -> str:
    """萬 億 個 … read as 万 亿 个 (same length, so offsets hold)."""
    try:
        from checker.normalize import to_simplified
    except ImportError:  # normalisation not available: read as written
        return s
    return to_simplified(s)


def _scan(s: str, start: int, end: int) -> list[_Found]:
    """Every quantity whose numeral starts in ``s[start:end]``, left to right.

    Each numeral is read on its own (``_read``); then what needs its neighbours: identifiers and
    quoted labels around it, a size criterion right after a count (2个万亩以上…), list items that
    share the last item's unit (1.2和0.8个百分点), ranges (2至3…), a per-month carried over (从每月…降至…).
    """
    v = _vocab()
    blocked = _Blocked(s)
    quotes = [m.span() for m in v.quote_re.finditer(s)]
    qstarts = [q[0] for q in quotes]
    out: list[_Found] = []
    pending: list[re.Match] = []  # unit-less list items waiting for the unit of the last one
    pos = start
    for m in candidates(v.num_re, v.num_starts, s, start, end):
        if m.start() < pos or (m.start() == start and s[start - 1:start] in v.number_chars):
            continue  # (the second test: the window starts inside a number)
        if m.end() - m.start() > MAX_NUMERAL_LENGTH:
            pending = []
            continue
        f = _read(s, m, out[-1] if out else None)
        if f is None:
            if m.lastgroup == "ar" and not blocked.overlaps(m.start(), m.end()):
                if not (pending and v.joiner_re.match(s[pending[-1].end():m.start()])):
                    pending = []
                pending.append(m)
            continue
        items, pending = pending, []
        if blocked.overlaps(f.number_start, f.number_end):
            continue
        if _in_label(s, quotes, qstarts, f):
            continue
        if out and out[-1].end >= f.start and f.ukind == "measure":
            continue  # 3个万亩以上森林公园, 10个以上千亿级产业集群: the amount describes what is counted
        if items and v.joiner_re.match(s[items[-1].end():f.number_start]):
            out.extend(_list_items(s, items, f))
        if not _merge_range(s, out, f):
            out.append(f)
        pos = f.end
    _inherit_per_suffix(s, out)
    return out


def _list_items(s: str, items: list[re.Match], last: _Found) -> list[_Found]:
    """分别提高1.2和0.8个百分点: the bare numbers of a list take the unit of its last item."""
    v = _vocab()
    if last.direction is None:
        last.direction = _direction(s, items[0].start())
    out: list[_Found] = []
    for k, m in enumerate(items):
        if k and not v.joiner_re.match(s[items[k - 1].end():m.start()]):
            out = []
        raw = float(m.group(0).replace(",", ""))
        out.append(_Found(value=raw * (last.value / last.raw if last.raw else 1), unit=last.unit,
                          qualifier=last.qualifier, start=m.start(), end=m.end(), kind=last.kind,
                          direction=last.direction, number_start=m.start(), number_end=m.end(),
                          raw=raw, ukind=last.ukind))
    return out


def _in_label(s: str, quotes: list[tuple[int, int]], qstarts: list[int], f: _Found) -> bool:
    """“3个100” “科创30条” are names; “五个更加注重” counts its items."""
    v = _vocab()
    i = bisect_right(qstarts, f.start) - 1
    if i < 0:
        return False
    qs, qe = quotes[i]
    if not (qs < f.start and f.end <= qe):
        return False
    inner = s[qs + 1:qe - 1]
    if len(inner) > v.label_max or any(ch in "，、,；;" for ch in inner):
        return False  # a slogan (“两年打基础、五年见成效”) quotes real quantities
    if f.start != qs + 1:
        return True
    if f.end == qe - 1:
        return True  # “33条”: a label that is only a count is a nickname (of a policy, a plan)
    rest = s[f.end:qe - 1]
    return any(ch in v.digit_chars for ch in rest)


_RANGE_CHARS = "至到-—–~～－"  # － (U+FF0D) in State Council ranges: 6.5%－7%
_ID_AHEAD = re.compile(r"\d+[A-Za-z]")  # 3万个5G基站: the numeral ahead is an identifier


def _merge_range(s: str, out: list[_Found], f: _Found) -> bool:
    """2至3岁, 5%-6%, 3-5万人: one quantity from ``value`` to ``value_high``.

    Returns True when ``f`` closed the range of the quantity before it (which is updated).
    """
    ns = f.number_start
    if ns < 2 or s[ns - 1] not in _RANGE_CHARS:
        return False
    if s[ns - 2] in "降增减升高至到为":  # 降至5.1: a new level, not a range
        return False
    prev = out[-1] if out else None
    if prev is not None and prev.end == ns - 1 and prev.unit == f.unit:
        prev.value_high, prev.end = f.value, f.end
        return True
    lm = _vocab().low_re.search(s, max(0, ns - 12), ns - 1)
    if not lm:
        return False
    low_text = lm.group(0)
    low = float(lm.group(1)) if lm.group(1) else read_number(low_text)
    if low is None or not f.raw:
        return False
    f.value_high = f.value
    if lm.group(2):  # 1.5万—2万元: the low end carries its own multiplier
        mults = _vocab().mult
        for ch in lm.group(2):
            low *= mults[ch]
        f.value = low * f.value / (f.raw * f.mult)
    else:
        f.value = low * f.value / f.raw
    f.start = f.number_start = ns - 1 - len(low_text)
    return False


def _inherit_per_suffix(s: str, out: list[_Found]) -> None:
    """从每月7.5吨/平方公里降至5.1吨/平方公里: the second value is per month too."""
    for a, b in itertools.pairwise(out):
        if "/" not in a.unit or b.unit == a.unit or not a.unit.startswith(b.unit + "/"):
            continue
        between = s[a.end:b.start]
        if any(ch in "，。；！？\n" for ch in between):
            continue
        if re.search(r"[至到为]", between):
            b.unit = a.unit


# ------------------------------------------------------------------------------------- one number

@dataclass
class _Reading:
    """What is known while one number is read, left to right."""

    s: str
    group: str              # which branch of the number pattern matched (ar, cn, frac, pct, …)
    core: str               # the numeral as written
    ns: int                 # where the numeral starts
    pos: int                # how far the reading got
    value: float = 0.0
    mult: float = 1.0
    unit: _Unit | None = None
    canon: str = ""
    lone_one: bool = False  # a lone 一 (an article, mostly)
    bare_mult: bool = False  # 百万, 千亿: a numeral that is only multipliers
    magnitude: bool = False  # 千亿(级/以上)投资强度: unit from the noun
    by_class: bool = False   # 千亿级: an order of magnitude
    q_inner: str | None = None
    q_share: str | None = None
    q_after: str | None = None
    q_before: str | None = None
    core_end: int = 0
    raw: float = 0.0

    @property
    def unit_kind(self) -> str:
        """The kind of the unit read (measure, ratio, …); only asked once a unit is read."""
        assert self.unit is not None
        return self.unit.kind

    def set_ratio(self, value: float, pos: int | None = None) -> None:
        v = _vocab()
        self.value, self.unit, self.canon = value, v.units["%"], "%"
        if pos is not None:
            self.pos = pos


def _read(s: str, m: re.Match, prev: _Found | None) -> _Found | None:
    """Read the quantity whose numeral is ``m``; None when it is not a quantity.

    ``20余万人`` → 200000 人 '>'; ``控制在32亿立方米以内`` → 3.2e9 立方米 '<='; ``16号线`` → None.
    """
    r = _read_core(s, m)
    if r is None:
        return None
    if r.unit is None:
        _read_multiplier(r)
    r.core_end, r.raw = r.pos, r.value
    r.value *= r.mult
    if not math.isfinite(r.value):
        return None  # 1兆兆兆…元: beyond any figure (and beyond what JSON can write)
    if r.unit is None and not _read_unit(r):
        return None
    if _refused(r) or not _read_after(r):
        return None
    return _read_before(r, prev)


def _read_core(s: str, m: re.Match) -> _Reading | None:
    """The numeral itself: 28.1, 两万, 1/5 (20 %), 百分之五, 三分之一, 一半."""
    v = _vocab()
    g, core, ns = m.lastgroup or "", m.group(0), m.start()
    r = _Reading(s=s, group=g, core=core, ns=ns, pos=m.end())
    if g == "share":  # 一半 半数 过半
        value, qual = v.shares[core]
        r.set_ratio(float(value))
        r.q_share = None if qual == "=" else qual
    elif g == "frac":
        a, b = core.split("/")
        if not 0 < int(a) < int(b) <= 100:
            return None  # a share is a proper fraction (1/5); 2023/2024 is not
        r.set_ratio(100.0 * int(a) / int(b))
    elif g == "pct":
        p = m.group("pct")
        value = float(p) if p[0].isdigit() else read_decimal(p)
        if value is None:
            return None
        r.set_ratio(value)
    elif g in ("fcn", "fnum"):
        den, num = read_number(m.group("fcn")), read_number(m.group("fnum"))
        if not den or num is None:
            return None
        r.set_ratio(100.0 * num / den)
    elif g == "ar":
        before = s[ns - 1:ns]
        if before and (before in ".·/" or (before.isascii() and before.isalpha()
                                            and _letters_before(s, ns) not in v.acronyms)):
            return None  # 4·18, PM2.5: part of a label (but GDP2.3万亿元 is a figure)
        r.value = float(core.replace(",", ""))
    else:  # Chinese numeral
        if s[ns - 1:ns] in _DIGITS_DOT:
            return None  # GDP2.3万亿: 万亿 after digits is their multiplier, never a number of its own
        cut = _unit_inside(s, ns + 1, m.end())
        if cut is not None and "点" not in core:  # 百万千瓦: the run ends in the unit 千瓦
            r.core, r.pos = core[:cut - ns], cut
        value = read_decimal(r.core)
        if not value or s[ns - 1:ns] in v.vague:
            return None  # 零部件 (zero), 十四五 (no number), 数百 几十 (vague)
        r.value = value
        r.lone_one = r.core == "一"
        r.bare_mult = r.core[0] in v.mult and r.core[0] != "十"
    return r


_DIGITS_DOT = set("0123456789.")


def _letters_before(s: str, ns: int) -> str:
    """The Latin letters right before ``ns`` (GDP in 全市GDP2.3万亿元)."""
    i = ns
    while i > 0 and s[i - 1].isascii() and s[i - 1].isalpha():
        i -= 1
    return s[i:ns]


def _read_multiplier(r: _Reading) -> None:
    """余/多 and multipliers after the numeral (20余万, 1万余, 4.4万亿), and tenths (七成 → 70 %)."""
    v, s = _vocab(), r.s
    im = v.inner_re.match(s, r.pos)
    if im:
        r.q_inner, r.pos = v.inner[im.group(0)], im.end()
    mm = v.mult_re.match(s, r.pos) if r.group == "ar" or r.q_inner else None
    if mm:
        cut = _unit_inside(s, r.pos, mm.end())
        run = mm.group(0) if cut is None else s[r.pos:cut]  # 1200亿千瓦时: 千 starts the unit
        for ch in run:
            r.mult *= v.mult[ch]
        r.pos += len(run)
        im = v.inner_re.match(s, r.pos)
        if im:
            r.q_inner, r.pos = v.inner[im.group(0)], im.end()
    single = (r.group == "cn" and len(r.core) == 1) or (r.group == "ar" and r.core.isdigit())
    if (single and 0 < r.value <= 10 and r.mult == 1 and s.startswith("成", r.pos)
            and not s.startswith(v.cheng_words, r.pos)):
        r.set_ratio(r.value * 10, r.pos + 1)


def _read_unit(r: _Reading) -> bool:
    """The unit: written (个 万亩 微克/立方米 个多月), from a magnitude noun (千亿级投资强度 → 元/年)
    or from the counted noun (8万就业困难人员 → 人). False when there is none."""
    v, s = _vocab(), r.s
    um = v.unit_re.match(s, r.pos)
    if um and um.group(0) in v.multiplier_only and s[r.pos - 1:r.pos] not in v.multiplier_only[um.group(0)]:
        um = None  # 千方百计: 方 is a unit only after 万 or 亿
    if um and um.group(0) in v.latin_units and _LATIN_WORD.match(s, um.end()):
        um = None  # 3PB, 5P2: a Latin unit is a whole word
    if um and um.group(0).endswith("个") and s[um.end():um.end() + 1] in v.inner:
        # 3个多月, 1个多百分点: 多 sits inside the unit
        jm = v.unit_re.match(s[r.pos:um.end()] + s[um.end() + 1:um.end() + 8])
        if jm and len(jm.group(0)) > um.end() - r.pos:
            r.q_inner = v.inner[s[um.end()]]
            _set_unit(r, jm.group(0))
            r.pos += len(jm.group(0)) + 1
            return True
    if um:
        _set_unit(r, um.group(0))
        r.pos = um.end()
        return True
    if r.bare_mult or r.mult > 1 or (r.group == "cn" and any(c in v.large for c in r.core)):
        mg = v.magnitude_re.match(s, r.pos)
        if mg:
            r.unit = _Unit(v.magnitude[mg.group(2)], 1, "measure")
            r.canon, r.magnitude = r.unit.canonical, True
            r.by_class = mg.group(1) == v.magnitude_suffix
            if r.by_class:
                r.pos = mg.end(1)
            return True
        im = v.implicit_re.match(s, r.pos)
        if im:
            r.canon = v.implicit_map[im.group(1)]
            r.unit = _Unit(r.canon, 1, "count")
            return True
        nxt = s[r.pos:r.pos + 1]
        if not nxt or nxt in _PUNCT or v.after_re.match(s, r.pos):
            pm = v.preceding_re.search(s, max(0, r.ns - 12), r.ns)
            if pm:  # 常住人口达到350万: the unit of the metric noun before
                r.canon = v.preceding_map[pm.group(1)]
                r.unit = _Unit(r.canon, 1, "measure")  # a population size: 300万以上城市 is a class
                return True
    return False


_LATIN_WORD = re.compile(r"[A-Za-z0-9]")


def _set_unit(r: _Reading, written: str) -> None:
    """元/人 → 元/人; 微克/立方米/月 → the unit 微克/立方米, then the denominator /月."""
    v = _vocab()
    if written in v.units:
        base, rest = v.units[written], ""
    else:
        opening = v.base_re.match(written)
        assert opening is not None  # unit_re matched, so a base unit opens it
        head = opening.group(0)
        base, rest = v.units[head], written[len(head):]
    r.unit = base
    r.canon = base.canonical + rest
    r.value *= base.factor


def _refused(r: _Reading) -> bool:
    """Refusals that need the unit: 一批 (article), 千家万户, 五个一工程, 万吨级, 十年前, 2023年."""
    v, s = _vocab(), r.s
    if r.lone_one and r.canon not in v.lone_one_units:
        return True
    if (r.bare_mult and len(r.core) < 2 and not r.by_class
            and not v.before_re.search(s, max(0, r.ns - 4), r.ns) and r.q_inner is None):
        return True  # 万家灯火, 千家万户, 万亩以上: a lone multiplier is rarely a count (逾千家 is)
    nxt = s[r.pos:r.pos + 1]
    if (nxt and nxt in v.digit_chars and nxt not in v.mult and not _ID_AHEAD.match(s, r.pos)
            and not (r.unit_kind == "count" and _measure_ahead(s, r.pos, r.group == "ar"))):
        return True  # 五个一工程, 3个100, 十九届二中全会: a count followed by a numeral is a label
    if nxt == v.magnitude_suffix:
        return True  # 百万千瓦级, 万吨级: a size class
    if r.canon in v.time_units and nxt in v.time_reference:
        return True  # 十年前, 3年后: a point in time
    return r.canon == "年" and r.group == "ar" and 1800 <= r.value <= 2200 and "." not in r.core


def _measure_ahead(s: str, pos: int, in_digits: bool) -> bool:
    """Does a size with a unit of measure (or a count in digits) start at ``pos``? ``7个750千伏变电站``
    counts stations of that size (the count is a figure, the size describes what is counted),
    ``小区716个2.9万户`` gives two counts (both in digits); ``3个100``, ``三个1亿人`` and ``五个一工程``
    do not."""
    v = _vocab()
    m = v.num_re.match(s, pos)
    if m is None or m.lastgroup not in ("ar", "cn"):
        return False
    at = m.end()
    mm = v.mult_re.match(s, at)
    if mm and v.unit_re.match(s, mm.end()):
        at = mm.end()
    if v.grade_re.match(s, m.end()):
        return True
    um = v.unit_re.match(s, at)
    opening = v.base_re.match(um.group(0)) if um else None
    if opening is None:
        return False
    kind = v.units[opening.group(0)].kind
    # 改造老旧小区716个26.95万户: a second count in digits, of the same things' households
    return kind == "measure" or (in_digits and m.lastgroup == "ar" and kind == "count")


def _read_after(r: _Reading) -> bool:
    """The closing qualifier (以上 以内 左右 余 …). False for a size criterion: 亿元以上项目."""
    v, s = _vocab(), r.s
    am = v.after_re.match(s, r.pos)
    if am:
        word, after = am.group(0), am.end()
        follower = s[after:after + 1]
        opens_word = bool(follower) and follower not in _PUNCT and follower != "的"
        if word in v.criterion_words and opens_word and r.unit_kind == "measure" and not r.magnitude:
            return False  # 亿元以上项目, 3岁以下婴幼儿: a size criterion of the noun that follows
        if not (word in v.inner and opens_word):  # 多 opening a word (多措并举) is no qualifier
            r.q_after, r.pos = v.after[word], after
    elif (r.unit_kind == "measure" and not r.magnitude and s.startswith(v.criterion_nouns, r.pos)
          and (r.bare_mult or _over_before(s, r.ns))):
        return False  # 营收超千亿元企业, 5000万元项目: a size class of the noun that follows
    if r.canon in v.attribute_units and r.q_after != "~":
        follower = s[r.pos:r.pos + 1]
        if follower and follower not in _PUNCT and follower != "的":
            return False  # 2至3岁幼儿: describes who, measures nothing
    return True


def _over_before(s: str, ns: int) -> bool:
    """超 / 超过 / 逾 (an 'over' qualifier) written right before the numeral at ``ns``."""
    v = _vocab()
    qb = v.before_re.search(s, max(0, ns - 6), ns)
    return qb is not None and v.before[qb.group(0)] == ">"


def _read_before(r: _Reading, prev: _Found | None) -> _Found:
    """What is written before the numeral: per-prefix (月人均), qualifier (超过 近 约 控制在), change
    verb (增长 下降), year (2018年的); list items inherit from the item before (分别下降12.6%和9.8%)."""
    v, s = _vocab(), r.s
    head = r.ns
    per = v.per_re.search(s, max(0, head - 5), head)
    if per and r.unit_kind != "ratio":
        suffix = v.per_prefixes[per.group(0)]
        if not r.canon.endswith(suffix):
            r.canon += suffix
        head = per.start()
    qb = v.before_re.search(s, max(0, head - 6), head)
    if qb and qb.group(0) in v.bare_only and (
            not r.bare_mult or s[qb.start() - 1:qb.start()] in v.bare_verbs):
        qb = None  # 上 only before a bare multiplier (上百家), and not ending a verb (迈上千亿元)
    if qb is None and r.unit_kind == "ratio" and r.canon == "%":
        so = v.share_open_re.search(s, max(0, head - 12), head)
        if so:
            r.q_before = v.share_openers[so.group(1)]  # 约占全省的1/3: the 约 governs the share
    if qb:
        word = qb.group(0)
        r.q_before = v.before[word]
        if word in v.reaching and v.reached_re.search(s, max(0, qb.start() - 3), qb.start()):
            r.q_before = None  # 分别达到97.2%: a level reached, not a target
        if r.canon in v.time_units and r.q_before == "<~":
            r.q_before = None  # 近5年: the last five years, not "nearly"
        head = qb.start()
    level = bool(v.level_re.search(s, max(0, head - 4), head))
    direction = None if level else _direction(s, head)
    ym = _YEAR_BEFORE.search(s, max(0, head - 8), head)
    if prev is not None and v.joiner_re.match(s[prev.end:head]):
        if r.q_before is None and r.q_after is None and r.q_inner is None:
            r.q_before = prev.pre_qualifier
        direction = direction or prev.direction
    qualifier = "~" if r.by_class else _combine(r.q_before, r.q_inner or r.q_share, r.q_after)
    if r.magnitude and qualifier == "=":
        qualifier = "~"  # 千亿投资强度: a round magnitude is an order, not an exact figure
    kind = None
    if r.canon == "倍":
        kind = "growth_multiple" if direction == "increase" and not level else "level_multiple"
    return _Found(value=r.value, unit=r.canon, qualifier=qualifier, start=head, end=r.pos,
                  kind=kind, direction=direction, year=int(ym.group(1)) if ym else None,
                  pre_qualifier=r.q_before, number_start=r.ns, number_end=r.core_end, raw=r.raw,
                  ukind=r.unit_kind, mult=r.mult)


_YEAR_BEFORE = re.compile(r"((?:1[89]|20|21)\d\d)年(?:的|底|末)?$")


def _direction(s: str, head: int) -> str | None:
    """增长5% → increase, 下降4.8% → decrease: the change verb right before ``head``."""
    v = _vocab()
    if v.inc_re.search(s, max(0, head - 4), head):
        return "increase"
    if v.dec_re.search(s, max(0, head - 4), head):
        return "decrease"
    return None


def _unit_inside(s: str, a: int, b: int) -> int | None:
    """Where, in the numeral run ``s[a:b]``, a unit that starts with a multiplier begins.

    ``百万千瓦`` → at 千 (千瓦); ``1200亿千瓦时`` → at 千; ``4.4万亿元`` → None (no unit inside).
    """
    v = _vocab()
    for i in range(a, b):
        if s[i] in v.mult and v.unit_re.match(s, i):
            return i
    return None


def _combine(before: str | None, inner: str | None, after: str | None) -> str:
    """One qualifier from the words around the number: 控制在…以内 '<=', 超过…以上 '>'."""
    v = _vocab()
    if after and (before is None or after in v.after_wins or before in ("=",)):
        if before in (">", "<") and after in (">=", "<="):
            return before
        return after
    if before:
        return before
    if inner:
        return inner
    return "="


_vocab()  # load and compile the vocabularies once, at import (this module is imported lazily by callers)
