"""Compare a summary with the report it retells: every outcome with both quotes and locations.

``compare_texts(summary, full)`` aligns the summary's clauses with the report's (``align``), then
for each aligned pair diffs the comparison forms (quantities are single symbols, so a changed
number is one replaced symbol) and, across pairs, looks for report clauses skipped where the
summary otherwise follows the report. Outcome kinds:

- ``number_match`` — every number of the summary clause is the report's (value, unit, qualifier);
- ``number_mismatch`` — a number differs: ``value`` (1200→2100), ``multiplier`` (2万→2亿),
  ``unit`` or ``qualifier`` (以上→以内, 突破→接近);
- ``number_missing_in_full`` — the summary states a number the report does not;
- ``version_difference`` — the summary gives the speech-day forecast (``预计增长5%左右``) of a figure
  the published report states bare or revised (``增长5.2%``): both quotes, not an error;
- ``wording_changed`` — words substituted, added or dropped in an otherwise verbatim clause
  (``稳步推进``→``全面推进``); wrappers (``报告提出，``) and punctuation never count;
- ``item_omitted`` — an enumeration item, a number, or report clauses left out where the summary
  otherwise follows the report (``公园、绿道、滨水空间等`` → ``公园、绿道等``);
- ``order_changed`` — enumeration items swapped;
- ``added_claim`` — a summary clause with no counterpart in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise
from typing import Any

from checker.fidelity import figures
from checker.fidelity.align import Match, align, body
from checker.fidelity.text import (
    Clause,
    is_framing,
    is_symbol,
    is_wrapper_only,
    prepare,
    quantity_key,
    same_in_script,
    vocab,
)

PASS = "number_match"
KINDS = ("number_match", "number_mismatch", "number_missing_in_full", "version_difference",
         "wording_changed", "item_omitted", "order_changed", "added_claim")

FOLLOW_SHARE = 0.75  # share of report clauses a summary paragraph retells to be "following" it
REST_MAX = 12        # a paragraph retold from its start may stop this many report clauses early
GAP_MAX = 24          # report clauses a summary may skip and still "follow" the report there
ITEM_MAX = 8         # a list item next to 、 is a short noun phrase (交通、水务设施), not a clause
MIN_BODY = 2          # shorter clause bodies carry no claim of their own
_SEPARATORS = "、，,；;：:"
_ITEM_SPLIT = re.compile(r"[、和及与]")


@dataclass
class Outcome:
    """One comparison outcome. Offsets index the normalised texts (``None`` = no quote)."""

    kind: str
    s_start: int | None
    s_end: int | None
    f_start: int | None = None
    f_end: int | None = None
    detail: str = ""
    expected: str = ""      # the report's value / wording
    actual: str = ""        # the summary's
    fields: list[str] = field(default_factory=list)   # number_mismatch: value|multiplier|unit|qualifier
    trivial: bool = False   # wording_changed: only particles differ
    changes: list[str] = field(default_factory=list)
    # the detail as a catalogue message (checker/data/messages.yaml, section compare) and its
    # fields, so that it can be said in either language; ``detail`` is the English text
    key: str = ""
    args: dict = field(default_factory=dict)
    # a paraphrase, a heading or framing (dateline, attribution, meeting context): not a claim a
    # fact-checker would correct, so words changed, added or left out there are only noted
    minor: bool = False
    # a figure's identity inferred, not certain (which year it is about): a warning, not an error
    inferred: bool = False


@dataclass
class Comparison:
    """Everything ``compare_texts`` found, plus the clause tables for renderers."""

    outcomes: list[Outcome]
    summary: list[Clause]
    full: list[Clause]
    matches: dict[int, Match]


def _q_text(q, text: str) -> str:
    return "".join(text[q.start:q.end].split()) or q.text


# the generic measure word: ``十一方面`` and ``十一个方面`` count the same things
_GENERIC_UNITS = {"个", ""}


def _same_unit(a: str, b: str) -> bool:
    return a == b or a in _GENERIC_UNITS or b in _GENERIC_UNITS


def _mismatch_fields(sq, fq) -> list[str]:
    out = []
    if not _same_unit(sq.unit, fq.unit):
        out.append("unit")
    if abs(sq.value - fq.value) > 1e-9 * max(1.0, abs(fq.value)):
        ratio = sq.value / fq.value if fq.value else 0.0
        power = False
        if ratio > 0:
            for k in (1e-8, 1e-4, 1e-3, 1e-2, 1e-1, 10, 100, 1e3, 1e4, 1e8, 1e12):
                if abs(ratio / k - 1) < 1e-9:
                    power = True
        out.append("multiplier" if power else "value")
    if stated_qualifier(sq) != stated_qualifier(fq):
        out.append("qualifier")
    return out


def _year_conflict(p: _Pair, full: list[Clause]) -> bool:
    """Does a clause about last year (去年…) retell figures of the report's targets sentence?"""
    raw = _markers()
    body_text = p.sb[:8]
    if not any(body_text.startswith(w) or p.s.canon.startswith(w) for w in raw[0]):
        return False
    # the plan marker opens the report's sentence before the figure (…主要预期目标是：…增长2%左右)
    sentence = full[p.m.first].sentence
    words = "".join(c.canon for c in full[:p.m.first + 1] if c.sentence == sentence)
    return any(w in words for w in raw[1])


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from checker.datafiles import load_data

    raw = load_data("summary_fidelity.yaml")
    return tuple(raw.get("past_markers") or ()), tuple(raw.get("plan_markers") or ())


@lru_cache(maxsize=1)
def _reaching() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from checker.datafiles import load_data

    raw = load_data("qualifiers.yaml")
    return tuple(raw.get("reaching_verbs") or ()), tuple(raw.get("after") or ())


