"""Structure: headings, section roles and years, sentences and clauses."""

from __future__ import annotations

import pytest
import yaml
from conftest import CASES

from checker.model import DocMeta
from checker.pipeline import document_from_text
from checker.structure import classify, is_part_title

SEED_CASES = yaml.safe_load((CASES / "structure" / "seed_sections.yaml").read_text(encoding="utf-8"))
TITLE_CASES = yaml.safe_load((CASES / "structure" / "titles.yaml").read_text(encoding="utf-8"))


def _squash(s: str) -> str:
    return "".join(s.split())


@pytest.mark.parametrize("name", list(SEED_CASES))
def test_seed_top_sections_roles_and_years(seed_docs_inferred, name):
    """Roles and years of every seed's top-level sections, with the year inferred from the text."""
    doc = seed_docs_inferred[name]
    want = SEED_CASES[name]
    assert doc.meta.year == want["year"]
    tops = [(i, s) for i, s in enumerate(doc.sections) if s.parent is None]
    got = [
        {"title": _squash(s.title), "role": s.role, "year": s.year, "first_year": s.first_year,
         "children": sum(1 for c in doc.sections if c.parent == i)}
        for i, s in tops
    ]
    expected = [
        {"title": _squash(t["title"]), "role": t["role"], "year": t["year"],
         "first_year": t.get("first_year"),
         "children": t.get("children", got[k]["children"] if k < len(got) else 0)}
        for k, t in enumerate(want["top"])
    ]
    assert got == expected


def test_seed_sections_nest_and_cover_their_children(seed_docs):
    for doc in seed_docs.values():
        for i, s in enumerate(doc.sections):
            assert s.start < s.end <= len(doc.text)
            assert s.start <= (s.body_start or s.start) <= s.end
            if s.parent is not None:
                p = doc.sections[s.parent]
                assert p.level < s.level and p.start < s.start and s.end <= p.end, (doc.id, i)
                assert (s.role, s.year) == (p.role, p.year)  # subsections inherit


def test_manifest_year_is_kept(seed_docs):
    assert [d.meta.year for d in seed_docs.values()] == [2021, 2022, 2024, 2024, 2024]


def test_2021_plan_subsections_match_gold_labels(seed_docs):
    """goals-2021.yaml names the parts of section 三 (一)…(十)."""
    doc = seed_docs["beijing-2021-report.txt"]
    plan = next(i for i, s in enumerate(doc.sections) if s.parent is None and s.role == "plan")
    labels = [s.title[:4].rstrip("强大坚深全进持牢") for s in doc.sections if s.parent == plan]
    assert [lab[: lab.index(")") + 1] for lab in labels] == [
        f"({n})" for n in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    ]


@pytest.mark.parametrize("case", TITLE_CASES["classify"], ids=lambda c: c["title"])
def test_classify_titles(case):
    role, year, first = classify(case["title"], case["doc_year"])
    assert (role, year, first) == (case["role"], case["year"], case.get("first_year"))


@pytest.mark.parametrize("title", TITLE_CASES["part_titles"]["part"])
def test_part_titles(title):
    assert is_part_title(title)


@pytest.mark.parametrize("title", TITLE_CASES["part_titles"]["not_part"])
def test_not_part_titles(title):
    assert not is_part_title(title)


def _outline(text: str, year: int | None = None) -> list[tuple]:
    doc = document_from_text(text, DocMeta(id="t", year=year))
    return [(s.level, _squash(s.title), s.role, s.year, s.parent) for s in doc.sections]


def test_heading_kinds_and_nesting():
    text = (
        "2025年某省政府工作报告\n各位代表：\n"
        "一、2024年工作回顾\n过去一年，全省地区生产总值增长5%。\n"
        "（一）着力稳增长，经济运行持续向好。新增就业50万人。\n"
        "二、2025年重点任务\n"
        "一是扩大有效投资，推动重大项目落地。新开工项目100个。\n"
        "深化城市更新。改造老旧小区500个，建设口袋公园30个。\n"
        "二是提升民生保障水平。\n"
    )
    assert _outline(text) == [
        (1, "一、2024年工作回顾", "review", 2024, None),
        (2, "（一）着力稳增长，经济运行持续向好", "review", 2024, 0),
        (1, "二、2025年重点任务", "plan", 2025, None),
        (3, "一是扩大有效投资，推动重大项目落地", "plan", 2025, 2),
        (4, "深化城市更新", "plan", 2025, 3),
        (3, "二是提升民生保障水平", "plan", 2025, 2),
    ]


