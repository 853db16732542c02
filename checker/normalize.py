"""Normalise decoded text and keep a map back to the raw offsets.

``normalize(raw)`` repairs what PDF extraction and careless typing do to Chinese text:

* line breaks inside words and numbers are joined (``城镇新增就业 26.3⏎⏎万人`` →
  ``城镇新增就业26.3万人``), real paragraph breaks become one ``\\n``;
* stray spaces next to Chinese characters are dropped (``约 4.4 万亿元`` → ``约4.4万亿元``,
  ``5G 基站`` → ``5G基站``), a space between two Latin words or numbers stays;
* full-width digits, letters, ``％`` and ``．`` become ASCII; ``6,000`` / ``6，000`` → ``6000``;
* a BOM, zero-width characters and ``\\r`` go.

Everything else stays as written (Chinese punctuation, traditional characters). The second
return value gives, for every normalised character (plus one trailing entry), its offset in
``raw``, so a finding can cite the user's file.

Line joining decides from the layout of the document itself, never from its words:

* blank lines used selectively mark paragraphs; after (nearly) every line, as in text extracted
  from a PDF, they carry no information;
* the typical full line width, learnt from the lines that end mid-sentence (PDF text is wrapped
  at one width); a line shorter than that ends its paragraph (headings, title lines, last lines);
* a line ending a sentence (。！？：, or ； unless the line is full) ends its paragraph; one ending
  in ，、 never does;
* a line starting with a heading or list marker (一、 （一） ** # - ●, full-width indentation)
  starts a paragraph; weaker marks (一是 1、 ——) do unless the line before is full and unfinished;
* a heading line wraps onto at most one short line (…向好态⏎势); a title block (short lines
  without punctuation before the first sentence) stays line by line;
* a snippet of two or three lines is too short to learn a layout from: its breaks are soft.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

# --- character level -------------------------------------------------------------------------

_DROP = {"\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"}
# Full-width ASCII variants that carry numbers and Latin words (digits, letters, % and the
# full-width full stop used as a decimal point). Other full-width punctuation is Chinese
# punctuation and stays as written.
_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}          # ０-９
_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})     # Ａ-Ｚ
_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})     # ａ-ｚ
_FOLD.update({"％": "%", "．": ".", "\u00a0": " ", "\t": " ", "\u2002": " ", "\u2003": " ",
              "\u2009": " ", "\u202f": " ", "\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})

_WS = " \u3000"  # in-line whitespace after folding (ideographic space kept for indentation)
_WS_RUN = re.compile(f"[{_WS}]+")
# What _fold drops: the characters of _DROP, and the \r of \r\n (a lone \r is a line break).
_DROPPED = re.compile("[" + "".join(sorted(_DROP)) + "]|\r(?=\n)")
_FOLD_TABLE = str.maketrans({**_FOLD, "\r": "\n"})
# The characters _FOLD_TABLE rewrites: a report holds a handful, so replacing the matches is far
# cheaper than ``str.translate`` looking up each of its hundreds of thousands of characters.
_TO_FOLD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD_TABLE)) + "]")

# --- line level ------------------------------------------------------------------------------

# A line that ends one of these (optionally followed by closing quotes/brackets) ends a sentence.
_TERMINAL = re.compile(r"(?:[。！？：；…!?;:]|\*\*)[”’」』）)】》\"'*]*$")
# A semicolon ends a clause, rarely a paragraph: a full wrapped line ending in ； runs on.
_SEMICOLON_END = re.compile(r"[；;][”’」』）)】》\"']*$")
# Marks that begin a new block when they start a line: 一、 （一） (1) ① 第一章 ** # - ● •
# and full-width indentation.
_CN_NUM = "一二三四五六七八九十百零〇两"
_BLOCK_START = re.compile(
    rf"""^(?:
        [{_CN_NUM}]+[、．.]                 # 一、
      | [（(][{_CN_NUM}\d]+[）)]            # （一） (1)
      | [①-⑳⑴-⒇❶-❿]                      # ①
      | 第[{_CN_NUM}\d]+[章节部分篇条]       # 第一章
      | \*\* | \#{{1,6}}\s | >\s? | \|      # markdown bold heading, heading, quote, table
      | [-*+·]\s | [•●○■□◆◇▪▶►]            # bullets
    )""",
    re.VERBOSE,
)
# Weaker marks (一是 1、 1. ——): they start a paragraph, unless the line before is a full,
# unfinished line of wrapped text — then "…地铁⏎2、3号线" is one sentence running on.
_WEAK_START = re.compile(rf"^(?:[{_CN_NUM}]{{1,3}}是(?![的否])|\d{{1,3}}(?:[、)）]|\.(?!\d))|——)")
# Markers of a stand-alone heading (a heading line, not a run-in "一是…" lead).
_HEADING_MARK = re.compile(rf"^(?:[{_CN_NUM}]+、|[（(][{_CN_NUM}\d]+[）)]|第[{_CN_NUM}\d]+[章节部分篇])")
_RUN_IN_TAIL = re.compile(r"^([^，、；：,;:。！？]*)[。！？]")  # text up to a first full stop, no comma
_INDENT = re.compile(r"^(?:\u3000|\s*\t| {2,})")
_HEADING_LINE = re.compile(r"^#{1,6}\s")  # a markdown heading is always one line
# A line-initial marker whose following space is markup, not a stray space (# 标题, - 条目, ● 条目).
_LEAD_MARK = re.compile(r"^(?:#{1,6}|[-*+>•●○■□◆◇▪▶►·])$")
_CLAUSE_PUNCT = re.compile(r"[，。；！？：、,;!?]")
_OPEN_END = re.compile(r"[，、,（(“‘《【—\-]$")  # a line ending like this cannot end a paragraph
# Nor can a line start with closing or clause punctuation (typesetting never puts it first).
_NUMBER_END = re.compile(r"\d[.．]?$")
_MULTIPLIER_START = re.compile(r"^[万亿千百%％‰]")
_CLOSED_START = re.compile(r"^[，。、；：！？,;:!?”’」』）)】》%]")

# Thousands separators: 6,000 / 6，000 / 1,234,567 (but not the list 1,2 nor 2021，2022).
_THOUSANDS = re.compile(r"(?<![\d.,，])\d{1,3}(?:[,，]\d{3})+(?![\d]|[,，]\d)")


_DEFAULT_WIDTH = 33.0  # em: a Chinese A4 page set in 小四/四号 holds 30–38 characters per line


_HALF_WIDTH = re.compile("[\x00-\u10ff]")  # below the CJK blocks: ASCII, Latin, Greek… (— and … are above)


def _width(s: str) -> float:
    """Display width in em: CJK and full-width characters 1, ASCII (half-width) ½."""
    return len(s) - 0.5 * len(_HALF_WIDTH.findall(s))


class _Builder:
    """Normalised text under construction: non-empty pieces of text (whole runs of a line, not
    one string per character: a report is hundreds of thousands of them) and, per character,
    its raw offset."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.origin: list[int] = []

    def add(self, ch: str, off: int) -> None:
        self.pieces.append(ch)
        self.origin.append(off)

    def copy(self, run: str, origin: list[int]) -> None:
        """Append ``run`` whose characters came from the raw offsets ``origin``."""
        if run:
            self.pieces.append(run)
            self.origin.extend(origin)


