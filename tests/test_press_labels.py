"""The hand-made labels of tests/press/ hold together (format: tests/press/README.md).

Every claim's press_text stands on its press_line; every report named is a development file; and,
when ../shared/realcorpus/ is present, every match claim's full_line carries the claim's figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.evaluate.press import label_files
from checker.normalize import to_simplified

PRESS = Path(__file__).parent / "press"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "realcorpus"
LABELS = label_files(PRESS)
CN_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "两": "2"}


def _cn_integer(s: str) -> str:
    """``十六`` → ``16``, ``二十`` → ``20``, ``五`` → ``5``."""
    if "十" not in s:
        return "".join(CN_DIGITS[c] for c in s)
    tens, _, ones = s.partition("十")
    return str(int(CN_DIGITS.get(tens, "1")) * 10 + int(CN_DIGITS.get(ones, "0") if ones else 0))


def _arabic(text: str) -> str:
    """Chinese-numeral percentages and counts as digits: ``百分之五点五`` → ``5.5%``, ``两个`` → ``2个``."""
    def one(m: re.Match) -> str:
        frac = "".join(CN_DIGITS[c] for c in (m.group(2) or ""))
        return _cn_integer(m.group(1)) + (f".{frac}" if frac else "") + "%"
    text = re.sub(r"百分之([零〇一二两三四五六七八九十]+)(?:点([零〇一二三四五六七八九]+))?", one, text)
    return re.sub(r"([一二两三四五六七八九十]+)(?=个)", lambda m: _cn_integer(m.group(1)), text)


def _numbers(text: str) -> list[str]:
    text = text.translate({0xFF10 + i: str(i) for i in range(10)} | {0xFF0E: "."}).replace(",", "")
    return re.findall(r"\d+(?:\.\d+)?", _arabic(text))


def test_there_are_at_least_forty_labelled_texts() -> None:
    assert len(LABELS) >= 40
    assert all(labels.claims for labels in LABELS)


@pytest.mark.parametrize("labels", LABELS, ids=lambda labels: labels.press_file)
def test_every_press_text_stands_on_its_line(labels) -> None:
    lines = (PRESS / labels.press_file).read_text(encoding="utf-8").splitlines()
    wrong = [(c.press_line, c.press_text) for c in labels.claims
             if c.press_line > len(lines) or c.press_text not in lines[c.press_line - 1]]
    assert wrong == []
    assert all(0 < n <= len(lines) for n in labels.framing_lines)


def test_only_development_reports_are_named() -> None:
    names = {labels.full_file for labels in LABELS}
    if not (CORPUS / "dev.txt").is_file():
        pytest.skip("../shared/realcorpus/ is absent: the split list cannot be read")
    assert names - set((CORPUS / "dev.txt").read_text(encoding="utf-8").split()) == set()


@pytest.mark.parametrize("labels", LABELS, ids=lambda labels: labels.press_file)
def test_every_match_claim_has_its_figure_on_its_full_line(labels) -> None:
    full = CORPUS / labels.full_file
    if not full.is_file():
        pytest.skip(f"{full} is absent: match claims cannot be checked against the report")
    lines = full.read_text(encoding="utf-8").splitlines()
    wrong = []
    for c in labels.claims:
        if c.verdict != "match":
            continue
        numbers = _numbers(c.press_text)
        line = lines[c.full_line - 1].replace(",", "") if c.full_line and c.full_line <= len(lines) else ""
        line = _arabic(line.translate({0xFF10 + i: str(i) for i in range(10)} | {0xFF0E: "."}))
        if not numbers or not all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", line) for n in numbers):
            wrong.append((c.press_line, c.press_text, c.full_line, numbers))
    assert wrong == []


QUALIFIED = re.compile(r"(\d+(?:\.\d+)?)[^\d，,；;。、]{0,4}?(以上|左右|以内|以下)")


def _qualified(text: str) -> list[tuple[str, str]]:
    """``(number, qualifier)`` pairs: ``增长5.5%左右`` → ``[("5.5", "左右")]``; spam in brackets dropped."""
    text = re.sub(r"[《【][^》】]*[》】]", "", to_simplified(text))
    return [(m.group(1), m.group(2)) for m in QUALIFIED.finditer(_arabic(text))]


@pytest.mark.parametrize("labels", LABELS, ids=lambda labels: labels.press_file)
def test_every_match_claim_keeps_the_qualifier_of_its_full_line(labels) -> None:
    full = CORPUS / labels.full_file
    if not full.is_file():
        pytest.skip(f"{full} is absent: match claims cannot be checked against the report")
    lines = full.read_text(encoding="utf-8").replace("％", "%").splitlines()
    wrong = [(c.press_line, c.press_text, number, qualifier) for c in labels.claims if c.verdict == "match"
             for number, qualifier in _qualified(c.press_text)
             if (number, qualifier) not in _qualified(lines[c.full_line - 1])]
    assert wrong == []


def test_the_numeral_reading_of_this_test() -> None:
    assert _numbers("增长百分之五点四，百分之十二，百分之二十") == ["5.4", "12", "20"]
    assert _numbers("４．５％") == ["4.5"]
    assert _numbers("连跨两个万亿元台阶") == ["2"]
    pairs = [("1300", "以上"), ("5.5", "左右")]
    assert _qualified("糧食產量1300億斤以《**APP下载》上，增长5.5%左右") == pairs
