"""Outcome matching: find what a review section says about each goal.

Quantified goals pair with review quantities of a compatible unit whose metric words overlap the
goal's (character bigrams, so word order does not matter: ``新增3万个中小学学位`` ↔
``新增中小学学位3.4万个``), never by number alone, and never across exclusive actions (新开工 is
not 完工). Each review quantity reports at most one goal (the best-scoring one). Unquantified
goals match review segments by their object (bigram and character overlap, a shared run of at
least 4 characters, and the deliverable head — an 条例 is not reported by a 机制).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import chain

from checker.analysis.identity import cues as identity_cues
from checker.analysis.identity import is_stock
from checker.analysis.store import Analysis, AnalysisStore, analysis_of
from checker.goals.extract import implied_unit
from checker.goals.model import Goal, Outcome, Tracked
from checker.goals.segments import carried, object_tail, pieces, segments, sentences
from checker.goals.text import bigrams, canonical, char_cover, core, cover, han_count, lcs, squash
from checker.goals.vocab import vocab
from checker.lexicon import LOOSE, abbreviations, whole_key
from checker.model import REVIEW, Document, Quantity, Span
from checker.segment import lcut


@dataclass
class Thresholds:
    """Matching thresholds (rule params ``min_metric_score``, ``min_object_score``)."""

    metric: float = 0.45      # share of the goal's metric bigrams the outcome must carry
    obj: float = 0.65         # mean of bigram and character cover of an unquantified object
    min_run: int = 4          # shared run of characters (LCS) an object match needs
    ambiguity: float = 0.05   # candidates within this score of the best compete


@dataclass
class ReviewIndex:
    """The review text of one year, cut into segments and quantity pieces."""

    doc: Document
    year: int | None
    segs: list[Span] = field(default_factory=list)
    canon: list[str] = field(default_factory=list)
    grams: list[frozenset[str]] = field(default_factory=list)
    sent_of: list[Span] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    with_numbers: set[int] = field(default_factory=set)  # segments holding a quantity
    spans: list[tuple[int, int]] = field(default_factory=list)
    # quantity_candidates of each goal (by id) and metric threshold: the goal rules track the same
    # goals against the same index under different settings (quantified goals only, or all)
    candidates: dict[tuple[int, float], list[Outcome]] = field(default_factory=dict, repr=False)
    facts: list[OutcomeFacts] = field(default_factory=list, repr=False)  # see outcome_facts
    by_unit: dict[str, list[int]] = field(default_factory=dict, repr=False)  # outcomes by unit
    # the status of a quantified goal no figure reports, by goal id and the settings it reads (see
    # goals.track): like ``candidates``, the same under both settings of the goal rules
    fallbacks: dict[tuple[int, str], Tracked] = field(default_factory=dict, repr=False)
    claims: list[tuple[int, int, str]] | None = field(default=None, repr=False)  # see track.find_claims
    postings: dict[str, list[int]] = field(default_factory=dict, repr=False)  # see shared_bigrams
    postings_of: int = field(default=0, repr=False)  # how many segments the postings hold
    blanket: list[int] = field(default_factory=list, repr=False)  # see blanket_segments
    blanket_of: int = field(default=0, repr=False)


def review_spans(doc: Document, year: int | None) -> list[tuple[int, int]]:
    """Ranges of the review sections of ``doc`` covering ``year`` (any review when none says)."""
    tops = [s for s in doc.sections if s.parent is None and s.role == REVIEW]
    if year is None:
        return [(s.start, s.end) for s in tops]
    # the year's own review before a five-year review ending that year (十四五 → 2025)
    exact = [s for s in tops if s.year == year and s.first_year is None]
    exact = exact or [s for s in tops if s.year == year]
    chosen = exact or [s for s in tops if s.year is None]
    return [(s.start, s.end) for s in chosen]


def _five_year_spans(doc: Document, year: int) -> list[tuple[int, int]]:
    """Ranges of the multi-year reviews ending in ``year`` (``“十四五”时期`` for 2025)."""
    return [(s.start, s.end) for s in doc.sections
            if s.parent is None and s.role == REVIEW and s.year == year and s.first_year is not None]


def build_index(doc: Document, year: int | None, spans: list[tuple[int, int]] | None = None,
                store: AnalysisStore | None = None) -> ReviewIndex:
    """Segments and quantity pieces of the review of ``year`` in ``doc``."""
    an = analysis_of(doc, store)
    idx = ReviewIndex(doc, year)
    idx.spans = review_spans(doc, year) if spans is None else spans
    # a five-year review ending in the year may state the year's level (提升到2025年的60.4%): only
    # figures the text ties to the year are read there
    tied = [] if spans is not None or year is None else [
        (a, b) for a, b in _five_year_spans(doc, year) if (a, b) not in idx.spans]
    for a, b, tied_only in [*((a, b, False) for a, b in idx.spans), *((a, b, True) for a, b in tied)]:
        five_until = -1  # 五年来，…: the rest of the paragraph reviews the five years
        for sent in sentences(doc, a, b):
            five_until = _five_year_paragraph(doc.text, sent, five_until, vocab().raw)
            _index_sentence(idx, an, sent, tied_only or sent.start < five_until)
    return idx


def _five_year_paragraph(text: str, sent: Span, until: int, raw: dict) -> int:
    """Where the five-year part of a paragraph ends: a sentence of the year's review opening on
    the five years (``五年来，…``) starts one that runs to the paragraph's end; a sentence opening on
    the year (``去年…``) ends it."""
    opening = squash(text[sent.start:min(sent.end, sent.start + 12)])
    if any(w in opening for w in raw.get("five_year_openers") or ()):
        end = text.find("\n", sent.start)
        return len(text) if end == -1 else end
    if any(opening.startswith(w) for w in raw.get("year_words") or ()):
        return -1
    return until


def _index_sentence(idx: ReviewIndex, an: Analysis, sent: Span, tied_only: bool) -> None:
    """Add the segments and outcome pieces of one review sentence to ``idx`` (``tied_only``: a
    sentence of a five-year review, read for the figures the text ties to the year only)."""
    doc, year, text, v = idx.doc, idx.year, idx.doc.text, vocab()
    prev = ""
    turned = ""  # the subject of the sentence's 由/从 clause (由上升…转为下降1.2%)
    # a segment read for its year-tied figures only says nothing in words, unless its sentence
    # speaks of the year (去年…CPI涨幅也未达年初预期)
    wordless = tied_only and not _of_year(text[sent.start:sent.end], year, v.raw)
    for seg in segments(text, sent):
        idx.segs.append(seg)
        c = "" if wordless else canonical(text[seg.start:seg.end])
        idx.canon.append(c)
        idx.grams.append(bigrams(c))
        idx.sent_of.append(sent)
        qs = _review_quantities(an, seg.start, seg.end)
        # a gap to the national rate speaks of the metric in words; other figures make the segment a
        # clause with figures even when they are not outcomes (a project's size, a circumstance)
        qs = [q for q in qs if not _relative(text, seg.start, q, qs, v.raw)]
        if qs:
            idx.with_numbers.add(len(idx.segs) - 1)
        qs = [q for q in qs
              if not _circumstance(text, seg, q, v.raw) and not _project_size(text, seg, q, v.raw)]
        if tied_only:  # the year written in the clause (提升到2025年的60.4%), not inferred
            qs = [q for q in qs if q.year == year and f"{year}年" in text[seg.start:q.end]]
        elif not qs:
            flat = _flat_outcome(doc, seg, len(idx.segs) - 1)
            if flat is not None:
                idx.outcomes.append(flat)
        found = pieces(text, seg, qs, prev)
        prev = carried(found, prev) if qs else object_tail(text, seg)
        last: Outcome | None = None
        for p in found:
            metric = v.fillers.sub("", p.metric)
            if last is not None and _is_baseline(last, _before_number(last), v.raw):
                metric = _baseline_subject(last.metric, v.raw)  # 从53.2%提升到57.7%: 57.7's metric
            metric, turned = _turned(text[p.start:p.quantity.start], metric, turned, v.raw)
            last = Outcome(doc, squash(text[p.quote_from:p.end]), p.quote_from, p.end,
                           p.quantity, metric, p.action, near=p.near, seg=len(idx.segs) - 1)
            idx.outcomes.append(last)


def _project_size(text: str, seg: Span, q: Quantity, raw: dict) -> bool:
    """Is ``q`` a project's size in its name (``150亿方/年天然气产能倍增工程``)?"""
    if not q.unit or q.unit in identity_cues().counted or "%" in q.unit:
        return False
    tail = text[q.end:seg.end]  # the segment is one clause; a list item ends at 、
    tail = tail[:tail.find("、")] if "、" in tail else tail
    head = min((i for i in (tail.find(h) for h in raw.get("project_heads") or ()) if i > 0), default=-1)
    # 144公里电缆线路改造工程 is a length of work (an action before the head), not a name; 投资超10亿元
    # 重大项目14个 a size class of the projects counted after it
    name = tail[:head]
    return (head > 0 and "的" not in name and not vocab().actions.search(canonical(name))
            and not re.search(r"\d", tail[head:]))