def _fold(raw: str) -> tuple[str, list[int]]:
    """BOM/zero-width out, \\r\\n → \\n, full-width ASCII variants folded (one char → one char).

    Whole runs between dropped characters are copied and translated at once (a report is
    hundreds of thousands of characters: no Python step per character)."""
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _DROPPED.finditer(raw):
        pieces.append(raw[last:m.start()])
        origin.extend(range(last, m.start()))
        last = m.end()
    pieces.append(raw[last:])
    origin.extend(range(last, len(raw)))
    return _TO_FOLD.sub(lambda m: _FOLD_TABLE[ord(m.group())], "".join(pieces)), origin


def _wrap_width(lines: list[str]) -> float | None:
    """The document's full line width, if its lines are hard-wrapped at one width.

    Lines that end mid-sentence are the wrapped ones. The page width is a cluster of them
    (±1 em) that is also a ceiling: wrapped lines cannot be wider, so few lines exceed it
    (only whole paragraphs that the extractor already joined). ``None`` when there is none.
    """
    widths = [round(_width(s)) for s in lines if _width(s) >= 12 and not _TERMINAL.search(s)]
    if len(widths) < 3:
        return None
    hist = Counter(widths)
    # A paragraph's last line (ending a sentence) is no wider than the page either: short title
    # lines of a text whose paragraphs are single long lines are no page width.
    every = Counter(round(_width(s)) for s in lines if _width(s) >= 12)
    best, best_count = None, 0
    for w in sorted(hist):
        count = hist[w - 1] + hist[w] + hist[w + 1]
        wider = sum(n for v, n in every.items() if v > w + 1)
        if count < 3 or count < 0.15 * len(widths) or 2 * wider > count:
            continue
        if count >= best_count:
            best, best_count = w, count
    return None if best is None else float(best)


