"""The surveyed corpus (checker/survey.py): headers that say what ``load_corpus`` says of each
document, and documents had again — from the spill folder or the file — exactly as first read."""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_places import copy_as_places

from checker.corpus import load_corpus
from checker.survey import DocHeader, survey_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PLACES = (("bj", "北京"), ("hn", "海南"), ("cq", "重庆"))


@pytest.fixture(scope="module")
def places_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_as_places(tmp_path_factory.mktemp("survey-places"), PLACES)


def _described(corpus) -> list[tuple]:
    return [(d.id, str(d.path), d.meta.kind, d.meta.year, d.meta.region, d.meta.reviews, d.meta.retells)
            for d in corpus.documents]


@pytest.mark.parametrize("source", ["folder", "manifest"])
def test_headers_say_what_the_loaded_corpus_says(source: str, places_dir: Path) -> None:
    path = places_dir if source == "folder" else SEEDS / "corpus.yaml"
    loaded, surveyed = load_corpus(path), survey_corpus(path)
    assert all(isinstance(d, DocHeader) for d in surveyed.documents)
    assert _described(surveyed) == _described(loaded)
    assert any(d.meta.reviews for d in surveyed.documents)  # relations were inferred or read


def test_a_summary_is_paired_with_the_report_it_retells_from_headers(tmp_path: Path) -> None:
    # no manifest: the summary's report is chosen by shared clauses, read again from the files
    for name in ("beijing-2024-report.txt", "beijing-2024-highlights.txt", "beijing-2022-report.txt"):
        (tmp_path / name).write_text((SEEDS / name).read_text(encoding="utf-8"), encoding="utf-8")
    loaded, surveyed = load_corpus(tmp_path), survey_corpus(tmp_path)
    assert _described(surveyed) == _described(loaded)
    retold = {d.id: d.meta.retells for d in surveyed.documents if d.meta.retells}
    assert retold == {"beijing-2024-highlights": "beijing-2024-report"}


@pytest.mark.parametrize("spill", [True, False])
def test_a_header_loads_the_document_as_first_read(spill: bool, places_dir: Path, tmp_path: Path) -> None:
    loaded = load_corpus(places_dir)
    surveyed = survey_corpus(places_dir, spill=str(tmp_path) if spill else None)
    assert (len(list(tmp_path.iterdir())) == len(loaded.documents)) is spill
    for header, doc in zip(surveyed.documents, loaded.documents, strict=True):
        again = header.load()
        assert again is not header.load()  # never cached: released with its place
        assert (again.text, again.match_text, again.meta) == (doc.text, doc.match_text, doc.meta)
        assert again.sections == doc.sections and again.clauses == doc.clauses
        assert again.locate(len(again.text) // 2) == doc.locate(len(doc.text) // 2)