def _circumstance(text: str, seg: Span, q: Quantity, raw: dict) -> bool:
    """Is ``q`` inside a clause of circumstance (``在对美贸易下降超3成的情况下``)?"""
    opens = [text.rfind(w, seg.start, q.start) for w in raw.get("circumstance_open") or ()]
    if max(opens, default=-1) == -1:
        return False
    tail = text[q.end:min(seg.end, q.end + 12)]
    return any(w in tail for w in raw.get("circumstance_close") or ())


_LIST_GLUE = re.compile(r"[、，,和及与\s]*")


def _relative(text: str, seg_start: int, q: Quantity, qs: list[Quantity], raw: dict) -> bool:
    """Is ``q`` a gap to another body's figure (``增速分别高于全国12.7个、12个百分点``: both numbers),
    not the metric's own figure?"""
    found = [(text.rfind(c, seg_start, q.start), c) for c in raw.get("relative_cues") or ()]
    at = max((i + len(c) for i, c in found if i != -1), default=-1)
    if at == -1:
        return False
    # only the list of numbers may stand between the cue and this number
    between, pos = [], at
    for other in sorted(qs, key=lambda x: x.start):
        if at <= other.start and other.end <= q.start:
            between.append(text[pos:other.start])
            pos = other.end
    between.append(text[pos:q.start])
    return all(_LIST_GLUE.fullmatch(b) for b in between)