def stated_qualifier(q) -> str:
    """The qualifier a retelling must keep. ``达到2.8%`` states a level (2.8%), as ``2.8%`` does: the
    goal reading of 达到 as a floor (>=) is not what a sentence reporting it says, so ``达到2.8%``
    against ``达到2.8%以上`` is a changed qualifier, against ``2.8%`` none."""
    if q.qualifier != ">=":
        return q.qualifier
    from checker.normalize import to_simplified

    verbs, after = _reaching()
    text = to_simplified("".join(q.text.split()))
    if text.startswith(verbs) and not any(w in text for w in after):
        return "="
    return q.qualifier


class _Pair:
    """One aligned pair and what its diff shows."""

    def __init__(self, s: Clause, m: Match, s_text: str, f_text: str,
                 figs: _Figures | None = None) -> None:
        self.s, self.m = s, m
        self.figs = figs or _Figures()
        self.sb = body(s)
        self.s_origin = s.origin[s.lead:]
        self.s_text, self.f_text = s_text, f_text
        self.sq = {q.start: q for q in s.quantities}
        self.s_ends = {q.start: q.end for q in s.quantities}
        self.f_ends: dict[int, int] = {}
        # difflib's a = summary, b = report; renamed so that "insert" = the summary adds words
        # and "delete" = the summary drops the report's words
        swap = {"insert": "delete", "delete": "insert"}
        self.ops = [(swap.get(t, t), i1, i2, j1, j2) for t, i1, i2, j1, j2 in
                    SequenceMatcher(None, self.sb, m.canon, autojunk=False).get_opcodes()]

    def q_at_s(self, i: int):
        return self.sq.get(self.s_origin[i])

    def context(self, i1: int, i2: int, j1: int, j2: int) -> str:
        """The change with two characters around it, as written: report version → summary version.

        ``稳步`` vs ``全面`` → ``要稳步推进→要全面推进``; a dropped word →
        ``推动改革向纵深→推动改革纵深``.
        """
        left = min(2, i1, j1)
        right = min(2, len(self.sb) - i2, len(self.m.canon) - j2)
        f = _written(self.m.canon, self.m.origin, self.f_text, self.f_ends, j1 - left, j2 + right)
        s = _written(self.sb, self.s_origin, self.s_text, self.s_ends, i1 - left, i2 + right)
        return f"{f}→{s}"


@dataclass
class _Figures:
    """The figure identities of both texts (quantity offset → ``FigureIdentity``) and the report's
    quantities by value and unit, so that a summary figure is compared with the report's figure
    of the same identity. Empty (no identities): numbers are compared where the words align."""

    s_ids: dict = field(default_factory=dict)
    f_ids: dict = field(default_factory=dict)
    by_key: dict = field(default_factory=dict)   # quantity_key → [(quantity, report clause index)]

    def identity(self, q, side: str):
        return (self.s_ids if side == "s" else self.f_ids).get(q.start) if q is not None else None

    def all_figures(self) -> list[tuple[Any, int]]:
        return [x for found in self.by_key.values() for x in found]

    def same_figures(self, sq) -> list[tuple[Any, int]]:
        """Report quantities with the summary quantity's value, unit and stated qualifier."""
        return [(fq, k) for fq, k in self.by_key.get(quantity_key(sq), ())
                if stated_qualifier(fq) == stated_qualifier(sq)]


def compare_clauses(summary: list[Clause], full: list[Clause], s_text: str, f_text: str,
                    identities: tuple[dict, dict] | None = None) -> Comparison:
    """Outcomes for prepared clauses (see ``compare_texts``); ``identities``: each text's figure
    identities by quantity offset (``checker.fidelity.figures``), when the texts were analysed."""
    skip = {c.index for c in summary if is_wrapper_only(c) or _time_frame(c)
            or (len(body(c)) < MIN_BODY and not c.quantities)}
    matches = align(summary, full, skip)
    fq = {}
    figs = _Figures(*identities) if identities else _Figures()
    for c in full:
        for q in c.quantities:
            fq[q.start] = q
            if identities:
                figs.by_key.setdefault(quantity_key(q), []).append((q, c.index))
    covered: set[int] = set()
    for each in matches.values():
        covered.update(range(each.first, each.last + 1))
    out: list[Outcome] = []
    for s in summary:
        if s.index in skip:
            continue
        m = matches.get(s.index)
        framing = is_framing(s)
        if m is None:
            found = [] if framing and not any(_is_figure(q) for q in s.quantities) \
                else _unaligned(s, s_text, f_text, figs)
        else:
            found = _compare_pair(_Pair(s, m, s_text, f_text, figs), full, fq)
        for o in found:
            o.minor = o.minor or (framing and not o.kind.startswith("number_"))
        out.extend(found)
    out.extend(_gaps(summary, full, matches, covered, f_text))
    out.extend(_siblings(summary, full, matches, covered, f_text))
    out.extend(_paragraph_siblings(summary, full, matches, covered, f_text))
    out.sort(key=lambda o: (o.s_start if o.s_start is not None else -1, KINDS.index(o.kind)))
    return Comparison(out, summary, full, matches)


def compare_texts(summary: str, full: str, summary_match: str | None = None,
                  full_match: str | None = None) -> Comparison:
    """Compare normalised ``summary`` with normalised ``full`` (``*_match``: simplified forms).

    >>> [o.kind for o in compare_texts("新建口袋公园60个。", "新建口袋公园50个。").outcomes]
    ['number_mismatch']
    """
    if summary_match is None or full_match is None:
        from checker.normalize import to_simplified
        summary_match = summary_match or to_simplified(summary)
        full_match = full_match or to_simplified(full)
    return compare_clauses(prepare(summary, summary_match), prepare(full, full_match), summary, full)


_DURATION_UNITS = {"年", "个月", "月", "天", "日"}
_TIME_FRAME = re.compile(r"^(?:这|过去|近|最近)?(.)(?:来|以来|间|里|中)?$")


