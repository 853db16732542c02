"""Parts of a report found from content, after the headings have given their roles.

Headings alone miss three layouts that real reports use:

- a part whose title names several periods, or only one, while its paragraphs switch between
  them: ``一、“十四五”发展成就回顾`` holds ``刚刚过去的2025年，…`` (last year's review);
  ``二、“十五五”时期目标任务和2026年重点工作`` holds ``今年是“十五五”开局之年。…`` (this year's plan);
  such a part is cut where a paragraph's opening names another period;
- untitled-role parts after the plan (``三、推动经济平稳较快发展`` after
  ``二、2005年工作总体部署``) are parts of the plan, except the part on the government's own work.

The cue words are in ``checker/data/sections.yaml`` (``paragraph_leads``, ``self_government``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checker.datafiles import load_data
from checker.model import OTHER, PLAN, REVIEW, TARGETS, Document, Section

YEAR, FIVE, THIS_YEAR, FUTURE = "year", "five", "this_year", "future"

# which openings may cut a part of each role (a review never turns into this year's plan:
# ``今年以来`` in ``上年和今年以来工作回顾`` is still review)
_ALLOWED = {REVIEW: (YEAR, FIVE, FUTURE), TARGETS: (THIS_YEAR, FUTURE)}
_QUOTES = str.maketrans("", "", "“”\"'‘’《》")


@dataclass(frozen=True)
class _Leads:
    year: tuple[str, ...]
    five: tuple[str, ...]
    this_year: tuple[str, ...]
    future: tuple[str, ...]
    prefixes: tuple[str, ...]
    width: int
    year_followers: tuple[str, ...]
    self_government: tuple[str, ...]
    plans: dict[str, tuple[int, int]]
    report_opening: tuple[str, ...]


@lru_cache(maxsize=1)
def _leads() -> _Leads:
    raw = load_data("sections.yaml")
    leads = raw["paragraph_leads"]
    return _Leads(
        year=tuple(leads["year_review"]),
        five=tuple(leads["five_year_review"]),
        this_year=tuple(leads["plan_year"]),
        future=tuple(leads["future_targets"]),
        prefixes=tuple(sorted(leads["prefixes"], key=len, reverse=True)),
        width=int(leads["width"]),
        year_followers=tuple(leads["year_followers"]),
        self_government=tuple(raw["self_government"]),
        plans={k: (int(v[0]), int(v[1])) for k, v in raw["five_year_plans"].items()},
        report_opening=tuple(raw["kinds"]["report_opening"]),
    )


def lead_class(line: str, doc_year: int) -> str | None:
    """Which period a paragraph opens on, from its first characters.

    ``刚刚过去的2025年，我们…`` (2026) → ``year``; ``这五年，…`` → ``five``;
    ``2025年是“十四五”收官之年。回望“十四五”…`` → ``five``; ``今年是“十五五”开局之年`` → ``this_year``;
    ``“十五五”时期是…`` (2026) → ``future``; ``我们坚持…`` → None.
    """
    v = _leads()
    head = _strip_prefix(line)[: v.width].translate(_QUOTES)
    ended = [n for n, (first, last) in v.plans.items() if last == doc_year - 1]
    starting = [n for n, (first, last) in v.plans.items() if first == doc_year]
    five_words = (
        *v.five,
        *(f"{n}{w}" for n in ended for w in ("时期", "以来")),
        *(f"{w}{n}" for n in ended for w in ("回望", "回顾")),
    )
    if head.startswith(five_words):
        return FIVE
    if head.startswith(v.year):
        return YEAR
    if any(w in head for w in five_words):
        return FIVE
    last = f"{doc_year - 1}年"
    if head.startswith(last) and head[len(last):].startswith(v.year_followers):
        return YEAR
    if head.startswith((*v.this_year, f"{doc_year}年")):
        return THIS_YEAR
    if head.startswith((*v.future, *(f"{n}时期" for n in starting))):
        return FUTURE
    return None


def _strip_prefix(line: str) -> str:
    """``各位代表！刚刚过去的2025年`` → ``刚刚过去的2025年``."""
    return line[_lead_offset(line):].rstrip(" \t\u3000")


def _lead_offset(line: str) -> int:
    """Where a paragraph's own words start: after indentation and an address or a dash."""
    pos = len(line) - len(line.lstrip(" \t\u3000"))
    for p in _leads().prefixes:
        if line.startswith(p, pos):
            pos += len(p)
            return pos + len(line[pos:]) - len(line[pos:].lstrip(" \t\u3000"))
    return pos