def _of_year(sentence: str, year: int | None, raw: dict) -> bool:
    """Does a sentence of a five-year review speak of the one ``year`` (``去年…``, ``2025年…``, but
    not ``2021—2025年``)?"""
    if any(w in sentence for w in raw.get("year_words") or ()):
        return True
    years = set(re.findall(r"(?<!\d)(\d{4})年", sentence))
    # 2025年…较2020年提高…: a change over the five years, not the year's
    return year is not None and years == {str(year)} and re.search(
        rf"(?<![—–\-~～至到]){year}年", sentence) is not None


def _turned(own: str, metric: str, subject: str, raw: dict) -> tuple[str, str]:
    """``(metric, subject)`` of a figure in a sentence with a 由/从 clause: a figure opening with a
    turn word (``转为下降1.2%``) counts the clause's subject (``单位地区生产总值能耗由…``); a figure
    whose metric has the clause hands its subject on."""
    own = canonical(own)
    if subject and own.startswith(tuple(raw.get("baseline_turns") or ())):
        return subject + "".join(vocab().actions.findall(own)), subject  # 转为下降 → …能耗下降
    cut = _baseline_subject(metric, raw)
    return metric, (cut if cut != metric and han_count(cut) >= 2 else subject)


def _flat_outcome(doc: Document, seg: Span, seg_i: int) -> Outcome | None:
    """A change stated as none in words: ``居民消费价格指数持平`` → an outcome of 0% for the metric
    named before the word (None when the segment has no such word or names nothing)."""
    text = doc.text
    words = _longest_first("flat_words")
    at, word = min(((text.find(w, seg.start, seg.end), w) for w in words
                    if text.find(w, seg.start, seg.end) != -1), default=(-1, ""))
    if at == -1:
        return None
    metric = vocab().fillers.sub("", canonical(text[seg.start:at]))
    if len(re.findall(r"[\u4e00-\u9fff]", metric)) < 2:
        return None
    q = Quantity(0.0, "%", "=", at, at + len(word), word)
    return Outcome(doc, squash(text[seg.start:at + len(word)]), seg.start, at + len(word), q, metric, None,
                   near=metric[-6:], seg=seg_i)


def _rate_of_change(goal: Goal) -> bool:
    """Is the goal a rate of change (涨幅, 增长, 增速) rather than a level?"""
    return any(w in goal.text for w in vocab().raw.get("rate_of_change_words") or ())


def _to_level(o: Outcome) -> bool:
    """Does the outcome state a level reached (下降到5.2%, 降至…) rather than a change?"""
    assert o.quantity is not None
    before = o.doc.text[max(0, o.quantity.start - 1):o.quantity.start]
    return bool(before) and before in (vocab().raw.get("level_links") or ())


def _baseline_subject(metric: str, raw: dict) -> str:
    """The metric of a 从…到… pair: ``常住人口城镇化率从2020年的提升到`` → ``常住人口城镇化率``."""
    cut = min((i for i in (metric.find(f) for f in raw.get("baseline_from") or ()) if i > 0),
              default=len(metric))
    return metric[:cut]


def _review_quantities(an: Analysis, start: int, end: int) -> list:
    """Quantities of a review segment; a unitless one takes the unit its noun implies, or goes."""
    text = an.doc.text
    out = []
    for found in an.quantities_in(start, end, written=True):
        q: Quantity | None = found
        if not found.unit:
            q = implied_unit(text, found)
        if q is not None:
            out.append(q)
    return out


def unit_factor(goal_unit: str, outcome_unit: str) -> float | None:
    """Factor turning an outcome in ``outcome_unit`` into ``goal_unit``; None when incompatible."""
    # a year's outcome reports a per-year target: 千亿元/年 ↔ 1200亿元
    goal_unit, outcome_unit = goal_unit.removesuffix("/年"), outcome_unit.removesuffix("/年")
    if goal_unit == outcome_unit:
        return 1.0
    v = vocab()
    g, o = v.unit_factor.get(goal_unit), v.unit_factor.get(outcome_unit)
    if g and o:
        return o[1] / g[1] if g[0] == o[0] else None
    if g or o or "%" in (goal_unit, outcome_unit) or "百分点" in goal_unit + outcome_unit:
        return None
    # count words (量词): 个 is compatible with any single count word
    if v.generic_count_unit in (goal_unit, outcome_unit) and len(goal_unit) == 1 and len(outcome_unit) == 1:
        people = v.raw.get("people_count_units") or ()
        return None if (goal_unit in people) != (outcome_unit in people) else 1.0  # 24个 ≠ 30万(人)
    return None


