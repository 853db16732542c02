"""Altered reviews flip exactly the statuses they should (tests/cases/goals/altered.yaml).

The real 2021 review text is edited in the test (an outcome lowered, deleted, reworded, added) and
tracked against the real 2021 plan; the goals named in ``expect`` change to the given status, every
other goal keeps its status.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from checker.goals.track import track
from checker.model import DocMeta
from checker.pipeline import document_from_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "goals" / "altered.yaml").read_text(encoding="utf-8"))
REVIEW_TEXT = (SEEDS / "beijing-2022-report.txt").read_text(encoding="utf-8")


@cache
def _plan():
    text = (SEEDS / "beijing-2021-report.txt").read_text(encoding="utf-8")
    return document_from_text(text, DocMeta(id="plan", year=2021), name="beijing-2021-report.txt")


def _statuses(review_text: str) -> dict[str, str]:
    review = document_from_text(review_text, DocMeta(id="review", year=2022), name="review.txt")
    tracked, _ = track(_plan(), review, year=2021)
    out: dict[str, str] = {}
    for t in tracked:
        out.setdefault(t.goal.text, t.status)
    return out


@cache
def _baseline() -> tuple[tuple[str, str], ...]:
    return tuple(_statuses(REVIEW_TEXT).items())


def test_baseline_statuses() -> None:
    base = dict(_baseline())
    assert base["新增2万个中小学学位"] == "exceeded"
    assert base["新增5G基站6000个"] == "not_reported"
    assert base["一般公共预算收入增长3%以上"] == "not_reported"
    assert base["居民消费价格涨幅3%左右"] == "met"
    assert base["拆除违法建设2500万平方米"] == "not_reported"
    assert base["腾退土地3000公顷"] == "exceeded"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_altered_review(case: dict) -> None:
    text = REVIEW_TEXT
    for old, new in case["edits"]:
        assert text.count(old) == 1, f"edit target not unique in the review: {old}"
        text = text.replace(old, new)
    base = dict(_baseline())
    after = _statuses(text)
    expect = {}
    for needle, status in (case.get("expect") or {}).items():
        hits = [g for g in base if needle in g]
        assert len(hits) == 1, f"{needle!r} names {len(hits)} goals"
        expect[hits[0]] = status
        assert base[hits[0]] != status, f"{needle}: already {status} before the edit"
    changed = {g: after.get(g) for g in base if after.get(g) != base[g]}
    assert changed == expect
