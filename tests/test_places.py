"""Places: a document's place from its text, and a folder of several places' reports checked
place by place (reviews paired within a place, figures compared within a place only)."""

from __future__ import annotations

import pytest
import yaml
from conftest import CASES

from checker.corpus import load_corpus
from checker.model import DocMeta
from checker.pipeline import document_from_text
from checker.places import canonical_place, infer_place

PLACES = yaml.safe_load((CASES / "corpus" / "places.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", PLACES, ids=[c["id"] for c in PLACES])
def test_place_from_text(case: dict) -> None:
    assert infer_place(document_from_text(case["text"], DocMeta(id="t"))) == case["place"]


@pytest.mark.parametrize(("name", "place"), [
    ("广西壮族自治区", "广西"), ("广西", "广西"), ("北京市", "北京"),
    ("内蒙古自治区呼伦贝尔市海拉尔区", "海拉尔区"), ("省", None),
])
def test_canonical_place(name: str, place: str | None) -> None:
    assert canonical_place(name) == place


def _report(place: str, year: int, review: str, plan: str) -> str:
    return (f"{year}年{place}政府工作报告\n——{year}年1月15日在{place}第十四届人民代表大会第三次会议上\n"
            f"各位代表：\n一、{year - 1}年工作回顾\n{review}\n二、{year}年重点任务\n{plan}\n")


def _folder(tmp_path):
    gdp = "地区生产总值增长6%。"
    texts = {
        # two provinces, two years each, the same metrics with different values
        "a-2024.txt": _report("湖北省", 2024, gdp, "新增城镇就业70万人以上，新建5G基站2万个。"),
        "a-2025.txt": _report("湖北省", 2025, "城镇新增就业75万人，新建5G基站2.3万个。", "新增就业70万人。"),
        "b-2024.txt": _report("四川省", 2024, gdp, "新增城镇就业90万人以上，新建5G基站4万个。"),
        "b-2025.txt": _report("四川省", 2025, "城镇新增就业86万人，新建5G基站4.1万个。", "新增就业90万人。"),
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return load_corpus(tmp_path)


def test_folder_pairs_reviews_within_each_place(tmp_path) -> None:
    corpus = _folder(tmp_path)
    got = {d.id: (d.meta.region, d.meta.reviews) for d in corpus}
    assert got == {"a-2024": ("湖北", None), "a-2025": ("湖北", "a-2024"),
                   "b-2024": ("四川", None), "b-2025": ("四川", "b-2024")}


def test_figures_of_two_places_are_never_grouped(tmp_path) -> None:
    from checker.analysis.figures import collect_figures, group_figures

    corpus = _folder(tmp_path)
    groups = group_figures(collect_figures(list(corpus), corpus), min_occurrences=1)
    assert groups, "no figure found"
    for g in groups:
        assert len({f.place for f in g}) == 1, [f.quote for f in g]
    assert {f.place for g in groups for f in g} == {"湖北", "四川"}


def test_goal_rules_run_on_every_pair_of_a_folder(tmp_path) -> None:
    import checker

    corpus = _folder(tmp_path)
    frame = checker.run(corpus, checker.load_rules("rules/goals/goal-met.yaml"))
    outcomes = {(row.document.rsplit("/", 1)[-1], row.status) for row in frame.itertuples()}
    # only the plans of the last year, which no report reviews yet, have no review to check
    assert {d for d, s in outcomes if s == "no_documents"} <= {"a-2025.txt", "b-2025.txt"}
    # each province's 5G target is judged against its own review: 2.3万 ≥ 2万, 4.1万 ≥ 4万
    assert ("a-2024.txt", "exceeded") in outcomes and ("b-2024.txt", "exceeded") in outcomes