def _cumulative(text: str) -> bool:
    return is_stock(text)


def _level_of_flow(goal: Goal, o: Outcome) -> bool:
    """Does ``o`` state a level reached (``…达到312公里``) while ``goal`` counts a flow (``新增…``)?"""
    flows, cues = identity_cues().flow, identity_cues().level
    if not any(w in goal.text for w in flows) or any(w in goal.text for w in cues):
        return False
    assert o.quantity is not None
    reach = o.doc.text[max(0, o.quantity.start - 1):o.quantity.start] == "达"  # …企业达242家
    return (reach or any(w in o.text for w in cues)) and not any(w in o.text for w in flows)


def _flow_of_level(goal: Goal, o: Outcome) -> bool:
    """Does ``o`` count a flow (``新增46家…企业``) while ``goal`` states a level to reach (``…企业达220家``,
    ``…总数达到…``)?"""
    flows, cues = identity_cues().flow, identity_cues().level
    assert goal.quantity is not None
    reach = goal.doc.text[max(0, goal.quantity.start - 1):goal.quantity.start] == "达"
    if not (reach or any(w in goal.text for w in cues)) or any(w in goal.text for w in flows):
        return False
    return any(w in o.text for w in flows) and not any(w in o.text for w in cues)


def same_identity(goal: Goal, o: Outcome) -> bool:
    """Can review figure ``o`` be the year's outcome of ``goal`` — the same period, kind and scope,
    and a figure the review reports rather than a baseline or the target restated?

    ``年均增长7.8%`` (an average), ``从2020年的51.6%提升到…`` (a baseline), ``没有实现年初确定的…4%``
    (the target), ``工业投资占固定资产投资比重…`` (a share, for a growth goal) and
    ``规上装备工业增加值增长9.1%`` (a sub-category of 规上工业增加值) are not.
    """
    raw = vocab().raw
    assert o.quantity is not None
    before = _before_number(o)
    if any(w in before for w in raw.get("average_cues") or ()) and not any(
            w in goal.text for w in raw.get("average_cues") or ()):
        return False
    if _is_baseline(o, before, raw) or _streak(before, raw):
        return False
    if any(w in before for w in raw.get("target_restatement") or ()):
        return False
    shares = raw.get("share_cues") or ()
    if any(w in o.metric for w in shares) and not any(w in goal.metric for w in shares):
        return False
    # a statistic's rate (规上工业增加值增长5%) has a fixed scope; a count of projects or works
    # (攻克关键技术200项) is worded loosely (关键核心技术) and keeps the looser test
    if goal.quantity is None or goal.quantity.unit not in ("%", "个百分点", "百分点"):
        return True
    if not _names_head(goal.metric, o.metric):
        return False
    neutral = raw.get("scope_neutral") or ()
    # 医疗废物处置率、受污染耕地安全利用率均达100%: a list item is read on its own
    parts = [p for p in re.split("[、，,和及与]", before) if p] or [o.metric]
    return not all(_narrower(goal.metric, part, neutral) for part in parts)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def counts_other_thing(goal: Goal, o: Outcome) -> bool:
    """Does count outcome ``o`` count another thing than count goal ``goal``? The goal's counted
    noun — its head and the qualifier right before it (``新增智能制造标杆企业360家`` → 标杆·企业), or
    the first word after the count (``10座体育公园`` → 体育) — must be named by the outcome:
    ``新增智能制造企业1585家`` (a broader count) and ``新增大学生创业企业9000家`` (another thing)
    do not report it. Loosely worded synonyms (synonyms.yaml) compare in their canonical form."""
    q = goal.quantity
    raw = vocab().raw
    if q is None or o.quantity is None or q.unit not in identity_cues().counted \
            or q.unit in (raw.get("people_count_units") or ()):  # 人 says what is counted
        return False
    said = _abbreviated(canonical(o.text) + canonical(o.metric))
    text = goal.doc.text
    lead = _without_lead(canonical(text[q.end:min(goal.end, q.end + 12)]), raw.get("count_noun_skips") or [])
    levels = (_level(_counted_phrase(lead, goal.metric)),
              _level(_counted_phrase(canonical(o.doc.text[o.quantity.end:o.end]), o.metric)))
    if None not in levels and levels[0] != levels[1]:
        return True  # 全省重点实验室 ≠ 全国重点实验室
    after = _without_lead(lead, raw.get("scope_neutral") or [])
    if after and _HAN.match(after) and not after.startswith("的"):  # 建设100个口袋公园: the noun follows
        first = "".join(_HAN.findall(_abbreviated(after)))[:2]
        return len(first) == 2 and first not in said
    own = lcut(canonical(text[goal.start:q.start]))
    if own and _verb_word(own[-1]):
        return False  # 新开工…20个、基本建成10个: the count's noun is elided, the metric inherited
    return not names_counted_noun(goal.metric, said)