def _latin_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


@lru_cache(maxsize=1024)
def _starts_block(line: str) -> bool:
    return bool(_BLOCK_START.match(line.lstrip(" ")) or _INDENT.match(line))


def _decide_joins(lines: list[str], blank_before: list[bool]) -> list[bool]:
    """For each line after the first: True = continue the previous line, False = new paragraph.

    ``lines`` are the non-empty lines as found (leading indentation kept, for the marker test);
    ``blank_before[i]`` says whether blank lines separate line ``i`` from line ``i-1``.
    """
    stripped = [s.strip(_WS) for s in lines]
    n = len(lines)
    pairs = n - 1
    # Blank lines after most lines carry no information (PDF extraction output).
    # Used selectively, they are paragraph breaks and are never joined.
    blanks_meaningless = pairs > 0 and sum(blank_before[1:]) >= 0.7 * pairs
    measured = _wrap_width(stripped)
    tiny = n <= 3 and measured is None  # too little text to learn a layout from (a snippet)
    wrap, full_share = measured, 0.8
    if wrap is None and blanks_meaningless and not tiny:
        # Text extracted from a PDF (a blank line after every line) whose own lines are too few or
        # too uneven to show the page width: assume a common A4 width, and ask more of a "full" line.
        wrap, full_share = _DEFAULT_WIDTH, 0.9
    first_sentence = next((i for i, s in enumerate(stripped) if _CLAUSE_PUNCT.search(s)), n)

    full = full_share * wrap if wrap else 0.0
    joins = [False]
    for i in range(1, n):
        prev, nxt = stripped[i - 1], stripped[i]
        terminal = bool(_TERMINAL.search(prev))
        if terminal and wrap and _SEMICOLON_END.search(prev) and _width(prev) >= full:
            terminal = False
        hard_break = (blank_before[i] and not blanks_meaningless) or terminal
        if _NUMBER_END.search(prev) and _MULTIPLIER_START.match(nxt):
            join = True  # 达到74.4⏎⏎万亿元: a number is never cut from its multiplier, blank lines or not
        elif hard_break or _starts_block(lines[i]) or _HEADING_LINE.match(prev):
            join = False
        elif _OPEN_END.search(prev) or _CLOSED_START.match(nxt):
            join = True  # …，⏎ or ⏎。… continues, whatever the width
        elif _WEAK_START.match(nxt):
            join = wrap is not None and _width(prev) >= full
        elif tiny:
            # A snippet: breaks are soft unless the previous line is a heading.
            join = not _starts_block(lines[i - 1])
        elif wrap is None:
            join = False  # not a wrapped text: a line is a paragraph
        elif _HEADING_MARK.match(prev) and "。" not in prev:
            # A heading line wraps at most onto one short, unfinished line (…向好态⏎势), or a
            # run-in heading's sentence ends early on the next line (…首都功⏎能。坚持…);
            # otherwise a full next line is the body that follows the heading.
            tail = _RUN_IN_TAIL.match(nxt)
            join = _width(prev) >= full and (
                (_width(nxt) < full and not _TERMINAL.search(nxt))
                or (tail is not None and _width(tail.group(1)) <= 0.25 * wrap)
            )
        else:
            # A run of short unpunctuated lines before the first sentence is a title block
            # (title, date line, speaker); never glue its lines together.
            title_block = i - 1 < first_sentence and not _CLAUSE_PUNCT.search(prev) and (
                not _CLAUSE_PUNCT.search(nxt) and _width(nxt) < full
            )
            join = _width(prev) >= full and not title_block
        joins.append(join)
    return joins


