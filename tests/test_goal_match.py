"""Goal extraction and outcome matching on small hand-written plans and reviews."""

from __future__ import annotations

import pytest

from checker.goals.extract import extract_goals
from checker.goals.match import (
    Thresholds,
    names_counted_noun,
    names_subject,
    narrowed_in_words,
    object_score,
    unit_factor,
)
from checker.goals.text import canonical, core, cover, lcs
from checker.goals.track import track
from checker.model import DocMeta
from checker.pipeline import document_from_text


def _plan(body: str, year: int = 2021):
    return document_from_text(f"二、{year}年重点任务\n\n{body}\n", DocMeta(id="plan", year=year),
                              name="plan.txt")


def _review(body: str, year: int = 2021):
    return document_from_text(f"一、{year}年工作回顾\n\n{body}\n", DocMeta(id="review", year=year + 1),
                              name="review.txt")


def _statuses(plan: str, review: str) -> dict[str, str]:
    tracked, _ = track(_plan(plan), _review(review))
    return {t.goal.text: t.status for t in tracked}


@pytest.mark.parametrize(("goal_unit", "outcome_unit", "factor"), [
    ("个", "个", 1.0), ("公顷", "平方公里", 100.0), ("平方米", "公顷", 10000.0), ("个", "条", 1.0),
    ("元/年", "元", 1.0),
    ("%", "个", None), ("套", "条", None), ("元", "美元", None), ("%", "百分点", None),
    ("个", "人", None), ("名", "个", None),  # 个 never counts people
])
def test_unit_factor(goal_unit: str, outcome_unit: str, factor: float | None) -> None:
    got = unit_factor(goal_unit, outcome_unit)
    assert got == (pytest.approx(factor) if factor is not None else None)


@pytest.mark.parametrize(("metric", "said", "named"), [
    ("新增智能制造标杆企业", "新增智能制造企业1585家", False),   # broader: no 标杆
    ("建设大学生创业孵化基地", "新增大学生创业企业9000家", False),  # another head
    ("新增基础教育公办学位", "新增基础教育学位4万个", True),        # 公办: a loose qualifier
    ("修建便民桥", "建设农牧区便民桥500座", True),
    ("新增规上服务业企业", "规上服务业企业新增320家", True),
    ("新增民宿经营主体", "培育涉旅经营主体737家", False),      # 民宿, not 涉旅
    ("新增民宿经营主体", "新增民宿经营主体1600家", True),
])
def test_names_counted_noun(metric: str, said: str, named: bool) -> None:
    assert names_counted_noun(metric, canonical(said)) is named


def test_canonical_expands_abbreviations_and_drops_punctuation() -> None:
    assert canonical("大兴机场综保区 一期") == "大兴机场综合保税区一期"
    assert canonical("“两委”换届") == "两委换届"
    assert core("加快组建全球服务贸易联盟") == "组建全球服务贸易联盟"


def test_overlap_helpers() -> None:
    assert lcs("建设筹集各类政策性住房", "筹集建设各类政策性住房") == 7
    assert cover("建设筹集各类政策性住房", "筹集建设各类政策性住房") == pytest.approx(0.8)
    assert cover("", "abc") == 0.0


@pytest.mark.parametrize(("obj", "seg", "ok"), [
    ("国际大数据交易所", "国际大数据交易所设立运行", True),
    ("接诉即办条例", "建立接诉即办每月一题机制", False),        # an 条例 is not reported by a 机制
    ("自然灾害综合风险普查", "完成第七次全国人口普查任务", False),  # another census
    ("安全生产专项整治三年", "深入推进安全生产专项整治集中攻坚", True),
])
def test_object_score(obj: str, seg: str, ok: bool) -> None:
    assert (object_score(obj, seg, Thresholds()) > 0) is ok


@pytest.mark.parametrize(("obj", "seg", "narrowed"), [
    ("海洋经济营业收入", "海洋经济骨干企业营业收入稳步增长", True),   # 骨干企业: a part of it
    ("海洋经济营业收入", "全省海洋经济营业收入稳步增长", False),
    ("海洋经济营业收入", "海洋经济的营业收入稳步增长", False),        # 的 narrows nothing
    ("海洋经济营业收入", "海洋产业稳步发展", False),                  # not all of it: cover decides
])
def test_narrowed_in_words(obj: str, seg: str, narrowed: bool) -> None:
    assert narrowed_in_words(obj, seg) is narrowed


@pytest.mark.parametrize(("word", "raw", "named"), [
    ("投资", "投资、出口增速分别高于全省1.2个、3个百分点", True),
    ("出口", "投资、出口增速分别高于全省1.2个、3个百分点", True),
    ("投资", "去年我国投资增速有所回落", True),                # openers name no other scope
    ("投资", "能源、交通等领域投资增速有所回落", False),       # another investment
])
def test_names_subject(word: str, raw: str, named: bool) -> None:
    assert names_subject(word, raw) is named