def _verb_word(word: str) -> bool:
    """Is ``word`` an action or a level word (建成, 达到) rather than a noun?"""
    v = vocab()
    return bool(v.actions.fullmatch(word) or v.verbs.fullmatch(word)) or word in identity_cues().level


def _counted_phrase(after: str, metric: str) -> str:
    """The words naming what a count counts: those right after it (``5个全国重点实验室``), else its
    metric (``新增国家级临床重点专科8个``)."""
    return after if after and _HAN.match(after) else metric


def _level(phrase: str) -> str | None:
    """The level (national, provincial …) of the counted thing: the level word nearest its noun
    (``全省首个国家区域医疗中心`` → national), None when there is none."""
    levels = vocab().raw.get("count_levels") or {}
    found = [(phrase.rfind(w), -len(w), level) for level, words in levels.items()
             for w in words if w in phrase]
    return max(found)[2] if found else None


def names_counted_noun(metric: str, said: str) -> bool:
    """Does ``said`` name the noun a count metric ends with — its last word and the word right
    before it (``新增智能制造标杆企业`` → 标杆, 企业; ``修建便民桥`` → 便民, 桥), an action and loose
    qualifiers (``公办``) aside?"""
    acts, raw = vocab().actions, vocab().raw
    obj = "".join(_HAN.findall(_abbreviated(_bare(canonical(metric)))))
    said = _abbreviated(said)
    if len(obj) < 2 or obj in said:
        return True
    words = [w for w in lcut(obj) if _HAN.match(w)]
    if len(words) >= 2 and words[-2] + words[-1] in (raw.get("compound_count_heads") or ()):
        words = [*words[:-2], words[-2] + words[-1]]
    head = words[-1] if words else ""
    qual = words[-2] if len(words) >= 2 else ""
    loose = raw.get("loose_count_qualifiers") or ()
    if len(qual) < 2 or acts.fullmatch(qual) or qual in loose:
        qual = ""
    return head in said and (not qual or qual in said)


def _without_lead(text: str, words: list[str]) -> str:
    """``text`` without the ``words`` it opens with (``左右全省重点实验室`` → ``重点实验室``)."""
    ordered = sorted(words, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for w in ordered:
            if w and text.startswith(w):
                text, changed = text[len(w):], True
    return text


def _before_number(o: Outcome) -> str:
    """The outcome's words before its number: ``全省没有实现年初确定的单位地区生产总值能耗降低``."""
    assert o.quantity is not None
    return o.doc.text[o.start:max(o.start, o.quantity.start)]


_YEARS = r"[0-9一二三四五六七八九十两]+年"


def _streak(before: str, raw: dict) -> bool:
    """Does the figure's clause tell a streak over years (``连续18年保持在…``)?"""
    return any(re.search(re.escape(c) + _YEARS, before) for c in raw.get("streak_cues") or ())


def _is_baseline(o: Outcome, before: str, raw: dict) -> bool:
    """Is the number a starting value: ``从`` / ``由`` before it in the clause, a 'to' word after?"""
    assert o.quantity is not None
    text = o.doc.text
    after = text[o.quantity.end:o.quantity.end + 4]
    clause_start = max((before.rfind(c) for c in "，,；;、"), default=-1) + 1
    head = before[clause_start:]
    return any(f in head for f in raw.get("baseline_from") or ()) and after.startswith(
        tuple(raw.get("baseline_to") or ()))


def _names_head(goal_metric: str, outcome_metric: str) -> bool:
    """Does the outcome name the first word of a rate goal's metric (``工业投资`` → ``工业``)? A figure
    sharing only the tail (``战略性新兴产业投资增长19.6%``) is another statistic's."""
    acts = vocab().actions
    neutral = _longest_first("scope_neutral")
    g = _abbreviated(acts.sub("", _bare(canonical(goal_metric))))
    o = _abbreviated(acts.sub("", _bare(canonical(outcome_metric))))
    for w in neutral:  # 全省地区生产总值 / 全社会固定资产投资: the head is 生产 / 固定
        g, o = g.replace(w, ""), o.replace(w, "")
    return len(g) < 4 or g[:2] in o


def _narrower(goal_metric: str, outcome_metric: str, neutral: tuple[str, ...] | list[str]) -> bool:
    """Does the outcome's metric name a sub-category of the goal's: the goal's words all in it, in
    order, with other content words besides (``规上装备工业增加值`` for ``规上工业增加值``), or a
    qualifier before the goal's first word (``跨境电商进出口`` for ``进出口总额``, ``高技术制造业投资``
    for ``制造业技改投资``)?"""
    acts = vocab().actions
    g = _abbreviated(acts.sub("", _bare(canonical(goal_metric))))
    o = _abbreviated(acts.sub("", _bare(canonical(outcome_metric))))
    if len(g) < 2:
        return False
    ordered = sorted(neutral, key=len, reverse=True)
    head = _without(g, ordered)[:2]
    at = o.find(head) if len(head) == 2 else -1
    openers = _longest_first("subject_openers")
    if at > 0 and han_count(_without(_without(o[:at], openers), ordered)) >= 2:  # 去年…: no scope
        return True
    left, i = [], 0
    for ch in o:
        if i == len(g):
            break  # words after the metric are what is said of it (平均为, 首次跃上), not its scope
        if ch == g[i]:
            i += 1
        else:
            left.append(ch)
    if i < len(g):
        return False  # not all of the goal's words: another test's business (cover)
    return han_count(_without("".join(left), ordered)) >= 2


def _without(text: str, words: tuple[str, ...] | list[str]) -> str:
    for w in words:
        text = text.replace(w, "")
    return text


@cache
def _longest_first(key: str) -> tuple[str, ...]:
    """The words of vocabulary list ``key``, longest first (sorted once: most goal and figure
    pairs ask)."""
    return tuple(sorted(vocab().raw.get(key) or (), key=len, reverse=True))


@cache
def _abbreviations_longest_first() -> tuple[tuple[str, str], ...]:
    """``(canonical, short)`` name pairs, the longest canonical name first (sorted once)."""
    return tuple(sorted(abbreviations(LOOSE).items(), key=lambda kv: -len(kv[0])))


def _abbreviated(text: str) -> str:
    """Names in their short form, so that either form compares character by character:
    ``规模以上工业增加值`` → ``规上工业增加值``."""
    for canon, short in _abbreviations_longest_first():
        text = text.replace(canon, short)
    return text


def _bare(metric: str) -> str:
    v = vocab()
    return _named(v.fillers.sub("", _plan_framing().sub("", metric)))


@cache
def _plan_framing() -> re.Pattern[str]:
    """``全年计划`` before an action or goal verb (``全年计划实施项目`` → ``实施项目``), not before a
    noun."""
    v = vocab()
    words = sorted(v.raw.get("plan_framing") or (), key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(map(re.escape, words)) or '(?!x)x'})"
                      f"(?=(?:{v.actions.pattern}|{v.verbs.pattern}))")


