"""Units and comparison form of a text for the summary-fidelity check.

A summary and the report it retells are compared clause by clause. ``units(text)`` splits
normalised text into blocks (lines: a paragraph, a bullet, a heading), sentences (。！？) and
clauses (，；：, not 、 — an enumeration ``公园、绿道、滨水空间`` stays in one clause so a
dropped item can be seen). ``canon(...)`` gives a clause's comparison form: simplified script,
no whitespace, punctuation or markdown, abbreviations expanded, and every quantity replaced by
its value in base units (``2.5万亿元`` and ``2.5兆元`` both become ``⟦2500000000000元⟧``;
``三月五日`` becomes ``3月5日``), with a map from each character back to the text offset.

Example: ``**报告提出，新建口袋公园50个。**`` → clauses ``报告提出`` (a wrapper) and
``新建口袋公园50个``, canon ``新建口袋公园⟦50个⟧``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from checker import lexicon
from checker.clauses import CLAUSE, SENTENCE, cut
from checker.datafiles import load_data
from checker.numerals import read_integer

# Characters that never carry meaning in the comparison form: whitespace, punctuation, quotes,
# brackets, markdown and bullet markers. (Digits, letters, %, CJK stay.)
_SKIP = set(" \t\n\u3000，。、；：！？,.;:!?“”‘’\"'「」『』（）()【】[]《》<>〈〉—–-_*#>|•●○■□◆◇▪▶►·…~～/\\")
_KEEP_IN_NUMBER = set(".%/")
_BULLET = re.compile(
    r"^[ \t\u3000]*(?:#{1,6}[ \t]*|[-*+][ \t]+|[-–—]|[●•·▪■◆◇○◎►▶]"
    r"|\d{1,2}(?:[.．、)）][ \t]*|[ \t]*)(?=[\u4e00-\u9fff“《])"
    r"(?![年月日号个项万亿千百十家条米元人次倍岁届批期名余]))?"
    r"[ \t\u3000]*")
# Enumerators at the start of a clause (一是 （一） 一、 1、): structure, not wording.
_ENUMERATOR = re.compile(r"(?:[（(][一二三四五六七八九十\d]+[）)]"
                         r"|[一二三四五六七八九十]{1,3}[是、](?=[\u4e00-\u9fff“\d])"
                         r"|\d{1,2}[、.．](?!\d))")
_HEADING_LINE = re.compile(r"^[ \t\u3000]*(?:#{1,6}|\*\*.*\*\*[ \t]*$)")
_CN_DIGITS = "〇零一二三四五六七八九"
_CN_DATE = re.compile(r"([〇零一二三四五六七八九十两]{1,4})([年月日号])")
_CN_NUMERAL = "〇零一二三四五六七八九十百两"


@dataclass(frozen=True)
class Vocab:
    """``data/summary_fidelity.yaml``: wrappers and ignorable words."""

    wrapper_only: re.Pattern[str]
    wrapper_lead: re.Pattern[str]
    ignorable_insertions: frozenset[str]
    ignorable_deletions: frozenset[str]
    byline: re.Pattern[str]         # a press byline or a line naming the report: no claim
    lead_links: frozenset[str]      # 并 还 也 … before a retold clause
    trivial: frozenset[str]         # particles whose change alone is trivial
    framing: re.Pattern[str] | None = None
    spam: re.Pattern[str] | None = None
    ordinal: re.Pattern[str] | None = None  # 第十六届 / 十六届: an ordinal read as digits
    bare_ordinal_units: frozenset[str] = frozenset()


def _any_of(patterns: list[str] | None) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    raw = load_data("summary_fidelity.yaml")
    alts = "|".join(f"(?:{w})" for w in raw["wrappers"])
    return Vocab(
        wrapper_only=re.compile(rf"^(?:{alts})+$"),
        wrapper_lead=re.compile(rf"^(?:{alts})+"),
        ignorable_insertions=frozenset(raw.get("ignorable_insertions") or ()),
        ignorable_deletions=frozenset(raw.get("ignorable_deletions") or ()),
        byline=re.compile("|".join(raw["byline_patterns"])),
        lead_links=frozenset(raw["lead_links"]),
        trivial=frozenset(raw["trivial_particles"]),
        framing=_any_of(raw.get("framing")),
        spam=_any_of(raw.get("spam_in_brackets")),
        bare_ordinal_units=frozenset(raw.get("bare_ordinal_units") or ()),
        ordinal=_ordinal_pattern(raw.get("ordinal_units") or (), raw.get("bare_ordinal_units") or ()),
    )


def _ordinal_pattern(units: Sequence[str], bare: Sequence[str]) -> re.Pattern[str] | None:
    """``第`` + Chinese numeral + a unit of ``units`` (第十六届, 第三次, 第二个), or the numeral + a unit
    of ``bare`` without 第 (十四届): group 1 the numeral, group 2 the unit."""
    if not units and not bare:
        return None
    n = f"[{_CN_NUMERAL}]{{1,4}}"
    alts = []
    if units:
        alts.append(f"(?<=第)({n})({'|'.join(map(re.escape, units))})")
    if bare:
        alts.append(f"(?<![{_CN_NUMERAL}第])({n})({'|'.join(map(re.escape, bare))})")
    return re.compile("|".join(f"(?:{a})" for a in alts))


def _is_ordinal(text: str, q) -> bool:
    """Is quantity ``q`` an ordinal: after 第 (第3次), or a ``bare_ordinal_units`` count (十四届)?"""
    pattern = vocab().ordinal
    if pattern is None:
        return False
    return (q.start > 0 and text[q.start - 1] == "第" and pattern.match(text, q.start) is not None) \
        or q.unit in vocab().bare_ordinal_units


def _ordinal_at(text: str, i: int) -> tuple[int, str] | None:
    """The ordinal starting at ``text[i]`` read with digits: ``第十六届`` at the 十 → ``(end, "16届")``."""
    pattern = vocab().ordinal
    m = pattern.match(text, i) if pattern is not None else None
    if m is None:
        return None
    numeral, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    n = read_integer(numeral)
    return (m.end(), f"{n}{unit}") if n is not None else None


def is_framing(clause: Clause) -> bool:
    """Does the clause only frame the retelling (dateline, byline, attribution, meeting context,
    source note)? ``新京报讯（记者王明）3月5日上午`` → True; ``国内生产总值增长5%`` → False."""
    pattern = vocab().framing
    return pattern is not None and bool(pattern.search(clause.canon))


# Noise of real copies, blanked before reading (same length, so offsets hold):
# spam in brackets (左【下载APP看全文】右), pinyin glosses (報(bào)告), ``**`` censoring/bold, and English
# glosses of a bilingual text (``(around 5%)``, ``GDP target``): only the Chinese parts are compared.
_BRACKETED = re.compile(r"【[^【】\n]{1,40}】|《[^《》\n]{1,40}》")
# a byline in brackets (（记者 王明）, 〔記者王明／綜合報導〕, 【大公報訊】): who wrote it, not what
_BYLINE = re.compile(r"[（(〔【][ \t]*(?:记者|通讯员)[^（）()〔〕【】\n]{0,30}[）)〕】]"
                     r"|【[^【】\n]{0,20}(?:讯|报道|报导)】")
_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ]{1,8}[)）]")
_STARS = re.compile(r"\*\*+")
_LATIN_BRACKET = re.compile(r"[(（][^()（）\u4e00-\u9fff\n]*[A-Za-z]{2}[^()（）\u4e00-\u9fff\n]*[)）]")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.,%+\-/$&: \t]*")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _english(run: str) -> bool:
    """A run of Latin text that is prose (``Last year``, ``Deficit``), not an abbreviation (GDP, PM2.5)."""
    words = _WORD.findall(run)
    return len(words) >= 2 or any(len(w) >= 4 and not w.isupper() for w in words)


def mask_noise(text: str) -> str:
    """``text`` with noise blanked (same length).

    ``增长7%左【下载APP看全文】右`` → ``增长7%左           右``; ``報(bào)告`` → ``報     告``.
    """
    return _masked(text)[0]


def _masked(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with noise blanked, and the spans of spam spliced into it (they may split a figure)."""
    chars = list(text)
    spliced: list[tuple[int, int]] = []

    def blank(a: int, b: int) -> None:
        chars[a:b] = " " * (b - a)

    spam = vocab().spam
    for m in _BRACKETED.finditer(text):
        if spam is not None and spam.search(m.group(0)):
            blank(m.start(), m.end())
            spliced.append((m.start(), m.end()))
    for pattern in (_BYLINE, _PINYIN, _STARS, _LATIN_BRACKET):
        for m in pattern.finditer(text):
            blank(m.start(), m.end())
    for m in _LATIN_RUN.finditer("".join(chars)):
        if _english(m.group(0)):
            blank(m.start(), m.end())
    return "".join(chars), spliced