def _time_frame(c: Clause) -> bool:
    """Is the clause only a time frame (五年来, 这五年, 过去一年)? It dates what follows, claims nothing."""
    m = _TIME_FRAME.match(body(c))
    return m is not None and is_symbol(m.group(1)) and len(c.quantities) == 1 \
        and c.quantities[0].unit in _DURATION_UNITS


def _is_figure(q) -> bool:
    """A figure the report states (not a span of time or a year: 这五年, 2023年)."""
    return q.unit not in _DURATION_UNITS


# --------------------------------------------------------------------------- unaligned clauses

# a bold label before a colon (``5. **收入与物价**：…``): the digest's own title for what follows
_LABEL = re.compile(r"(?:\d{1,2}[.．、][ \t]*)?\*\*[^*\n]{1,16}\*\*[ \t]*[：:]")


def _unaligned(s: Clause, s_text: str, f_text: str = "", figs: _Figures | None = None) -> list[Outcome]:
    text = s_text[s.start:s.end]
    found = [q for q in s.quantities if _is_figure(q)]
    if found:
        out: list[Outcome] = []
        # a figure the words could not place may still be a report figure of the same identity
        # (经济成长目标4.5%左右 in a headline = 地区生产总值增长4.5%左右 of the targets)
        placed = [(q, _same_identity(q, figs)) for q in found] if figs is not None else []
        for q, fq in placed:
            if fq is not None:
                exp, act = _q_text(fq, f_text), _q_text(q, s_text)
                out.append(Outcome(PASS, q.start, q.end, fq.start, fq.end, detail=act, actual=act,
                                   expected=exp))
        missing = [q for q in found if not any(q is a and b is not None for a, b in placed)]
        if missing:
            nums = "、".join(_q_text(q, s_text) for q in missing)
            out.append(Outcome("number_missing_in_full", s.start, s.end, detail=f"{nums}: not in the report",
                               key="number_missing", args={"numbers": nums}, actual=nums))
        return out
    # the newspaper's own titles, labels and bylines, and sentences about the report itself, claim nothing
    if s.heading or vocab().byline.search(text) or vocab().byline.search(s.canon) or len(body(s)) < 4 \
            or _LABEL.match(s_text, s.start):
        return []
    return [Outcome("added_claim", s.start, s.end, detail="no counterpart in the report", key="added")]


# --------------------------------------------------------------------------- figure identity

VERSION_SHARE = 0.25  # a revised figure lies this close to the speech-day forecast (relative)


def _same_identity(sq, figs: _Figures | None, where: set[int] | None = None, full: list[Clause] | None = None,
                   besides: Any = None):
    """The report figure that is certainly the summary figure ``sq``: the same value, unit and
    qualifier, the same metric, kind, role and year (in blocks ``where`` of ``full`` if given)."""
    if figs is None:
        return None
    s_id = figs.identity(sq, "s")
    if s_id is None or s_id.named:
        return None
    for fq, k in figs.same_figures(sq):
        if fq is besides or (where is not None and full is not None and full[k].block not in where):
            continue
        if figures.certain(s_id, figs.identity(fq, "f")):
            return fq
    return None


def _explained_by(sq, fqq, figs: _Figures) -> tuple[str, Any] | None:
    """``(differs, other)``: the report gives the summary's number to ``other``, a figure of another
    metric or year than ``fqq`` (the one the summary names): 25.5% is the report's 工业增加值占…比重,
    not 工业增加值's growth."""
    f_id, s_id = figs.identity(fqq, "f"), figs.identity(sq, "s")
    where = next((k for q, k in figs.all_figures() if q is fqq), 0)
    for fq, _ in sorted(figs.same_figures(sq), key=lambda x: abs(x[1] - where)):
        o_id = figs.identity(fq, "f")
        if fq is fqq or not figures.could_be(s_id, o_id):
            continue
        why = figures.conflict(f_id, o_id)
        if why is not None:
            return why, fq
    return None


def _is_version(sq, fqq, figs: _Figures) -> bool:
    """A speech-day forecast (预计增长5%左右) of the report's figure (增长5.2%), close in value."""
    if sq.unit != fqq.unit or not figures.is_version(figs.identity(sq, "s"), figs.identity(fqq, "f")):
        return False
    return abs(sq.value - fqq.value) <= VERSION_SHARE * max(abs(fqq.value), 1e-9)


def _version_outcome(sq, fqq, p: _Pair) -> Outcome:
    exp, act = _q_text(fqq, p.f_text), _q_text(sq, p.s_text)
    return Outcome("version_difference", sq.start, sq.end, fqq.start, fqq.end,
                   detail=f"{act} (speech-day forecast) / {exp} (published report)",
                   key="version", args={"expected": exp, "actual": act}, expected=exp, actual=act)


def _pair_conflict(sq, fqq, p: _Pair) -> str | None:
    """What the identities of an aligned pair disagree on (``figures.conflict``), read as aligned
    words allow: the keys are not compared (the words around the numbers aligned already, and a
    press key is often cut short or taken from a neighbour in a headline), an average over years is
    read from the words right before each number."""
    averages = (figures.average_before(p.s_text, sq.start), figures.average_before(p.f_text, fqq.start))
    return figures.conflict(p.figs.identity(sq, "s"), p.figs.identity(fqq, "f"), keys=False,
                            averages=averages)


def _doubtful(sq, fqq, p: _Pair) -> bool:
    """Is the identity of a compared pair uncertain (another kind, average, role or year seen)?"""
    return _pair_conflict(sq, fqq, p) is not None


# --------------------------------------------------------------------------- one aligned pair

