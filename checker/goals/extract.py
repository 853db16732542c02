"""Goal extraction from the plan sections of a report.

Every quantified goal, one per target (``新开工 500个、完工 400个`` → two goals), and the checkable
unquantified ones: a goal verb (建成 开通 完成 实现 出台 组建 设立 启动 … from
checker/data/goal_vocab.yaml) governing a concrete object (``组建数据交易中心``). In the
main-targets sentence (``主要预期目标是：…``) every clause is a goal (``居民收入持续增长``).
Goals of a multi-year targets section, or tied to another year (``到2025年``), are marked
``multi_year``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from checker.analysis.identity import is_named
from checker.analysis.store import Analysis, AnalysisStore, analysis_of
from checker.datafiles import load_data
from checker.goals.describing import attribute_span, describes
from checker.goals.model import Goal
from checker.goals.segments import carried, object_tail, pieces, segments, sentences
from checker.goals.text import canonical, core, han_count, squash
from checker.goals.vocab import vocab
from checker.model import PLAN, TARGETS, Document, Quantity, Section, Span

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
# 到2025年 / 2025年前 anywhere in the sentence: its targets are for that year
_BY_YEAR = re.compile(r"到\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:前|底前|末)")
_QUOTED = re.compile(r"“[^”]{0,12}”")
_COUNTED = frozenset(load_data("units.yaml")["counted_units"])


def plan_sections(doc: Document, roles: tuple[str, ...] = (PLAN, TARGETS)) -> list[Section]:
    """Top-level sections of ``doc`` whose role is a plan (or multi-year targets)."""
    return [s for s in doc.sections if s.parent is None and s.role in roles]


def goal_quantity(text: str, q: Quantity) -> bool:
    """Can ``q`` be a goal's target? Not a duration, an anniversary, an ordinal or a label."""
    if q.unit in vocab().non_goal_units or q.year is not None:
        return False
    raw = vocab().raw
    before = text[max(0, q.start - 4):q.start].rstrip()
    if any(before.endswith(w) for w in raw.get("label_before") or ()):
        return False
    after = text[q.end:q.end + 4].lstrip()
    if any(after.startswith(w) for w in raw.get("label_after") or ()):
        return False
    spelled = not any(c.isdigit() and c.isascii() for c in q.text)
    quoted_label = any(after.startswith(w) for w in raw.get("label_after_spelled") or ())
    if quoted_label and (spelled or q.unit not in _COUNTED):
        return False  # 三个“民生小事”, 24小时“不打烊”: a slogan, not a count of named things
    if q.text.rstrip().endswith(tuple(raw.get("label_units_written") or ())):
        return False  # 八方面工作: the outline of the report
    if q.value == 1 and q.text.lstrip().startswith("一"):
        return False  # 一张蓝图, 一支队伍, 一批: an article, not a count
    if is_named(text, q):
        return False  # 15分钟生活圈, 两年见成效: a number inside a name or a slogan
    if describes(text, q):
        return False  # 50万吨乙二醇项目建成投产, 由20元提高到…: a description, not an amount to reach
    for m in _QUOTED.finditer(text, max(0, q.start - 12), min(len(text), q.end + 12)):
        if m.start() < q.start and q.end <= m.end():
            return False  # “3个50”, “5+2”: a programme's name
    return True


def implied_unit(text: str, q: Quantity) -> Quantity | None:
    """A unitless quantity with the unit its noun implies (``5万农村劳动力`` → 人), else None."""
    after = canonical(text[q.end:q.end + 10])
    for unit, nouns in (vocab().raw.get("implicit_units") or {}).items():
        if any(n in after[:8] for n in nouns):
            return replace(q, unit=unit)
    return None


def _word_targets(text: str, start: int, end: int) -> list[Quantity]:
    """Targets written in words (``进出口总额保持正增长`` → growth above 0%): a quantity over the
    word's number part (``正``), so that the change word (``增长``) stays with the metric."""
    out = []
    for word, spec in (vocab().raw.get("word_targets") or {}).items():
        at = text.find(word, start, end)
        while at != -1:
            value, unit, qualifier, direction = spec
            n = len(_number_part(word))
            out.append(Quantity(float(value), str(unit), str(qualifier), at, at + n, text[at:at + n],
                                direction=direction))
            at = text.find(word, at + len(word), end)
    return out


