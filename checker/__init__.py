"""checker: a consistency checker for government work reports and what is written about them.

Python API (heavy modules load on first use, so ``checker --help`` stays fast)::

    import checker
    corpus = checker.load_corpus("seeds/corpus.yaml")
    rules = checker.load_rules("rules/")
    frame = checker.run(corpus, rules)      # a pandas DataFrame, one row per finding
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "load_corpus", "load_rules", "run"]


def load_corpus(*paths: Any) -> Any:
    """Load a corpus from a manifest, a folder or files (see ``checker.corpus``)."""
    from checker.corpus import load_corpus as _load

    return _load(*paths)


def load_rules(*paths: Any) -> Any:
    """Load and validate rules (see ``checker.ruleset``)."""
    from checker.ruleset import load_rules as _load

    return _load(*paths)


def run(corpus: Any, rules: Any) -> Any:
    """Run ``rules`` over ``corpus`` and return the findings as a pandas DataFrame."""
    from checker.engine import run_rules
    from checker.findings import to_frame

    return to_frame(run_rules(corpus, rules))
