"""Shared helpers of the engine tests (a phrase kind, a fake mention extractor, an in-process CLI).

The helpers are imported by test_engine*.py, test_output*.py, test_cli_run*.py and test_rules*.py;
the tests at the bottom check the helpers themselves.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from checker.engine import SimpleCorpus
from checker.kinds.base import KindSpec, Param
from checker.model import DocMeta, Document, Mention, Quantity, SourceMap, Span

ROOT = Path(__file__).resolve().parent.parent


# ----------------------------------------------------------------------------- documents

def make_doc(text: str, doc_id: str = "doc", kind: str = "report", year: int | None = 2024,
             sections: list[tuple[str, int, int]] | None = None, path: str | None = None,
             **meta: Any) -> Document:
    """An unstructured Document over ``text`` (offsets = source offsets); ``sections`` as
    ``(role, start, end)``."""
    from checker.model import Section

    doc = Document(Path(path or f"{doc_id}.txt"), text, SourceMap(text, list(range(len(text) + 1))),
                   DocMeta(id=doc_id, kind=kind, year=year, **meta))
    for role, start, end in sections or []:
        doc.sections.append(Section(title="", level=1, start=start, end=end, role=role, year=year))
    return doc


_METRIC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{2,12}?)(?:控制在|上涨|增长|为|达到)?(\d+(?:\.\d+)?)(%|万人|亿元)")


def fake_mentions(doc: Document) -> list[Mention]:
    """Mentions by one regex (``城镇调查失业率5.6%``): enough to test kinds without jieba."""
    out = []
    for m in _METRIC_NUMBER.finditer(doc.text):
        q = Quantity(float(m.group(2)), m.group(3), start=m.start(2), end=m.end(3),
                     text=m.group(2) + m.group(3))
        top = doc.top_section_at(m.start())
        out.append(Mention(doc.id, q, m.group(1), m.group(1), None, Span(m.start(), m.end()),
                           Span(m.start(), m.end()), None, top.role if top else "other",
                           top.year if top else None))
    return out


# ----------------------------------------------------------------------------- a test kind

def _phrase_check(ctx: Any) -> Any:
    """Flag every occurrence of each phrase in the sections in scope (whitespace inside ignored)."""
    for doc in ctx.slots["documents"]:
        for a, b in ctx.spans("documents", doc):
            chunk = doc.text[a:b]
            flat = [(i + a, ch) for i, ch in enumerate(chunk) if not ch.isspace()]
            squashed = "".join(ch for _, ch in flat)
            for phrase in ctx.params["phrases"]:
                for m in re.finditer(re.escape(phrase), squashed):
                    start, end = flat[m.start()][0], flat[m.end() - 1][0] + 1
                    yield ctx.finding("found", doc, start, end, metric=phrase, actual=phrase,
                                      extra=f"{phrase}|{m.start()}", data={"phrase": phrase})
        if ctx.params.get("explode"):
            raise RuntimeError("boom")
        yield ctx.finding("checked", doc, metric="phrases", data={"phrase": ""})


PHRASE = KindSpec(
    name="phrase",
    summary="Flags each occurrence of a phrase (test kind).",
    check=_phrase_check,
    params={"phrases": Param("array", None, "Phrases to flag.", items="string", required=True),
            "explode": Param("boolean", False, "Raise after the first document.")},
    placeholders=frozenset({"phrase"}),
    statuses=("found", "checked"),
    pass_statuses=frozenset({"checked"}),
)


@pytest.fixture
def phrase_kind(monkeypatch: pytest.MonkeyPatch) -> KindSpec:
    from checker.kinds import REGISTRY

    monkeypatch.setitem(REGISTRY, "phrase", PHRASE)
    return PHRASE


def phrase_rule_yaml(rule_id: str = "no-phrase", phrases: tuple[str, ...] = ("坚决",),
                     severity: str = "warning", extra: str = "") -> str:
    items = ", ".join(phrases)
    return (f"id: {rule_id}\nkind: phrase\nseverity: {severity}\n"
            f"description: Flags {items}.\nparams: {{phrases: [{items}]}}\n{extra}"
            'message: "{phrase} in {document}"\n'
            f"examples:\n  fail: [\"{phrases[0]}\"]\n  pass: [\"nothing\"]\n")


def corpus(*docs: Document) -> SimpleCorpus:
    return SimpleCorpus(list(docs))


# ----------------------------------------------------------------------------- CLI in process

def run_cli(args: list[str], capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """``checker ARGS`` in this process (so monkeypatched kinds apply): (exit code, stdout, stderr)."""
    from checker.cli import main

    monkeypatch.setattr(sys, "argv", ["checker", *args])
    code = 0
    try:
        main()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    out, err = capsys.readouterr()
    return code, out, err


# ----------------------------------------------------------------------------- self-tests

def test_fake_mentions_find_metric_and_value() -> None:
    doc = make_doc("城镇调查失业率5.6%，居民消费价格上涨1.1%。", sections=[("review", 0, 30)])
    found = [(m.metric, m.quantity.value, m.quantity.unit, m.role) for m in fake_mentions(doc)]
    assert found == [("城镇调查失业率", 5.6, "%", "review"), ("居民消费价格", 1.1, "%", "review")]


def test_phrase_rule_yaml_is_a_valid_rule(tmp_path: Path, phrase_kind: KindSpec) -> None:
    from checker.ruleset import load_rules

    (tmp_path / "r.yaml").write_text(phrase_rule_yaml(), encoding="utf-8")
    (rule,) = load_rules(tmp_path)
    assert (rule.id, rule.kind) == ("no-phrase", "phrase")
    assert rule.params == {"phrases": ["坚决"], "explode": False}