def _has_word_target(text: str, span: Span) -> bool:
    """Does ``span`` hold a target written in words (``_word_targets``)?"""
    return any(text.find(word, span.start, span.end) != -1
               for word in vocab().raw.get("word_targets") or {})


def _number_part(word: str) -> str:
    """The number part of a target word: what is left before its change word (正增长 → 正)."""
    for change in vocab().raw.get("rate_of_change_words") or ():
        if word.endswith(change):
            return word[:-len(change)]
    return word


def _goal_quantities(an: Analysis, start: int, end: int) -> list[Quantity]:
    text = an.doc.text
    out = _word_targets(text, start, end)
    for found in an.quantities_in(start, end, written=True):
        q = found if found.unit else implied_unit(text, found)
        if q is None:
            continue
        if goal_quantity(text, q):
            out.append(_level_target(text, q))
    return sorted(out, key=lambda q: q.start)


def _attributes(an: Analysis, seg: Span) -> list[tuple[int, int]]:
    """Spans of the segment's describing amounts written as attributes (``总投资1.2万亿元的``)."""
    text = an.doc.text
    return [span for q in an.quantities_in(seg.start, seg.end, written=True)
            if q.unit and (span := attribute_span(text, q)) is not None]


def _level_target(text: str, q: Quantity) -> Quantity:
    """``下降到32微克/立方米``: a level to get down to is a ceiling (``<=``)."""
    if q.qualifier not in ("=", ""):
        return q
    before = text[max(0, q.start - 4):q.start].rstrip()
    if any(before.endswith(w) for w in vocab().raw.get("ceiling_before") or ()):
        return replace(q, qualifier="<=")
    return q


def _delta(piece: str, q: Quantity) -> bool:
    """``比上年增加1000亿元``: by how much the target before grows, not a target of its own."""
    raw = vocab().raw
    if "%" in q.unit or "百分点" in q.unit:
        return False
    words = canonical(piece.replace(q.text, ""))
    opener = next((o for o in raw.get("delta_openers") or () if words.startswith(o)), None)
    if opener is None:
        return False
    rest = words[len(opener):]
    for w in sorted(raw.get("delta_words") or (), key=len, reverse=True):
        rest = rest.replace(w, "")
    v = vocab()
    return han_count(v.fillers.sub("", v.actions.sub("", rest))) < 2


@cache
def _words(key: str) -> tuple[str, ...]:
    """The word list ``key`` of the goal vocabulary as a tuple (for ``str.endswith``/``startswith``)."""
    return tuple(vocab().raw.get(key) or ())


def _canonical_holds(text: str, words: re.Pattern[str], anchor: re.Pattern[str]) -> bool:
    """Does ``canonical(text)`` hold one of ``words``? Not when ``text`` holds none of the
    ``anchor`` characters (``Vocab``), which spares the canonical form of most clauses."""
    return anchor.search(text) is not None and words.search(canonical(text)) is not None


def _explains(sentence: str) -> bool:
    """Does the sentence open an explanation of the targets (``这里要着重说明``)?"""
    v = vocab()
    return _canonical_holds(sentence, v.explanation_re, v.explanation_anchor)


def _headings(doc: Document) -> set[int]:
    """Start offsets of level-1/2 headings: their titles restate goals in general words."""
    return {s.start for s in doc.sections if s.level <= 2 and s.title.strip()}


def _is_multi_year(text: str, year: int | None) -> bool:
    v = vocab()
    if _canonical_holds(text, v.multi_year, v.multi_year_anchor):
        return True
    return any(year is not None and int(m.group(0)) != year for m in _YEAR.finditer(text))


def _verb(text: str) -> re.Match[str] | None:
    """The clause's goal verb: a specific verb early on beats a carry-on one (加快组建 → 组建)."""
    v = vocab()
    first = None
    for m in v.verbs.finditer(text):
        if first is None:
            first = m
        if m.start() > 6:
            break
        if v.verb_class.get(m.group(0)) != "run":
            return m
    return first


