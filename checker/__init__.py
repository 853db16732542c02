"""checker: a consistency checker for government work reports and what is written about them.

Python API (heavy modules load on first use, so ``checker --help`` stays fast)::

    import checker
    corpus = checker.load_corpus("seeds/corpus.yaml")
    rules = checker.load_rules("rules/")
    frame = checker.run(corpus, rules)      # a pandas DataFrame, one row per finding
    checker.goals("2021.txt", "2022.txt")   # goal follow-up, one row per goal
    checker.compare("digest.txt", "report.txt")  # summary fidelity, one row per outcome
    checker.extract("report.txt")           # every quantity mention, one row each
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "compare", "extract", "goals", "load_corpus", "load_rules", "run"]


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


def goals(plan: Any, review: Any, year: int | None = None) -> Any:
    """Goal follow-up of ``plan``'s plan section against ``review``'s review: a DataFrame, one row
    per goal and completion claim (status, target, outcome, quotes; passes included)."""
    from pathlib import Path

    from checker.cli.goals import build_findings
    from checker.findings import to_frame

    return to_frame(build_findings(Path(plan), Path(review), year=year))


def compare(summary: Any, full: Any) -> Any:
    """Summary fidelity of ``summary`` against the ``full`` report: a DataFrame, one row per outcome."""
    from pathlib import Path

    from checker.cli.compare import build_findings
    from checker.findings import to_frame

    return to_frame(build_findings(Path(summary), Path(full)))


def extract(*documents: Any) -> Any:
    """Every quantity mention of ``documents`` (paths): a DataFrame, one row per mention."""
    from pathlib import Path

    import pandas as pd

    from checker.cli.extract import mention_rows
    from checker.mentions import extract_mentions
    from checker.pipeline import load_document

    rows = []
    for path in documents:
        doc = load_document(Path(path))
        rows.extend(mention_rows(doc, extract_mentions(doc)))
    return pd.DataFrame(rows)
