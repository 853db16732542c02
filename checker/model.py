"""The value types every stage shares: Document, Section, Quantity, Mention.

The pipeline runs one way (ingest → normalise → structure → extract mentions → check kinds →
findings → output); these types are what one stage hands to the next. They hold data and
small derived helpers only, never pipeline logic.

Offsets (``start``/``end``) always index ``Document.text``, the normalised text; a
``SourceMap`` turns them back into ``line:column`` of the file the user gave.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

# Section roles: what a part of a report talks about.
REVIEW = "review"    # outcomes of a past year (2023 年工作回顾)
PLAN = "plan"        # goals for the coming year (2024 年重点任务)
TARGETS = "targets"  # multi-year targets (“十四五”时期 … 2025 年)
OTHER = "other"
ROLES = (REVIEW, PLAN, TARGETS, OTHER)

# Document kinds, as the corpus manifest names them.
DOC_KINDS = ("report", "summary", "highlights")


@dataclass(frozen=True)
class Location:
    """A 1-based position in the user's file (``page`` for PDFs only)."""

    line: int
    column: int
    page: int | None = None

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


@dataclass
class SourceMap:
    """Maps offsets of normalised text to positions in the source file.

    ``origin[i]`` is the offset, in ``source_text`` (the decoded source file: the .txt itself,
    the HTML markup, the PDF's extracted text layer), of normalised character ``i``.
    ``origin`` has one extra trailing entry so that an end offset maps too.
    """

    source_text: str
    origin: list[int]
    page_starts: list[int] = field(default_factory=list)  # offsets in source_text where pages begin
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.source_text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts

    def source_offset(self, offset: int) -> int:
        """Source offset of normalised ``offset`` (clamped to the text)."""
        if not self.origin:
            return 0
        return self.origin[max(0, min(offset, len(self.origin) - 1))]

    def locate(self, offset: int) -> Location:
        """``Location`` of normalised ``offset`` in the source file."""
        src = self.source_offset(offset)
        line_idx = bisect_right(self._line_starts, src) - 1
        page = bisect_right(self.page_starts, src) if self.page_starts else None
        return Location(line_idx + 1, src - self._line_starts[line_idx] + 1, page)


@dataclass
class DocMeta:
    """What the corpus manifest (or inference) says about a document."""

    id: str
    kind: str = "report"          # report | summary | highlights
    year: int | None = None       # the year the document was delivered / published
    region: str | None = None
    retells: str | None = None    # summaries: id of the report they retell
    reviews: str | None = None    # reports: id of the report whose plan this one's review follows up
    title: str | None = None


@dataclass
class Section:
    """A headed part of a document. ``role`` and ``year`` say what it covers.

    Example: ``一、2023 年工作回顾`` → role ``review``, year 2023;
    ``二、2024 年重点任务`` → role ``plan``, year 2024.
    """

    title: str
    level: int            # 1 = 一、 ; 2 = （一） ; 3 = 一是 / bold run-in headings
    start: int            # offset of the heading in Document.text
    end: int              # offset where the section (with its subsections) ends
    role: str = OTHER
    year: int | None = None
    parent: int | None = None  # index into Document.sections
    body_start: int | None = None  # offset after the heading line
    first_year: int | None = None  # multi-year sections: first year (“十三五”时期 → 2016, year 2020)


@dataclass(frozen=True)
class Span:
    """A sentence or a clause: ``[start, end)`` of Document.text."""

    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    """One quantity as written, in base units.

    ``新增中小学学位 2.8 万个`` → value 28000, unit ``个``, qualifier ``=``;
    ``增长 1.1 倍`` → value 1.1, unit ``倍``, kind ``growth_multiple``.
    """

    value: float
    unit: str
    qualifier: str = "="
    start: int = 0
    end: int = 0
    text: str = ""
    kind: str | None = None         # growth_multiple | level_multiple | None
    direction: str | None = None    # increase | decrease | None
    value_high: float | None = None  # upper end of a range (2至3岁)
    year: int | None = None         # a year the text ties this value to (从2018年的…)


