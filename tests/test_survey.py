"""The surveyed corpus (checker/survey.py): headers that say what ``load_corpus`` says of each
document, and documents had again — from the spill folder or the file — exactly as first read."""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_places import copy_as_places

from checker import survey
from checker.corpus import load_corpus
from checker.survey import DocHeader, survey_corpus, survey_item

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


@pytest.mark.parametrize("keep", ["held", "spilled", None])
def test_a_header_loads_the_document_as_first_read(keep: str | None, places_dir: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if keep == "spilled":
        monkeypatch.setattr(survey, "HOLD_BUDGET", 0)  # none held in memory: all pickled to the folder
    loaded = load_corpus(places_dir)
    surveyed = survey_corpus(places_dir, spill=str(tmp_path) if keep else None)
    assert (len(list(tmp_path.iterdir())) == len(loaded.documents)) is (keep == "spilled")
    assert all((header.held is not None) is (keep == "held") for header in surveyed.documents)
    for header, doc in zip(surveyed.documents, loaded.documents, strict=True):
        again = header.load()
        assert again is not header.load()  # never cached: released with its place
        assert (again.text, again.match_text, again.meta) == (doc.text, doc.match_text, doc.meta)
        assert again.sections == doc.sections and again.clauses == doc.clauses
        assert again.locate(len(again.text) // 2) == doc.locate(len(doc.text) // 2)


def test_only_the_surveying_process_holds_documents_and_within_its_budget(
        places_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from checker.model import DocMeta

    path = next(p for p in sorted(places_dir.iterdir()) if p.suffix == ".txt")
    item = (path, DocMeta(id=path.stem, kind=None))
    elsewhere = survey_item(item, spill=str(tmp_path), home=os.getpid() + 1)  # a worker's survey
    assert elsewhere.held is None and elsewhere.spilled is not None
    here = survey_item(item, spill=str(tmp_path), home=os.getpid())
    assert here.held is not None and here.spilled is None
    assert here.load().text == elsewhere.load().text
    monkeypatch.setattr(survey, "HOLD_BUDGET", here.size - 1)
    assert survey_item(item, spill=str(tmp_path), home=os.getpid()).held is None  # beyond the budget
