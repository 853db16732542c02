"""The corpus: manifest validation, folders and files, and what is inferred when the manifest is silent."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import CASES, SEEDS
from lang_check import same_in_chinese

from checker.corpus import load_corpus
from checker.errors import CheckerError

BAD = yaml.safe_load((CASES / "corpus" / "bad_manifests.yaml").read_text(encoding="utf-8"))


def test_manifest_documents_and_relations(seed_corpus):
    assert [(d.id, d.meta.kind, d.meta.year) for d in seed_corpus] == [
        ("bj-2021-report", "report", 2021),
        ("bj-2022-report", "report", 2022),
        ("bj-2024-report", "report", 2024),
        ("bj-2024-press", "summary", 2024),
        ("bj-2024-highlights", "highlights", 2024),
    ]
    assert seed_corpus.region == "北京"
    assert seed_corpus.reviewer_of("bj-2021-report").id == "bj-2022-report"
    assert seed_corpus.reviewer_of("bj-2022-report") is None  # the 2023 report is not in the corpus
    assert seed_corpus.reviewer_of("bj-2024-report") is None
    assert seed_corpus.full_of("bj-2024-press").id == "bj-2024-report"
    assert seed_corpus.full_of("bj-2024-highlights").id == "bj-2024-report"
    assert seed_corpus.full_of("bj-2024-report") is None
    retellings = [d.id for d in seed_corpus.summaries_of("bj-2024-report")]
    assert retellings == ["bj-2024-press", "bj-2024-highlights"]


def test_everything_inferred_without_a_manifest(seed_docs_inferred):
    """Files alone: kind, year, which report a summary retells, which report reviews which plan."""
    got = {
        name: (d.meta.kind, d.meta.year, d.meta.retells, d.meta.reviews)
        for name, d in seed_docs_inferred.items()
    }
    assert got == {
        "beijing-2021-report.txt": ("report", 2021, None, None),
        "beijing-2022-report.txt": ("report", 2022, None, "beijing-2021-report"),
        "beijing-2024-report.txt": ("report", 2024, None, None),
        "beijing-2024-press-summary.md": ("summary", 2024, "beijing-2024-report", None),
        "beijing-2024-highlights.txt": ("highlights", 2024, "beijing-2024-report", None),
    }


def test_folder_uses_its_manifest(seed_corpus):
    corpus = load_corpus(SEEDS)
    assert [d.id for d in corpus] == [d.id for d in seed_corpus]
    assert corpus.manifest is not None and corpus.manifest.name == "corpus.yaml"


def test_folder_without_manifest_takes_every_document(tmp_path):
    for name in ("beijing-2021-report.txt", "beijing-2022-report.txt", "README.md"):
        shutil.copy(SEEDS / name, tmp_path / name)
    (tmp_path / "notes.csv").write_text("not a document", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus] == ["beijing-2021-report", "beijing-2022-report"]  # README skipped
    assert corpus.reviewer_of("beijing-2021-report").id == "beijing-2022-report"


def test_get_unknown_id_names_the_known_ones(seed_corpus):
    with pytest.raises(CheckerError) as info:
        seed_corpus.get("nope")
    assert re.search(r"no document with id 'nope'.*bj-2021-report, bj-2022-report", info.value.render("en"))
    assert re.search(r"语料库中没有 id 为 'nope' 的文档.*bj-2021-report、bj-2022-report",
                     info.value.render("zh"))


@pytest.mark.parametrize("args", [(), ("does/not/exist.yaml",)], ids=["nothing", "missing"])
def test_bad_arguments(args):
    with pytest.raises(CheckerError):
        load_corpus(*args)


def test_duplicate_ids_across_paths():
    with pytest.raises(CheckerError) as info:
        load_corpus(SEEDS / "beijing-2021-report.txt", SEEDS / "beijing-2021-report.txt")
    assert re.search(r"duplicate document id '.*beijing-2021-report\.txt'", info.value.render("en"))
    same_in_chinese(info.value.render("en"), info.value.render("zh"))


def test_same_stem_in_two_formats_gets_file_names_as_ids(tmp_path):
    for suffix in (".txt", ".md"):
        shutil.copy(SEEDS / "beijing-2022-report.txt", tmp_path / f"report{suffix}")
    shutil.copy(SEEDS / "beijing-2021-report.txt", tmp_path / "plan.txt")
    corpus = load_corpus(tmp_path)
    assert sorted(d.id for d in corpus) == ["plan", "report.md", "report.txt"]


@pytest.mark.parametrize("case", BAD, ids=lambda c: c["name"])
def test_bad_manifests(tmp_path, case):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("各位代表：\n一、2023年工作回顾\n新增就业30万人。\n", encoding="utf-8")
    manifest = tmp_path / "corpus.yaml"
    manifest.write_text(case["manifest"], encoding="utf-8")
    with pytest.raises(CheckerError) as info:
        load_corpus(manifest)
    message = info.value.render("en")
    for expected in case["errors"]:
        assert f"{manifest}{expected}" in message or f"{manifest}:{expected}" in message, message
    assert len(message.splitlines()) == len(case["errors"])
    same_in_chinese(message, info.value.render("zh"))


def test_a_summary_is_not_tied_to_an_unrelated_report(tmp_path):
    shutil.copy(SEEDS / "beijing-2021-report.txt", tmp_path / "r2021.txt")
    shutil.copy(SEEDS / "beijing-2024-highlights.txt", tmp_path / "h2024.txt")
    corpus = load_corpus(tmp_path)
    assert corpus.get("h2024").meta.kind == "highlights"
    assert corpus.full_of("h2024") is None  # shares no clauses with the 2021 report