def _named(metric: str) -> str:
    """The metric under the name of the statistic it wholly stands for (synonyms.yaml
    ``whole_keys``): ``经济增长`` → ``地区生产总值增长``; ``全省经济增长`` too (scope words aside)."""
    obj = vocab().actions.sub("", metric)
    for w in _longest_first("scope_neutral"):
        if len(w) > 1:
            obj = obj.replace(w, "")
    whole = whole_key(obj)
    if whole == obj or not obj or obj not in metric:
        return metric
    return metric.replace(obj, whole, 1)


@dataclass(frozen=True)
class MetricForms:
    """A metric phrase in the forms ``metric_score`` compares: bare (plan framing and fillers gone,
    under the name of the statistic it stands for) and, of that, the object without its actions;
    each with its bigrams."""

    bare: str
    obj: str
    bare_grams: frozenset[str]
    obj_grams: frozenset[str]


def metric_forms(metric: str) -> MetricForms:
    """``新建改造农村公路`` → bare ``新建改造农村公路``, object ``农村公路``."""
    bare = _bare(metric)
    obj = vocab().actions.sub("", bare)
    return MetricForms(bare, obj, bigrams(bare), bigrams(obj))


def _share(needle: frozenset[str], hay: frozenset[str]) -> float:
    """``cover`` on bigrams already taken: the share of ``needle``'s found in ``hay``."""
    return len(needle & hay) / len(needle) if needle else 0.0


def metric_forward(g: MetricForms, o: MetricForms) -> float:
    """Share of the goal metric's bigrams in the outcome's (of the object alone, when that is long
    enough: 新建改造农村公路 ↔ 新改建农村公路)."""
    fwd = _share(g.bare_grams, o.bare_grams)
    if len(g.obj) >= 4:
        fwd = max(fwd, _share(g.obj_grams, o.obj_grams))
    return fwd


def metric_score(g: MetricForms, o: MetricForms, near: str = "") -> tuple[float, float]:
    """``(forward, score)`` of goal metric ``g`` and outcome metric ``o``: ``metric_forward``, and
    a blend with the reverse share and with the words right next to the outcome's number
    (``near``), so that in ``拆违腾退土地2800公顷`` the figure belongs to 腾退土地 rather than to
    拆除违法建设."""
    fwd = metric_forward(g, o)
    return fwd, 0.6 * fwd + 0.2 * _share(o.bare_grams, g.bare_grams) + 0.2 * (
        cover(near, g.bare) if near else fwd)


@dataclass(frozen=True)
class OutcomeFacts:
    """What the pairing reads of one review figure whatever the goal, worked out once per index
    (every quantified goal of the plan is held against every figure of the review)."""

    forms: MetricForms
    exclusive: frozenset[int]  # the exclusive action groups its metric names (新开工, 完工 …)
    cumulative: bool           # 累计…: a running total


