"""Figures, not numbers (tests/cases/fidelity/figures.yaml) and the identity questions the comparison
asks (checker/fidelity/figures.py): each made-up retelling gives exactly the number findings listed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.commands import compare_files
from checker.fidelity import figures
from checker.lexicon import COMPARED, NAMES, WORDING, canonical
from checker.model import FigureIdentity

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "fidelity" / "figures.yaml")
                       .read_text(encoding="utf-8"))
NUMBER_STATUSES = ("number_", "version_")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_figure_case(case, tmp_path) -> None:
    report, summary = tmp_path / "report.txt", tmp_path / "press.txt"
    report.write_text(case["report"] + "\n", encoding="utf-8")
    summary.write_text(case["summary"] + "\n", encoding="utf-8")
    found = [f for f in compare_files(summary, report) if not f.passed]
    numbers = [f for f in found if f.status.startswith(NUMBER_STATUSES)]
    got = sorted((f.status, f.severity, f.data.get("differs") or "", f.data.get("summary_quote"))
                 for f in numbers)
    want = sorted((w["status"], w["severity"], w["differs"], w["quote"]) for w in case["numbers"])
    assert got == want, [(f.status, f.severity, f.data.get("detail")) for f in found]
    assert all(f.severity == "info" for f in found if f not in numbers)


def test_version_difference_quotes_both_versions(tmp_path) -> None:
    case = next(c for c in CASES if c["name"] == "a speech-day forecast against the published figure")
    (tmp_path / "r.txt").write_text(case["report"], encoding="utf-8")
    (tmp_path / "s.txt").write_text(case["summary"], encoding="utf-8")
    found = compare_files(tmp_path / "s.txt", tmp_path / "r.txt")
    [f] = [f for f in found if f.status == "version_difference"]
    assert (f.data["summary_quote"], f.data["full_quote"]) == ("5%左右", "5.2%")
    assert "5%左右" in f.data["detail"] and "5.2%" in f.data["detail"]


def _id(key: str, **kw) -> FigureIdentity:
    return FigureIdentity(key=key, year=kw.pop("year", None), **kw)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("今年经济增长目标", "地区生产总值增速", True),        # 经济增长 names GDP growth in the comparison
    ("GDP增速", "国内生产总值增速", True),                 # either level's name
    ("特别国债", "超长期特别国债", True),
    ("工业增加值增速", "地区生产总值增速", False),
    ("今年目标", "地区生产总值增速", None),                # nothing left to compare
    ("投资", "民间投资", None),                            # too short to tell a sub-category
])
def test_same_metric(a, b, same) -> None:
    assert figures.same_metric(a, b) is same


GDP = "地区生产总值增速"


@pytest.mark.parametrize(("s", "f", "why"), [
    (_id("工业增加值增速", kind="growth"), _id("工业增加值占地区生产总值比重", kind="share"), "metric"),
    (_id(GDP, kind="growth", span="年均"), _id(GDP, kind="growth"), "metric"),
    (_id(GDP, kind="growth", role="target"), _id(GDP, kind="growth", role="outcome"), "year"),
    (_id(GDP, kind="growth", year=2024), _id(GDP, kind="growth", year=2025), "year"),
    (_id("农村居民人均纯收入增速", scope="农村居民"),
     _id("城镇居民人均可支配收入和农村居民人均纯收入增速", scope="城镇居民"), None),
    (_id("经济增长目标", kind="share", role="target"),
     _id("国内生产总值增速", kind="growth", role="target"), None),
])
def test_conflict(s, f, why) -> None:
    assert figures.conflict(s, f) == why


@pytest.mark.parametrize(("s", "f", "version"), [
    (_id(GDP, kind="growth", role="forecast"), _id(GDP, kind="growth", role="outcome"), True),
    (_id(GDP, kind="growth", role="forecast"), _id(GDP, kind="growth", role="forecast"), False),
    (_id(GDP, kind="growth", role="target"), _id(GDP, kind="growth", role="outcome"), False),
])
def test_is_version(s, f, version) -> None:
    assert figures.is_version(s, f) is version


def test_gdp_names_read_alike_only_in_the_comparison() -> None:
    assert canonical("国内生产总值增长", COMPARED) == canonical("GDP增长", COMPARED) == "地区生产总值增长"
    assert canonical("经济增长目标", COMPARED) == "地区生产总值增长目标"
    # mention keys keep the level they were written with
    assert canonical("国内生产总值", WORDING) == "国内生产总值"
    assert canonical("GDP", NAMES) == "地区生产总值"


@pytest.mark.parametrize(("text", "average"), [
    ("过去五年年均增长5.2%", True),
    ("年均增长率为5.2%", True),
    ("去年增长5.2%", False),
    ("年均增长……去年国内生产总值增长5.2%", False),   # too far before the number to speak of it
])
def test_average_before(text, average) -> None:
    assert figures.average_before(text, text.index("5.2%")) is average


@pytest.mark.parametrize(("key", "kind", "rate"), [
    ("工业增加值占地区生产总值比重", "share", "share"),
    ("經濟成長目標", "share", "growth"),      # a press key without 增速: its words say growth
    ("城镇调查失业率", "share", None),         # a rate that is neither
    ("地区生产总值增速", "growth", "growth"),
])
def test_rate_kind(key, kind, rate) -> None:
    assert figures.rate_kind(_id(key, kind=kind)) == rate