def refine_parts(doc: Document) -> None:
    """Give untitled-role parts their role, then cut mixed parts where their paragraphs switch
    period (new level-1 sections, titled with the paragraph's opening words)."""
    year = doc.meta.year
    if year is None:
        return
    _continue_plan(doc, year)
    new: list[Section] = []
    tops = [s for s in doc.sections if s.parent is None]
    if not any(s.role in (REVIEW, PLAN) for s in tops) and _looks_like_report(doc):
        new.extend(_cut(doc, None, year))
    for s in tops:
        if s.role in _ALLOWED:
            cuts = _cut(doc, s, year)
            if s.role == TARGETS and not any(c.role == PLAN for c in cuts) and _names_plan_year(s, year):
                # 今后五年工作思路和2023年重点任务 without a paragraph opening on 2023: the year's plan
                s.role, s.year, s.first_year = PLAN, year, None
                cuts = [c for c in cuts if c.role != TARGETS]
            new.extend(cuts)
    if new:
        _renest(doc, new)
    _cut_sentences(doc, year)


def _cut_sentences(doc: Document, year: int) -> None:
    """The sentence-level pass: last year's review inside five-year reviews, and inside plan parts
    when nothing else reviews the year."""
    # a plan part is searched only when no part of its own reviews the year (a sentence span found
    # in a five-year review is not such a part)
    plan_fallback = not _has_year_review(doc, year)
    for in_plan in (False, True):
        if in_plan and not plan_fallback:
            return
        new: list[Section] = []
        for s in [s for s in doc.sections if s.parent is None]:
            five = s.role == REVIEW and s.first_year is not None and s.year == year - 1
            if (s.role == PLAN and s.year == year) if in_plan else five:
                new.extend(_cut_year_sentences(doc, s, year))
        if new:
            _renest(doc, new)


def _cut_year_sentences(doc: Document, part: Section, year: int) -> list[Section]:
    """Sentences inside a paragraph that open on last year are last year's review: in a five-year
    review (``…五年来…。2012年，…国内生产总值增长7.8%``) and in a plan part when no part reviews
    the year (``过去一年，…国内生产总值增长10.3%`` inside ``三、2011年的工作``). The span runs to the
    paragraph's end or to a sentence opening on another period; the part resumes after it."""
    v = _leads()
    text = doc.text
    in_plan = part.role == PLAN
    out: list[Section] = []
    body, open_end = part.body_start or part.start, -1
    for sent in doc.sentences:
        if not body <= sent.start < part.end or sent.start < open_end:
            continue
        line = doc.match_text[sent.start:sent.end]
        opens = _strip_prefix(line).startswith(v.year) if in_plan else lead_class(line, year) == YEAR
        if not opens:
            continue
        end = _year_span_end(doc, sent.start, part.end, year)
        out.append(Section(_lead_title(text[sent.start:end]), 1, sent.start, end, role=REVIEW,
                           year=year - 1, body_start=sent.start))
        rest = end
        while rest < part.end and text[rest] in " \t\u3000\n":
            rest += 1
        if rest < part.end:
            out.append(Section(_lead_title(text[rest:part.end]), 1, rest, part.end, role=part.role,
                               year=part.year, body_start=rest, first_year=part.first_year))
        open_end = end
    return out


def _year_span_end(doc: Document, start: int, limit: int, year: int) -> int:
    """Where a year's review opened at ``start`` ends: the paragraph's end, or a sentence of the
    same paragraph opening on another period (``今年…``, ``五年来…``)."""
    nl = doc.text.find("\n", start, limit)
    end = limit if nl == -1 else nl
    for sent in doc.sentences:
        if start < sent.start < end and lead_class(doc.match_text[sent.start:sent.end], year) not in (
                None, YEAR):
            return sent.start
    return end


def _has_year_review(doc: Document, year: int) -> bool:
    """Does a part of its own review the year before ``year`` (not only a five-year review)?"""
    return any(s.parent is None and s.role == REVIEW and s.year == year - 1 and s.first_year is None
               for s in doc.sections)