def _exclusive_groups(metric: str | None) -> frozenset[int]:
    """Indices of the exclusive action groups ``metric`` carries a word of: two metrics whose
    groups are both present and disjoint never pair (``…新开工`` vs ``…完工``); word order does not
    matter (``新开工棚户区改造住房`` and ``棚户区改造新开工住房`` agree)."""
    if not metric:
        return frozenset()
    return frozenset(i for i, g in enumerate(vocab().exclusive_actions) if any(w in metric for w in g))


def outcome_facts(idx: ReviewIndex) -> list[OutcomeFacts]:
    """``OutcomeFacts`` of every outcome of ``idx``, in order (built on first use)."""
    if len(idx.facts) != len(idx.outcomes):
        idx.facts = [OutcomeFacts(metric_forms(o.metric), _exclusive_groups(o.metric),
                                  _cumulative(o.text)) for o in idx.outcomes]
        idx.by_unit = {}
        for i, o in enumerate(idx.outcomes):
            assert o.quantity is not None
            idx.by_unit.setdefault(o.quantity.unit, []).append(i)
    return idx.facts


def _in_unit_of(goal_unit: str, idx: ReviewIndex) -> list[tuple[int, float]]:
    """``(outcome index, factor)`` of the outcomes of ``idx`` in a unit compatible with
    ``goal_unit``, in order: a review has few units, each converted once (most figures of a
    review are in another unit than a given goal's)."""
    outcome_facts(idx)
    factors = {unit: unit_factor(goal_unit, unit) for unit in idx.by_unit}
    return sorted((i, f) for unit, f in factors.items() if f is not None for i in idx.by_unit[unit])


def quantity_candidates(goal: Goal, idx: ReviewIndex, th: Thresholds) -> list[Outcome]:
    """Review quantities that may report ``goal``, best first."""
    assert goal.quantity is not None
    goal_forms = metric_forms(goal.metric)
    goal_groups = _exclusive_groups(goal.metric)
    goal_cumulative = _cumulative(goal.text)
    facts = outcome_facts(idx)
    out = []
    # the tests are pure and all must pass: the cheap ones (unit, metric words) go first, so the
    # costly readings of identity and counted noun run on the few figures that name the metric
    for i, factor in _in_unit_of(goal.quantity.unit, idx):
        o, of = idx.outcomes[i], facts[i]
        assert o.quantity is not None
        if goal_groups and of.exclusive and not goal_groups & of.exclusive:
            continue  # …新开工 is not …完工
        if of.cumulative and not goal_cumulative:
            continue  # 累计…: a running total, not the year's amount
        if metric_forward(goal_forms, of.forms) < th.metric:
            continue
        if _level_of_flow(goal, o) or _flow_of_level(goal, o):
            continue  # 运营里程达到312公里: a level, not the year's 新增 (and the other way round)
        if not same_identity(goal, o) or counts_other_thing(goal, o):
            continue
        _, score = metric_score(goal_forms, of.forms, o.near)
        value = o.quantity.value * factor
        gd, od = goal.quantity.direction, o.quantity.direction
        if gd and od and gd != od:
            value = -value  # 下降 promised, 增长 reported: the wrong way
        elif od == "decrease" and gd is None and _rate_of_change(goal) and not _to_level(o):
            value = -value  # 涨幅2%左右 promised, CPI微降0.1% reported: -0.1
        out.append(Outcome(o.doc, o.text, o.start, o.end, o.quantity, o.metric, o.action, score,
                           value, o.near, o.seg))
    out.sort(key=lambda c: (-c.score, c.start))
    return out


def _head_ok(obj: str, seg: str) -> bool:
    """A deliverable head the object ends with (条例, 规划 …) must appear in the segment."""
    for head in vocab().deliverable_heads:
        if obj.endswith(head):
            return head in seg
    return True


_ITEM_SPLIT = re.compile(r"[、和及与]|等")


def _item_score(obj_raw: str, seg: str) -> float:
    """A list object (``一号楼二期、交通枢纽、…等项目``) is named when one specific item
    (5+ characters) appears whole in the segment."""
    items = [core(i) for i in _ITEM_SPLIT.split(obj_raw)]
    return 0.75 if any(len(i) >= 5 and i in seg for i in items) else 0.0


def object_score(obj: str, seg: str, th: Thresholds, obj_raw: str = "") -> float:
    """How well review segment ``seg`` names goal object ``obj`` (0 when it does not)."""
    if not obj or not seg:
        return 0.0
    if obj_raw and ("、" in obj_raw or "等" in obj_raw):
        item = _item_score(obj_raw, seg)
        if item:
            return max(item, _plain_score(obj, seg, th))
    return _plain_score(obj, seg, th)


def _plain_score(obj: str, seg: str, th: Thresholds) -> float:
    b = cover(obj, seg)
    if b < 0.3:
        return 0.0
    score = (b + char_cover(obj, seg)) / 2
    if score < th.obj or lcs(obj, seg) < min(th.min_run, len(obj)) or not _head_ok(obj, seg):
        return 0.0
    return score