def _compare_pair(p: _Pair, full: list[Clause], fq: dict) -> list[Outcome]:
    s, m = p.s, p.m
    p.f_ends = {k: q.end for k, q in fq.items()}
    f_start, f_end = full[m.first].start, full[m.last].end
    # the matched window: from the first to the last run of 2+ equal characters (a lone equal
    # character at the edge, like 中 of 年中 and 中心, is chance)
    n_s, n_f = len(p.sb), len(m.canon)
    # a shared number is an anchor however short (新建充电桩3000个)
    equal = [op for op in p.ops if op[0] == "equal" and (
        op[2] - op[1] >= 2 or (op[1] == 0 and op[3] == 0) or (op[2] == n_s and op[4] == n_f)
        or any(is_symbol(ch) for ch in p.sb[op[1]:op[2]]))] or \
        [op for op in p.ops if op[0] == "equal"]
    if not equal:
        return []
    lo, hi = p.ops.index(equal[0]), p.ops.index(equal[-1])
    matched: list[tuple[Any, Any]] = []
    mismatched: list[tuple[Any, Any]] = []
    s_extra, f_dropped = [], []
    # (summary words, report words, f_j1, f_j2, the change in words)
    wording: list[tuple[str, str, int, int, str]] = []
    omitted: list[tuple[int, int, str]] = []
    regional = _regional_ops(p)
    for n, (tag, i1, i2, j1, j2) in enumerate(p.ops):
        inside = lo <= n <= hi
        if n in regional:
            continue
        s_syms = [k for k in range(i1, i2) if is_symbol(p.sb[k])]
        f_syms = [k for k in range(j1, j2) if is_symbol(m.canon[k])]
        if tag == "equal":
            for a, b in zip(s_syms, f_syms, strict=True):
                sq, fqq = p.q_at_s(a), fq.get(m.origin[b])
                if sq is None or fqq is None:
                    continue
                (mismatched if stated_qualifier(sq) != stated_qualifier(fqq) else matched).append((sq, fqq))
            continue
        pairs = list(zip(s_syms, f_syms, strict=False))
        for a, b in pairs:
            sq, fqq = p.q_at_s(a), fq.get(m.origin[b])
            if sq is not None and fqq is not None:
                mismatched.append((sq, fqq))
        s_extra += [p.q_at_s(a) for a in s_syms[len(pairs):] if p.q_at_s(a) is not None]
        rest_f = f_syms[len(pairs):]
        if inside:
            f_dropped += [fq[m.origin[b]] for b in rest_f if m.origin[b] in fq]
        if not inside:
            # outside the matched window: the summary's lead-in/trailing words or the part of the
            # report clause the summary does not retell; only a dropped word at the very end counts
            if (n > hi and tag == "delete" and j2 - j1 <= 2 and not f_syms and j2 == len(m.canon)
                    and not s.heading):
                wording.append(("", m.canon[j1:j2], j1, j2, p.context(i1, i2, j1, j2)))
            # an enumeration item dropped at the very start of the report clause (人均地区生产总值、
            # 全员劳动生产率、… → 全员劳动生产率、…): the summary retells the rest of the list
            if (n < lo and tag == "delete" and j1 == 0 and i1 == 0 and not f_syms
                    and _starts_list(p.f_text, m.origin[j1], m.origin[j2 - 1] + 1)):
                omitted.append((m.origin[j1], m.origin[j2 - 1] + 1, m.canon[j1:j2]))
                continue
            # ... or at the very end of it (文化消费、体育消费、养老消费 → 文化消费、体育消费)
            if (n > hi and tag == "delete" and j2 == n_f and i1 == n_s and not f_syms
                    and _ends_list(p.f_text, m.origin[j1], m.origin[j2 - 1] + 1)):
                omitted.append((m.origin[j1], m.origin[j2 - 1] + 1, m.canon[j1:j2]))
                continue
            # a short word put before the report's clause (基本完成, 初步实现): a qualifier the
            # report does not give, unless it is a linking word (并 还 也) or a tense marker
            if (n < lo and tag == "insert" and i1 == 0 and j1 == 0 and i2 - i1 <= 3 and not s_syms
                    and not s.heading
                    and p.sb[i1:i2] not in vocab().ignorable_insertions
                    and not set(p.sb[i1:i2]) <= vocab().lead_links):
                wording.append((p.sb[i1:i2], "", j1, j2, p.context(i1, i2, j1, j2)))
                continue
            # a word replaced at the very start of the report clause (深入推进 → 全面推进), or at
            # the very end of both (维护首都安全稳定 → 维护首都安全稳步)
            at_start = n < lo and j1 == 0
            # (at the end: a word for a word of its length; a sentence retold in other words may
            # end otherwise, 会议上 → 会议开幕)
            at_end = n > hi and i2 == n_s and j2 == n_f and i2 - i1 == j2 - j1
            if ((at_start or at_end) and tag == "replace" and i2 - i1 <= 4 and j2 - j1 <= 4
                    and not f_syms and not s_syms and not same_in_script(p.sb[i1:i2], m.canon[j1:j2])):
                wording.append((p.sb[i1:i2], m.canon[j1:j2], j1, j2,
                                p.context(i1, i2, j1, j2)))
            continue
        if tag == "delete" and not f_syms:
            j1, j2 = _item_span(p, n, j1, j2)
        s_words = "".join(ch for ch in p.sb[i1:i2] if not is_symbol(ch))
        f_words = "".join(ch for ch in m.canon[j1:j2] if not is_symbol(ch))
        if tag == "delete" and (rest_f or any(ch.isdigit() for ch in f_words)
                                or _is_item(p.f_text, m.origin[j1], m.origin[j2 - 1] + 1)):
            last = m.origin[j2 - 1]
            end = fq[last].end if is_symbol(m.canon[j2 - 1]) and last in fq else last + 1
            omitted.append((m.origin[j1], end, f_words))
            continue
        if tag == "insert" and s_words in vocab().ignorable_insertions:
            continue
        if tag == "delete" and f_words in vocab().ignorable_deletions:
            continue
        if tag == "replace" and same_in_script(s_words, f_words):
            continue
        if s_words or f_words:
            wording.append((s_words, f_words, j1, j2, p.context(i1, i2, j1, j2)))
    out: list[Outcome] = []
    # numbers the summary adds: the same figure may sit in a neighbouring clause of the report
    near = _nearby_keys(full, m)
    missing = [q for q in s_extra if quantity_key(q) not in near and _is_figure(q)]
    for q in list(missing):
        same_unit = [d for d in f_dropped if d.unit == q.unit]
        if same_unit:
            mismatched.append((q, same_unit[0]))
            f_dropped.remove(same_unit[0])
            missing.remove(q)
    # figures, not numbers: a summary figure the report states in the same paragraph under the same
    # identity is that figure, whatever neighbour the words aligned it with (特别国债5000亿元 next
    # to 比上年增加3000亿元); a number missing from the passage may be a figure of the report elsewhere
    blocks = {full[m.first].block, full[m.last].block}
    for pair in list(mismatched):
        if not _mismatch_fields(*pair):
            continue
        # in the paragraph; anywhere when the aligned figure is another year's or metric's
        where = None if _doubtful(*pair, p) else blocks
        same = _same_identity(pair[0], p.figs, where, full, besides=pair[1])
        if same is not None:
            mismatched.remove(pair)
            matched.append((pair[0], same))
    for q in list(missing):
        same = _same_identity(q, p.figs)
        if same is not None:
            missing.remove(q)
            matched.append((q, same))
    # the same number, but the report's is another figure: an average over years, a share, a
    # sub-category, another year's outcome or target (the words aligned, so keys are not compared)
    for pair in list(matched):
        why = _pair_conflict(*pair, p)
        if why is not None and _same_identity(pair[0], p.figs) is None:
            matched.remove(pair)
            exp, act = _q_text(pair[1], p.f_text), _q_text(pair[0], p.s_text)
            out.append(Outcome("number_mismatch", pair[0].start, pair[0].end, pair[1].start, pair[1].end,
                               detail=f"{exp} → {act} ({why} differs)", expected=exp, actual=act,
                               fields=[why], inferred=True, key="mismatch",
                               args={"expected": exp, "actual": act, "fields": [why]}))
    if matched and _year_conflict(p, full):
        for sq, fqq in matched:
            exp, act = _q_text(fqq, p.f_text), _q_text(sq, p.s_text)
            out.append(Outcome("number_mismatch", sq.start, sq.end, fqq.start, fqq.end,
                               detail=f"{exp} → {act} (year differs)",
                               expected=exp, actual=act, fields=["year"], inferred=True,
                               key="mismatch", args={"expected": exp, "actual": act, "fields": ["year"]}))
        matched = []
    for sq, fqq in mismatched:
        fields = _mismatch_fields(sq, fqq)
        if not fields:
            continue
        if _is_version(sq, fqq, p.figs):
            out.append(_version_outcome(sq, fqq, p))
            continue
        exp, act = _q_text(fqq, p.f_text), _q_text(sq, p.s_text)
        why = _pair_conflict(sq, fqq, p)
        inferred = why is not None
        other = _explained_by(sq, fqq, p.figs) if "value" in fields or "multiplier" in fields else None
        if other is not None:
            # the number is the report's, of another figure: that is what differs
            fields, inferred = [other[0]], True
        elif why is not None and not {"value", "multiplier"} & set(fields):
            fields = [*fields, why]   # 1269万人 → 1269万人以上 as this year's target: year too
        out.append(Outcome("number_mismatch", sq.start, sq.end, fqq.start, fqq.end,
                           detail=f"{exp} → {act} ({', '.join(fields) or 'value'} differs)",
                           key="mismatch",
                           args={"expected": exp, "actual": act, "fields": fields or ["value"]},
                           expected=exp, actual=act, fields=fields, inferred=inferred))
    if missing:
        nums = "、".join(_q_text(q, p.s_text) for q in missing)
        out.append(Outcome("number_missing_in_full", s.start, s.end, f_start, f_end,
                           detail=f"{nums}: not in the report passage", actual=nums,
                           key="number_missing_passage", args={"numbers": nums}))
    order = _order_changed(p, full)
    if order is not None:
        out.append(order)
        wording = []
        # an item moved is not an item left out
        moved = _canon_plain(to_simplified_text(p.s_text[s.start:s.end]))
        omitted = [o for o in omitted if _canon_plain(o[2]) not in moved]
    if omitted:
        what = "；".join(_clean(p.f_text[a:b]) for a, b, _ in omitted)
        out.append(Outcome("item_omitted", s.start, s.end, omitted[0][0], omitted[-1][1],
                           detail=f"left out: {what}", expected=what, key="left_out", args={"what": what}))
    # wording next to a changed number is the number's qualifier (突破→接近): reported there
    if mismatched:
        wording = [w for w in wording if not _touches_number(w, m.canon)]
    if wording:
        changes = [w[4] for w in wording]
        trivial = all(set(w[0]) | set(w[1]) <= vocab().trivial for w in wording)
        out.append(Outcome("wording_changed", s.start, s.end, f_start, f_end,
                           detail="; ".join(changes), changes=changes, trivial=trivial,
                           minor=s.heading or not _quotes_verbatim(p, wording),
                           expected=_clean(p.f_text[f_start:f_end]), actual=_clean(p.s_text[s.start:s.end])))
    if matched and not mismatched and not missing:
        nums = "、".join(_q_text(q, p.s_text) for q, _ in matched)
        out.append(Outcome(PASS, s.start, s.end, f_start, f_end, detail=nums, actual=nums,
                           expected="、".join(_q_text(q, p.f_text) for _, q in matched)))
    return out


