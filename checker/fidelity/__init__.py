"""Summary fidelity: does a summary say what the report it retells says?

``text`` splits both texts into clauses and builds their comparison forms, ``align`` finds each
summary clause's counterpart in the report (bigram index + difflib on a few candidates + a Viterbi
pass for continuity), ``compare`` turns aligned pairs into outcomes (``number_match``,
``number_mismatch``, ``number_missing_in_full``, ``wording_changed``, ``item_omitted``,
``order_changed``, ``added_claim``, ``version_difference``), reading each quantity's figure identity
(``figures``: which report figure a summary figure is). ``checker.kinds.summary_fidelity`` turns
outcomes into findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.analysis.store import AnalysisStore
    from checker.fidelity.compare import Comparison
    from checker.model import Document


def compare_documents(summary: Document, full: Document, store: AnalysisStore | None = None) -> Comparison:
    """Compare two loaded documents (on ``match_text``: traditional script compares as simplified).

    With a ``store`` (the engine's), each document's clauses are prepared once and each pair is
    compared once per run, so several rules over the same pair (and a report with many summaries)
    cost one reading.
    """
    from checker.analysis.store import AnalysisStore
    from checker.fidelity.compare import compare_clauses

    store = store or AnalysisStore()
    return store.memo("comparison", (summary, full), lambda: compare_clauses(
        _prepared(summary, store), _prepared(full, store), summary.text, full.text,
        identities=(_identities(summary, store), _identities(full, store))))


def _identities(doc: Document, store: AnalysisStore) -> dict:
    """Each quantity's figure identity (``checker.analysis.identity``), by the quantity's offset."""
    return {m.quantity.start: m.figure for m in store.of(doc).mentions
            if m.quantity is not None and m.figure is not None}


def _prepared(doc: Document, store: AnalysisStore) -> list:
    """A document's clauses and comparison forms, once per document and run."""
    from checker.fidelity.text import prepare

    return store.memo("fidelity_clauses", (doc,),
                      lambda: prepare(doc.text, doc.match_text, store.of(doc).quantities))