_STATE = re.compile("|".join(re.escape(w) for w in sorted(vocab().raw.get("target_state_verbs") or (),
                                                         key=len, reverse=True)))


def _unquantified(doc: Document, seg: Span, year: int | None, title: str, target_list: bool,
                  multi: bool) -> list[Goal]:
    """Unquantified goals of one segment (split at 、 when each part has its own verb)."""
    text = doc.text
    v = vocab()
    parts = [seg]
    if "、" in text[seg.start:seg.end]:
        cuts, pos = [], seg.start
        at = text.find("、", pos, seg.end)
        while at != -1:
            cuts.append(Span(pos, at))
            pos = at + 1
            at = text.find("、", pos, seg.end)
        cuts.append(Span(pos, seg.end))
        leading = (c for c in cuts if _leads(text[c.start:c.end]))
        if next(leading, None) is not None and next(leading, None) is not None:  # two items lead
            parts = _merge_verbless(cuts, text)
    out = []
    for part in parts:
        raw = text[part.start:part.end]
        m = _verb(raw)
        if target_list:
            if m is None:  # 国际收支保持基本平衡: a state to keep is a target too
                m = _STATE.search(raw) if _STATE.pattern else None
            if m is None and not v.completion.search(raw):
                continue
        elif m is None or not _checkable(raw, m):
            continue
        obj = raw if m is None else raw[:m.start()] + raw[m.end():]
        if len(core(obj)) < v.min_object_chars or core(obj) in v.vague_objects or _vague(raw):
            continue
        if m is not None and not target_list and v.verb_class.get(m.group(0)) == "run":
            tail = canonical(raw[m.end():])
            if not tail.endswith(_words("task_nouns")):
                continue  # 推动各类资源优化配置: a direction, not a task
        verb = m.group(0) if m else None
        out.append(Goal(doc, squash(raw), part.start, part.end, year, title, None, canonical(obj),
                        verb, v.verb_class.get(verb or "", "achieve"), multi, target_list))
    return out


_SUBJECT_CLASSES = ("build", "open", "complete")


def _vague(raw: str) -> bool:
    """An aim or a frame rather than a checkable task (提高…水平, 为…作出贡献, 做好以下方面的工作)."""
    text = canonical(raw)
    if text.endswith(_words("vague_endings")) or vocab().outline_re.search(text):
        return True
    return text.startswith(_words("purpose_openers"))


def _leads(part: str) -> bool:
    """Does a list item carry its own verb: leading (``加快组建…``) or closing (``…封关运行``)?

    ``某某国家实验室建设`` does not: its 建设 is a noun closing the object.
    """
    v = vocab()
    m = v.verbs.search(part)
    if m is not None and (m.start() <= 3 or len(core(part[:m.start()])) <= 1):
        return True
    return part.endswith(v.end_verbs)


_FRAME = re.compile(r"^以.{1,20}为")  # 以扩大开放为主题: a frame, not a task


def _checkable(raw: str, m: re.Match[str]) -> bool:
    """Is the verb the clause's own (leading, closing, or governing a deliverable)?

    ``加快组建区域贸易联盟`` yes; ``…服务实现社区全覆盖`` yes (deliverable 全覆盖);
    ``今年是建市70周年`` no (成立 is inside a description).
    """
    if _FRAME.match(raw) or raw[m.end():m.end() + 1] == "了":
        return False  # a frame (以…为…), or a thing already done (我们编制了…)
    if _leads(raw):
        return True
    tail = core(raw[m.end():])
    if any(tail.endswith(h) for h in vocab().deliverable_heads):
        return True
    # subject first: 所有…卫生院开设康复门诊, …大桥具备通车条件 (not 今年是…成立…周年: a description)
    before = raw[:m.start()]
    v = vocab()
    if (not raw[m.end():].strip() and v.verb_class.get(m.group(0)) in _SUBJECT_CLASSES
            and m.group(0) not in (v.raw.get("nominal_verbs") or ())
            and "是" not in before and len(core(before)) >= v.min_object_chars):
        return True  # 地级城市黑臭水体基本消除: the clause closes on what is to be done
    return (v.verb_class.get(m.group(0)) in _SUBJECT_CLASSES and "是" not in before
            and m.group(0) not in (v.raw.get("nominal_verbs") or ())
            and len(before) <= 12 and len(core(raw[m.end():])) >= 2)