VERBATIM_SHARE = 0.8  # share of a summary clause equal to the report's for it to be a quotation


def _quotes_verbatim(p: _Pair, wording: list[tuple[str, str, int, int, str]]) -> bool:
    """Is the clause a quotation with a word swapped (``有潜能``→``有潜力``), rather than a retelling in
    other words? A swap is a word for a word; a quotation keeps most of its characters equal.
    Words only added or only dropped (``下调至``, ``全省``→``安徽全省``) are a paraphrase."""
    if not any(w[0] and w[1] for w in wording):
        return False
    equal = sum(i2 - i1 for tag, i1, i2, _, _ in p.ops if tag == "equal")
    return equal >= VERBATIM_SHARE * max(len(p.sb) - p.s.lead, 1)


@lru_cache(maxsize=4096)
def _taiwan_usage(text: str) -> str:
    """``text`` (simplified) in Taiwan usage, read back as simplified: 项目 and 专案 (專案), 人工智能
    and 人工智慧, 优化 and 最佳化 all read the same."""
    return _converter("t2s").convert(_converter("s2twp").convert(text))


@lru_cache(maxsize=4)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=8)
def _is_traditional(text: str) -> bool:
    """Is the summary written in traditional script (any character differs from its simplified)?"""
    return text != to_simplified_text(text)


