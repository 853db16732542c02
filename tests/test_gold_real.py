"""Integrity of the hand-made gold labels on real provincial pairs (tests/gold/real/goals-*.yaml).

The labels quote the real reports in ../shared/realcorpus/ (not kept in this repository). These
tests hold every label to the texts: each goal_text / outcome_text occurs once on its stated line
(after whitespace removal), values are finite numbers written in those quotes, and each status
follows from target, outcome and qualifier under the status semantics of tests/gold/real/README.md.
Without the corpus they skip.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "real"
CORPUS = ROOT.parent / "shared" / "realcorpus"
GOLD_FILES = sorted(GOLD.glob("goals-*.yaml"))

STATUSES = {"exceeded", "met", "partly", "missed", "qualitative_claim", "not_reported"}
QUALIFIERS = {">=", ">", "<=", "<", "~", "=", "range"}
# CPI and unemployment targets are ceilings even when written 左右 (README: status semantics).
CEILING_METRICS = ("居民消费价格", "失业率")
PERCENT_MARGIN = 0.3  # points, for 左右 targets in %
RELATIVE_MARGIN = 0.05  # of the target, for 左右 targets in other units
EPS = 1e-9
MIN_PAIRS = 12  # issue 10: at least 12 provincial pairs
MIN_TASK_PAIRS = 4  # issue 10: task sections of at least 4 pairs

# Only the tests that read the texts need the corpus; the semantics table runs everywhere.
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"real corpus folder {CORPUS} is absent; gold labels not checked"
)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _lines(name: str) -> list[str]:
    # Line numbers are those of `sed -n Np`: split on \n only.
    return (CORPUS / name).read_text(encoding="utf-8").split("\n")


def _dev_files() -> set[str]:
    return set((CORPUS / "dev.txt").read_text(encoding="utf-8").split())


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?:多|余)?(万亿|亿|万|千)?")  # 2400多亿元 = over 2400亿
_MULTIPLIER = {"万": 1e4, "亿": 1e8, "千": 1e3}
# An amount written in words with no digit: 突破万亿元 = 1e12 (one 万亿).
_WORDED = re.compile(r"(?<![\d.多余百千万])(万亿|亿)元")


def _stated_numbers(quote: str) -> list[float]:
    """Numbers written in a quote, 万/亿 expanded.

    `城镇新增就业75.7万人` -> [757000.0]; `完成投资2400多亿元` -> [2.4e11]; `突破万亿元` -> [1e12].
    """
    numbers = []
    for match in _WORDED.finditer(_squeeze(quote)):
        value = 1.0
        for char in match.group(1):
            value *= _MULTIPLIER[char]
        numbers.append(value)
    for match in _NUMBER.finditer(_squeeze(quote)):
        value = float(match.group(1))
        for char in match.group(2) or "":
            value *= _MULTIPLIER[char]
        numbers.append(value)
    return numbers


def _states(quote: str, value: float) -> bool:
    """True when `value` (or its size, for a decline such as `微降0.1%`) is written in the quote."""
    return any(math.isclose(n, abs(value), rel_tol=1e-9) for n in _stated_numbers(quote))


def _is_num(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _kind(goal: dict) -> str:
    """about / floor / ceiling / range for a quantified goal (README: status semantics)."""
    qualifier = goal["qualifier"]
    if qualifier == "range":
        return "range"
    if qualifier in ("<=", "<"):
        return "ceiling"
    if qualifier == "~":
        if any(word in goal["metric"] for word in CEILING_METRICS):
            return "ceiling"
        return "about"
    return "floor"  # >=, >, and a bare number (=) read as a floor


def expected_status(goal: dict) -> str:
    """The status the semantics give for a quantified goal with a numeric outcome."""
    value = goal["outcome_value"]
    kind = _kind(goal)
    if kind == "range":
        low, high = goal["target_low"], goal["target_high"]
        if value < low - EPS:
            return "missed"
        return "exceeded" if value > high + EPS else "met"
    target = goal["target_value"]
    if kind == "ceiling":
        return "met" if value <= target + EPS else "missed"
    if kind == "floor":
        if value > target + EPS:
            return "exceeded"
        return "met" if value >= target - EPS else "missed"
    margin = PERCENT_MARGIN if goal["unit"] == "%" else RELATIVE_MARGIN * abs(target)
    if value < target - EPS:
        return "missed"
    return "exceeded" if value >= target + margin - EPS else "met"


@needs_corpus
def test_gold_folder_has_enough_provincial_pairs():
    # The folder also holds the national pairs (goals-national-*.yaml); the counts are provincial.
    provincial = [p for p in GOLD_FILES if not p.name.startswith("goals-national-")]
    assert len(provincial) >= MIN_PAIRS, [p.name for p in provincial]
    with_tasks = [
        p.name for p in provincial if any(g["section"] != "主要预期目标" for g in _load(p)["goals"])
    ]
    assert len(with_tasks) >= MIN_TASK_PAIRS, with_tasks


@needs_corpus
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_integrity(path: Path):
    gold = _load(path)
    dev = _dev_files()
    plan_file, review_file, year = gold["plan_file"], gold["review_file"], gold["target_year"]
    # Only development-split files may ever be labelled.
    assert plan_file in dev and review_file in dev, (plan_file, review_file)
    assert plan_file == path.name.replace("goals-", "").replace(f"-{year}.yaml", f"-{year}-report.txt")
    assert review_file == plan_file.replace(str(year), str(year + 1))
    plan, review = _lines(plan_file), _lines(review_file)
    ids = [g["id"] for g in gold["goals"]]
    assert len(ids) == len(set(ids)), "duplicate goal ids"
    problems = []
    for goal in gold["goals"]:
        problems += _goal_problems(goal, plan, review)
    assert not problems, "\n".join(problems)


def _quoted_on(quote: str, lines: list[str], number) -> bool:
    """True when the quote occurs exactly once on line `number` (1-based), whitespace removed on both sides.

    Once, so that a reader of the gold can tell which figure of a long line is meant.
    """
    if not (isinstance(number, int) and 1 <= number <= len(lines)):
        return False
    return _squeeze(lines[number - 1]).count(_squeeze(quote)) == 1


def _goal_problems(goal: dict, plan: list[str], review: list[str]) -> list[str]:
    gid = goal["id"]
    out = []
    if not _quoted_on(goal["goal_text"], plan, goal["plan_line"]):
        out.append(f"{gid}: goal_text not once on plan line {goal['plan_line']}")
    status = goal["status"]
    if status not in STATUSES:
        out.append(f"{gid}: unknown status {status}")
    if goal["note"] is None or not str(goal["note"]).strip():
        out.append(f"{gid}: empty note")
    if goal["outcome_text"] is None:
        if goal["outcome_line"] is not None or goal["outcome_value"] is not None:
            out.append(f"{gid}: outcome line/value without outcome_text")
        if status != "not_reported":
            out.append(f"{gid}: status {status} without outcome_text")
    else:
        if not _quoted_on(goal["outcome_text"], review, goal["outcome_line"]):
            out.append(f"{gid}: outcome_text not once on review line {goal['outcome_line']}")
        if status == "not_reported":
            out.append(f"{gid}: not_reported but an outcome_text is given")
    if goal["quantified"]:
        out += _quantified_problems(goal)
    elif any(goal.get(k) is not None for k in ("target_value", "outcome_value")):
        out.append(f"{gid}: unquantified goal with numeric target/outcome")
    return out


def _quantified_problems(goal: dict) -> list[str]:
    gid = goal["id"]
    out = []
    if goal["qualifier"] not in QUALIFIERS:
        return [f"{gid}: unknown qualifier {goal['qualifier']}"]
    if not _is_num(goal["target_value"]):
        out.append(f"{gid}: target_value not a finite number")
    if goal["qualifier"] == "range" and not (
        _is_num(goal.get("target_low"))
        and _is_num(goal.get("target_high"))
        and goal["target_low"] < goal["target_high"]
    ):
        out.append(f"{gid}: range without finite target_low < target_high")
    if not goal["unit"]:
        out.append(f"{gid}: quantified goal without unit")
    # A target of 0 is worded (保持正增长); any other target is a number the goal states.
    if (
        _is_num(goal["target_value"])
        and goal["target_value"] != 0
        and not _states(goal["goal_text"], goal["target_value"])
    ):
        out.append(f"{gid}: target_value {goal['target_value']} not stated in goal_text")
    value, status = goal["outcome_value"], goal["status"]
    if value is None:
        if status in ("exceeded", "met", "missed"):
            out.append(f"{gid}: status {status} without outcome_value")
        return out
    if not _is_num(value):
        return [*out, f"{gid}: outcome_value not a finite number"]
    # When the outcome quote writes numbers, the value is one of them (0 may be worded: 持平).
    if value != 0 and re.search(r"\d", goal["outcome_text"]) and not _states(goal["outcome_text"], value):
        out.append(f"{gid}: outcome_value {value} not stated in outcome_text")
    if status == "partly":
        return [*out, f"{gid}: partly for a single-number goal"]
    if not out and status != expected_status(goal):
        out.append(f"{gid}: status {status}, semantics give {expected_status(goal)}")
    return out


@pytest.mark.parametrize(
    ("qualifier", "metric", "unit", "target", "outcome", "status"),
    [
        ("~", "地区生产总值增速", "%", 5.0, 4.9, "missed"),
        ("~", "地区生产总值增速", "%", 5.0, 5.0, "met"),
        ("~", "地区生产总值增速", "%", 5.0, 5.29, "met"),
        ("~", "地区生产总值增速", "%", 5.0, 5.3, "exceeded"),
        ("~", "城镇新增就业", "人", 680000, 714000, "exceeded"),
        ("~", "城镇新增就业", "人", 680000, 713000, "met"),
        ("~", "居民消费价格涨幅", "%", 2.0, 0.1, "met"),
        ("~", "城镇调查失业率", "%", 5.5, 5.6, "missed"),
        (">=", "固定资产投资增速", "%", 5.0, 5.0, "met"),
        (">", "城镇新增就业", "人", 300000, 290000, "missed"),
        ("<=", "城镇调查失业率", "%", 5.5, 5.5, "met"),
        ("=", "一般公共预算收入增速", "%", 4.0, 4.1, "exceeded"),
    ],
)
def test_status_semantics_table(qualifier, metric, unit, target, outcome, status):
    """The consistency rule the gold is held to, on made-up values."""
    goal = {
        "qualifier": qualifier,
        "metric": metric,
        "unit": unit,
        "target_value": target,
        "outcome_value": outcome,
    }
    assert expected_status(goal) == status


def test_range_semantics():
    goal = {
        "qualifier": "range",
        "metric": "x",
        "unit": "%",
        "target_value": 4.5,
        "target_low": 4.5,
        "target_high": 5.0,
    }
    assert [expected_status({**goal, "outcome_value": v}) for v in (4.4, 4.5, 5.0, 5.1)] == [
        "missed",
        "met",
        "met",
        "exceeded",
    ]


@pytest.mark.parametrize(
    ("quote", "numbers"),
    [
        ("城镇新增就业75.7万人", [757000.0]),
        ("完成投资2400多亿元", [2.4e11]),
        ("力争产业规模突破万亿元", [1e12]),
        ("推进好总投资1.78万亿元的289个省重点项目", [1.78e12, 289.0]),
    ],
)
def test_stated_numbers(quote, numbers):
    """Numbers a quote writes, worded amounts (万亿元) included, each once."""
    assert _stated_numbers(quote) == pytest.approx(numbers)
