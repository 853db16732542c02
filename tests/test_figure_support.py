"""Builders for the figure tests: documents and hand-built mentions, run through the real kinds.

The figure kinds read mentions; these tests build them by hand (quote + key + quantity), so they
test the grouping, series and progress logic alone, whatever the extraction stage finds.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from checker.engine import RuleContext, SimpleCorpus
from checker.findings import Finding
from checker.model import DocMeta, Document, Mention, Quantity, SourceMap, Span

CASES = Path(__file__).parent / "cases" / "figures"


def make_doc(text: str, id: str = "r", kind: str = "report", year: int | None = 2024,
             retells: str | None = None) -> Document:
    """A bare document (no sections): offsets are the text's own."""
    meta = DocMeta(id=id, kind=kind, year=year, retells=retells)
    return Document(Path(f"{id}.txt"), text, SourceMap(text, list(range(len(text) + 1))), meta)


def make_mention(doc: Document, quote: str, qty: str, key: str, value: float, unit: str,
                 qualifier: str = "=", role: str = "review", year: int | None = 2023,
                 action: str | None = None, direction: str | None = None,
                 qkind: str | None = None, metric: str | None = None, nth: int = 0,
                 sentence: str | None = None, first_year: int | None = None) -> Mention:
    """A mention whose clause is ``quote`` (its ``nth`` occurrence in the text) and whose
    quantity is the text ``qty`` inside it; its sentence is ``sentence`` (default: the clause)."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(quote, start + 1)
    end = start + len(quote)
    qs = doc.text.index(qty, start)
    q = Quantity(value=float(value), unit=unit, qualifier=qualifier, start=qs, end=qs + len(qty),
                 text=qty, kind=qkind, direction=direction)
    sent = Span(start, end)
    if sentence is not None:
        s0 = doc.text.index(sentence)
        sent = Span(s0, s0 + len(sentence))
    return Mention(doc_id=doc.id, quantity=q, metric=metric or key, key=key, action=action,
                   clause=Span(start, end), sentence=sent, section=None, role=role,
                   year=year, location=doc.locate(qs), first_year=first_year)


def build_case(case: dict[str, Any]) -> tuple[list[Document], dict[str, list[Mention]]]:
    """Documents and their mentions from a YAML case (see tests/cases/figures/*.yaml)."""
    docs = []
    for d in case["docs"]:
        docs.append(make_doc(d["text"], d.get("id", "r"), d.get("kind", "report"),
                             d.get("year", 2024), d.get("retells")))
    by_id = {d.id: d for d in docs}
    mentions: dict[str, list[Mention]] = {d.id: [] for d in docs}
    for m in case.get("mentions", []):
        m = dict(m)
        doc = by_id[m.pop("doc", docs[0].id)]
        mentions[doc.id].append(make_mention(doc, **m))
    return docs, mentions


def run_kind(kind: Any, docs: list[Document], mentions: dict[str, list[Mention]] | None,
             params: dict[str, Any] | None = None) -> list[Finding]:
    """Run ``kind.check`` through a real RuleContext over ``docs`` (``mentions`` None: the real
    mention stage)."""
    rule = SimpleNamespace(id="test-rule", scope={}, severity="warning", message="{metric}: {status}",
                           description="", params=params or {})
    extractor = None if mentions is None else (lambda d: mentions.get(d.id, []))
    ctx = RuleContext(rule=rule, kind=kind, params=dict(params or {}), corpus=SimpleCorpus(docs),
                      slots={"documents": docs}, mention_extractor=extractor)
    return list(kind.check(ctx))


def load_cases(name: str) -> list[dict[str, Any]]:
    with (CASES / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


RULES_DIR = Path(__file__).resolve().parent.parent / "rules" / "figures"


def run_figure_rules(folder: Path) -> list[Finding]:
    """Every finding of the rules in rules/figures/ over the corpus at ``folder`` (or a manifest)."""
    from checker.corpus import load_corpus
    from checker.engine import run_rules
    from checker.ruleset import load_rules

    # the altered corpus's manifest names the unaltered documents where they are (outside its folder)
    return run_rules(load_corpus(folder, allow_outside=True), load_rules(str(RULES_DIR)))


def altered_corpus(corpus: Path, tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A manifest of the corpus folder ``corpus`` where file ``name`` is a copy with ``old``
    replaced by ``new`` (once); the other documents stay where they are (loaded once, from the
    pipeline's cache)."""
    manifest = yaml.safe_load((corpus / "corpus.yaml").read_text(encoding="utf-8"))
    for entry in manifest["documents"]:
        entry["path"] = str(corpus / entry["path"])
    text = (corpus / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    copy = tmp_path / name
    copy.write_text(text.replace(old, new), encoding="utf-8")
    for entry in manifest["documents"]:
        if Path(entry["path"]).name == name:
            entry["path"] = str(copy)
    path = tmp_path / "corpus.yaml"
    path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    return path


def test_make_mention_places_the_quantity_inside_its_clause() -> None:
    doc = make_doc("森林覆盖率达到44.4%，森林覆盖率44.9%。")
    m = make_mention(doc, "森林覆盖率44.9%", "44.9%", "森林覆盖率", 44.9, "%")
    assert doc.text[m.quantity.start:m.quantity.end] == "44.9%"
    assert m.clause.start <= m.quantity.start < m.quantity.end <= m.clause.end