def _regional_ops(p: _Pair) -> set[int]:
    """Changed stretches of a traditional-script summary clause that are the report's words in
    Taiwan usage (執行 for 运行, 資料 for 数据): regional vocabulary, not a substitution.

    Only for a summary written in traditional script; consecutive changes with short equal runs
    between them are one stretch, compared with a few equal characters of context.
    """
    if not _is_traditional(p.s_text):
        return set()
    ops, sb, canon = p.ops, p.sb, p.m.canon
    out: set[int] = set()
    n = 0
    while n < len(ops):
        if ops[n][0] == "equal":
            n += 1
            continue
        group = [n]
        k = n + 1
        while k < len(ops) and (ops[k][0] != "equal" or (
                ops[k][2] - ops[k][1] < 3 and k + 1 < len(ops) and ops[k + 1][0] != "equal")):
            group.append(k)
            k += 1
        i1, j1 = ops[group[0]][1], ops[group[0]][3]
        i2, j2 = ops[group[-1]][2], ops[group[-1]][4]
        for ctx in (0, 2, 4, 8):
            left = min(ctx, i1, j1)
            right = min(ctx, len(sb) - i2, len(canon) - j2)
            s_win, f_win = sb[i1 - left:i2 + right], canon[j1 - left:j2 + right]
            if _taiwan_usage(s_win) == _taiwan_usage(f_win):
                out.update(group)
                break
        n = k
    return out


def _written(canon: str, origin: list[int], text: str, ends: dict[int, int], a: int, b: int) -> str:
    """The text as written behind ``canon[a:b]`` (a number symbol stands for the whole quantity)."""
    if a >= b:
        return ""
    last = b - 1
    end = ends.get(origin[last], origin[last] + 1) if is_symbol(canon[last]) else origin[last] + 1
    return _clean(text[origin[a]:end])


def _touches_number(w: tuple, canon: str) -> bool:
    j1, j2 = w[2], w[3]
    return (j1 > 0 and is_symbol(canon[j1 - 1])) or (j2 < len(canon) and is_symbol(canon[j2]))


def _clean(text: str) -> str:
    return "".join(text.split()).strip("，。、；：,;:")