def test_markdown_and_digest_headings():
    text = (
        "# 一文读懂某市政府工作报告\n"
        "1月15日，某市召开人民代表大会。\n"
        "**回顾2024年工作**\n"
        "**全市生产总值增长5.5%**\n"
        "报告提出，全市生产总值增长5.5%。\n"
        "## 展望2025年\n"
        "全年主要预期目标\n"
        "- 地区生产总值增长5%左右\n"
        "● 城镇调查失业率控制在5.5%以内\n"
        "● 居民消费价格涨幅2%左右\n"
        "\n"  # the blank line marks a paragraph break for normalisation (as in the digests)
        "重点做好六方面工作\n"
        "1 扩大内需,稳定增长\n"
        "- 促进消费\n"
    )
    assert _outline(text) == [
        (1, "回顾2024年工作", "review", 2024, None),
        (2, "全市生产总值增长5.5%", "review", 2024, 0),
        (1, "展望2025年", "plan", 2025, None),
        (2, "全年主要预期目标", "plan", 2025, 2),
        (2, "重点做好六方面工作", "plan", 2025, 2),
        (3, "1扩大内需,稳定增长", "plan", 2025, 4),
    ]


def test_chapter_and_arabic_numbered_headings():
    text = (
        "第一部分 2024年工作回顾\n全省新增就业50万人。\n"
        "第二部分 2025年工作安排\n（1）稳定增长。全省地区生产总值增长5%左右。\n（2）扩大开放。\n"
    )
    assert _outline(text, 2025) == [
        (1, "第一部分2024年工作回顾", "review", 2024, None),
        (1, "第二部分2025年工作安排", "plan", 2025, None),
        (3, "（1）稳定增长", "plan", 2025, 1),
        (3, "（2）扩大开放", "plan", 2025, 1),
    ]


def test_document_year_from_review_heading_alone():
    doc = document_from_text("各位代表：\n一、2019年工作回顾\n全市新增就业30万人。\n", DocMeta(id="t"))
    assert doc.meta.year == 2020
    assert (doc.sections[0].role, doc.sections[0].year) == ("review", 2019)


def test_relative_years_follow_the_document_year():
    text = "一、过去一年工作回顾\n新增就业30万人。\n二、今年主要任务\n新增就业30万人。\n"
    assert [(s.role, s.year) for s in document_from_text(text, DocMeta(id="t", year=2019)).sections] == [
        ("review", 2018),
        ("plan", 2019),
    ]


def test_sentences_and_clauses():
    text = (
        "一、2024年工作回顾\n"
        "全市新增就业30万人，城镇调查失业率5%；居民收入增长、消费回升。“十四五”开局良好！\n"
        "- 要点一\n"
    )
    doc = document_from_text(text, DocMeta(id="t", year=2025))
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert sentences == [
        "一、2024年工作回顾",
        "全市新增就业30万人，城镇调查失业率5%；居民收入增长、消费回升。",
        "“十四五”开局良好！",
        "要点一",  # a bullet line is a sentence of its own, without its marker
    ]
    clauses = [doc.text[c.start : c.end] for c in doc.clauses]
    assert clauses[:6] == [
        "一、2024年工作回顾", "全市新增就业30万人", "城镇调查失业率5%", "居民收入增长", "消费回升。",
        "“十四五”开局良好！",
    ]


def test_no_headings_means_no_sections():
    doc = document_from_text("全市新增就业30万人，城镇调查失业率5%。", DocMeta(id="t", year=2024))
    assert doc.sections == [] and len(doc.sentences) == 1 and len(doc.clauses) == 2


def test_document_year_from_a_date_in_chinese_numerals():
    text = (
        "政府工作报告\n——二〇二五年一月十五日在省第十四届人民代表大会第三次会议上\n各位代表：\n"
        "一、过去一年工作回顾\n全省新增就业50万人。\n二、今年重点任务\n新增就业40万人。\n"
    )
    doc = document_from_text(text, DocMeta(id="t"))
    assert doc.meta.year == 2025
    assert [(s.role, s.year) for s in doc.sections] == [("review", 2024), ("plan", 2025)]


def test_plan_heading_beats_a_headline_year():
    text = (
        "# 一文读懂政府工作报告：2023年全省GDP增长5.2%\n报告提出，…\n"
        "**2024年重点任务**\n新增就业40万人。\n"
    )
    doc = document_from_text(text, DocMeta(id="t"))
    assert doc.meta.year == 2024
