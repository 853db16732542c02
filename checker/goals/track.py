"""Track every goal of a plan against the review of its year: status with the reasoning shown.

``track(plan_doc, review_doc)`` → one ``Tracked`` per goal (multi-year targets excluded unless
asked) and the review's completion claims (``圆满完成了…下达的目标任务``) with the goals that
contradict them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.analysis.identity import cues as identity_cues
from checker.analysis.store import AnalysisStore
from checker.goals.extract import extract_goals, plan_sections
from checker.goals.match import (
    ReviewIndex,
    Thresholds,
    build_index,
    each_subject_figure,
    loose_claims,
    metric_forms,
    metric_score,
    names_counted_noun,
    names_subject,
    narrowed_in_words,
    object_matches,
    outcome_facts,
    quantity_candidates,
)
from checker.goals.model import Claim, Goal, Outcome, Tracked
from checker.goals.status import Semantics, judge
from checker.goals.text import canonical, core, cover, squash
from checker.goals.vocab import vocab
from checker.model import Document

CONTRADICTING = ("missed", "partly", "not_reported")


def _default_semantics() -> Semantics:
    return Semantics(ceiling_metrics=tuple(vocab().ceiling_metrics))


@dataclass
class Settings:
    """Everything a rule can tune (see the goal_followup kind's params)."""

    semantics: Semantics = field(default_factory=_default_semantics)
    thresholds: Thresholds = field(default_factory=Thresholds)
    include_multi_year: bool = False
    quantified_only: bool = False


def settings_from_params(params: dict) -> Settings:
    """``Settings`` from rule params (absent keys keep their defaults)."""
    from checker.goals.status import DEFAULT_MODES

    modes = dict(DEFAULT_MODES)
    modes.update(params.get("qualifier_modes") or {})
    ceiling = params.get("ceiling_metrics")
    if ceiling is None:
        ceiling = list(vocab().ceiling_metrics)
    sem = Semantics(modes=modes, ceiling_metrics=tuple(ceiling),
                    about_margin_points=float(params.get("about_margin_points", 0.3)),
                    about_margin_share=float(params.get("about_margin_share", 0.05)))
    th = Thresholds(metric=float(params.get("min_metric_score", 0.45)),
                    obj=float(params.get("min_object_score", 0.65)))
    return Settings(sem, th, bool(params.get("include_multi_year", False)),
                    bool(params.get("quantified_only", False)))


def _negated(text: str) -> bool:
    """Does a review clause say something was not done (未能完成, 尚未出台)?"""
    return any(w in text for w in vocab().raw.get("negation_words") or ())


# A main target (国际收支保持基本平衡) restated this closely by the review (国际收支基本平衡) is met.
RESTATED = 0.85


def _words_status(idx: ReviewIndex, seg_i: int, goal: Goal | None = None,
                  score: float = 0.0) -> tuple[str, str]:
    """Status of a goal reported in words, from the verbs of the segment (then the sentence)."""
    v = vocab()
    text = idx.canon[seg_i]
    if _negated(text):
        return "missed", "the review says it was not done"
    strong = v.raw.get("strong_completion_words") or []
    if any(w in text for w in strong):
        return "met", "the review reports it done"
    activity = goal is not None and goal.action in (v.raw.get("activity_verbs") or ())
    if activity and v.progress.search(text) and not v.blanket.search(text):
        return "met", "the review reports the activity under way"
    if v.progress.search(text) or v.blanket.search(text):
        return "qualitative_claim", "the review reports progress only, in words"
    if v.completion.search(text):
        return "met", "the review reports it done"
    sent = idx.sent_of[seg_i]
    seg = idx.segs[seg_i]
    rest = canonical(idx.doc.text[seg.end:sent.end])
    if v.completion.search(rest) and not v.progress.search(rest):
        return "met", "the review reports it done"
    if goal is not None and goal.target_list and score >= RESTATED:
        return "met", "the review states the target as the year's result"
    return "qualitative_claim", "the review mentions it in words only"


def _word_outcome(idx: ReviewIndex, i: int, score: float) -> Outcome:
    seg = idx.segs[i]
    text = idx.doc.text
    return Outcome(idx.doc, squash(text[seg.start:seg.end]), seg.start, seg.end, None, idx.canon[i],
                   None, score)


_IN_STEP = re.compile(r"^(.{2,20}?)[与和同](.{2,12}?)(?:基本)?同步")


def _rate_outcome(words: list[str], idx: ReviewIndex, th: Thresholds) -> Outcome | None:
    """The review's best growth rate (a % figure) whose metric names one of ``words``."""
    best: tuple[float, Outcome] | None = None
    acts = vocab().actions
    forms = [metric_forms(w) for w in words]
    for o, facts in zip(idx.outcomes, outcome_facts(idx), strict=True):
        if o.quantity is None or o.quantity.unit != "%":
            continue
        for w, w_forms in zip(words, forms, strict=True):
            _, score = metric_score(w_forms, facts.forms, o.near)
            fwd = cover(acts.sub("", w), acts.sub("", o.metric))  # the thing that grows, not 增长
            if fwd >= max(th.metric, 0.6) and (best is None or score > best[0]):
                best = (score, o)
    return best[1] if best else None


def _track_in_step(goal: Goal, idx: ReviewIndex, st: Settings) -> Tracked | None:
    """``居民收入增长与经济增长基本同步``: compare the two growth rates the review reports."""
    raw = vocab().raw
    m = _IN_STEP.search(goal.metric)
    if not goal.target_list or m is None:
        return None
    aliases = raw.get("in_step_aliases") or {}
    first, second = m.group(1), m.group(2)
    a = _rate_outcome([first], idx, st.thresholds)
    b = _rate_outcome(aliases.get(second, [second]), idx, st.thresholds)
    if a is None or b is None or a.quantity is None or b.quantity is None:
        return None
    av, bv = a.quantity.value, b.quantity.value
    if a.quantity.direction == "decrease":
        av = -av
    if b.quantity.direction == "decrease":
        bv = -bv
    tol = float(raw.get("in_step_tolerance", 0.3))
    status = "met" if av >= bv - tol else "missed"
    out = Outcome(a.doc, a.text, a.start, a.end, a.quantity, a.metric, a.action, 1.0, av, a.near, a.seg)
    return Tracked(goal, status, out, [b], av / bv if bv else None, "in_step",
                   f"{first} {av:g}% vs {second} {bv:g}% (in step within {tol:g} points) → {status}")


def _track_words(goal: Goal, idx: ReviewIndex, st: Settings) -> Tracked:
    """An unquantified goal: find its object in the review and read the verbs."""
    in_step = _track_in_step(goal, idx, st)
    if in_step is not None:
        return in_step
    obj = core(goal.metric)
    found = object_matches(obj, idx, st.thresholds, goal.text)
    if not found:
        return Tracked(goal, "not_reported", reason=f"no review clause names 「{obj}」")
    score, i = found[0]
    status, why = _words_status(idx, i, goal, score)
    out = _word_outcome(idx, i, score)
    # a number in the matched clause is the outcome's value (居民人均可支配收入增长6%)
    nums = [o for o in idx.outcomes if idx.segs[i].start <= o.start < idx.segs[i].end]
    if nums and nums[0].quantity is not None:
        out.quantity, out.value = nums[0].quantity, nums[0].quantity.value
    return Tracked(goal, status, out, [_word_outcome(idx, j, s) for s, j in found[1:4]],
                   reason=f"{why} (object match {score:.2f})")


def _plan_share(goal: Goal, idx: ReviewIndex, st: Settings) -> Tracked | None:
    """``市重点项目完成年度计划的108%`` reports ``完成年度投资1200亿元`` as 108% of it."""
    v = vocab()
    cues = v.raw.get("plan_share_cues") or ()
    q = goal.quantity
    if q is None or "%" in q.unit or not cues:
        return None
    text = goal.doc.text
    sent_start = max(text.rfind(c, 0, goal.start) for c in "。；\n") + 1
    plan_sent = canonical(text[sent_start:goal.end])
    for o in idx.outcomes:
        if o.quantity is None or o.quantity.unit != "%" or not o.action or o.action != goal.action:
            continue
        before = canonical(idx.doc.text[max(o.start, o.quantity.start - 8):o.quantity.start])
        cue = next((c for c in cues if before.endswith(c)), None)
        if cue is None:
            continue
        # the words as written (the metric has lost its fillers: 年度计划 → 计划)
        subject = canonical(idx.doc.text[o.start:o.quantity.start]).replace(cue, "").replace("的", "")
        subject = v.fillers.sub("", v.actions.sub("", subject))
        if len(subject) < 2 or cover(subject, plan_sent) < 0.8:
            continue
        value = q.value * o.quantity.value / 100
        verdict = judge(q.value, q.qualifier, value, goal.metric, st.semantics, q.unit, q.value_high)
        out = Outcome(o.doc, o.text, o.start, o.end, o.quantity, o.metric, o.action, 1.0, value,
                      o.near, o.seg)
        return Tracked(goal, verdict.status, out, [], verdict.ratio, verdict.mode,
                       f"{o.quantity.value:g}% of the year's plan; " + verdict.reason,
                       verdict.within_margin)
    return None


def _says(text: str, rate: bool) -> bool:
    """Does a review clause say something was done, under way, or (for a rate) how it ended?"""
    v = vocab()
    return bool(v.completion.search(text) or v.progress.search(text) or v.blanket.search(text)
                or (rate and _rate_state(text)))


def _rate_state(text: str) -> bool:
    return any(w in text for w in vocab().raw.get("rate_state_words") or ())


def _worded(goal: Goal, idx: ReviewIndex, i: int, score: float, what: str) -> Tracked:
    """A quantified goal the review speaks of in words only: ``qualitative_claim`` — a status
    needs a figure, even when the words say the target was not reached (the reason says so)."""
    negated = _negated(idx.canon[i])
    why = (f"no figure; the review says in words that {what} was not reached" if negated
           else f"no figure; the review names {what} in words")
    return Tracked(goal, "qualitative_claim", _word_outcome(idx, i, score), reason=why,
                   said_not_done=negated)


def _raw(idx: ReviewIndex, i: int) -> str:
    return idx.doc.text[idx.segs[i].start:idx.segs[i].end]


def _short_names(metric: str) -> list[str]:
    """The names reviews give a main-target statistic in words (``固定资产投资`` → ``投资``)."""
    table = vocab().raw.get("rate_short_names") or {}
    return [w for key, words in table.items() if key in metric for w in words]


def _fallback(goal: Goal, idx: ReviewIndex, st: Settings) -> Tracked:
    """A quantified goal with no figure in the review: reported in words, or not at all."""
    share = _plan_share(goal, idx, st)
    if share is not None:
        return share
    bare = core(vocab().actions.sub("", goal.metric))
    if len(bare) < vocab().min_object_chars:  # 拆除违法建设 → 违法: too little left to search
        bare = core(goal.metric)
    v = vocab()
    rate = goal.quantity is not None and goal.quantity.unit == "%"
    counted = goal.quantity is not None and goal.quantity.unit in identity_cues().counted
    found = [(s, i) for s, i in object_matches(bare, idx, st.thresholds)
             if i not in idx.with_numbers  # a clause with a figure reports that figure's metric
             and _says(idx.canon[i], rate)  # it must say something was done, or how a rate ended
             and not narrowed_in_words(bare, idx.canon[i])  # 生物经济重点产业营收: a part of it
             and (not counted or names_counted_noun(goal.metric, idx.canon[i]))]  # 重大项目 ≠ 重大科技项目
    if found:
        score, i = found[0]
        return _worded(goal, idx, i, score, f"it (object match {score:.2f})")
    short = core(v.actions.sub("", goal.metric))
    if 2 <= len(short) < v.min_object_chars:  # 新建绿道200公里 ↔ 绿道建设有序推进: the short object whole
        said = [i for i, c in enumerate(idx.canon)
                if short in c and i not in idx.with_numbers and _says(c, rate)
                and names_subject(short, _raw(idx, i))]  # not …等领域投资: another investment
        if said:
            return _worded(goal, idx, said[0], 0.0, f"「{short}」")
    if rate:  # 投资、消费增速分别快于全国…: the statistic under its short name, with how it ended
        for name in _short_names(canonical(goal.metric)):
            said = [i for i, c in enumerate(idx.canon)
                    if name in c and i not in idx.with_numbers and _rate_state(c)
                    and names_subject(name, _raw(idx, i))]
            if said:
                return _worded(goal, idx, said[0], 0.0, f"「{name}」")
    # a claim stating how a rate ended (…拖欠企业账款年度任务完成率居全国前列) speaks of a rate: it
    # says nothing of a count or an amount (新增百亿企业10家)
    loose = [i for i in loose_claims(goal.metric, idx, st.thresholds) if i not in idx.with_numbers
             and (rate or not _rate_state(idx.canon[i]))]
    if loose:
        i = loose[0]
        return Tracked(goal, "qualitative_claim", _word_outcome(idx, i, 0.0),
                       reason="no figure; only a blanket claim in the review")
    return Tracked(goal, "not_reported",
                   reason=f"no review figure or clause for 「{goal.metric}」 in a compatible unit")


def track_goals(goals: list[Goal], idx: ReviewIndex, st: Settings | None = None) -> list[Tracked]:
    """Status of every goal against one review index."""
    st = st or Settings()
    th = st.thresholds
    scored = [g for g in goals if st.include_multi_year or not g.multi_year]
    if st.quantified_only:
        scored = [g for g in scored if g.quantified]
    cands = {id(g): _candidates(g, idx, th) for g in scored if g.quantified}
    # one review figure reports one goal: assign best pairs first
    pairs = sorted(((c.score, gi, ci) for gi, g in enumerate(scored)
                    for ci, c in enumerate(cands.get(id(g), []))), key=lambda t: (-t[0], t[1], t[2]))
    taken: dict[tuple[int, int], int] = {}   # outcome (start, quantity start) -> goal index
    for _score, gi, ci in pairs:
        c = cands[id(scored[gi])][ci]
        key = (c.start, c.quantity.start if c.quantity else -1)
        taken.setdefault(key, gi)
    out: list[Tracked] = []
    for gi, g in enumerate(scored):
        if not g.quantified:
            out.append(_track_words(g, idx, st))
            continue
        # 地区生产总值增长6%以上、力争达到7%: the aspiration shares its floor's outcome
        owners = (gi, gi - 1) if gi and _aspiration_of(g, scored[gi - 1]) else (gi,)
        mine = [c for c in cands[id(g)]
                if taken.get((c.start, c.quantity.start if c.quantity else -1)) in owners
                or each_subject_figure(c)]  # 甲和乙利用率均达60%以上: it reports each of them
        if not mine:
            out.append(_fallback_once(g, idx, st))
            continue
        best = mine[0]
        rivals = [c for c in mine[1:] if best.score - c.score <= th.ambiguity and c.value != best.value]
        if rivals:
            out.append(Tracked(g, "ambiguous", best, [best, *rivals],
                               reason=f"{1 + len(rivals)} review figures fit equally well"))
            continue
        assert g.quantity is not None and best.value is not None
        verdict = judge(g.quantity.value, g.quantity.qualifier, best.value, g.metric, st.semantics,
                        g.quantity.unit, g.quantity.value_high)
        out.append(Tracked(g, verdict.status, best, mine[1:4], verdict.ratio, verdict.mode,
                           verdict.reason + f" (metric match {best.score:.2f})", verdict.within_margin))
    return out


def _review_index(review: Document, year: int | None, store: AnalysisStore | None) -> ReviewIndex:
    """``build_index`` once per review and year in a run (every goal rule reads the same)."""
    if store is None:
        return build_index(review, year)
    return store.memo("review_index", (review, year), lambda: build_index(review, year, store=store))


def _candidates(goal: Goal, idx: ReviewIndex, th: Thresholds) -> list[Outcome]:
    """``quantity_candidates`` once per goal, index and threshold (goals are the run's own
    objects, read once through the store, so their ids stand for them while the index lives)."""
    key = (id(goal), th.metric)
    if key not in idx.candidates:
        idx.candidates[key] = quantity_candidates(goal, idx, th)
    return idx.candidates[key]


def _fallback_once(goal: Goal, idx: ReviewIndex, st: Settings) -> Tracked:
    """``_fallback`` once per goal, index and the settings it reads: the goal rules track the
    quantified goals twice (quantified only, and with the others), and a goal with no figure of
    its own falls back the same way both times."""
    key = (id(goal), repr((st.thresholds, st.semantics)))
    if key not in idx.fallbacks:
        idx.fallbacks[key] = _fallback(goal, idx, st)
    return idx.fallbacks[key]


def _aspiration_of(goal: Goal, before: Goal) -> bool:
    """Is ``goal`` a second figure for the metric of the goal right before it, naming no metric of
    its own (``增长7%以上、力争达到8%``; ``增长10%以上、力争达到12%``)?"""
    if goal.doc is not before.doc or goal.quantity is None or not 0 <= goal.start - before.end <= 2:
        return False
    v = vocab()
    own = goal.doc.text[goal.start:goal.quantity.start]
    own = v.actions.sub("", v.fillers.sub("", canonical(own)))
    return len(re.findall(r"[\u4e00-\u9fff]", own)) < 2


def find_claims(idx: ReviewIndex) -> list[Claim]:
    """Review sentences claiming the year's targets were accomplished (the claim itself quoted);
    new ``Claim`` objects on each call (each tracking holds its own goals against them), read once
    per index."""
    if idx.claims is None:
        idx.claims = _claim_spans(idx)
    return [Claim(idx.doc, start, end, text) for start, end, text in idx.claims]


def _claim_spans(idx: ReviewIndex) -> list[tuple[int, int, str]]:
    v = vocab()
    text = idx.doc.text
    claims: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for sent in idx.sent_of:
        if sent.start in seen:
            continue
        seen.add(sent.start)
        for p in v.claim_patterns:
            m = p.search(text, sent.start, sent.end)
            if m and _negated(canonical(text[max(sent.start, m.start() - 4):m.end()])):
                continue  # 个别指标未能完成年度目标任务: the opposite of a claim
            if m:
                claims.append((m.start(), m.end(), squash(m.group(0))))
                break
    return claims


def track(plan: Document, review: Document, st: Settings | None = None,
          year: int | None = None, sections: list | None = None,
          store: AnalysisStore | None = None) -> tuple[list[Tracked], list[Claim]]:
    """Goals of ``plan`` (its plan sections, or ``sections``; one ``year`` when given) against
    the review of the same year in ``review`` (documents read through ``store`` when given)."""
    st = st or Settings()
    goals = extract_goals(plan, sections or plan_sections(plan), store)
    goals = [g for g in goals if st.include_multi_year or not g.multi_year]
    groups: dict[int | None, list[Goal]] = {}
    for g in goals:
        if year is None:
            groups.setdefault(g.year, []).append(g)
        elif g.year in (year, None):  # a plan section whose year could not be told: the year asked
            groups.setdefault(year, []).append(g)
    tracked: list[Tracked] = []
    claims: list[Claim] = []
    for y, mine in groups.items():
        idx = _review_index(review, y, store)
        t = track_goals(mine, idx, st)
        tracked.extend(t)
        for c in find_claims(idx):
            bad = [x for x in t if x.status in CONTRADICTING]
            c.contradicted_by = sorted(bad, key=lambda x: (not x.goal.quantified, x.goal.start))
            claims.append(c)
    return tracked, claims