def test_one_goal_per_target() -> None:
    goals = [g for g in extract_goals(_plan("老旧小区综合整治新开工 300个、完工 200个。")) if g.quantified]
    assert [(g.quantity.value, g.action) for g in goals] == [(300, "新开工"), (200, "完工")]
    assert goals[1].text == "完工200个" and "老旧小区" in goals[1].metric


def test_unquantified_goals_need_a_verb_and_an_object() -> None:
    goals = extract_goals(_plan("今年是中国共产党成立100周年。组建国际大数据交易所，支持设立金融法院。"))
    texts = [g.text for g in goals]
    assert "组建国际大数据交易所" in texts and "支持设立金融法院" in texts
    assert not any("周年" in t for t in texts)


def test_main_targets_sentence() -> None:
    goals = extract_goals(_plan("主要预期目标是：地区生产总值增长6%以上，居民收入稳步增长。"))
    assert [g.text for g in goals] == ["地区生产总值增长6%以上", "居民收入稳步增长"]
    assert goals[0].quantity.qualifier == ">=" and goals[1].target_list


def test_multi_year_targets_are_marked_and_not_scored() -> None:
    plan = "到2025年，森林覆盖率达到45%。新增造林绿化15万亩。"
    goals = extract_goals(_plan(plan))
    marked = {g.text: g.multi_year for g in goals if g.quantified}
    assert marked == {"森林覆盖率达到45%": True, "新增造林绿化15万亩": False}
    assert set(_statuses(plan, "森林覆盖率达到44.9%。新增造林绿化16万亩。")) == {"新增造林绿化15万亩"}


def test_new_start_is_not_completion() -> None:
    got = _statuses("老旧小区综合整治新开工300个、完工200个。", "老旧小区综合整治完工 250 个。")
    assert got == {"老旧小区综合整治新开工300个": "not_reported", "完工200个": "exceeded"}


def test_never_pairs_by_number_alone() -> None:
    got = _statuses("新增5G基站6000个。", "新增中小学学位6000个，新增造林绿化6000亩。")
    assert got == {"新增5G基站6000个": "not_reported"}


def test_competing_figures_are_ambiguous() -> None:
    tracked, _ = track(_plan("新增停车位1.5万个。"), _review("新增停车位1.2万个；新增停车位1.8万个。"))
    t = next(t for t in tracked if t.goal.quantified)
    assert t.status == "ambiguous" and len(t.candidates) == 2


def test_words_only_outcomes() -> None:
    got = _statuses("“三校一院”交钥匙项目三所学校实现竣工。加快组建全球服务贸易联盟。"
                    "完成无障碍环境建设行动目标任务。",
                    "“三校一院”项目进展顺利。大力推进城市无障碍环境建设。")
    assert got["“三校一院”交钥匙项目三所学校实现竣工"] == "qualitative_claim"
    assert got["加快组建全球服务贸易联盟"] == "not_reported"
    assert got["完成无障碍环境建设行动目标任务"] == "qualitative_claim"


def test_completion_claim_lists_what_was_not_reported() -> None:
    _tracked, claims = track(_plan("新增2万个中小学学位，新增5G基站6000个。"),
                            _review("较好地完成了市人大会议确定的目标任务。新增中小学学位2.8万个。"))
    assert len(claims) == 1
    assert [t.goal.text for t in claims[0].contradicted_by] == ["新增5G基站6000个"]
    assert "目标任务" in claims[0].text


def test_running_total_does_not_report_a_flow() -> None:
    assert _statuses("新增5G基站6000个。", "累计建成5G基站3万个。") == {"新增5G基站6000个": "not_reported"}


def test_unitless_number_takes_the_unit_of_its_noun() -> None:
    goals = [g for g in extract_goals(_plan("促进4万农村劳动力就业参保。")) if g.quantified]
    assert [(g.quantity.value, g.quantity.unit) for g in goals] == [(40000, "人")]


def test_sections_without_a_year_still_pair() -> None:
    plan = document_from_text("二、今年重点任务\n新增5G基站6000个，组建数据交易中心。\n", DocMeta(id="p"),
                              name="p.txt")
    review = document_from_text("一、过去一年工作回顾\n新增5G基站7000个。\n", DocMeta(id="r"), name="r.txt")
    got = {t.goal.text: t.status for t in track(plan, review)[0]}
    assert got == {"新增5G基站6000个": "exceeded", "组建数据交易中心": "not_reported"}