@dataclass
class Clause:
    """One clause: ``[start, end)`` of the document text, its block and sentence numbers."""

    index: int
    start: int
    end: int
    block: int
    sentence: int
    heading: bool = False        # the block is a heading / title line
    bullet: bool = False         # the block is a list item
    ends_sentence: bool = False  # the clause closes its sentence with 。！？
    ends_block: bool = False
    canon: str = ""
    origin: list[int] = field(default_factory=list)  # text offset of each canon character
    lead: int = 0                # canon characters of a leading wrapper (报告提出 …)
    quantities: list = field(default_factory=list)   # Quantity objects inside the clause


def split_clauses(text: str) -> list[Clause]:
    """Clauses of normalised ``text``, with block (line) and sentence numbers.

    ``一、回顾\\n全市增长6.1%，约2.5万亿元。`` → ``一、回顾`` (heading), ``全市增长6.1%``,
    ``约2.5万亿元``.
    """
    out: list[Clause] = []
    pos = 0
    sentence = 0
    for block, line in enumerate(text.split("\n")):
        base = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        heading = bool(_HEADING_LINE.match(line))
        m = _BULLET.match(line)
        marker = m.group(0).strip() if m else ""
        # a symbol marks a list item; a number (``8 高质量实施…``) marks a numbered title or item
        bullet = bool(marker) and not marker[0].isdigit()
        i = m.end() if m else 0
        start = base + i
        first_in_block = len(out)
        for piece in cut(text, start, base + len(line), CLAUSE, dash=True):
            a, b = _trim(text, piece.start, piece.end)
            ends_sentence = bool(piece.mark) and piece.mark in SENTENCE
            if b > a:
                out.append(Clause(len(out), a, b, block, sentence, heading, bullet,
                                  ends_sentence=ends_sentence))
            if ends_sentence:
                sentence += 1
        sentence += 1
        if len(out) > first_in_block:
            out[-1].ends_block = True
            # a short line without any sentence punctuation is a title, as is a markdown heading
            body = line[i:].strip()
            if not heading and len(body) <= 40 and not any(c in body for c in "。；;"):
                heading = not bullet and len(out) - first_in_block <= 3
            for c in out[first_in_block:]:
                c.heading = heading
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _SKIP and text[a] not in "（(“‘「《":
        a += 1
    while b > a and text[b - 1] in _SKIP and text[b - 1] not in "%":
        b -= 1
    return a, b


