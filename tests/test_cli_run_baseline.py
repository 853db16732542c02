"""A baseline written from the PDF-extracted seed silences the same findings in a re-wrapped copy.

The seed ``beijing-2024-report.txt`` is text extracted from a PDF: every line is followed by a blank
line, lines break inside words and numbers, and digits stand apart from their units (``2023 年``).
The re-wrapped copy, built here, has the same text with one paragraph per line and those spaces
removed — what a person gets by copying the report from a web page instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from test_engine_kit import ROOT, phrase_kind, phrase_rule_yaml, run_cli  # noqa: F401

SEED = ROOT / "seeds" / "beijing-2024-report.txt"
PDF_LINE = 33  # extracted PDF lines of body text hold 33-45 characters; shorter ones end a paragraph


def rewrap(raw: str) -> str:
    """One paragraph per line, spaces between digits and units removed."""
    paragraphs, current = [], ""
    for line in raw.splitlines():
        if not line.strip():
            continue
        current += line.strip()
        if len(line.strip()) < PDF_LINE:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    text = "\n".join(paragraphs) + "\n"
    return re.sub(r"(\d) +(?=[年月日%万亿个])", r"\1", text)


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    raw = SEED.read_text(encoding="utf-8")
    copy = rewrap(raw)
    assert copy != raw and "".join(copy.split()) == "".join(raw.split())  # same text, other layout
    assert len(copy.splitlines()) < len([x for x in raw.splitlines() if x.strip()]) // 2
    pdf, web = tmp_path / "pdf", tmp_path / "web"
    pdf.mkdir()
    web.mkdir()
    (pdf / "bj-2024-report.txt").write_text(raw, encoding="utf-8")
    (web / "bj-2024-report.txt").write_text(copy, encoding="utf-8")
    return pdf, web


def _run(folder: Path, rules: Path, extra: list[str], capsys, monkeypatch) -> tuple[int, dict]:
    code, out, err = run_cli(["run", str(folder), "--rules", str(rules), "--output", "json:-", *extra],
                             capsys, monkeypatch)
    assert code in (0, 1), err
    return code, json.loads(out)


def _check_baseline_carries_over(tmp_path: Path, rules: Path, capsys, monkeypatch) -> int:
    pdf, web = _folders(tmp_path)
    base = tmp_path / "base.json"
    _, first = _run(pdf, rules, ["--fail-on", "never", "--write-baseline", str(base)], capsys, monkeypatch)
    flagged = [f for f in first["findings"] if not f["passed"]]
    assert flagged, "the rules must flag something in the seed for this test to mean anything"
    # Without the baseline the re-wrapped copy fails, at other line numbers …
    code, plain = _run(web, rules, ["--fail-on", "info"], capsys, monkeypatch)
    assert code == 1
    assert {f["line"] for f in plain["findings"] if not f["passed"]} != {f["line"] for f in flagged}
    # … with it, every finding is known: nothing new, exit 0.
    code, again = _run(web, rules, ["--fail-on", "info", "--baseline", str(base)], capsys, monkeypatch)
    still = [f for f in again["findings"] if not f["passed"] and not f["baselined"]]
    assert still == [], [(f["rule"], f["message"]) for f in still]
    assert code == 0
    assert again["summary"]["baselined"] == len(flagged)
    return len(flagged)


def test_phrase_findings_survive_rewrapping(tmp_path, capsys, monkeypatch, phrase_kind) -> None:  # noqa: F811
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "words.yaml").write_text(phrase_rule_yaml("words", ("高质量发展", "京津冀协同发展", "2023年")),
                                      encoding="utf-8")
    assert _check_baseline_carries_over(tmp_path, rules, capsys, monkeypatch) > 10


def test_threshold_findings_survive_rewrapping(tmp_path, capsys, monkeypatch) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "growth.yaml").write_text(
        "id: growth-below-six\nkind: threshold\nseverity: warning\n"
        "description: Every growth rate stated is below 6% (strict on purpose, for many findings).\n"
        "params: {pattern: '增长|增速|收入|投资', unit: '%', max: 6}\n"
        'message: "{metric} {actual}"\n'
        "examples:\n  fail: [地区生产总值增长8.5%。]\n  pass: [地区生产总值增长5.2%。]\n", encoding="utf-8")
    for name in ("unemployment-ceiling.yaml", "plan-main-targets.yaml"):
        text = (ROOT / "rules" / "core" / name).read_text(encoding="utf-8")
        (rules / name).write_text(text, encoding="utf-8")
    assert _check_baseline_carries_over(tmp_path, rules, capsys, monkeypatch) >= 3
