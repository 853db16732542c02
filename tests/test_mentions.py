"""Mentions: metric, action, key, section role/year and location of every quantity."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import CASES, ROOT

from checker.mentions import metric_key
from checker.model import DocMeta

CASE = yaml.safe_load((CASES / "mentions" / "keys.yaml").read_text(encoding="utf-8"))


def _squash(s: str) -> str:
    return "".join((s or "").split())


@pytest.fixture(scope="module")
def mine():
    """``mine(text, year)`` → mentions of ``text`` ."""
    from checker.mentions import extract_mentions
    from checker.pipeline import document_from_text

    def run(text: str, year: int | None = 2024):
        return extract_mentions(document_from_text(text, DocMeta(id="t", year=year)))

    return run


@pytest.mark.parametrize("case", CASE["metric_key"], ids=lambda c: c["metric"])
def test_metric_key(case):
    assert metric_key(case["metric"], case.get("change", False)) == case["key"]


@pytest.mark.parametrize("case", CASE["extract"], ids=lambda c: c["text"][:16])
def test_extract(mine, case):
    got = mine(case["text"])
    assert len(got) == len(case["mentions"]), [(m.quantity.text, m.metric) for m in got]
    for m, want in zip(got, case["mentions"], strict=True):
        digits = re.sub(r"[^\d.]", "", want["q"])
        assert digits in m.quantity.text
        for field in ("metric", "action", "key"):
            if field in want:
                assert getattr(m, field) == want[field], (want["q"], field)


@pytest.mark.parametrize("pair", CASE["same"], ids=lambda p: p[0][:12])
def test_same_key(mine, pair):
    a, b = (mine(t)[0].key for t in pair)
    assert a == b != ""


@pytest.mark.parametrize("pair", CASE["different"], ids=lambda p: p[0][:12])
def test_different_key(mine, pair):
    a, b = (mine(t)[0].key for t in pair)
    assert a != b


def test_role_and_year_come_from_the_top_section(mine):
    text = (
        "一、2023年工作回顾\n（一）民生持续改善。新增中小学学位3万个。\n"
        "二、2024年重点任务\n新增中小学学位2万个，到2025年累计建成5G基站10万个。\n"
    )
    got = [(m.quantity.value, m.role, m.year, m.key) for m in mine(text, None)]
    assert got == [
        (30000, "review", 2023, "中小学学位"),
        (20000, "plan", 2024, "中小学学位"),
        (100000, "plan", 2025, "5G基站"),  # a year stated in the clause wins
    ]


def test_mentions_are_read_once_per_document_and_store():
    from checker.analysis.store import AnalysisStore
    from checker.mentions import extract_mentions
    from checker.pipeline import document_from_text

    doc = document_from_text("新增就业30万人。", DocMeta(id="t", year=2024))
    store = AnalysisStore()
    assert extract_mentions(doc, store) is extract_mentions(doc, store)
    assert store.computed["mentions", "t"] == 1


# ---- the seeds -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(seed_docs):
    from checker.mentions import extract_mentions

    return {name: (doc, extract_mentions(doc)) for name, doc in seed_docs.items()}


def test_school_places_share_one_key_across_years(seeds):
    """2021 plan → 2021 review (2022 report) → 2023 review and 2024 plan (2024 report)."""
    found = []
    for name, (_doc, mentions) in seeds.items():
        if "report" in name:
            found += [(m.role, m.year, m.quantity.value) for m in mentions if m.key == "中小学学位"]
    assert sorted(found) == [
        ("plan", 2021, 20000),
        ("plan", 2022, 20000),
        ("plan", 2024, 20000),
        ("review", 2021, 28000),
        ("review", 2023, 38000),
    ]


def test_seed_mention_roles_follow_sections(seeds):
    _doc, mentions = seeds["beijing-2021-report.txt"]
    roles = {(m.role, m.year) for m in mentions}
    assert {("review", 2020), ("targets", 2025), ("plan", 2021)} <= roles
    five_year = [m for m in mentions if m.role == "targets"]
    assert any(m.key == "城镇调查失业率" for m in five_year)  # 城镇调查失业率控制在5%以内 (2025 target)


def test_locations_point_into_the_source_file(seeds):
    for name, (_doc, mentions) in seeds.items():
        lines = (ROOT / "seeds" / name).read_text(encoding="utf-8").split("\n")
        for m in mentions:
            loc = m.location
            at = lines[loc.line - 1][loc.column - 1 :]
            first = m.quantity.text[0]
            assert at.startswith(first) or first in at[:6], (name, loc, m.quantity.text)


def test_same_figure_gold_groups_share_a_key(seeds):
    """tests/gold/same-figure.yaml: occurrences of one figure (metric, year) should get one key."""
    gold = yaml.safe_load((ROOT / "tests" / "gold" / "same-figure.yaml").read_text(encoding="utf-8"))
    agree = total = 0
    for group in gold["same_year_same_metric"]:
        try:
            value = float(group["value"])
        except (TypeError, ValueError):
            continue
        keys = []
        for occ in group["occurrences"]:
            doc, mentions = seeds[occ["doc"]]
            text = _squash(occ["text"]).replace("**", "")
            near = {
                m.key
                for m in mentions
                if m.key and abs(m.quantity.value - value) <= 1e-6 * max(1.0, abs(value))
                and (text in _squash(doc.text[m.sentence.start : m.sentence.end])
                     or _squash(doc.text[m.clause.start : m.clause.end]) in text)
            }
            keys.append(near)
        total += 1
        agree += bool(set.intersection(*keys)) if keys else 0
    assert total >= 70
    assert agree / total >= MIN_SAME_FIGURE_AGREEMENT, f"{agree}/{total}"


MIN_SAME_FIGURE_AGREEMENT = 0.85


def test_years_in_a_multi_year_review(mine):
    """Counts over the period span it; levels and single-year paragraphs have one year."""
    text = (
        "一、过去五年工作回顾\n"
        "五年来，全省新增就业500万人，森林覆盖率提高到45%，地区生产总值从4万亿元提升至5.5万亿元。\n"
        "2022年是极不平凡的一年。全年地区生产总值增长3%。\n"
        "二、2023年重点任务\n新增就业100万人。\n"
    )
    got = [(m.key, m.quantity.value, m.first_year, m.year, m.role) for m in mine(text, 2023)]
    assert got == [
        ("就业", 5_000_000, 2018, 2022, "review"),
        ("森林覆盖率", 45, None, 2022, "review"),
        ("地区生产总值", 4e12, None, 2017, "review"),  # 从…: the value before the period
        ("地区生产总值", 5.5e12, None, 2022, "review"),
        ("地区生产总值增速", 3, None, 2022, "review"),
        ("就业", 1_000_000, None, 2023, "plan"),
    ]


@pytest.mark.parametrize("clause", [
    "新增3万个中小学学位",
    "实施215项改革举措和12项配套政策",
    "建成“15分钟”健身圈120个、口袋公园30处",
    "古塔等12处文保单位 (含3座石桥) 完成修缮",
    "妥善安置2.6万名搬迁群众AB，3项test",
])
def test_words_after_a_number_are_those_of_the_whole_clause(clause):
    """Only the stretch after a number is cut by jieba; its words are those the whole masked clause
    gives at the same offsets."""
    from checker.mentions import _masked, _words_between
    from checker.quantities import find_quantities
    from checker.segment import lcut

    offset = 5  # the clause sits somewhere in a document
    qs = find_quantities("。。。。。" + clause, offset)
    assert qs
    masked = _masked(clause, offset, qs)
    whole, pos = [], offset
    for tok in lcut(masked):
        whole.append((pos, tok))
        pos += len(tok)
    for k, q in enumerate(qs):
        b = qs[k + 1].start if k + 1 < len(qs) else offset + len(clause)
        assert _words_between(masked, offset, q.end, b) == [t for off, t in whole if q.end <= off < b]