_SYMBOLS: dict[str, str] = {}
_SYMBOL_BASE = 0xF0000  # Supplementary Private Use Area-A: never in real text


def quantity_key(q) -> str:
    """A quantity as compared: value in base units and unit (``2.5万亿元`` → ``2.5e+12|元``)."""
    return f"{q.value:.9g}|{q.unit}"


def quantity_symbol(q) -> str:
    """One private-use character standing for the quantity's value and unit.

    Equal quantities get the same symbol whatever their spelling (``2.5万亿元``, ``2.5兆元``,
    ``44000亿元``), so alignment and diff see a number as one token.
    """
    key = quantity_key(q)
    sym = _SYMBOLS.get(key)
    if sym is None:
        sym = chr(_SYMBOL_BASE + len(_SYMBOLS) % 65000)
        _SYMBOLS[key] = sym
    return sym


def is_symbol(ch: str) -> bool:
    return ord(ch) >= _SYMBOL_BASE


def canon(text: str, match_text: str, clause: Clause, quantities: list) -> None:
    """Fill ``clause.canon``/``origin``/``lead``/``quantities`` (see the module docstring)."""
    chars: list[str] = []
    origin: list[int] = []
    qs = sorted((q for q in quantities if clause.start <= q.start < clause.end), key=lambda q: q.start)
    clause.quantities = qs
    qi = 0
    i = clause.start
    end = clause.end
    m = _ENUMERATOR.match(match_text, i, end)
    if m:
        i = m.end()
    while i < end:
        if qi < len(qs) and i >= qs[qi].start:
            q = qs[qi]
            qi += 1
            if q.end <= i:
                continue
            # the whole quantity (qualifier words included) becomes one symbol; qualifiers are
            # compared on the Quantity itself
            chars.append(quantity_symbol(q))
            origin.append(q.start)
            i = max(q.end, i + 1)
            continue
        ch = match_text[i]
        ordinal = _ordinal_at(match_text, i) if ch in _CN_NUMERAL else None
        if ordinal is not None:
            chars.extend(ordinal[1])
            origin.extend([i] * len(ordinal[1]))
            i = ordinal[0]
            continue
        m = _CN_DATE.match(match_text, i) if ch in _CN_DIGITS + "十两" else None
        if m and not (i > 0 and match_text[i - 1] in _CN_DIGITS + "十第"):
            n = read_integer(m.group(1))
            if n is not None:
                s = f"{n}{m.group(2)}"
                chars.extend(s)
                origin.extend([i] * len(s))
                i = m.end()
                continue
        if ch not in _SKIP or (ch in _KEEP_IN_NUMBER and i + 1 < end and match_text[i + 1].isdigit()
                               and i > 0 and match_text[i - 1].isdigit()):
            chars.append(ch)
            origin.append(i)
        i += 1
    s = "".join(chars)
    s, origin = _expand_names(s, origin)
    clause.canon = s
    clause.origin = origin
    m = vocab().wrapper_lead.match(s)
    clause.lead = m.end() if m else 0


