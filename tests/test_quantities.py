"""Quantity extraction, table-driven from tests/cases/quantities/*.yaml (cases written for the checker,
not the gold snippets), plus the numeral parser and the extraction eval targets."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from checker.quantities import find_quantities

CASES_DIR = Path(__file__).parent / "cases" / "quantities"
GOLD_DIR = Path(__file__).parent / "gold"
SEEDS_DIR = Path(__file__).parents[1] / "seeds"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            case = {**case, "raw": data.get("raw", False)}
            marks = [pytest.mark.skip(reason=case.get("note", ""))] if case.get("skip") else []
            yield pytest.param(case, id=f"{path.stem}-{i}-{case['text'][:12]}", marks=marks)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6)


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case):
    text = case["text"]
    if case["raw"]:  # raw text: normalised as a loader would
        from checker.normalize import normalize

        text = normalize(text)[0]
    got = find_quantities(text)
    expected = case["expected"]
    shown = [(q.value, q.unit, q.qualifier, q.text) for q in got]
    assert len(got) == len(expected), shown
    for q, exp in zip(sorted(got, key=lambda q: q.start), expected, strict=True):
        value, unit, qualifier, *extra = exp
        assert _close(q.value, value) and q.unit == unit and q.qualifier == qualifier, shown
        for field, want in (extra[0] if extra else {}).items():
            have = getattr(q, field)
            assert _close(have, want) if isinstance(want, float | int) else have == want, (field, shown)


def test_offsets_index_the_text():
    text = "前言。城镇新增就业28.1万人，新开工300个"
    qs = find_quantities(text)
    assert [text[q.start:q.end] for q in qs] == ["28.1万人", "300个"]
    assert [q.text for q in qs] == ["28.1万人", "300个"]


def test_window_start_end():
    text = "新增11家、新增27家、新增33家"
    qs = find_quantities(text, 5, 11)
    assert [q.value for q in qs] == [27]


@pytest.mark.skipif(not (GOLD_DIR / "extraction-traps.yaml").is_file(), reason="no gold labels")
def test_extraction_eval_meets_targets():
    from checker.evaluate.extraction import evaluate, rows

    result = evaluate(GOLD_DIR, SEEDS_DIR)
    assert result is not None
    assert result["precision"] >= 0.97, result["errors"]
    assert result["recall"] >= 0.95, result["errors"]
    assert result["identifier_rejection"] >= 0.97, result["errors"]
    assert result["snippets"] > 0
    assert rows(result)[0][0] == "precision"


def test_extraction_eval_absent_gold(tmp_path):
    from checker.evaluate.extraction import evaluate

    assert evaluate(tmp_path, tmp_path) is None


def test_extraction_eval_scores_one_to_one():
    from checker.evaluate.extraction import score_snippet

    tp, fps, fns = score_snippet([(5.0, "%", "="), (5.0, "%", "=")], [(5.0, "%", "="), (6.0, "%", "=")])
    assert (tp, fps, fns) == (1, [(5.0, "%", "=")], [(6.0, "%", "=")])


def test_random_text_never_raises():
    import random

    rng = random.Random(7)
    alphabet = ("0123456789.%/万亿千百十兆一二两三四五六七八九〇零个人元米吨亩倍成半点分之"
                "以上以内左右近约超过余多“”《》第号线年月日级、和至-微克立方平方公里每月人均")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        for q in find_quantities(text):
            assert q.text == text[q.start:q.end] and q.qualifier in ("=", ">=", "<=", "<", ">", "~", "<~")


def test_window_starting_inside_a_number_reads_nothing_of_it():
    text = "公园总数1065个，2800余个村庄"
    assert [q.value for q in find_quantities(text, text.index("800"))] == []
