"""normalize(): table-driven cases (tests/cases/normalize.yaml), the offset map, to_simplified."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checker.normalize import normalize, to_simplified

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "normalize.yaml").read_text(encoding="utf-8"))["cases"]
SEEDS = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix in (".txt", ".md") and p.name != "README.md")


def _same_char(norm: str, src: str) -> bool:
    """``norm`` is ``src`` as written, its ASCII fold (５ → 5), or whitespace standing for a break."""
    if norm == src:
        return True
    if norm in "\n " and src.isspace():
        return True
    return norm.isascii() and ord(src) - 0xFEE0 == ord(norm)


def assert_map_faithful(raw: str, text: str, origin: list[int]) -> None:
    assert len(origin) == len(text) + 1
    assert origin == sorted(origin), "offsets must not go backwards"
    assert origin[-1] <= len(raw)
    bad = [(i, text[i], raw[origin[i]]) for i in range(len(text)) if not _same_char(text[i], raw[origin[i]])]
    assert not bad, bad[:5]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:
    text, origin = normalize(case["raw"])
    assert text == case["expected"]
    assert_map_faithful(case["raw"], text, origin)


def test_cases_are_many_and_distinct() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 25


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_sourcemap_points_at_same_character(seed: Path) -> None:
    raw = seed.read_text(encoding="utf-8")
    text, origin = normalize(raw)
    assert_map_faithful(raw, text, origin)
    # Nothing but whitespace is lost: the non-space characters survive in order.
    assert "".join(text.split()) == "".join(raw.split())


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_paragraphs_are_clean(seed: Path) -> None:
    text, _ = normalize(seed.read_text(encoding="utf-8"))
    assert "\n\n" not in text and not text.startswith("\n") and not text.endswith("\n")
    for line in text.split("\n"):
        assert line == line.strip(" \u3000"), line
    # No paragraph of these seeds ends in a bare digit: such a break was a number cut from its unit.
    assert not re.search(r"\d\n", text)


def test_pdf_seed_joins_and_keeps() -> None:
    """The 2024 report (PDF extraction): breaks inside words go, headings stay their own lines."""
    text, _ = normalize((ROOT / "seeds" / "beijing-2024-report.txt").read_text(encoding="utf-8"))
    lines = text.split("\n")
    assert sum(1 for ln in lines if ln.startswith("（")) == 11  # （一）…（十一）, each its own line
    assert any(ln.endswith("向好态势") for ln in lines)
    assert lines[0] == "2024年政府工作报告" and lines[2:4] == ["北京市市长殷勇", "各位代表："]
    assert lines[1].startswith("二〇二四年一月二十一日") and lines[1].endswith("会议上")
    assert "城镇新增就业28.1万人" in text and "可再生能源消费占比" in text and "2个百分点" in text


def test_indented_report_keeps_every_paragraph() -> None:
    """The 2021 report: one paragraph per line, full-width indentation; nothing is joined."""
    raw = (ROOT / "seeds" / "beijing-2021-report.txt").read_text(encoding="utf-8")
    text, _ = normalize(raw)
    assert text.count("\n") + 1 == sum(1 for ln in raw.split("\n") if ln.strip(" \u3000"))


def test_keep_lines_never_joins() -> None:
    raw = "城镇新增就业 28.1\n万人，\n帮扶"
    assert normalize(raw, keep_lines=True)[0] == "城镇新增就业28.1\n万人，\n帮扶"


def test_empty_and_whitespace() -> None:
    assert normalize("") == ("", [0])
    text, origin = normalize(" \n\u3000\n")
    assert text == "" and len(origin) == 1


def test_idempotent_on_seeds() -> None:
    for seed in SEEDS:
        once, _ = normalize(seed.read_text(encoding="utf-8"))
        assert normalize(once)[0] == once, seed.name


def test_to_simplified_preserves_length() -> None:
    trad = "經濟增長，臺灣與香港；發展規劃"
    simp = to_simplified(trad)
    assert simp == "经济增长，台湾与香港；发展规划"
    assert len(simp) == len(trad)
    assert to_simplified("北京市政府工作报告 5.2%") == "北京市政府工作报告 5.2%"


@pytest.mark.parametrize("text", [
    "新增学位3万个", "新增學位3萬個", "末字為繁體：個", "𠀀𠀁 astral only", "𠀀與", "", "薴麻",
])
def test_to_simplified_skips_only_texts_with_nothing_to_rewrite(text) -> None:
    from checker.normalize import _t2s_table

    assert to_simplified(text) == text.translate(_t2s_table())


def _rewrap(paragraph: str, width: float) -> list[str]:
    """Hard-wrap one paragraph at ``width`` em, as a PDF page would (CJK 1 em, ASCII ½ em)."""
    out, cur, used = [], "", 0.0
    for ch in paragraph:
        w = 0.5 if ord(ch) < 0x1100 and ch not in "—…" else 1.0
        if used + w > width and cur:
            out.append(cur)
            cur, used = "", 0.0
        cur += ch
        used += w
    return [*out, cur] if cur else out


def _breaks(text: str) -> set[int]:
    """Paragraph breaks as offsets into the text with all whitespace removed."""
    pos, out = 0, set()
    for ch in text:
        if ch == "\n":
            out.add(pos)
        elif not ch.isspace():
            pos += 1
    return out


@pytest.mark.parametrize("width", [30, 36, 42])
@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["single", "blank"])
@pytest.mark.parametrize("seed", ["beijing-2021-report.txt", "beijing-2022-report.txt"])
def test_rewrapped_report_recovers_its_paragraphs(seed: str, separator: str, width: int) -> None:
    """Wrap a report's paragraphs at a page width the joiner has never seen: it must find the width
    and join every wrapped line. The only extra breaks allowed are after a full stop that happens
    to fall at the end of a full line (a new paragraph or not: the text cannot tell)."""
    reference, _ = normalize((ROOT / "seeds" / seed).read_text(encoding="utf-8"))
    lines = [ln for para in reference.split("\n") for ln in _rewrap(para, width)]
    got, _ = normalize(separator.join(lines))
    flat = "".join(reference.split())
    expected, found = _breaks(reference), _breaks(got)
    assert not expected - found, "paragraphs merged"
    wrong = [flat[max(0, p - 10) : p] + "|" + flat[p : p + 5] for p in found - expected
             if flat[p - 1] not in "。！？：；"]
    assert not wrong, wrong
