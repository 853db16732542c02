"""Summary fidelity: does a summary say what the report it retells says?

``text`` splits both texts into clauses and builds their comparison forms, ``align`` finds each
summary clause's counterpart in the report (bigram index + difflib on a few candidates + a Viterbi
pass for continuity), ``compare`` turns aligned pairs into outcomes (``number_match``,
``number_mismatch``, ``number_missing_in_full``, ``wording_changed``, ``item_omitted``,
``order_changed``, ``added_claim``). ``checker.kinds.summary_fidelity`` turns outcomes into findings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.fidelity.compare import Comparison
    from checker.model import Document

_CACHE: dict[tuple[int, int], tuple[Document, Document, Comparison]] = {}


def compare_documents(summary: Document, full: Document) -> Comparison:
    """Compare two loaded documents (on ``match_text``: traditional script compares as simplified).

    Cached per document pair, so several rules over the same pair compare once.
    """
    from checker.fidelity.compare import compare_clauses

    key = (id(summary), id(full))
    hit = _CACHE.get(key)
    # the documents are kept with the result: an id is only reused once its object is gone
    if hit is None or hit[0] is not summary or hit[1] is not full:
        if len(_CACHE) > 16:
            _CACHE.clear()
        hit = (summary, full, compare_clauses(_prepared(summary), _prepared(full), summary.text, full.text))
        _CACHE[key] = hit
    return hit[2]


_PREPARED: dict[int, tuple[Document, list]] = {}


def _prepared(doc: Document) -> list:
    """A document's clauses and comparison forms, once per document (a report has many summaries)."""
    from checker.fidelity.text import prepare

    hit = _PREPARED.get(id(doc))
    if hit is None or hit[0] is not doc:
        if len(_PREPARED) > 32:
            _PREPARED.clear()
        hit = (doc, prepare(doc.text, doc.match_text))
        _PREPARED[id(doc)] = hit
    return hit[1]