def _expand_names(s: str, origin: list[int]) -> tuple[str, list[int]]:
    """Abbreviations → full form (GDP → 地区生产总值; 国内生产总值 → 地区生产总值 too, the comparison's
    reach), each new character mapped to the abbreviation."""
    chars: list[str] = []
    where: list[int] = []
    pos = 0
    for a, b, full in lexicon.rewrites(s, lexicon.COMPARED):
        chars.append(s[pos:a])
        where.extend(origin[pos:a])
        chars.append(full)
        where.extend([origin[a]] * len(full))
        pos = b
    if not pos:
        return s, origin
    chars.append(s[pos:])
    where.extend(origin[pos:])
    return "".join(chars), where


def is_wrapper_only(clause: Clause) -> bool:
    """Does the clause consist only of an attribution/linking wrapper (报告提出，同时，)?"""
    return bool(clause.canon) and bool(vocab().wrapper_only.match(clause.canon))


def prepare(text: str, match_text: str | None = None, quantities: list | None = None) -> list[Clause]:
    """Clauses of normalised ``text`` with their comparison forms; ``quantities`` are the
    document's (its analysis), read here when not given."""
    match_text = match_text if match_text and len(match_text) == len(text) else text
    if quantities is None:
        from checker.quantities import find_quantities

        # on the simplified form (same length, same offsets): 萬/億/約 read like 万/亿/约
        quantities = find_quantities(match_text)
    # an ordinal (第16届, 十四届) names a congress or a session: words to compare, not a figure
    quantities = [q for q in quantities if not _is_ordinal(match_text, q)]
    masked, spliced = _masked(match_text)
    if masked != match_text:
        # figures inside noise (an English gloss) are not the text's; a figure split by spam is
        # read again around the splice
        quantities = [q for q in quantities if masked[q.start] != " "]
        for a, b in spliced:
            quantities = _read_across(masked, a, b, quantities)
        match_text = masked
    clauses = split_clauses(text)
    qi = 0
    for c in clauses:
        while qi < len(quantities) and quantities[qi].start < c.start:
            qi += 1
        k = qi
        mine = []
        while k < len(quantities) and quantities[k].start < c.end:
            mine.append(quantities[k])
            k += 1
        canon(text, match_text, c, mine)
    return _merge_lone_figures(text, match_text, clauses)