def _is_item(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` a whole enumeration item (separator before, separator or 等 after)?"""
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    short = len("".join(text[a:b].split())) <= ITEM_MAX
    return (short and (before == "、" or after == "、")) or \
        (before in _SEPARATORS and after in _SEPARATORS + "等")


def _starts_list(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` the first item of an enumeration of three or more, the whole of it?"""
    item = "".join(text[a:b].split())
    if not item or len(item) > ITEM_MAX or text[b:b + 1] != "、" or "、" in item:
        return False
    k = b + 1
    while k < len(text) and text[k] not in "，。；：\n、":
        k += 1
    return text[k:k + 1] == "、"


def _item_span(p: _Pair, n: int, j1: int, j2: int) -> tuple[int, int]:
    """The report words a summary drops, slid to a whole enumeration item where the diff is ambiguous.

    ``能源、水资源等`` → ``能源等``: the diff may drop ``源水资`` (keeping ``能`` + ``源``); slid by
    one character it drops ``水资源``, a whole item. Slides stay inside the equal runs around.
    """
    canon, origin, text = p.m.canon, p.m.origin, p.f_text
    if _is_item(text, origin[j1], origin[j2 - 1] + 1):
        return j1, j2
    before = p.ops[n - 1][2] - p.ops[n - 1][1] if n > 0 and p.ops[n - 1][0] == "equal" else 0
    after = p.ops[n + 1][2] - p.ops[n + 1][1] if n + 1 < len(p.ops) and p.ops[n + 1][0] == "equal" else 0
    for step, room in ((-1, before), (1, after)):
        a, b = j1, j2
        for _ in range(room):
            if step < 0 and canon[a - 1] == canon[b - 1] and not is_symbol(canon[a - 1]):
                a, b = a - 1, b - 1
            elif step > 0 and b < len(canon) and canon[a] == canon[b] and not is_symbol(canon[a]):
                a, b = a + 1, b + 1
            else:
                break
            if _is_item(text, origin[a], origin[b - 1] + 1):
                return a, b
    return j1, j2


def _ends_list(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` the last item of an enumeration, the whole of it (with the words that
    close the list: ``、托育等服务设施布局``)?"""
    item = "".join(text[a:b].split())
    return bool(item) and len(item) <= 2 * ITEM_MAX and "、" not in item and text[a - 1:a] == "、" \
        and (b >= len(text) or text[b] in "，。；：\n等")


def _nearby_keys(full: list[Clause], m: Match) -> set[str]:
    """Quantity keys of the report sentence(s) around a match."""
    sentences = {full[m.first].sentence, full[m.last].sentence}
    lo, hi = max(0, m.first - 6), min(len(full), m.last + 7)
    return {quantity_key(q) for c in full[lo:hi] if c.sentence in sentences for q in c.quantities}


def _order_changed(p: _Pair, full: list[Clause]) -> Outcome | None:
    """Enumeration items of the clause in another order than the report's."""
    if all(op[0] == "equal" for op in p.ops):
        return None
    s_raw = p.s_text[p.s.start:p.s.end]
    parts = _ITEM_SPLIT.split(to_simplified_text(s_raw))   # traditional script reads as simplified
    items = [x for x in (_canon_plain(i) for i in parts) if len(x) >= 3]
    if len(items) < 2:
        return None
    canon = p.m.canon
    # each item's place in the report clause: its longest suffix (3+ characters) the clause holds
    # exactly once, else its longest such part (the item's head may be the clause's verb,
    # 推进三大文化设施); an inversion under either reading is a changed order
    for longest in (False, True):
        pos = []
        for it in items:
            parts = [it[k:] for k in range(len(it) - 2)]
            if longest:
                parts = sorted({it[a:b] for a in range(len(it)) for b in range(a + 3, len(it) + 1)},
                               key=lambda x: -len(x))
            for part in parts:
                found = canon.find(part)
                if found != -1 and canon.find(part, found + 1) == -1:
                    pos.append((found, part))
                    break
        for a, b in pairwise(pos):
            if b[0] + len(b[1]) <= a[0]:
                f_start, f_end = full[p.m.first].start, full[p.m.last].end
                return Outcome("order_changed", p.s.start, p.s.end, f_start, f_end,
                               detail=f"{a[1]} and {b[1]} in the other order than the report's",
                               key="order", args={"first": a[1], "second": b[1]},
                               expected=_clean(p.f_text[f_start:f_end]), actual=_clean(s_raw))
    return None


def to_simplified_text(text: str) -> str:
    from checker.normalize import to_simplified

    return to_simplified(text)


def _canon_plain(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum() or ch == "%")


# --------------------------------------------------------------------------- skipped passages

def _gaps(summary: list[Clause], full: list[Clause], matches: dict[int, Match], covered: set[int],
          f_text: str) -> list[Outcome]:
    """Report clauses left out where the summary otherwise follows the report.

    Between two consecutive summary clauses of one paragraph or bullet (or a prose paragraph and
    the next) whose counterparts lie a little apart in the report, the report clauses in between
    that the summary does not retell elsewhere were left out. A prose sentence that ends where the
    report's sentence goes on has left out the rest of it.
    """
    out: list[Outcome] = []
    seq = [s for s in summary if s.index in matches and not s.heading]
    for p, q in zip(seq, [*seq[1:], None], strict=False):
        mp = matches[p.index]
        if q is not None:
            mq = matches[q.index]
            same_block = p.block == q.block
            next_prose = (q.block > p.block and p.ends_block and not p.bullet and not q.bullet
                          and _blocks_between(summary, p, q) == 0)
            gap = range(mp.last + 1, mq.first)
            if (same_block or next_prose) and 0 < len(gap) <= GAP_MAX:
                left = [k for k in gap if k not in covered]
                if not same_block:
                    # between paragraphs, only what the report says in the same paragraphs counts:
                    # a paragraph of its own in between is a part the summary chose not to retell
                    blocks = {full[mp.last].block, full[mq.first].block}
                    left = [k for k in left if full[k].block in blocks]
                if not same_block and not any(_is_figure(q) for k in left for q in full[k].quantities):
                    left = []   # across paragraphs only skipped figures count (topics may be chosen)
                if left and sum(len(full[k].canon) for k in left) >= 4:
                    s_start = _block_start(summary, p) if not same_block else p.start
                    s_end = q.end if same_block else _sentence_end(summary, q)
                    out.append(_omission(full, left, s_start, s_end, f_text))
                    continue
            if same_block:
                continue
        if p.ends_sentence and not p.bullet and (p.ends_block or q is None or q.block == p.block):
            left = _rest(full, mp.last, covered, "sentence")
            if p.ends_block and _starts_sentence(summary, matches, full, p):
                rest = _rest(full, mp.last, covered, "block")
                if len(rest) <= REST_MAX:
                    left = rest or left
            if left:
                out.append(_omission(full, left, _sentence_start(summary, p), p.end, f_text))
    return out


def _rest(full: list[Clause], last: int, covered: set[int], unit: str) -> list[int]:
    """The report clauses after ``last`` in its sentence (or block), if none is retold elsewhere."""
    rest = []
    for k in range(last + 1, len(full)):
        if getattr(full[k], unit) != getattr(full[last], unit):
            break
        rest.append(k)
    if any(k in covered for k in rest):
        return []
    return rest


def _starts_sentence(summary: list[Clause], matches: dict[int, Match], full: list[Clause],
                     p: Clause) -> bool:
    """Does p's summary paragraph retell p's report paragraph closely from a sentence start?

    Closely: most report clauses from there to p's counterpart are retold (3 at least); a
    paragraph that picks a clause here and there is not following the report.
    """
    own = [matches[c.index] for c in summary if c.block == p.block and c.index in matches]
    first, last = min(m.first for m in own), matches[p.index].last
    retold = {k for m in own for k in range(m.first, m.last + 1) if first <= k <= last}
    # following = two report sentences or more, retold clause by clause (one sentence picked out of
    # a paragraph is a quotation, not a retelling of the paragraph)
    sentences = {full[k].sentence for k in retold}
    return (first == 0 or full[first - 1].sentence != full[first].sentence) and \
        full[first].block == full[last].block and len(retold) >= 3 and len(sentences) >= 2 and \
        len(retold) >= FOLLOW_SHARE * (last - first + 1)


def _sentence_start(summary: list[Clause], p: Clause) -> int:
    return min(c.start for c in summary if c.sentence == p.sentence)


def _blocks_between(summary: list[Clause], p: Clause, q: Clause) -> int:
    """Non-heading blocks strictly between p's and q's (a heading between them is fine)."""
    return len({c.block for c in summary if p.block < c.block < q.block and not c.heading})


def _block_start(summary: list[Clause], p: Clause) -> int:
    return min(c.start for c in summary if c.block == p.block)


def _sentence_end(summary: list[Clause], q: Clause) -> int:
    return max(c.end for c in summary if c.sentence == q.sentence)


def _omission(full: list[Clause], left: list[int], s_start: int, s_end: int, f_text: str) -> Outcome:
    runs: list[list[int]] = []
    for k in left:
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    parts = []
    for run in runs:
        parts.append("，".join(_clean(f_text[full[k].start:full[k].end]) for k in run))
    what = "；".join(parts)
    nums = sum(len(full[k].quantities) for k in left)
    detail = f"left out ({len(left)} clause{'s' if len(left) > 1 else ''}"
    detail += f", {nums} number{'s' if nums != 1 else ''})" if nums else ")"
    short = what if len(what) <= 120 else what[:117] + "…"
    return Outcome("item_omitted", s_start, s_end, full[left[0]].start, full[left[-1]].end,
                   detail=f"{detail}: {short}", expected=what,
                   key="left_out_clauses_numbers" if nums else "left_out_clauses",
                   args={"clauses": len(left), "numbers": nums, "what": short} if nums
                   else {"clauses": len(left), "what": short})


# --------------------------------------------------------------------------- listed titles

TOPIC_MAX = 20   # a report paragraph whose first sentence is this short opens with its title
_ENUM_SHAPE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]|^[一二三四五六七八九十]+[是、]")