def _merge_verbless(cuts: list[Span], text: str) -> list[Span]:
    """Attach a verbless list item to the part before it (``甲、乙、丙三地国家实验室``)."""
    out: list[Span] = []
    for c in cuts:
        if out and not _leads(text[c.start:c.end]):
            out[-1] = Span(out[-1].start, c.end)
        else:
            out.append(c)
    return out


def extract_goals(doc: Document, sections: list[Section] | None = None,
                  store: AnalysisStore | None = None) -> list[Goal]:
    """Every goal of the plan (and targets) sections of ``doc``, in text order (once per run and
    sections when a ``store`` is given: the goal rules and the series kinds read the same goals)."""
    chosen = sections if sections is not None else plan_sections(doc)
    if store is None:
        return _extract_goals(analysis_of(doc), chosen)
    key = (doc, tuple((s.start, s.end) for s in chosen))
    return store.memo("goals", key, lambda: _extract_goals(store.of(doc), chosen))


def _extract_goals(an: Analysis, chosen: list[Section]) -> list[Goal]:
    doc = an.doc
    text = doc.text
    v = vocab()
    heads = _headings(doc)
    goals: list[Goal] = []
    para, in_targets, explaining = -1, False, False
    # a subsection inside another chosen section is read with it, once
    chosen = [s for s in chosen
              if not any(o is not s and o.start <= s.start and s.end <= o.end and o.level < s.level
                         for o in chosen)]
    for top in chosen:
        year = top.year
        multi_section = top.role == TARGETS
        for sent in sentences(doc, top.body_start or top.start, top.end):
            if sent.start in heads:
                continue
            # 到2027年 ties what follows it in the sentence to that year, not the clauses before it
            later = [m.start() for m in _BY_YEAR.finditer(text, sent.start, sent.end)
                     if year is not None and int(m.group(1) or m.group(2)) > year]
            # the metric words a segment may inherit; a number-less segment hands on its object
            # tail, read only when a segment with numbers follows (most never have one)
            prev, tail_of = "", None
            para_start = text.rfind("\n", 0, sent.start) + 1
            if para_start != para:
                para, in_targets, explaining = para_start, False, False  # a new paragraph
            if explaining or _explains(text[sent.start:sent.end]):
                explaining = True  # 这里要着重说明…: the rest of the paragraph explains the targets
                continue
            # a sentence without a number or a target word has none in any of its segments
            numbered = bool(an.quantities_in(sent.start, sent.end)) or _has_word_target(text, sent)
            for seg in segments(text, sent):
                seg_text = text[seg.start:seg.end]
                qs = _goal_quantities(an, seg.start, seg.end) if numbered else []
                if _canonical_holds(seg_text, v.target_marker_re, v.target_marker_anchor):
                    in_targets = True  # 主要预期目标是： introduces the targets (to the paragraph's end)
                    if not qs:
                        continue
                target_list = in_targets
                if not qs and not target_list and v.verbs.search(text, seg.start, seg.end) is None:
                    # no goal verb anywhere in it (most clauses): no unquantified goal in any part
                    tail_of = seg
                    continue
                inner = doc.section_at(seg.start)
                title = doc.sections[inner].title if inner is not None else top.title
                by_year = any(at < seg.end for at in later)
                multi = multi_section or by_year or _is_multi_year(seg_text, year)
                if not qs:
                    goals.extend(_unquantified(doc, seg, year, title, target_list, multi))
                    tail_of = seg
                    continue
                if tail_of is not None:
                    prev, tail_of = object_tail(text, tail_of), None
                found = pieces(text, seg, qs, prev, _attributes(an, seg))
                prev = carried(found, prev)
                for p in found:
                    if _delta(text[p.start:p.end], p.quantity):
                        continue
                    goals.append(Goal(doc, squash(text[p.start:p.end]), p.start, p.end, year, title,
                                      p.quantity, p.metric, p.action, None, multi, target_list))
    return goals

