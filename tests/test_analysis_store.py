"""The per-run analysis store (checker/analysis/store.py): each document is read once per run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from checker.analysis.store import Analysis, AnalysisStore, analysis_of
from checker.model import DocMeta

ROOT = Path(__file__).resolve().parent.parent


def _doc(text: str, doc_id: str = "t"):
    from checker.pipeline import document_from_text

    return document_from_text(text, DocMeta(id=doc_id, year=2024))


def test_an_analysis_reads_quantities_and_mentions_of_its_document():
    doc = _doc("一、2023年工作回顾\n新增中小学学位3.5万个，城镇新增就业26.1万人。")
    an = analysis_of(doc)
    assert [(q.value, q.unit) for q in an.quantities] == [(35000, "个"), (261000, "人")]
    assert [m.key for m in an.mentions] == ["中小学学位", "城镇就业"]
    assert [q.value for q in an.quantities_in(0, doc.text.index("，"))] == [35000]


def test_written_quantities_quote_the_text_as_written():
    doc = _doc("全年新增就業3萬人。")
    an = analysis_of(doc)
    assert an.quantities[0].value == 30000
    assert an.written_quantities[0].text == "3萬人"
    assert an.quantities[0].text == "3万人"


def test_one_analysis_per_document_and_store():
    a, b = _doc("新增3万个学位。", "a"), _doc("新增3万个学位。", "b")  # same text, two documents
    store = AnalysisStore()
    assert store.of(a) is store.of(a)
    assert store.of(a) is not store.of(b)
    assert store.of(a).mentions is store.of(a).mentions
    assert store.computed == Counter({("mentions", "a"): 1, ("quantities", "a"): 1})
    assert AnalysisStore().of(a) is not store.of(a)  # another run reads again


def test_memo_computes_once_per_key():
    doc = _doc("新增3万个学位。")
    store, calls = AnalysisStore(), []
    for _ in range(3):
        assert store.memo("pair", (doc, "x"), lambda: calls.append(1) or len(calls)) == 1
    assert store.memo("pair", (doc, "y"), lambda: 7) == 7
    assert calls == [1]


def test_every_rule_over_the_seeds_reads_each_document_once(seed_corpus, monkeypatch):
    """All the rules of rules/ in one run: quantities found once per document, mentions built once,
    whatever number of rules and kinds (goals, fidelity, figures, thresholds) read them."""
    from checker import quantities
    from checker.engine import run_rules
    from checker.ruleset import load_rules

    texts = {d.match_text: d.id for d in seed_corpus.documents}
    calls: Counter[str] = Counter()
    others: list[str] = []
    real = quantities.find_quantities

    def counting(text, start=0, end=None):
        if text in texts:
            calls[texts[text]] += 1
        else:
            others.append(text)
        return real(text, start, end)

    monkeypatch.setattr(quantities, "find_quantities", counting)
    rules = load_rules(str(ROOT / "rules"))
    assert len(rules) >= 12
    store = AnalysisStore()
    findings = run_rules(seed_corpus, rules, store=store)
    assert findings
    read = {doc_id for doc_id in texts.values() if calls[doc_id]}
    assert len(read) >= 4  # reports, summaries and highlights were all read …
    assert all(calls[doc_id] == 1 for doc_id in read), calls  # … and each exactly once
    assert all(len(t) < 20 for t in others), others  # a rule's unit (1万人), never a document's text
    built = {k: n for k, n in store.computed.items() if k[0] == "mentions"}
    assert built and set(built.values()) == {1}


@pytest.mark.parametrize("cls", [Analysis, AnalysisStore])
def test_store_types_compare_by_identity(cls):
    assert cls.__eq__ is object.__eq__
