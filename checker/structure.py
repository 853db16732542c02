"""Structure: headings, section roles and years, sentences and clauses.

``structure(doc)`` fills ``doc.sections``, ``doc.sentences`` and ``doc.clauses`` of a normalised
``Document`` (and ``doc.meta.year`` when the manifest left it out).

Headings recognised (one line each; indentation and bullet markers ignored):

- ``一、2023 年工作回顾`` / ``第一部分 …``  level 1
- ``（一）着力扩大有效需求，…`` / ``(一)…``  level 2 (run-in: the title ends at the first 。)
- ``一是加快培育新兴产业集群，…。`` / ``（1）…``  level 3 (run-in)
- ``# …`` markdown (level = number of #), ``**…**`` whole bold lines (level 2)
- digest titles: a short line standing alone between blank lines (``消费市场稳步回暖``, level 2);
  numbered digest items ``1 推动科技创新提速,…`` (level 3)
- a paragraph's short first sentence (``深化健康城市建设。严格…``): topic heading, level 4
- part titles made only of a year and a cue (``回顾2024年``, ``展望2025年``, ``2025年重点任务``)
  are level 1 whatever their markup, and so are such a part title with a headline after a
  colon (``一年来：主要经济指标好于预期``) and a marked-up subheading of only a year and cue words
  naming another year than the open part (``**2024年主要预期目标**`` after ``**2023年成绩单**``).

Roles (``review`` / ``plan`` / ``targets`` / ``other``) and years come from the top-level
section titles, with the cue words of ``checker/data/sections.yaml``; subsections inherit them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.clauses import ITEM, spans
from checker.datafiles import load_data
from checker.model import OTHER, PLAN, REVIEW, TARGETS, Document, Section, Span
from checker.numerals import read_digits
from checker.structure_parts import refine_parts

_CN_NUM = "一二三四五六七八九十百"
_INDENT = re.compile(r"[ \t\u3000\xa0]*")
_BULLET = re.compile(r"(?:[-*+](?=[ \t])|[●•·▪■◆◇○◎►▶])[ \t\u3000]*")
_MD_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t#]*$")
_BOLD_LINE = re.compile(r"(\*\*|__)(.+?)\1[ \t]*$")
_PART0 = re.compile(rf"第[{_CN_NUM}]+(?:部分|章|篇)")
_PART1 = re.compile(rf"[{_CN_NUM}]+、")
_PART2 = re.compile(rf"[（(][{_CN_NUM}]+[）)]")
_PART3 = re.compile(rf"[{_CN_NUM}]+是(?=[\u4e00-\u9fff“])|[（(]\d{{1,2}}[）)]")
# ``1 推动科技创新提速`` / ``2.聚力…``: a list number, not a quantity (16个 / 3号线 / 2月)
_NUMBERED = re.compile(
    r"\d{1,2}(?:[.．、)）][ \t]*|[ \t]*)(?=[\u4e00-\u9fff“《])"
    r"(?![年月日号个项万亿千百十家条米元人次倍岁届批期名])"
)
_SENT_END = re.compile(r"[。！？!?][”’」』）)]*")
_NO_TITLE = re.compile(r"[。！？!?；;：:]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR_ARABIC = re.compile(r"(?<!\d)((?:19|20)\d{2})[ \t]*(?:年|—|-|–|～|~|至)")
_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})[ \t]*[—\-–～~至][ \t]*((?:19|20)\d{2})[ \t]*年")
_YEAR_CN = re.compile(r"([〇零一二三四五六七八九]{4})[ \t]*年")
# a delivery date line: ——2024年1月23日在… / 二〇二五年一月十五日在…
_DATE_LINE = re.compile(
    r"(?:^|\n)[ \t\u3000—－-]*((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})[ \t]*年[ \t]*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*月"
)

SHORT_TITLE_MAX = 40   # digest titles are short; longer standalone lines are paragraphs
TOPIC_MAX = 20         # a paragraph's first sentence this short, without commas, is its topic


@dataclass(frozen=True)
class _Vocab:
    review: tuple[str, ...]
    plan: tuple[str, ...]
    targets: tuple[str, ...]
    relative: dict[str, int]
    past_five: tuple[str, ...]
    next_five: tuple[str, ...]
    plans: dict[str, tuple[int, int]]
    plan_aliases: dict[str, str]
    part: tuple[str, ...]
    filler: tuple[str, ...]


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    """The cue words of ``data/sections.yaml`` (loaded once)."""
    raw = load_data("sections.yaml")
    return _Vocab(
        review=tuple(raw["review"]),
        plan=tuple(raw["plan"]),
        targets=tuple(raw["targets"]),
        relative=dict(raw["relative_years"]),
        past_five=tuple(raw["past_five_years"]),
        next_five=tuple(raw["next_five_years"]),
        plans={k: (int(v[0]), int(v[1])) for k, v in raw["five_year_plans"].items()},
        plan_aliases=dict(raw["five_year_plan_aliases"]),
        part=tuple(sorted(raw["part_words"], key=len, reverse=True)),
        filler=tuple(sorted(raw["part_title_filler"], key=len, reverse=True)),
    )


# ---------------------------------------------------------------- lines and headings


@dataclass
class _Line:
    start: int        # offset of the content (after indentation, bullet, markup)
    end: int          # offset of the end of the content
    line_end: int     # offset of the newline (or end of text)
    content: str
    bullet: bool = False
    markup: str = ""  # "md" (# heading) | "bold" | ""
    md_level: int = 0


def _lines(text: str) -> list[_Line]:
    """Non-empty lines with their content offsets; markup and bullet markers stripped."""
    out: list[_Line] = []
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl == -1:
            nl = n
        raw = text[pos:nl]
        if raw.strip():
            indent = _INDENT.match(raw)
            start = pos + (indent.end() if indent else 0)
            end = pos + len(raw.rstrip())
            line = _Line(start, end, nl, text[start:end])
            m = _BULLET.match(line.content)
            if m:
                line.bullet, line.start = True, line.start + m.end()
            else:
                m = _MD_HEADING.match(line.content)
                if m:
                    line.markup, line.md_level = "md", len(m.group(1))
                    line.start, line.end = line.start + m.start(2), line.start + m.end(2)
                else:
                    m = _BOLD_LINE.match(line.content)
                    if m:
                        line.markup = "bold"
                        line.start, line.end = line.start + m.start(2), line.start + m.end(2)
            line.content = text[line.start:line.end]
            out.append(line)
        pos = nl + 1
    return out


def _compact(s: str) -> str:
    return "".join(s.split())


def _run_in_title(content: str) -> int:
    """Length of a run-in heading: up to (not including) the first 。！？, else the whole line."""
    m = _SENT_END.search(content)
    return m.start() if m else len(content)


def is_part_title(title: str) -> bool:
    """Is ``title`` only a year (or relative year) plus review/plan cue words?

    ``回顾2024年工作`` / ``展望2025年`` / ``2025年重点任务`` → True;
    ``2024年全省地区生产总值增长6.1%`` → False.
    """
    return _only_year_and(title, vocab().part)


def _only_year_and(title: str, cues: tuple[str, ...]) -> bool:
    """Is ``title`` only years, relative years and filler around at least one of ``cues``?"""
    v = vocab()
    rest = _compact(title)
    if not rest:
        return False
    if not any(c in rest for c in cues):
        return False
    rest = _YEAR_ARABIC.sub("", rest)
    rest = _YEAR_CN.sub("", rest)
    for word in sorted((*cues, *v.relative, *v.filler), key=len, reverse=True):
        rest = rest.replace(word, "")
    rest = re.sub(r"[\W_]", "", rest)
    return rest == ""


def _cue_headline(c: str) -> bool:
    """A digest's part title with a headline after a colon: ``一年来：主要经济指标好于预期``,
    ``新一年：确保经济增长5.5%左右`` (short, one clause, the part before the colon a part title)."""
    m = re.search(r"[：:]", c)
    if m is None or len(c) > SHORT_TITLE_MAX or not 0 < m.start() <= 12:
        return False
    tail = c[m.end():]
    return (
        bool(tail.strip())
        and not _SENT_END.search(tail)
        and not re.search(r"[；;：:]", tail)
        and is_part_title(c[: m.start()])
    )


def _is_item(line: _Line | None) -> bool:
    """A list item: a bullet line or a numbered / ``一是`` line."""
    if line is None:
        return False
    return line.bullet or bool(_NUMBERED.match(line.content) or _PART3.match(line.content))


def _title_like(c: str) -> bool:
    """Short, no sentence punctuation, at least four Chinese characters: ``消费市场稳步回暖``."""
    return (
        len(c) <= SHORT_TITLE_MAX
        and not _NO_TITLE.search(c)
        and not c.startswith("——")
        and len(_CJK.findall(c)) >= 4
    )


def _heading(lines: list[_Line], i: int, started: bool) -> tuple[int, int] | None:
    """(level, title length) if ``lines[i]`` is a heading, else None."""
    line = lines[i]
    c = line.content
    if line.markup == "md":
        return (1 if is_part_title(c) or _cue_headline(c) else line.md_level), len(c)
    if line.markup == "bold":
        return (1 if is_part_title(c) or _cue_headline(c) else 2), len(c)
    if _PART0.match(c) or _PART1.match(c):
        return 1, _run_in_title(c)
    if _PART2.match(c):
        return 2, _run_in_title(c)
    if _PART3.match(c):
        return 3, _run_in_title(c)
    if _NUMBERED.match(c) and not line.bullet:
        return 3, _run_in_title(c)
    if line.bullet:
        return None
    if len(c) <= SHORT_TITLE_MAX and not _NO_TITLE.search(c) and is_part_title(c):
        return 1, len(c)
    if _cue_headline(c):
        return 1, len(c)
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if started and _title_like(c):
        # A digest title stands before a list, or before a paragraph (not inside a list of
        # unmarked short items such as 一般公共预算收入增长6.5%).
        if _is_item(nxt):
            return 2, len(c)
        in_list = prev is not None and (prev.bullet or _title_like(prev.content))
        if nxt is not None and not in_list and len(nxt.content) > 2 * len(c) and "。" in nxt.content:
            return 2, len(c)
    if started:
        m = _SENT_END.search(c)
        if (
            m
            and c[m.start()] == "。"
            and 4 <= m.start() <= TOPIC_MAX
            and m.end() < len(c)
            and not re.search(r"[，、,；：:]", c[: m.start()])
        ):
            return 4, m.start()
    return None


# ---------------------------------------------------------------- years and roles


def _year(written: str) -> int:
    """``2024`` or ``二〇二四`` → 2024 (the year patterns only match digit runs)."""
    return int(written) if written.isdigit() else read_digits(written) or 0


def title_years(title: str) -> tuple[tuple[int, int] | None, list[int]]:
    """(multi-year period, single years) named in a title.

    ``“十三五”时期工作回顾`` → ((2016, 2020), []); ``2021 年工作回顾`` → (None, [2021]).
    """
    v = vocab()
    t = _compact(title)
    for alias, name in v.plan_aliases.items():
        t = t.replace(alias, name)
    period = None
    for name, span in v.plans.items():
        if name in t:
            period = span
            break
    m = _YEAR_RANGE.search(t)
    if m and period is None:
        period = (int(m.group(1)), int(m.group(2)))
    years = [int(y) for y in _YEAR_ARABIC.findall(t)] + [_year(y) for y in _YEAR_CN.findall(t)]
    if m:
        years = [y for y in years if y not in (int(m.group(1)), int(m.group(2)))]
    return period, years


def classify(title: str, doc_year: int | None) -> tuple[str, int | None, int | None]:
    """(role, year, first_year) of a top-level section title.

    ``一、“十三五”时期工作回顾`` → (review, 2020, 2016);
    ``二、“十四五”时期主要目标`` → (targets, 2025, 2021); ``三、2021年工作安排`` → (plan, 2021, None);
    ``过去一年工作回顾`` with doc_year 2024 → (review, 2023, None).
    """
    v = vocab()
    t = _compact(title)
    period, years = title_years(t)
    by_length = sorted(v.relative.items(), key=lambda kv: -len(kv[0]))
    rel = next((off for word, off in by_length if word in t), None)
    five = any(w in t for w in v.past_five)
    if period is None and doc_year is not None and any(w in t for w in v.next_five):
        period = (doc_year, doc_year + 4)
    is_review = any(c in t for c in v.review)
    is_plan = any(c in t for c in v.plan)
    is_target = any(c in t for c in v.targets)
    year = years[0] if years else None
    if year is None and rel is not None and doc_year is not None:
        year = doc_year + rel
    if is_review:
        if five and doc_year is not None and period is None:
            return REVIEW, doc_year - 1, doc_year - 5
        if period:
            return REVIEW, period[1], period[0]
        if year is None and doc_year is not None:
            year = doc_year - 1
        return REVIEW, year, None
    if (is_plan or is_target) and period:
        return TARGETS, period[1], period[0]
    if is_plan:
        return PLAN, year if year is not None else doc_year, None
    if is_target:
        if year is not None and doc_year is not None and year > doc_year:
            return TARGETS, year, None
        return PLAN, year if year is not None else doc_year, None
    if period and doc_year is not None and period[0] >= doc_year:
        # a part named after a five-year plan that starts this year (“十五五”时期发展的主要考虑)
        return TARGETS, period[1], period[0]
    if "工作" in t and year is not None and doc_year is not None and not period:
        # 关于今年的工作 / 2024年工作: the year decides (this year's work is the plan)
        return (PLAN if year >= doc_year else REVIEW), year, None
    return OTHER, None, None


def infer_year(doc: Document, titles: list[str] | None = None) -> int | None:
    """The year a document was delivered: plan/review headings, else the year before the
    title's 报告/要点/摘要, else a delivery date line, else the year named at the start of a
    section titled 过去一年/今年, else any year in the title line or the preamble.

    ``2022 年杭州市政府工作报告`` → 2022; no title but ``三、2021年工作安排`` → 2021;
    only ``一、2020年工作回顾`` → 2021; ``二〇二五年一月十五日在…`` → 2025.
    """
    # The plan heading names the year itself; a summary's headline may name another year.
    for title in titles if titles is not None else [s.title for s in doc.sections if s.parent is None]:
        role, year, _ = classify(title, None)
        if role == PLAN and year is not None:
            return year
        if role == REVIEW and year is not None and not title_years(title)[0]:
            return year + 1
    head = preamble(doc)
    title_lines = [
        c for c in (_compact(line) for line in head.splitlines()[:12])
        if "报告" in c or "要点" in c or "摘要" in c
    ]
    for c in title_lines:
        # the year that names the report (2024年某省政府工作报告), not a headline's figure year
        # after it (政府工作报告速览：2023年全省经济增长5.3%)
        cut = min(c.find(w) for w in ("报告", "要点", "摘要") if w in c)
        _, years = title_years(c[:cut])
        if years:
            return years[0]
    m = _DATE_LINE.search(head)
    if m:
        return _year(m.group(1))
    year = _year_from_relative_sections(doc)
    if year is not None:
        return year
    tops = titles if titles is not None else [s.title for s in doc.sections if s.parent is None]
    year = _year_from_periods(tops)
    if year is not None:
        return year
    for c in title_lines:
        _, years = title_years(c)
        if years:
            return years[0]
    m = _YEAR_CN.search(head) or _YEAR_ARABIC.search(head)
    if m:
        return _year(m.group(1))
    return None


def _year_from_periods(titles: list[str]) -> int | None:
    """The document year from five-year parts: the review of a plan that has ended is given the
    year after its last (``“十一五”时期…的回顾`` → 2011), the targets of a plan in its first year
    (``“十二五”时期的主要目标和任务`` → 2011)."""
    for title in titles:
        role, year, first = classify(title, None)
        if role == REVIEW and first is not None and year is not None:
            return year + 1
        if role == TARGETS and first is not None:
            return first
    return None


def _year_from_relative_sections(doc: Document) -> int | None:
    """The document year from a section titled with a relative year (过去一年 / 今年) whose
    opening text names the year it covers: ``过去一年：…`` + ``2023年全省…`` → 2024."""
    v = vocab()
    text = doc.match_text
    for s in doc.sections:
        if s.parent is not None:
            continue
        title = _compact(text[s.start : s.start + len(s.title)])
        offset = next((off for word, off in sorted(v.relative.items(), key=lambda kv: -len(kv[0]))
                       if word in title), None)
        if offset is None or any(w in title for w in (*v.past_five, *v.next_five)):
            continue
        role, year, _ = classify(title, None)
        if role not in (REVIEW, PLAN) or year is not None or title_years(title)[0]:
            continue
        body = text[s.body_start or s.start : min(s.end, (s.body_start or s.start) + 200)]
        m = _YEAR_ARABIC.search(body) or _YEAR_CN.search(body)
        if m and not _YEAR_RANGE.match(body, m.start()):
            y = _year(m.group(1))
            return y - offset
    return None


def preamble(doc: Document) -> str:
    """Text before the first section (the whole text when there is none), at most 2000 chars."""
    first = doc.sections[0].start if doc.sections else len(doc.match_text)
    return doc.match_text[: min(first, 2000)]


def document_title(doc: Document) -> str | None:
    """The first short stand-alone line of the preamble (a markdown ``#`` title counts)."""
    for line in _lines(preamble(doc)):
        c = line.content.strip()
        if c and len(c) <= 60 and not re.search(r"[。！？；：:]$", c) and not c.startswith("——"):
            return c
    return None


# ---------------------------------------------------------------- the pass


def structure(doc: Document) -> Document:
    """Fill ``doc.sections`` (with role/year), ``doc.sentences``, ``doc.clauses``; return ``doc``.

    Example: a text with ``一、2023 年工作回顾`` and ``二、2024 年重点任务`` gets two level-1
    sections, roles review (2023) and plan (2024).
    """
    text = doc.text
    lines = _lines(text)
    sections: list[Section] = []
    sentences: list[Span] = []
    stack: list[int] = []
    body_seen = False
    for i, line in enumerate(lines):
        head = _heading(lines, i, started=bool(sections))
        body_from = line.start
        title_line = False
        if head is not None:
            level, tlen = head
            title = text[line.start : line.start + tlen].strip()
            if line.markup == "md" and not sections and not body_seen and not is_part_title(title):
                # markdown `#` lines before any section and any body text: the document's title
                head = None
                title_line = True
            else:
                if level > 1 and line.markup and stack and _new_year_part(title, sections[stack[0]].title):
                    level = 1
                while stack and sections[stack[-1]].level >= level:
                    stack.pop()
                parent = stack[-1] if stack else None
                body = line.start + tlen
                m = _SENT_END.match(text, body)
                if m:
                    body = m.end()
                if body >= line.end:
                    body = line.line_end + 1 if line.line_end < len(text) else len(text)
                sections.append(Section(title, level, line.start, len(text), parent=parent, body_start=body))
                stack.append(len(sections) - 1)
                body_from = line.start
        sentences.extend(_sentences(text, body_from, line.end))
        body_seen = body_seen or (head is None and not title_line)
    _close(sections)
    doc.sections = sections
    doc.sentences = sentences
    doc.clauses = [c for s in sentences for c in _clauses(text, s)]
    _assign_roles(doc)
    refine_parts(doc)
    return doc


def _new_year_part(title: str, part_title: str) -> bool:
    """Does a marked-up subheading open a part of its own: a year and cue words only, the year
    not that of the open part (``**2024年主要预期目标**`` after ``**2023年成绩单**``)?"""
    v = vocab()
    if not _only_year_and(title, (*v.review, *v.plan, *v.targets)):
        return False
    period, years = title_years(title)
    part_period, part_years = title_years(part_title)
    return bool(years) and not period and bool(part_years) and not part_period and years[0] != part_years[0]


def _close(sections: list[Section]) -> None:
    """Set each section's end: the start of the next section at the same or a higher level."""
    open_: list[int] = []
    for i, s in enumerate(sections):
        while open_ and sections[open_[-1]].level >= s.level:
            sections[open_.pop()].end = s.start
        open_.append(i)


def _sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of one line: split after 。！？ (closing quotes stay with their sentence)."""
    out: list[Span] = []
    pos = start
    for m in _SENT_END.finditer(text, start, end):
        _add_trimmed(out, text, pos, m.end())
        pos = m.end()
    if pos < end:
        _add_trimmed(out, text, pos, end)
    return out


_BLANK = " \t\u3000"


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in _BLANK:
        start += 1
    while end > start and text[end - 1] in _BLANK:
        end -= 1
    return Span(start, end)


def _add_trimmed(out: list[Span], text: str, start: int, end: int) -> None:
    """Append ``[start, end)`` trimmed of blanks, unless nothing is left (the common case, no
    blank at either end, is tested first: every sentence and clause of a document comes here)."""
    if start < end and text[start] not in _BLANK and text[end - 1] not in _BLANK:
        out.append(Span(start, end))
        return
    span = _trim(text, start, end)
    if span.end > span.start:
        out.append(span)


def _clauses(text: str, sentence: Span) -> list[Span]:
    """Clauses of a sentence, list items apart (``checker.clauses`` at ``ITEM``: ，、；：)."""
    marker = _PART1.match(text, sentence.start)  # 一、 of a heading is a list marker, not a clause break
    out: list[Span] = []
    for start, end in spans(text, sentence.start, sentence.end, ITEM,
                            breaks_from=marker.end() if marker else None):
        if start < end and text[start] not in _BLANK and text[end - 1] not in _BLANK:
            out.append(Span(start, end))  # _add_trimmed's common case, inline: a call per clause
        else:
            _add_trimmed(out, text, start, end)
    return out


def _assign_roles(doc: Document) -> None:
    """Role and year of every section: classify the top level, subsections inherit."""
    tops = [s for s in doc.sections if s.parent is None]
    if doc.meta.year is None:
        doc.meta.year = infer_year(doc, [s.title for s in tops])
    year = doc.meta.year
    for s in doc.sections:
        if s.parent is None:
            s.role, s.year, s.first_year = classify(doc.match_text[s.start : s.start + len(s.title)], year)
        else:
            p = doc.sections[s.parent]
            s.role, s.year, s.first_year = p.role, p.year, p.first_year


def vocab_kinds() -> dict:
    """The document-kind cues of ``data/sections.yaml`` (for ``checker.corpus``)."""
    return _kinds()


@lru_cache(maxsize=1)
def _kinds() -> dict:
    return dict(load_data("sections.yaml")["kinds"])
