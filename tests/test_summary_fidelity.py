"""Summary fidelity on the real seed summaries and on altered copies of them.

The altered copies (tests/cases/summary/alterations.yaml) each change one thing — a number, a
multiplier, a qualifier, a word, an item, the order, an added claim — and must be flagged there;
the unaltered summaries must not be flagged there. A traditional-script copy must compare like the
simplified original.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from checker.normalize import normalize, to_simplified

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "summary" / "alterations.yaml").read_text("utf-8"))
FILES = {"press": "beijing-2024-press-summary.md", "highlights": "beijing-2024-highlights.txt"}
ISSUES = ("number_mismatch", "number_missing_in_full", "wording_changed", "item_omitted", "order_changed",
          "added_claim")


def _raw(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def full_text() -> str:
    return normalize(_raw("beijing-2024-report.txt"))[0]


_FULL_CLAUSES: dict[str, list] = {}


def _compare(raw_summary: str, full: str):
    """Normalise ``raw_summary`` and compare it with ``full`` (the report prepared once)."""
    from checker.fidelity.compare import compare_clauses
    from checker.fidelity.text import prepare

    if full not in _FULL_CLAUSES:
        _FULL_CLAUSES[full] = prepare(full, to_simplified(full))
    text = normalize(raw_summary)[0]
    return text, compare_clauses(prepare(text, to_simplified(text)), _FULL_CLAUSES[full], text, full)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, k = [], text.find(needle)
    while k != -1:
        out.append((k, k + len(needle)))
        k = text.find(needle, k + 1)
    return out


def _hits(result, spans: list[tuple[int, int]], kind: str) -> list:
    return [o for o in result.outcomes if o.kind == kind and o.s_start is not None
            and any(o.s_start < b and a < o.s_end for a, b in spans)]


@pytest.fixture(scope="module")
def baselines(full_text) -> dict:
    return {key: _compare(_raw(name), full_text) for key, name in FILES.items()}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_alteration_is_flagged(case, full_text, baselines) -> None:
    raw = _raw(FILES[case["summary"]])
    assert case["find"] in raw, "the case must alter real summary text"
    altered = raw.replace(case["find"], case["replace"], 1)
    text, result = _compare(altered, full_text)
    mark = case.get("mark", case["replace"])
    spans = _spans(text, "".join(mark.split()))
    assert spans, f"{mark!r} not in the normalised altered text"
    hits = _hits(result, spans, case["kind"])
    assert hits, f"no {case['kind']} on {mark!r}; got " + "; ".join(
        f"{o.kind}: {text[o.s_start:o.s_end][:30]} ({o.detail[:40]})"
        for o in result.outcomes if o.kind != "number_match"
        and any(o.s_start < b + 40 and a - 40 < o.s_end for a, b in spans))
    if case.get("differs"):
        assert any(set(case["differs"]) <= set(o.fields) for o in hits), [o.fields for o in hits]
    # the unaltered summary is not flagged there for this kind
    base_text, base = baselines[case["summary"]]
    base_spans = _spans(base_text, "".join(case["find"].split()))
    assert base_spans
    assert not _hits(base, base_spans, case["kind"])


@pytest.mark.parametrize("key", list(FILES))
def test_unaltered_summaries_have_no_number_mismatch(key, baselines) -> None:
    text, result = baselines[key]
    wrong = [f"{text[o.s_start:o.s_end]} ({o.detail})" for o in result.outcomes
             if o.kind == "number_mismatch"]
    assert wrong == []   # the gold: every figure of both summaries agrees with the report
    assert sum(o.kind == "number_match" for o in result.outcomes) >= 30


def test_traditional_copy_compares_like_the_original(full_text, baselines) -> None:
    import opencc

    raw = _raw(FILES["press"])
    trad = opencc.OpenCC("s2t").convert(raw)
    assert trad != raw
    _, result = _compare(trad, full_text)
    _, base = baselines["press"]
    got = Counter(o.kind for o in result.outcomes)
    want = Counter(o.kind for o in base.outcomes)
    for kind in ISSUES:
        assert abs(got[kind] - want[kind]) <= 1, (kind, got, want)
    assert got["number_match"] >= want["number_match"] - 2
    # and a changed number in traditional script is still a changed number
    altered = trad.replace("一般公共預算收入增長8.2%", "一般公共預算收入增長9.2%", 1)
    assert altered != trad
    text2, result2 = _compare(altered, full_text)
    assert _hits(result2, _spans(text2, "一般公共預算收入增長9.2%"), "number_mismatch")


def test_numbers_written_differently_match(full_text) -> None:
    # 兆 (traditional 万亿), thousands separators and Chinese numerals are the same numbers
    raw = "全市地區生產總值增長5.2%、約4.4兆元，一般公共預算收入增長8.2%、突破6,000億元。"
    _, result = _compare(raw, full_text)
    kinds = Counter(o.kind for o in result.outcomes)
    assert kinds["number_mismatch"] == 0, [o.detail for o in result.outcomes]
    assert kinds["number_match"] >= 2


def test_date_in_arabic_numerals_matches_chinese_numerals(full_text) -> None:
    from checker.fidelity.compare import compare_texts

    text = "1月21日上午，北京市第十六届人民代表大会第二次会议开幕。"
    result = compare_texts(text, full_text)
    assert not [o for o in result.outcomes if o.kind in ("number_mismatch", "number_missing_in_full")]
    date = result.matches[0]          # 1月21日上午 → the report's 二〇二四年一月二十一日 line
    assert "一月二十一日" in full_text[result.full[date.first].start:result.full[date.last].end]


def test_wrappers_and_markup_are_not_changes(full_text) -> None:
    raw = ("**报告提出，要下大力气激发有潜能的消费。**\n"
           "同时，深化国际消费中心城市建设，扎实推进传统商圈改造升级，规划建设三里屯等4片国际消费体验区。\n")
    _, result = _compare(raw, full_text)
    bad = [o for o in result.outcomes if o.kind in ("wording_changed", "added_claim", "number_mismatch")]
    assert bad == [], [(o.kind, o.detail) for o in bad]


def test_substitution_is_reported_precisely(full_text) -> None:
    _, result = _compare("● 下大力气激发有潜力的消费\n● 一批民心所向、发展所向的问题得到有效解决\n",
                         full_text)
    details = [o.detail for o in result.outcomes if o.kind == "wording_changed"]
    assert any("有潜能" in d and "有潜力" in d for d in details), details
    assert any("所盼" in d and "所向" in d for d in details), details


def test_findings_quote_both_texts(full_text, baselines) -> None:
    text, result = baselines["press"]
    for o in result.outcomes:
        assert 0 <= o.s_start < o.s_end <= len(text)
        if o.kind != "added_claim" and o.f_start is not None:
            assert 0 <= o.f_start < o.f_end <= len(full_text)


@pytest.mark.parametrize("key", list(FILES))
def test_many_changed_numbers_are_each_flagged(key, full_text) -> None:
    """Every 4th number of the real summary, its first digit changed, is flagged where it stands."""
    import re

    from checker.quantities import find_quantities

    text = normalize(_raw(FILES[key]))[0]
    missed, tried = [], 0
    for q in find_quantities(text)[::4]:
        written = text[q.start:q.end]
        m = re.search(r"[1-9]", written)
        if m is None:
            continue
        changed = written[:m.start()] + str(int(m.group()) % 9 + 1) + written[m.end():]
        altered = text[:q.start] + changed + text[q.end:]
        _, result = _compare(altered, full_text)   # normalising again changes nothing here
        tried += 1
        if not [o for o in result.outcomes if o.kind in ("number_mismatch", "number_missing_in_full")
                and o.s_start < q.start + len(changed) and q.start < o.s_end]:
            missed.append(changed)
    assert tried >= 8
    assert missed == []