def object_matches(obj: str, idx: ReviewIndex, th: Thresholds, obj_raw: str = "") -> list[tuple[float, int]]:
    """``(score, segment index)`` of review segments naming ``obj``, best first."""
    grams = bigrams(obj)
    listed = bool(obj_raw) and ("、" in obj_raw or "等" in obj_raw)
    out = []
    for i, shared in shared_bigrams(grams, idx):
        if not listed and shared / len(grams) < 0.3:
            continue  # the bigram cover _plain_score starts with: too low, it scores 0
        s = object_score(obj, idx.canon[i], th, obj_raw)
        if s > 0:
            out.append((s, i))
    out.sort(key=lambda t: (-t[0], t[1]))
    return out


def shared_bigrams(grams: frozenset[str], idx: ReviewIndex) -> list[tuple[int, int]]:
    """``(segment index, bigrams shared)`` of the review segments sharing a bigram with ``grams``,
    in order. Every goal's object is looked for in the whole review: the bigram postings (built on
    first use) spare a scan of every segment per goal."""
    if idx.postings_of != len(idx.grams):
        postings: dict[str, list[int]] = {}
        for i, seg_grams in enumerate(idx.grams):
            for g in seg_grams:
                postings.setdefault(g, []).append(i)
        idx.postings = postings
        idx.postings_of = len(idx.grams)
    shared = Counter(chain.from_iterable(idx.postings.get(g, ()) for g in grams))
    return sorted(shared.items())


def each_subject_figure(o: Outcome) -> bool:
    """Is ``o`` one figure given to every subject listed before it (``甲和乙利用率均达60%以上``), so
    that it may report a goal on each of them?"""
    if o.quantity is None:
        return False
    raw, text = vocab().raw, o.doc.text
    before = text[o.start:o.quantity.start]
    at = max((before.rfind(w) for w in raw.get("each_words") or ()), default=-1)
    if at <= 0 or before[at - 1:at + 1] in (raw.get("average_words") or ()):
        return False  # 年均, 人均: an average
    # only a change or level word between it and the number (均增长, 均达, 均达到)
    rest = vocab().actions.sub("", canonical(before[at + 1:]))
    return all(ch in "达为" for ch in rest)


def narrowed_in_words(obj: str, seg: str) -> bool:
    """Does review segment ``seg`` name ``obj`` only with words inserted inside it — a narrower
    scope (``生物经济重点产业营业收入`` for ``生物经济营业收入``)? False when ``seg`` names it as it
    is somewhere, or does not hold all its characters in order (the bigram match decides then)."""
    neutral = _longest_first("scope_neutral")
    whole = False
    for start in (i for i, ch in enumerate(seg) if obj and ch == obj[0]):
        inserted, k = [], 1
        for ch in seg[start + 1:]:
            if k == len(obj):
                break
            if ch == obj[k]:
                k += 1
            else:
                inserted.append(ch)
        if k < len(obj):
            continue
        whole = True
        rest = "".join(inserted)
        for w in neutral:
            rest = rest.replace(w, "")
        if han_count(rest) < 2:
            return False
    return whole


def names_subject(word: str, raw: str) -> bool:
    """Does review text ``raw`` name ``word`` as a subject of its own — at the start of the clause
    or of a list item, openers and scope words aside? ``投资、消费增速分别快于全国…`` names 消费;
    ``…等领域投资增长明显承压`` does not name 投资 (a narrower investment)."""
    v = vocab()
    skip = sorted({*(v.raw.get("scope_neutral") or ()), *(v.raw.get("subject_openers") or ()),
                   *(v.raw.get("filler_words") or ())}, key=len, reverse=True)
    text = v.canonical(squash(raw))
    at = text.find(word)
    while at != -1:
        before, changed = text[:at], True
        while before and changed:
            changed = False
            for w in skip:
                if len(w) > 1 and before.endswith(w):
                    before, changed = before[:-len(w)], True
                    break
        if not before or before[-1] in "、，,和及与；;：:“”（(":
            return True
        at = text.find(word, at + 1)
    return False


def loose_claims(metric: str, idx: ReviewIndex, th: Thresholds) -> list[int]:
    """Segments with a blanket claim (各项年度任务, 进展顺利) that name part of ``metric``."""
    bare = vocab().actions.sub("", _bare(metric))
    grams = bigrams(bare)
    # a shared run of two characters or more is a shared bigram: without one, no need for lcs
    return [i for i in blanket_segments(idx) if cover(bare, idx.canon[i]) >= 0.3
            or ((th.min_run < 2 or grams & idx.grams[i]) and lcs(bare, idx.canon[i]) >= th.min_run)]


def blanket_segments(idx: ReviewIndex) -> list[int]:
    """Indices of the segments making a blanket claim (worked out once per index: every goal
    without a figure asks)."""
    if idx.blanket_of != len(idx.canon):
        v = vocab()
        # a claim that the year's targets were met (完成了全年主要目标任务) speaks of no one metric
        idx.blanket = [i for i, c in enumerate(idx.canon)
                       if v.blanket.search(c) and not any(p.search(c) for p in v.claim_patterns)]
        idx.blanket_of = len(idx.canon)
    return idx.blanket