SPLICE_CONTEXT = 16  # characters read on each side of spliced spam (a figure and its qualifier)


def _read_across(masked: str, a: int, b: int, quantities: list) -> list:
    """``quantities`` with the figures around the spam at ``masked[a:b]`` read as if it were not
    there (``5.53万【广告】亿元`` is 5.53万亿元, ``7%左【…】右`` is 7%左右); offsets index the text."""
    from dataclasses import replace

    from checker.quantities import find_quantities

    lo, hi = max(0, a - SPLICE_CONTEXT), min(len(masked), b + SPLICE_CONTEXT)
    where = [i for i in range(lo, hi) if not a <= i < b]
    window = "".join(masked[i] for i in where)
    crossing = []
    for q in find_quantities(window):
        start, end = where[q.start], where[q.end - 1] + 1
        if start < a < end:
            crossing.append(replace(q, start=start, end=end))
    if not crossing:
        return quantities
    kept = [q for q in quantities if not any(q.start < c.end and c.start < q.end for c in crossing)]
    return sorted(kept + crossing, key=lambda q: q.start)


def _merge_lone_figures(text: str, match_text: str, clauses: list[Clause]) -> list[Clause]:
    """A clause that is only a figure continues the clause before it in its sentence.

    ``GDP增长目标：6%以上`` is one claim (the figure is the target's value), not a title and a
    stray number: compared alone, the figure has no words to be aligned by.
    """
    out: list[Clause] = []
    for c in clauses:
        prev = out[-1] if out else None
        lone = c.quantities and all(is_symbol(ch) for ch in c.canon[c.lead:])
        if lone and prev is not None and prev.block == c.block and prev.sentence == c.sentence \
                and not prev.ends_sentence:
            prev.end = c.end
            prev.ends_sentence, prev.ends_block = c.ends_sentence, c.ends_block
            canon(text, match_text, prev, prev.quantities + c.quantities)
            continue
        out.append(c)
    for k, c in enumerate(out):
        c.index = k
    return out


@lru_cache(maxsize=1)
def _variants() -> dict[str, frozenset[str]]:
    """Simplified character → its traditional forms, from OpenCC's STCharacters.txt.

    Character-level traditional→simplified conversion cannot undo a one-to-many mapping
    (复 → 復/複/覆): 覆 stays 覆. Such pairs are the same word, not a substitution.
    """
    from importlib.resources import files

    table: dict[str, set[str]] = {}
    back: dict[str, set[str]] = {}     # traditional form → simplified characters
    # Taiwan and Hong Kong standard variants too (着 → 著, 衛 → 衞): the same character
    for name in ("STCharacters.txt", "TWVariants.txt", "HKVariants.txt"):
        data = files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
        for line in data.splitlines():
            parts = line.split("\t")
            if len(parts) == 2 and len(parts[0]) == 1:
                key, forms = parts[0], set(parts[1].split())
                for simple in back.get(key, set()) | {key}:
                    table.setdefault(simple, set()).update(forms)
                for f in forms:
                    back.setdefault(f, set()).update(back.get(key, set()) | {key})
    return {k: frozenset(v) for k, v in table.items()}


def same_in_script(summary_words: str, report_words: str) -> bool:
    """Are the two strings the same up to traditional/simplified variants (答覆 = 答复)?"""
    if len(summary_words) != len(report_words) or not summary_words:
        return False
    v = _variants()
    return all(a == b or a in v.get(b, ()) or b in v.get(a, ())
               for a, b in zip(summary_words, report_words, strict=True))

