"""Value types of the goal follow-up: a goal, an outcome candidate, a tracked result."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.model import Document, Quantity


@dataclass
class Goal:
    """One goal of a plan section.

    ``新开工 500个、完工 400个`` gives two goals (one per target); ``组建数据交易中心`` one
    unquantified goal (``quantity`` None, ``verb_class`` ``build``).
    """

    doc: Document
    text: str                  # the goal as written (whitespace removed)
    start: int                 # offsets of the goal piece in doc.text
    end: int
    year: int | None
    section: str               # title of the innermost section
    quantity: Quantity | None
    metric: str                # canonical metric phrase (quantified) or object (unquantified)
    action: str | None         # 新增 / 新开工 / 完工 … (quantified) or the goal verb
    verb_class: str | None = None  # complete / build / open / achieve / issue / start / run
    multi_year: bool = False   # a multi-year target (到2025年): not scored against the year
    target_list: bool = False  # from the main-targets sentence (主要预期目标)

    @property
    def quantified(self) -> bool:
        return self.quantity is not None


@dataclass
class Outcome:
    """A review text that may report a goal back (a quantity, or a clause in words)."""

    doc: Document
    text: str
    start: int
    end: int
    quantity: Quantity | None
    metric: str
    action: str | None
    score: float = 0.0
    value: float | None = None  # the quantity's value in the goal's unit
    near: str = ""              # canonical words right before the number (which metric it counts)
    seg: int = -1               # index of the review segment it stands in


@dataclass
class Tracked:
    """A goal, what the review says about it, and the status with its reasoning."""

    goal: Goal
    status: str
    outcome: Outcome | None = None
    candidates: list[Outcome] = field(default_factory=list)
    ratio: float | None = None
    mode: str | None = None
    reason: str = ""
    within_margin: bool = False  # an about-target missed by less than its margin ("slightly below")
    said_not_done: bool = False  # reported in words that say it was not done (目标未能实现)


@dataclass
class Claim:
    """A review sentence claiming the year's targets were accomplished, and what contradicts it."""

    doc: Document
    start: int
    end: int
    text: str
    contradicted_by: list[Tracked] = field(default_factory=list)
