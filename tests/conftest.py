"""Shared fixtures. Owned by the structure helper; others may add fixtures here (additively).

The seeds are loaded once per test session (jieba and the pipeline cost ~1 s to start), so tests
that read them stay fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MANIFEST = SEEDS / "corpus.yaml"
CASES = Path(__file__).resolve().parent / "cases"
SEED_FILES = (
    "beijing-2021-report.txt",
    "beijing-2022-report.txt",
    "beijing-2024-report.txt",
    "beijing-2024-press-summary.md",
    "beijing-2024-highlights.txt",
)


@pytest.fixture(scope="session")
def seed_corpus():
    """The seed corpus, loaded once from seeds/corpus.yaml (a ``checker.corpus.Corpus``)."""
    from checker.corpus import load_corpus

    return load_corpus(MANIFEST)


@pytest.fixture(scope="session")
def seed_docs(seed_corpus) -> dict:
    """Seed documents by file name (``beijing-2024-report.txt`` → Document), from the manifest."""
    return {d.path.name: d for d in seed_corpus.documents}


@pytest.fixture(scope="session")
def seed_docs_inferred() -> dict:
    """Seed documents loaded without the manifest's metadata (year, kind inferred from the text)."""
    from checker.corpus import load_corpus

    corpus = load_corpus(*(SEEDS / name for name in SEED_FILES))
    return {d.path.name: d for d in corpus.documents}


@pytest.fixture
def english(monkeypatch):
    """Messages in English (``CHECKER_LANG=en``, as ``--lang en``) for tests that read the English
    wording; both languages are compared in test_hostile_cli, test_lang_audit and test_errors."""
    from checker import i18n

    monkeypatch.setenv("CHECKER_LANG", "en")
    i18n.set_lang(None)
    yield
    i18n.set_lang(None)