def _continue_plan(doc: Document, year: int) -> None:
    v = _leads()
    plan_year = None
    for s in doc.sections:
        if s.parent is not None:
            continue
        if s.role == PLAN:
            plan_year = s.year
        elif s.role == OTHER and plan_year is not None and not any(w in s.title for w in v.self_government):
            s.role, s.year = PLAN, plan_year


def _names_plan_year(part: Section, year: int) -> bool:
    """Does a multi-year part's title also name this year's plan (``今后五年…和2023年重点任务``)?"""
    return f"{year}年" in "".join(part.title.split())


def _looks_like_report(doc: Document) -> bool:
    return _opening_end(doc) > 0


def _opening_end(doc: Document) -> int:
    """Offset after the line holding a report's opening words (``各位代表：``); 0 when none."""
    head = doc.match_text[:2000]
    found = [head.find(w) for w in _leads().report_opening if w in head]
    if not found:
        return 0
    nl = doc.text.find("\n", min(found))
    return len(doc.text) if nl == -1 else nl + 1


def _role_of(kind: str, part: Section | None, year: int) -> tuple[str, int, int | None]:
    v = _leads()
    if kind == YEAR:
        return REVIEW, year - 1, None
    if kind == FIVE:
        if part is not None and part.role == REVIEW and part.first_year is not None:
            return REVIEW, part.year or year - 1, part.first_year
        ended = [span for span in v.plans.values() if span[1] == year - 1]
        return REVIEW, year - 1, ended[0][0] if ended else year - 5
    if kind == THIS_YEAR:
        return PLAN, year, None
    if part is not None and part.role == TARGETS and part.first_year is not None:
        return TARGETS, part.year or year + 4, part.first_year
    starting = [span for span in v.plans.values() if span[0] == year]
    first, last = starting[0] if starting else (year, year + 4)
    return TARGETS, last, first


def _kind_of(part: Section) -> str:
    if part.role == REVIEW:
        return FIVE if part.first_year is not None else YEAR
    return FUTURE if part.role == TARGETS else THIS_YEAR


def _cut(doc: Document, part: Section | None, year: int) -> list[Section]:
    """New level-1 sections where a paragraph of ``part`` (the whole text when None) opens on
    another period than the one before it."""
    text = doc.text
    allowed: tuple[str, ...]
    if part is None:
        # from the address to the deputies on: the title and date lines name the year too
        allowed, current = (YEAR, FIVE, THIS_YEAR, FUTURE), None
        pos, end = _opening_end(doc), len(text)
    else:
        allowed, current = _ALLOWED[part.role], _kind_of(part)
        pos, end = part.body_start or part.start, part.end
    out: list[Section] = []
    while pos < end:
        nl = text.find("\n", pos, end)
        nl = end if nl == -1 else nl
        kind = lead_class(doc.match_text[pos:nl], year)
        if kind in allowed and kind != current:
            start = pos + _lead_offset(text[pos:nl])
            role, y, first = _role_of(kind, part, year)
            title = _lead_title(text[start:nl])
            out.append(Section(title, 1, start, end, role=role, year=y, body_start=start,
                               first_year=first))
            current = kind
        pos = nl + 1
    return out


def _lead_title(line: str) -> str:
    """The opening words of a paragraph, to its first comma or stop: ``刚刚过去的2025年``."""
    for i, ch in enumerate(line[:30]):
        if ch in "，。！？；：,;:!?":
            return line[:i]
    return line[:30]


def _renest(doc: Document, new: list[Section]) -> None:
    """Insert ``new`` level-1 sections; recompute parents, ends and inherited roles."""
    sections = sorted([*doc.sections, *new], key=lambda s: (s.start, s.level))
    stack: list[int] = []
    for i, s in enumerate(sections):
        while stack and sections[stack[-1]].level >= s.level:
            sections[stack.pop()].end = s.start
        s.parent = stack[-1] if stack else None
        stack.append(i)
    for s in sections:
        if s.parent is not None:
            p = sections[s.parent]
            s.role, s.year, s.first_year = p.role, p.year, p.first_year
    doc.sections = sections