@dataclass(frozen=True)
class FigureIdentity:
    """What a mention's number measures, so that only the same figure is compared with it.

    ``新建5G基站1万个`` in a 2023 review → key 5G基站, year 2023, role outcome, kind count, stock
    flow; ``5G基站累计达到8万个`` → the same key, stock ``stock``: another figure.
    ``“十四五”时期年均增长5.5%`` → span 年均, first_year 2021, year 2025, kind growth.
    """

    key: str
    year: int | None
    first_year: int | None = None   # a multi-year span's first year
    span: str | None = None         # the multi-year cue: 十四五 / 过去五年 / 年均 / 累计
    role: str = "other"             # target | outcome | forecast | baseline | other
    kind: str = "level"             # level | growth | share | count
    stock: str | None = None        # flow (新增…) | stock (累计… / 达到…) | None: not told
    scope: str | None = None        # the sub-category the key names (高技术制造业), None: the aggregate
    named: bool = False             # the number is part of a name or slogan (15分钟生活圈): no figure


@dataclass(frozen=True)
class Mention:
    """A quantity (or, for unquantified goals, nothing) with what it measures.

    ``新增3万个中小学学位`` and ``新增中小学学位3.5万个`` both give metric ``中小学学位``,
    action ``新增``, so their ``key`` agrees.
    """

    doc_id: str
    quantity: Quantity | None
    metric: str                 # the metric phrase as written (whitespace removed)
    key: str                    # canonical key for matching across documents
    action: str | None          # 新增 完成 建成 新开工 …
    clause: Span
    sentence: Span
    section: int | None         # index into Document.sections (innermost)
    role: str = OTHER           # role of the enclosing top-level section
    year: int | None = None     # year the mention covers (from its section, or the text)
    location: Location | None = None
    first_year: int | None = None  # a span's first year: 新增学位18万个 in a 2016-2020 review → 2016
    figure: FigureIdentity | None = None  # what the number measures (checker.analysis.identity)


@dataclass(eq=False)
class Document:
    """A loaded, normalised document; every loader returns one of these.

    Documents compare (and hash) by identity: the analysis store keys its readings on them.

    ``text`` keeps the characters as written (traditional stays traditional, so quotes stay
    faithful); ``match_text`` is the same length with traditional characters converted to
    simplified, for matching.
    """

    path: Path
    text: str
    sourcemap: SourceMap
    meta: DocMeta
    format: str = "txt"
    encoding: str = "utf-8"
    match_text: str = ""
    sections: list[Section] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    clauses: list[Span] = field(default_factory=list)
    # section_at's index: (which sections list, its length), the boundaries, the answer after each
    _section_index: tuple[tuple[int, int], list[int], list[int | None]] | None = field(
        default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.match_text:
            self.match_text = self.text

    def __repr__(self) -> str:
        # Short on purpose: printing a corpus in a notebook must not dump whole reports.
        m = self.meta
        return (f"<Document {m.id!r} {m.kind or '?'} {m.year or '?'} {self.path.as_posix()!r}: "
                f"{len(self.text)} chars, {len(self.sections)} sections>")

    @property
    def id(self) -> str:
        return self.meta.id

    def locate(self, offset: int) -> Location:
        return self.sourcemap.locate(offset)

    def quote(self, start: int, end: int) -> str:
        """The text of ``[start, end)`` as written, whitespace removed."""
        return "".join(self.text[start:end].split())

    def section_at(self, offset: int) -> int | None:
        """Index of the innermost section containing ``offset`` (a binary search: the answer is
        the same between two consecutive section boundaries, so it is worked out once for each)."""
        key = (id(self.sections), len(self.sections))
        cached = self._section_index
        if cached is None or cached[0] != key:
            bounds = sorted({p for s in self.sections for p in (s.start, s.end)})
            cached = (key, bounds, [self._scan_section_at(p) for p in bounds])
            self._section_index = cached
        _key, bounds, answers = cached
        i = bisect_right(bounds, offset) - 1
        return answers[i] if i >= 0 else None

    def _scan_section_at(self, offset: int) -> int | None:
        best = None
        for i, s in enumerate(self.sections):
            if s.start <= offset < s.end and (best is None or s.level >= self.sections[best].level):
                best = i
        return best

    def top_section_at(self, offset: int) -> Section | None:
        """The outermost (level-1) section containing ``offset``."""
        idx = self.section_at(offset)
        while idx is not None and self.sections[idx].parent is not None:
            idx = self.sections[idx].parent
        return self.sections[idx] if idx is not None else None
