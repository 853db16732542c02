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

import sys
import types
from typing import Any

__version__ = "0.1.0"
# The distribution name (pip install govreport-checker); the import package and command stay `checker`.
DISTRIBUTION = "govreport-checker"
INFORMATION_URI = f"https://pypi.org/project/{DISTRIBUTION}/"
__all__ = ["__version__", "compare", "extract", "goals", "load_corpus", "load_rules", "run"]


def load_corpus(*paths: Any) -> Any:
    """Load a corpus from a manifest, a folder or files (see ``checker.corpus``)."""
    from checker.corpus import load_corpus as _load

    return _load(*paths)


def load_rules(*paths: Any) -> Any:
    """Load and validate rules (see ``checker.ruleset``)."""
    from checker.ruleset import load_rules as _load

    return _load(*paths)


def run(corpus: Any, rules: Any, *, jobs: int = 1, client: Any = None) -> Any:
    """Run ``rules`` over ``corpus`` place by place and return the findings as a pandas DataFrame.

    ``jobs`` worker processes check the places, or the workers of a ``dask.distributed.Client``
    when ``client`` is given; the findings are the same either way."""
    from checker.findings import to_frame
    from checker.scale import executor_for, run_by_place

    executor = executor_for(jobs, client)
    try:
        return to_frame(list(run_by_place(corpus, list(rules), executor)))
    finally:
        executor.close()


def goals(plan: Any, review: Any, year: int | None = None) -> Any:
    """Goal follow-up of ``plan``'s plan section against ``review``'s review: a DataFrame, one row
    per goal and completion claim (status, target, outcome, quotes; passes included)."""
    from pathlib import Path

    from checker.commands import goal_findings, plan_and_review
    from checker.findings import to_frame

    corpus = plan_and_review(Path(plan), Path(review), year)
    return to_frame(goal_findings(corpus, corpus.documents[0].id, {"year": year}))


def compare(summary: Any, full: Any) -> Any:
    """Summary fidelity of ``summary`` against the ``full`` report: a DataFrame, one row per outcome."""
    from pathlib import Path

    from checker.commands import compare_files
    from checker.findings import to_frame

    return to_frame(compare_files(Path(summary), Path(full)))


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


class _Package(types.ModuleType):
    """The ``checker`` package, keeping the API function ``checker.goals`` when the subpackage of the
    same name is imported (the import system would otherwise rebind the attribute to the module;
    ``from checker.goals import …`` still finds the subpackage through ``sys.modules``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