def _topic(full: list[Clause], k: int, f_text: str) -> str | None:
    """The title shape of report block ``k`` starts: ``enum`` (``（一）…`` / ``一是…``), ``plain``
    (a short statement opening a paragraph: ``优化营商环境。…``), or None."""
    c = full[k]
    if k > 0 and full[k - 1].block == c.block:
        return None
    if _ENUM_SHAPE.match(f_text[c.start:c.end]):
        return "enum"
    # a plain title ends with 。 (not a salutation 各位代表！), is the whole first sentence, is short,
    # and more sentences follow it in the same block
    if f_text[c.end:c.end + 1] != "。" or len(c.canon) > TOPIC_MAX:
        return None
    if k + 1 < len(full) and full[k + 1].sentence == c.sentence:
        return None
    if not any(x.block == c.block and x.sentence != c.sentence for x in full[k + 1:k + 4]):
        return None
    return "plain"


def _siblings(summary: list[Clause], full: list[Clause], matches: dict[int, Match], covered: set[int],
              f_text: str) -> list[Outcome]:
    """Titles left out of a list of the report's subsection titles.

    A digest that lists, under a heading, the titles of the report's subsections (each bullet is
    the opening sentence of a report paragraph) should list them all; a title of the same shape
    between the report passages of this heading and the next one that the digest does not list
    was left out.
    """
    out: list[Outcome] = []
    # one anchor per heading line (a two-clause title is one heading)
    heads = [c for c in summary if c.heading and c.index in matches
             and not (c.index + 1 < len(summary) and summary[c.index + 1].block == c.block
                      and summary[c.index + 1].index in matches)]
    block_starts = [k for k in range(len(full)) if k == 0 or full[k - 1].block != full[k].block]
    for h, h2 in zip(heads, [*heads[1:], None], strict=False):
        lo = matches[h.index].last
        hi = matches[h2.index].first if h2 is not None else len(full)
        if hi <= lo:
            continue
        items = [c for c in summary if h.index < c.index and (h2 is None or c.index < h2.index)
                 and c.index in matches and not c.heading]
        if len(items) < 2 or not all(c.bullet for c in items):
            continue
        shapes = {_topic(full, matches[c.index].first, f_text) for c in items}
        if len(shapes) != 1 or None in shapes:
            continue
        shape = shapes.pop()
        listed = sorted(matches[c.index].first for c in items)
        titles = [k for k in block_starts if lo < k < hi and _topic(full, k, f_text) == shape]
        for k in titles:
            if k in covered or k in listed:
                continue
            # quoted on the listed titles around the gap
            after = [c for c in items if matches[c.index].first > k]
            before = [c for c in items if matches[c.index].first < k]
            start = (before[-1] if before else after[0]).start
            end = (after[0] if after else before[-1]).end
            out.append(_omission(full, [k], start, end, f_text))
    return out



def _paragraph_siblings(summary: list[Clause], full: list[Clause], matches: dict[int, Match],
                        covered: set[int], f_text: str) -> list[Outcome]:
    """Titles left out where prose paragraphs retell a report section subsection by subsection.

    When three or more paragraphs of the summary each open with the title of a subsection of the
    same report section (``（六）…`` → its titled paragraphs), a title of that section that no
    paragraph retells was left out.
    """
    block_starts = [k for k in range(len(full)) if k == 0 or full[k - 1].block != full[k].block]
    groups: dict[int, list[tuple[Clause, int]]] = {}
    seen_blocks: set[int] = set()
    for c in summary:
        if c.block in seen_blocks or c.index not in matches or c.heading or c.bullet:
            continue
        seen_blocks.add(c.block)
        k = matches[c.index].first
        if _topic(full, k, f_text) != "plain":
            continue
        parent = next((b for b in reversed(block_starts)
                       if b < k and _topic(full, b, f_text) == "enum"), None)
        if parent is not None:
            groups.setdefault(parent, []).append((c, k))
    out: list[Outcome] = []
    for parent, items in groups.items():
        if len(items) < 3:
            continue
        end_k = next((b for b in block_starts if b > parent and _topic(full, b, f_text) == "enum"), len(full))
        listed = {k for _, k in items}
        for k in block_starts:
            if not (parent < k < end_k) or k in listed or k in covered or _topic(full, k, f_text) != "plain":
                continue
            after = [c for c, j in items if j > k]
            before = [c for c, j in items if j < k]
            start = (before[-1] if before else after[0]).start
            end = (after[0] if after else before[-1]).end
            out.append(_omission(full, [k], start, end, f_text))
    return out
