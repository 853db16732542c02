"""Mentions: every quantity with the metric it measures, its action, clause, section and year.

A quantified statement in a report has the shape ``[scope][action] metric [link] NUMBER`` or
``[action] NUMBER metric``:

- ``新增中小学学位3.5万个`` → metric ``中小学学位``, action ``新增``, key ``中小学学位``
- ``新增3万个中小学学位``   → the same metric, action and key (the metric follows the number)
- ``地区生产总值增长6.1%、约2.3万亿元`` → keys ``地区生产总值增速`` (a rate: change verb + %) and
  ``地区生产总值`` (the second clause has no metric of its own and borrows the first one's)

The vocabulary (actions, links, lead words) is in ``data/actions.yaml``; synonyms for keys in
``data/synonyms.yaml`` (through ``checker.lexicon``). jieba splits the text after a number into
words (one call per clause at most, only for clauses that need it) so that the metric after a
number ends at a word boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from checker import lexicon
from checker.datafiles import load_data
from checker.model import Document, Mention, Quantity, Span
from checker.segment import lcut
from checker.structure import vocab

if TYPE_CHECKING:
    from checker.analysis.store import AnalysisStore

CHANGE_SUFFIX = "增速"  # key suffix of a rate of change (增长5.2% / 下降5.7% / 增长1.1倍)
RATE_UNITS = frozenset(load_data("units.yaml")["rate_units"])  # 增长5.2% / 提高1.5个百分点 / 增长1.1倍
_CLEAN = re.compile(r"[\s“”‘’\"'「」『』《》〈〉【】（）()\[\]*#·•●\-—]")
_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_LEAD_YEAR = re.compile(r"^(?:到|至|截至|截止|截止到)?((?:19|20)\d{2})年(?:底|末|前|初|上半年|全年)?")
_ANY_TO_YEAR = re.compile(r"(?:到|至)((?:19|20)\d{2})年")
_FROM_YEAR = re.compile(r"(?:从|由)((?:19|20)\d{2})年")
# A comparison base: 比2019年 / 比上年 / 较同期 / 比条例实施前 (not 占比 同比 比重 比例: nouns)
_COMPARE = re.compile(r"(?:从|由)(?=(?:19|20)\d{2}年)|(?<![占对同环相])(?:比|较)(?![重例率值])(?=\S)")
_CONJ = re.compile(r"以及|[和及与或、]")
_SENTENCE_YEAR = re.compile(r"(?:在)?((?:19|20)\d{2})年[，,]")
_FROM = frozenset({"从", "由"})
# A paragraph about one year inside a multi-year review: 各位代表！2020年是爬坡过坎的一年。
_PARA_YEAR = re.compile(r"^.{0,8}?((?:19|20)\d{2})年(?:是|，|,|以来)")
INFIX_MAX = 3  # before an inner action, at most this many chars stay in the metric (城镇新增就业)
POST_MAX_TOKENS = 5  # words with letters or digits; quotes come along


@dataclass(frozen=True)
class _Words:
    actions: tuple[str, ...]
    infix: tuple[str, ...]
    after: frozenset[str]
    up: frozenset[str]
    down: frozenset[str]
    links: frozenset[str]
    transparent: frozenset[str]
    lead: tuple[str, ...]
    post_stops: frozenset[str]
    post_joiners: frozenset[str]
    count_units: frozenset[str]
    tail: tuple[str, ...]            # every word cut off a metric's end, longest first
    tail_level: tuple[str, ...]      # the same without change verbs (for keys)
    long_links: tuple[str, ...]      # links of two characters or more, longest first (parse_pre)
    long_links_re: re.Pattern[str]   # any of them
    long_post_stops: tuple[str, ...]  # post_stops of two characters or more (a word opening with one stops)


@lru_cache(maxsize=1)
def words() -> _Words:
    """The vocabulary of ``data/actions.yaml`` (loaded once)."""
    raw = load_data("actions.yaml")
    acts = [a.lstrip("*") for a in raw["actions"]]
    infix = [a.lstrip("*") for a in raw["actions"] if a.startswith("*")]
    up = frozenset(raw["change_verbs"]["increase"])
    down = frozenset(raw["change_verbs"]["decrease"])
    links, transparent = frozenset(raw["links"]), frozenset(raw["transparent"])
    after = frozenset(raw["after_metric"])
    tail = sorted({*after, *up, *down, *links, *transparent}, key=len, reverse=True)
    return _Words(
        actions=tuple(sorted(acts, key=len, reverse=True)),
        infix=tuple(sorted(infix, key=len, reverse=True)),
        after=after,
        up=up,
        down=down,
        links=links,
        transparent=transparent,
        lead=tuple(sorted(raw["lead_words"], key=len, reverse=True)),
        post_stops=frozenset(raw["post_stops"]),
        post_joiners=frozenset(raw["post_joiners"]),
        count_units=frozenset(load_data("units.yaml")["counted_units"]),
        tail=tuple(tail),
        tail_level=tuple(t for t in tail if t not in up and t not in down),
        long_links=tuple(link for link in sorted(links, key=len, reverse=True) if len(link) >= 2),
        long_post_stops=tuple(s for s in raw["post_stops"] if len(s) >= 2),
        long_links_re=re.compile("|".join(re.escape(link) for link in links if len(link) >= 2) or "(?!)"),
    )


# ---------------------------------------------------------------- keys


def canonical(text: str) -> str:
    """Replace synonyms by their canonical form (the lexicon's ``wording`` reach).

    ``北交所上市公司数量`` → ``北京证券交易所上市公司数量``; ``GDP`` → ``地区生产总值``.
    """
    return lexicon.canonical(text, lexicon.WORDING)


class _WordIndex:
    """Words indexed by their first and last character, longest first (a quick prefix/suffix test)."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self.first: dict[str, list[str]] = {}
        self.last: dict[str, list[str]] = {}
        for word in words:  # already longest first
            self.first.setdefault(word[0], []).append(word)
            self.last.setdefault(word[-1], []).append(word)

    def prefix(self, s: str) -> str | None:
        for w in self.first.get(s[:1], ()):
            if s.startswith(w):
                return w
        return None

    def suffix(self, s: str) -> str | None:
        for w in self.last.get(s[-1:], ()):
            if s.endswith(w):
                return w
        return None


_INDEXES: dict[int, _WordIndex] = {}


def _index(words: tuple[str, ...]) -> _WordIndex:
    """The index of ``words`` (a tuple of ``words()``), made once. Found by the tuple's identity,
    not its value: hashing a tuple of a hundred words on every call cost more than the look-up."""
    found = _INDEXES.get(id(words))
    if found is None or found.words is not words:
        found = _INDEXES[id(words)] = _WordIndex(words)
    return found


def _strip_front(s: str, vocab: tuple[str, ...]) -> tuple[str, str | None]:
    """Remove the longest word of ``vocab`` from the front of ``s``; (rest, word)."""
    word = _index(vocab).prefix(s)
    if word is not None and len(s) > len(word):
        return s[len(word) :], word
    return s, None


def metric_key(metric: str, change: bool = False) -> str:
    """Canonical key of a metric phrase, for matching across documents and years.

    Drops quotes and brackets, scope and lead words (全市 全年 确保 …), actions at the edges and
    ``新增``-like actions anywhere, applies synonyms; ``change`` (or a trailing change verb)
    appends ``增速``. ``全市新增中小学学位`` → ``中小学学位``; ``城镇新增就业`` → ``城镇就业``;
    ``居民消费价格涨幅`` → ``居民消费价格增速``; ``建设筹集人才公寓`` → ``人才公寓``;
    ``地区生产总值`` with ``change`` → ``地区生产总值增速``.
    """
    w = words()
    s = canonical(_CLEAN.sub("", metric).upper())
    for _ in range(6):  # a few words deep is enough (全市累计新增…)
        before = s
        s, _w = _strip_front(s, w.lead)
        s, _w = _strip_front(s, w.actions)
        if s == before:
            break
    for _ in range(4):
        # change verbs stay: in a metric phrase they are nouns (街区环境品质提升); the caller says
        # whether the number was a change
        cut = _index(w.tail_level).suffix(s)
        if cut is not None and len(s) <= len(cut):
            cut = None
        if cut is None:
            break
        s = s[: -len(cut)]
    for act in w.infix:
        if act in s and len(s) > len(act):
            s = s.replace(act, "")
    if change and not s.endswith(CHANGE_SUFFIX):
        s += CHANGE_SUFFIX
    return s


# ---------------------------------------------------------------- one quantity


@dataclass
class _Pre:
    metric: str = ""
    action: str | None = None
    change: str | None = None      # increase | decrease when a change verb precedes the number
    year: int | None = None
    ends_with_example: bool = False  # 古塔等12处… : the metric follows the number
    tail_action: bool = False        # “一区一策”完成12个特色街区… : the action sits right before the number
    level: bool = False              # a level link decided: 提高到86% / 增至115家 / 达到93%
    baseline: bool = False           # 从1.8万亿元提升至…: the number is the starting point


def _wordy(s: str) -> int:
    return len(_WORDY.findall(s))


def parse_pre(pre: str) -> _Pre:
    """What the text before a number (within its clause) says.

    ``城镇新增就业`` → metric 城镇新增就业, action 新增; ``粮食产量增长`` → metric 粮食产量,
    change increase; ``注册企业数量增至改革前的`` → metric 注册企业数量; ``新增`` → metric ``""``.
    """
    w = words()
    out = _Pre()
    s = pre.strip()
    m = _LEAD_YEAR.match(s)
    if m:
        out.year, s = int(m.group(1)), s[m.end() :]
    m = _FROM_YEAR.search(s)
    if m:
        out.year = int(m.group(1))
    # 古塔等12处文保单位 / 推进城市更新的9项重点工程: what follows the number is counted
    out.ends_with_example = s.endswith(("等", "的"))
    if s.endswith("连续"):
        # 主要河流水质连续五年改善: the count of years belongs to the metric before it
        s, out.level = s[:-2], True
    s = _strip_tail(s, out)
    m = _COMPARE.search(s)
    if m and _wordy(s[: m.start()]) >= 2:
        s = _strip_tail(s[: m.start()], out)
    # A level link followed by a short reference: 注册企业数量增至改革前(的) → 注册企业数量.
    if _links_near_end(s):
        for link in w.long_links:
            # its last occurrence, if it ends at most 4 characters before the end and is not first
            i = s.rfind(link, max(1, len(s) - 4 - len(link)))
            if i != -1:
                s = s[:i]
                break
    # Front: scope and lead words, then an action.
    for _ in range(6):
        before = s
        s, _w = _strip_front(s, w.lead)
        s, act = _strip_front(s, w.actions)
        if act and out.action is None:
            out.action = act
        if s == before:
            break
    if s in w.actions:
        out.action, s = out.action or s, ""
    # An action inside: 城镇新增就业 (short scope before it: keep) / 居住小区新增充电桩 (keep after).
    for act in w.infix:
        i = s.find(act)
        if i > 0 and i + len(act) < len(s):
            if out.action is None:
                out.action = act
            if i > INFIX_MAX:
                s = s[i + len(act) :]
            break
    # A share: 新能源汽车产量占全国(近三成) → 新能源汽车产量全国占比.
    i = s.rfind("占")
    if i >= 2 and 0 < len(s) - i - 1 <= 4 and "比" not in s[i:]:
        s = s[:i] + s[i + 1 :] + "占比"
    # Examples before 等: 供水、排水等地下管网 → 地下管网.
    i = s.rfind("等")
    if i > 0 and _wordy(s[i + 1 :]) >= 2:
        s = s[i + 1 :]
    # A modifier ending in 的: 面向社会开放的公共体育场馆 → 公共体育场馆.
    i = s.rfind("的")
    if i >= 2 and _wordy(s[i + 1 :]) >= 2:
        s = s[i + 1 :]
    out.metric = s if _wordy(s) >= 2 else ""
    # 集中推出12项稳外资措施 / 妥善安置2.6万名搬迁群众: the metric follows the number
    act = _index(w.actions).suffix(s)
    if act is not None:
        out.tail_action = True
        out.action = out.action or act
    return out


def _links_near_end(s: str) -> bool:
    """Does a link of two characters or more end in the last 4 characters of ``s`` (not at its
    start)? A quick test before looking for which one (most text before a number has none)."""
    w = words()
    longest = len(w.long_links[0]) if w.long_links else 0  # longest first
    return w.long_links_re.search(s, max(1, len(s) - 4 - longest)) is not None


def _strip_tail(s: str, out: _Pre) -> str:
    """Cut qualifiers, links, change verbs and one action off the end of ``s`` (back from the number).

    Qualifiers (超过 约 同比 …) are transparent; the first verb decides change (增长) vs level (提高到).
    """
    w = words()
    decided = out.change is not None
    for _ in range(8):
        cut = _index(w.tail).suffix(s)
        if cut is None:
            break
        if cut in w.after and not (cut in w.up or cut in w.down):
            if out.action is not None:
                break  # one action at the tail: 危旧楼房改建新开工 keeps 改建
            out.action, out.tail_action = cut, not decided
        elif not decided and (cut in w.up or cut in w.down):
            out.change = "increase" if cut in w.up else "decrease"
        elif not decided and cut in w.links:
            out.level = True
        elif not decided and cut in _FROM:
            out.baseline = True
        if cut in w.up or cut in w.down or cut in w.links:
            decided = True
        s = s[: -len(cut)]
    return s


def parse_post(tokens: list[str]) -> str:
    """The metric phrase after a number: words up to a verb or particle.

    ``['中小学', '学位']`` → ``中小学学位``; ``['遗产', '点', '焕发', '生机']`` → ``遗产点``;
    ``['新', '的', '试点', '举措']`` → ``试点举措``; ``['旅客', '和', '乘务人员']`` → ``旅客和乘务人员``.
    """
    w = words()
    stops = w.post_stops
    long_stops = w.long_post_stops
    out: list[str] = []
    n = 0
    for i, tok in enumerate(tokens):
        if tok == "的" and _wordy("".join(out)) < 2:
            out, n = [], 0  # 新的试点举措: a short modifier, the noun follows
            continue
        if tok in w.post_joiners and out:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if _WORDY.search(nxt) and nxt not in stops:
                out.append(tok)
                continue
            break
        wordy = bool(_WORDY.search(tok))
        if tok in stops or tok.startswith(long_stops) or not (wordy or tok in "“”《》"):
            break
        if wordy:
            if n >= POST_MAX_TOKENS:
                break
            n += 1
        out.append(tok)
    phrase = _balance_quotes("".join(out))
    return phrase if _wordy(phrase) >= 2 else ""


def _balance_quotes(s: str) -> str:
    """Drop a quote mark whose partner is outside the phrase: ``示范区”建设`` → ``示范区建设``."""
    if s.count("“") != s.count("”"):
        s = s.replace("“", "").replace("”", "")
    return s


# ---------------------------------------------------------------- the pass


def extract_mentions(doc: Document, store: AnalysisStore | None = None) -> list[Mention]:
    """Every quantity of ``doc`` as a ``Mention``: the document's analysis in ``store`` (computed
    once per run), or a one-off reading without a store.

    ``新增中小学学位3.5万个`` in a review section of 2021 → Mention(metric 中小学学位,
    action 新增, key 中小学学位, role review, year 2021, quantity 35000 个).
    """
    from checker.analysis.store import analysis_of

    return analysis_of(doc, store).mentions


def build_mentions(doc: Document, quantities: list[Quantity]) -> list[Mention]:
    """The mentions of ``doc`` given its quantities (``Analysis.mentions`` calls this once)."""
    periods = _period_spans(doc.match_text)
    kept = [q for q in quantities if not any(a <= q.start < b for a, b in periods)]
    return _build(doc, kept)


def _period_spans(text: str) -> list[tuple[int, int]]:
    """Spans of period words (过去五年 / 五年来 / 今后五年): their numbers name a period, not a figure."""
    v = vocab()
    spans = []
    for word in (*v.past_five, *v.next_five):
        i = text.find(word)
        while i != -1:
            spans.append((i, i + len(word)))
            i = text.find(word, i + 1)
    return spans


def _build(doc: Document, quantities: list[Quantity]) -> list[Mention]:
    text = doc.match_text
    clause_starts = [c.start for c in doc.clauses]
    sent_starts = [s.start for s in doc.sentences]
    sec_index = _SectionIndex(doc)
    scopes = _YearScopes(doc)
    by_clause: dict[int, list[Quantity]] = {}
    for q in quantities:
        ci = bisect_right(clause_starts, q.start) - 1
        if ci >= 0 and doc.clauses[ci].start <= q.start < doc.clauses[ci].end:
            by_clause.setdefault(ci, []).append(q)
        else:
            by_clause.setdefault(-1 - len(by_clause), []).append(q)  # outside any clause (rare)
    out: list[Mention] = []
    # per sentence: (clause index, metric, action, change) of the last mention with a metric
    last: dict[int, tuple[int, str, str | None, bool]] = {}
    for ci in sorted(by_clause, key=lambda k: by_clause[k][0].start):
        qs = by_clause[ci]
        clause = doc.clauses[ci] if ci >= 0 else Span(qs[0].start, qs[-1].end)
        si = bisect_right(sent_starts, clause.start) - 1
        sentence = doc.sentences[si] if si >= 0 else clause
        ctext = text[clause.start : clause.end]
        masked: str | None = None  # the clause with its numbers masked, made when first needed
        clause_year = _clause_year(text, sentence, ctext)
        enum_prev = clause.start > 0 and text[clause.start - 1] == "、"
        respective = _respective(doc, ci, qs, sentence, by_clause) if ci >= 0 else None
        for k, q in enumerate(qs):
            a = max(qs[k - 1].end, clause.start) if k else clause.start
            b = qs[k + 1].start if k + 1 < len(qs) else clause.end
            between = text[a : q.start]
            if k:
                # 88%的社区和91%的家庭: what precedes 和 belongs to the previous number
                between = _CONJ.split(between)[-1]
            pre = parse_pre(between)
            metric = pre.metric
            if respective is not None:
                # 高技术产业、战略性新兴产业增加值分别增长56.9%和58.5%: one metric per number
                pre, metric = respective[0], respective[1][k]
            elif _wants_post(pre):
                if masked is None:
                    masked = _masked(ctext, clause.start, qs)
                post = parse_post(_words_between(masked, clause.start, q.end, b))
                if post and (not metric or pre.ends_with_example or pre.tail_action or len(post) >= 3):
                    metric = post
            elif _counts_a_noun(q, pre):
                # 实施215项改革举措 / 紧急转运两批被困游客: a count before a noun counts that noun
                if masked is None:
                    masked = _masked(ctext, clause.start, qs)
                post = parse_post(_words_between(masked, clause.start, q.end, b))
                if post:
                    metric = post
            prev = last.get(si)
            if prev is not None and prev[0] not in (ci, ci - 1):
                prev = None  # borrow only from this clause or the one just before
            adjacent = prev is not None and (prev[0] == ci or (prev[0] == ci - 1 and enum_prev))
            change = pre.change is not None and q.unit in RATE_UNITS
            action = pre.action
            if not metric and prev is not None:
                metric = prev[1]
                if action is None and adjacent:
                    action = prev[2]
                if pre.change is None and not _WORDY.search(between) and q.unit in RATE_UNITS:
                    change = prev[3]  # 分别下降4.8%和1.8%
            elif action is None and adjacent and enum_prev and prev is not None:
                action = prev[2]
            key = metric_key(metric, change) if metric else ""
            sec = sec_index.at(q.start)
            top = sec_index.top(sec)
            year, first = scopes.at(q.start, top)
            if pre.year or clause_year:
                year, first = pre.year or clause_year, None
            elif pre.baseline and (first or year):
                year, first = (first or year) - 1, None  # 从1.8万亿元提升至…: the value before the period
            elif top is not None and top.role == "targets":
                first = None  # a multi-year target is for the period's last year
            elif pre.level or _leading_link(q.text) or (k and not pre.change and not _WORDY.search(between)):
                first = None  # 提高到28万元 / 达到44.4%: the level at the period's end
            out.append(
                Mention(
                    doc_id=doc.id,
                    quantity=q,
                    metric=metric,
                    key=key,
                    action=action,
                    clause=clause,
                    sentence=sentence,
                    section=sec,
                    role=top.role if top is not None else "other",
                    year=year,
                    location=doc.locate(q.start),
                    first_year=first,
                )
            )
            if metric:
                last[si] = (ci, metric, action, change)
    return out


def _counts_a_noun(q: Quantity, pre: _Pre) -> bool:
    """A count (个 项 年 …) not tied to the metric before it by a verb: look after the number."""
    return q.unit in words().count_units and pre.change is None and not pre.level and not q.kind


def _leading_link(qtext: str) -> bool:
    """Does the quantity's own text open with a level link (``达到44.4%``, when the extractor keeps it)?"""
    i = next((i for i, ch in enumerate(qtext) if ch.isdigit()), 0)
    return any(link in qtext[:i] for link in ("达到", "达", "为"))


def _respective(
    doc: Document, ci: int, qs: list[Quantity], sentence: Span, by_clause: dict
) -> tuple[_Pre, list[str]] | None:
    """(pre, metrics) when a clause says 分别 and names as many metrics as it has numbers.

    ``政务服务好评率、事项网办率分别达到98.2%和93.6%`` → metrics 政务服务好评率, 事项网办率;
    ``交通事故起数和伤亡人数分别比2019年下降6.3%和2.7%`` → 交通事故起数, 伤亡人数 (change: decrease).
    """
    text = doc.match_text
    clause = doc.clauses[ci]
    head = text[clause.start : qs[0].start]
    i = head.find("分别")
    if i < 0 or len(qs) < 2:
        return None
    items = [x for x in _CONJ.split(head[:i]) if _wordy(x) >= 2]
    j = ci - 1
    while j >= 0 and j not in by_clause and doc.clauses[j].start >= sentence.start:
        if text[doc.clauses[j].end : doc.clauses[j].end + 1] != "、":
            break
        items.insert(0, text[doc.clauses[j].start : doc.clauses[j].end])
        j -= 1
    if len(items) != len(qs):
        return None
    metrics = [parse_pre(x).metric or x for x in items]
    return parse_pre("某" + head[i + 2 :]), metrics


def _wants_post(pre: _Pre) -> bool:
    """Should the metric be looked for after the number? (新增3万个中小学学位, 古塔等12处文保单位)"""
    return not pre.metric or pre.ends_with_example or pre.tail_action or _wordy(pre.metric) <= 2


def _clause_year(text: str, sentence: Span, ctext: str) -> int | None:
    """A year the clause or its sentence states for itself: ``2023年，…`` / ``到2025年…``."""
    m = _ANY_TO_YEAR.search(ctext)
    if m:
        return int(m.group(1))
    m = _SENTENCE_YEAR.match(text, sentence.start, sentence.end)
    return int(m.group(1)) if m else None


def _masked(ctext: str, offset: int, qs: list[Quantity]) -> str:
    """The clause ``ctext`` (at ``offset``) with its quantities written over by ``，``."""
    chars = list(ctext)
    for q in qs:
        for i in range(max(q.start - offset, 0), min(q.end - offset, len(chars))):
            chars[i] = "，"
    return "".join(chars)


def _words_between(masked: str, offset: int, a: int, b: int) -> list[str]:
    """jieba's words of the masked clause that start in ``[a, b)``: a number's end to the next
    number (or the clause's end).

    ``新增3万个中小学学位`` masked to ``新增，，，，中小学学位`` → ``['中小学', '学位']`` after the number.
    Only this stretch is cut, not the whole clause: jieba cuts a text in blocks between
    characters that are not words (``，`` among them) and each block on its own, and the
    stretch is such a block's run (the masked number before it, the masked next number or the
    clause's end after it), so its words are those the whole clause would give there.
    """
    return lcut(masked[a - offset : b - offset]) if a < b else []


class _YearScopes:
    """(year, first_year) at an offset: a multi-year review's paragraphs may be about one year.

    In ``一、“十三五”时期工作回顾`` (2016-2020) the paragraph ``各位代表！2020年是爬坡过坎的一年。…``
    and those after it are about 2020, until one opens with ``五年来``.
    """

    def __init__(self, doc: Document) -> None:
        self.points: list[tuple[int, int | None, int | None]] = []
        v = vocab()
        text = doc.match_text
        for s in doc.sections:
            if s.parent is not None or s.first_year is None or s.year is None:
                continue
            self.points.append((s.start, s.year, s.first_year))
            pos = s.body_start or s.start
            while pos < s.end:
                nl = text.find("\n", pos, s.end)
                nl = s.end if nl == -1 else nl
                head = text[pos : pos + 24].lstrip(" \u3000—-")
                m = _PARA_YEAR.match(head)
                if m and s.first_year <= int(m.group(1)) <= s.year:
                    self.points.append((pos, int(m.group(1)), None))
                elif any(head.startswith(w) or head[:6].find(w) >= 0 for w in v.past_five):
                    self.points.append((pos, s.year, s.first_year))
                elif any(head.startswith(w) for w, off in v.relative.items() if off == -1) and doc.meta.year:
                    self.points.append((pos, doc.meta.year - 1, None))
                pos = nl + 1
        self.starts = [p[0] for p in self.points]

    def at(self, offset: int, top):
        """(year, first_year) for a mention at ``offset`` inside ``top``."""
        if top is None:
            return None, None
        if top.first_year is None:
            return top.year, None
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.points[i][0] >= top.start:
            return self.points[i][1], self.points[i][2]
        return top.year, top.first_year


class _SectionIndex:
    """Innermost section at an offset, in O(log n): sections are nested and sorted by start."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [s.start for s in doc.sections]

    def at(self, offset: int) -> int | None:
        i = bisect_right(self.starts, offset) - 1
        while i >= 0:
            s = self.doc.sections[i]
            if s.start <= offset < s.end:
                return i
            i = s.parent if s.parent is not None else -1
        return None

    def top(self, idx: int | None):
        while idx is not None and self.doc.sections[idx].parent is not None:
            idx = self.doc.sections[idx].parent
        return self.doc.sections[idx] if idx is not None else None
