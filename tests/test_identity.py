"""Figure identities (checker/analysis/identity.py): what each mention's number measures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.analysis.identity import is_named, is_stock
from checker.analysis.store import AnalysisStore
from checker.model import DocMeta
from checker.pipeline import document_from_text
from checker.quantities import find_quantities

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "identity" / "figures.yaml").read_text("utf-8"))


def _identity(text: str, number: str):
    doc = document_from_text(text, DocMeta(id="t", year=2024))
    found = [m for m in AnalysisStore().of(doc).mentions if m.quantity and number in m.quantity.text]
    assert found, f"no mention of {number}"
    return found[0].figure


@pytest.mark.parametrize("case", CASES, ids=[f"{c['number']}-{k}" for k, c in enumerate(CASES)])
def test_identity(case):
    figure = _identity(case["text"], case["number"])
    assert figure is not None
    got = {field: getattr(figure, field) for field in case["expect"]}
    assert got == case["expect"]


def test_every_mention_of_an_analysis_has_an_identity_with_its_key():
    doc = document_from_text("一、2023年工作回顾\n新增中小学学位3.5万个，城镇新增就业26.1万人。",
                             DocMeta(id="t", year=2024))
    mentions = AnalysisStore().of(doc).mentions
    keys = [(m.figure.key, m.figure.year) for m in mentions if m.figure]
    assert keys == [("中小学学位", 2023), ("城镇就业", 2023)]


@pytest.mark.parametrize(("text", "stock"), [
    ("累计建成5G基站", True), ("共完成改造", True), ("新建5G基站", False),
])
def test_is_stock(text, stock):
    assert is_stock(text) is stock


@pytest.mark.parametrize(("text", "named"), [
    ("实现500米见绿", True), ("两年见成效", True), ("新增绿地500公顷", False), ("用三年时间完成", False),
])
def test_is_named(text, named):
    (q, *_) = find_quantities(text)
    assert is_named(text, q) is named


def test_a_name_with_a_number_in_front_is_no_quantity_at_all():
    # the quantity reader already refuses it; the identity catches what it lets through (500米见绿)
    assert [q.text for q in find_quantities("15分钟生活圈覆盖率达到80%")] == ["达到80%"]