def _reflow(text: str, origin: list[int], keep_lines: bool) -> tuple[str, list[int]]:
    """Join soft line breaks, make paragraph breaks one ``\\n``, drop stray in-line spaces."""
    raw_lines = text.split("\n")
    starts: list[int] = []
    pos = 0
    for line in raw_lines:
        starts.append(pos)
        pos += len(line) + 1

    lines: list[str] = []
    line_starts: list[int] = []
    blank_before: list[bool] = []
    seen_blank = False
    for line, st in zip(raw_lines, starts, strict=True):
        if not line.strip(_WS):
            seen_blank = True
            continue
        lines.append(line)
        line_starts.append(st)
        blank_before.append(seen_blank)
        seen_blank = False
    if not lines:
        return "", [origin[-1] if origin else 0]

    joins = [False] * len(lines) if keep_lines else _decide_joins(lines, blank_before)
    b = _Builder()
    for idx, (line, st) in enumerate(zip(lines, line_starts, strict=True)):
        lead = len(line) - len(line.lstrip(_WS))
        content = line.strip(_WS)
        if idx > 0:
            nl = origin[st - 1]  # the newline that ended the previous line
            if not joins[idx]:
                b.add("\n", nl)
            elif b.pieces and _latin_letter(b.pieces[-1][-1]) and _latin_letter(content[0]):
                b.add(" ", nl)  # two Latin words broken across lines stay two words
        _add_line(b, content, st + lead, origin)
    b.origin.append(origin[-1])
    return "".join(b.pieces), b.origin


def _add_line(b: _Builder, content: str, offset: int, origin: list[int]) -> None:
    """Copy one line, keeping a space only between two ASCII words/numbers (the runs between
    spaces are copied whole)."""
    n = len(content)
    i = 0
    for m in _WS_RUN.finditer(content):
        start, j = m.start(), m.end()
        b.copy(content[i:start], origin[offset + i:offset + start])
        left = content[start - 1] if start > 0 else ""
        right = content[j] if j < n else ""
        if left and right and (
            (left.isascii() and right.isascii()) or (start <= 6 and _LEAD_MARK.match(content[:start]))
        ):
            b.add(" ", origin[offset + start])
        i = j
    b.copy(content[i:], origin[offset + i:offset + n])


def _drop_thousands(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """``6,000`` → ``6000``: remove thousands separators (offsets of the digits kept)."""
    if "," not in text and "，" not in text:
        return text, origin
    keep = [True] * len(text)
    for m in _THOUSANDS.finditer(text):
        for k in range(m.start(), m.end()):
            if text[k] in ",，":
                keep[k] = False
    if all(keep):
        return text, origin
    chars = [c for c, k in zip(text, keep, strict=True) if k]
    new_origin = [o for o, k in zip(origin, [*keep, True], strict=True) if k]
    return "".join(chars), new_origin


def normalize(raw: str, *, keep_lines: bool = False) -> tuple[str, list[int]]:
    """Normalise ``raw``; return the text and, per character (+1 trailing), its offset in ``raw``.

    ``keep_lines``: every line is a paragraph (the format says where paragraphs end: HTML
    blocks, .docx paragraphs), so no line is joined to the next.

    >>> normalize("增长 6.1%、约 2.3 万亿元")[0]
    '增长6.1%、约2.3万亿元'
    """
    text, origin = _fold(raw)
    origin.append(len(raw))
    text, origin = _reflow(text, origin, keep_lines)
    return _drop_thousands(text, origin)


# --- traditional → simplified ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Character table from OpenCC's TSCharacters.txt (first candidate of each entry)."""
    from importlib.resources import files

    table: dict[int, str] = {}
    data = files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    for line in data.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or len(parts[0]) != 1:
            continue
        target = parts[1].split()[0] if parts[1].split() else ""
        if len(target) == 1 and target != parts[0]:
            table[ord(parts[0])] = target
    return table


@lru_cache(maxsize=1)
def _traditional() -> re.Pattern[str]:
    """A character the table would rewrite, or any character beyond the BMP.

    Most reports hold no traditional character, and finding that out with one character class is
    some thirty times cheaper than ``str.translate`` looking every character up. The class holds
    the BMP keys only: a class with astral characters in it is matched by a slow linear scan, so
    an astral character of any kind sends the text to ``translate``."""
    keys = "".join(re.escape(chr(c)) for c in sorted(_t2s_table()) if c <= 0xFFFF)
    return re.compile(f"[{keys}\U00010000-\U0010FFFF]")


def to_simplified(text: str) -> str:
    """Traditional → simplified, character by character (same length, so offsets still hold).

    >>> to_simplified("經濟增長")
    '经济增长'
    """
    if _traditional().search(text) is None:
        return text  # nothing to rewrite (the common case: a simplified text)
    return text.translate(_t2s_table())
