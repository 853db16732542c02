"""The lookups the review index builds once (bigram postings, blanket claims, per-figure facts)
return what a scan of every segment or figure returns, on an invented review."""

from __future__ import annotations

import pytest

from checker.goals.match import (
    ReviewIndex,
    Thresholds,
    blanket_segments,
    build_index,
    loose_claims,
    metric_forms,
    object_matches,
    object_score,
    outcome_facts,
    shared_bigrams,
)
from checker.goals.text import bigrams, core, cover, lcs
from checker.goals.vocab import vocab
from checker.model import DocMeta
from checker.pipeline import document_from_text

REVIEW = (
    "一、2023年工作回顾\n\n"
    "全市地区生产总值增长6.1%，一般公共预算收入增长4.2%。新开工棚户区改造住房3200套，"
    "完工2800套。累计建成5G基站2.1万个。数据交易中心建成运行，口袋公园建设进展顺利。"
    "生态环境保护各项年度任务全面完成，圆满完成了省下达的目标任务。新建城市绿道120公里，"
    "农村公路建设顺利推进，接诉即办条例正式施行。\n"
)


@pytest.fixture(scope="module")
def idx() -> ReviewIndex:
    doc = document_from_text(REVIEW, DocMeta(id="review", year=2024), name="review.txt")
    return build_index(doc, 2023)


@pytest.mark.parametrize("obj", ["数据交易中心", "口袋公园", "城市绿道", "接诉即办条例", "农村公路",
                                 "生态环境保护", "海洋牧场", "", "园"])
def test_shared_bigrams_is_the_scan(idx: ReviewIndex, obj: str) -> None:
    grams = bigrams(obj)
    scan = [(i, len(grams & g)) for i, g in enumerate(idx.grams) if grams & g]
    assert shared_bigrams(grams, idx) == scan


@pytest.mark.parametrize(("obj", "raw"), [
    ("数据交易中心", ""), ("口袋公园", "建设口袋公园"), ("接诉即办条例", "出台接诉即办条例"),
    ("城市绿道", "新建城市绿道、口袋公园等"), ("海洋牧场", ""), ("农村公路", "新改建农村公路"),
])
def test_object_matches_is_the_scan(idx: ReviewIndex, obj: str, raw: str) -> None:
    th = Thresholds()
    scan = sorted(((s, i) for i, c in enumerate(idx.canon)
                   if bigrams(obj) & idx.grams[i] and (s := object_score(obj, c, th, raw)) > 0),
                  key=lambda t: (-t[0], t[1]))
    assert object_matches(obj, idx, th, raw) == scan


def test_blanket_segments_are_the_scan(idx: ReviewIndex) -> None:
    v = vocab()
    scan = [i for i, c in enumerate(idx.canon)
            if v.blanket.search(c) and not any(p.search(c) for p in v.claim_patterns)]
    assert blanket_segments(idx) == scan
    assert scan  # the invented review has blanket claims besides its completion claim


@pytest.mark.parametrize("metric", ["生态环境保护", "口袋公园建设", "农村公路", "海洋牧场"])
@pytest.mark.parametrize("min_run", [1, 4])
def test_loose_claims_are_the_scan(idx: ReviewIndex, metric: str, min_run: int) -> None:
    th = Thresholds(min_run=min_run)
    bare = vocab().actions.sub("", metric_forms(metric).bare)
    scan = [i for i in blanket_segments(idx)
            if lcs(bare, idx.canon[i]) >= th.min_run or cover(bare, idx.canon[i]) >= 0.3]
    assert loose_claims(metric, idx, th) == scan


def test_outcome_facts_follow_the_outcomes(idx: ReviewIndex) -> None:
    facts = outcome_facts(idx)
    assert len(facts) == len(idx.outcomes) >= 5
    for o, f in zip(idx.outcomes, facts, strict=True):
        assert f.forms == metric_forms(o.metric)
    by_metric = {core(o.metric): f for o, f in zip(idx.outcomes, facts, strict=True)}
    started = next(f for m, f in by_metric.items() if "新开工" in m)
    done = next(f for m, f in by_metric.items() if "完工" in m and "新开工" not in m)
    assert started.exclusive and done.exclusive and not started.exclusive & done.exclusive
    assert any(f.cumulative for f in facts) and not all(f.cumulative for f in facts)
