"""Corpus scale (checker/scale.py): places checked apart, the same findings on one process, on a
process pool and on a local Dask cluster."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from seed_places import copy_as_places
from test_engine_kit import run_cli

from checker.model import DocMeta, Document
from checker.scale import place_groups

# Each seed report copied as the report of another place: its place name rewritten throughout.
PLACES = (("bj", "北京"), ("sh", "上海"), ("cq", "重庆"), ("tj", "天津"))  # 8 documents: a pool of 2


@pytest.fixture(scope="module")
def places_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder (no manifest) with two years of reports of four places."""
    return copy_as_places(tmp_path_factory.mktemp("places"), PLACES)


def _doc(doc_id: str, region: str | None, reviews: str | None = None) -> Document:
    from checker.engine import document_from_text

    return document_from_text("各位代表：\n", DocMeta(id=doc_id, kind="report", region=region,
                                                     reviews=reviews), name=f"{doc_id}.txt")


def test_place_groups_keep_places_apart_and_relations_together() -> None:
    docs = [_doc("a1", "安徽"), _doc("h1", "海南"), _doc("a2", "安徽"),
            _doc("x", None, reviews="h1"), _doc("n", None)]
    groups = [[d.id for d in g] for g in place_groups(docs)]
    # 安徽's two reports together; the unplaced report reviewing 海南's plan joins 海南; the
    # unplaced one tied to nothing stands alone
    assert groups == [["a1", "a2"], ["h1", "x", "n"]] or groups == [["a1", "a2"], ["h1", "x"], ["n"]]
    assert groups[0] == ["a1", "a2"]
    assert groups[1][:2] == ["h1", "x"]


def test_places_are_inferred_distinct(places_dir: Path) -> None:
    from checker.corpus import load_corpus

    corpus = load_corpus(places_dir)
    assert [len(g) for g in place_groups(corpus.documents)] == [2, 2, 2, 2]
    assert {d.meta.reviews for d in corpus.documents if d.meta.reviews} == {
        f"{tag}-beijing-2021-report" for tag, _ in PLACES}


OUTPUTS = ("out.jsonl", "out.csv", "out.sarif", "out.json", "out.md", "junit:out.xml", "out.txt")


def _outputs(folder: Path, jobs: int, capsys, monkeypatch, where: Path) -> dict[str, bytes]:
    where.mkdir()
    monkeypatch.chdir(where.parent)  # one working folder: SARIF names it
    specs = [x for spec in OUTPUTS
             for x in ("--output", spec.replace("out.", f"{where.name}/out."))]
    code, _out, _err = run_cli(["run", str(folder), "--jobs", str(jobs), "--fail-on", "never", *specs],
                               capsys, monkeypatch)
    assert code == 0, _err
    return {p.name: p.read_bytes() for p in sorted(where.iterdir())}


def test_jobs_two_writes_what_jobs_one_writes(places_dir: Path, tmp_path: Path, capsys,
                                              monkeypatch) -> None:
    one = _outputs(places_dir, 1, capsys, monkeypatch, tmp_path / "one")
    two = _outputs(places_dir, 2, capsys, monkeypatch, tmp_path / "two")
    assert set(one) == {"out.jsonl", "out.csv", "out.sarif", "out.json", "out.md", "out.xml", "out.txt"}
    for name in one:
        assert one[name] == two[name], name
    lines = one["out.jsonl"].decode("utf-8").splitlines()
    # every place's reports were checked (goal follow-up of each place's 2021 plan)
    for tag, _name in PLACES:
        assert any(f'{tag}-beijing-2021-report.txt"' in line for line in lines), tag


def test_no_documents_said_once_for_the_whole_run(places_dir: Path, tmp_path: Path, capsys,
                                                  monkeypatch) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    code, out, _err = run_cli(["run", str(places_dir), "-j", "1", "--fail-on", "never", "-f", "jsonl"],
                              capsys, monkeypatch)
    assert code == 0
    found = [json.loads(line) for line in out.splitlines()]
    # no place has a summary: summary-fidelity says so once, not once per place
    missing = [f for f in found if f["rule"] == "summary-fidelity" and f["status"] == "no_documents"]
    assert len(missing) == 1


def test_local_dask_cluster_finds_what_the_serial_run_finds(places_dir: Path) -> None:
    from dask.distributed import Client, LocalCluster

    import checker

    corpus = checker.load_corpus(places_dir)
    from checker.rulepacks import builtin_rules_dir

    rules = checker.load_rules(builtin_rules_dir())
    serial = checker.run(corpus, rules)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        spread = checker.run(corpus, rules, client=client)
    assert len(serial) > 0
    assert serial.to_json(orient="records") == spread.to_json(orient="records")


def test_a_pool_starts_only_for_a_corpus_worth_it() -> None:
    import os

    from checker.scale import Processes

    pool = Processes(2)
    try:
        assert set(pool.map(_pid, range(3))) == {os.getpid()}   # 3 < 4 × 2: done here
        spread = set(pool.map(_pid, range(8)))
        assert os.getpid() not in spread and len(spread) >= 1   # done by the workers
        assert os.getpid() not in set(pool.map(_pid, range(2)))  # the pool, once started, is used
    finally:
        pool.close()


def _pid(_: int) -> int:
    import os

    return os.getpid()


def _cache_growth(path: str) -> int:
    from checker import pipeline
    from checker.corpus import load_item

    before = len(pipeline._CACHE)
    load_item((Path(path), DocMeta(id="x", kind=None)))  # type: ignore[arg-type]
    return len(pipeline._CACHE) - before


def test_a_worker_keeps_no_document_it_read(places_dir: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor

    path = str(sorted(places_dir.iterdir())[0])
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(_cache_growth, path).result() == 0


def test_documents_are_held_one_place_at_a_time(places_dir: Path, monkeypatch) -> None:
    import gc
    import weakref

    from checker.rulepacks import builtin_rules_dir
    from checker.ruleset import load_rules
    from checker.scale import run_places
    from checker.survey import DocHeader, survey_corpus

    corpus = survey_corpus(places_dir)
    assert not any(isinstance(d, Document) for d in corpus.documents)  # headers only
    alive: weakref.WeakSet[Document] = weakref.WeakSet()
    most = 0
    load = DocHeader.load

    def counted(header: DocHeader) -> Document:
        nonlocal most
        gc.collect()
        doc = load(header)
        alive.add(doc)
        most = max(most, len(alive))
        return doc

    monkeypatch.setattr(DocHeader, "load", counted)
    places = list(run_places(corpus, load_rules(builtin_rules_dir())))
    assert len(places) == len(PLACES) + 1  # each place, then the closing findings
    assert most == 2  # a place's two reports, never another place's as well


class _Backwards:
    """An executor finishing places in the reverse of the order given."""

    def unordered(self, fn, items):
        done = [(i, fn(item)) for i, item in enumerate(items)]
        return reversed(done)


def test_findings_keep_corpus_order_whatever_order_places_finish(places_dir: Path) -> None:
    from checker.corpus import load_corpus
    from checker.rulepacks import builtin_rules_dir
    from checker.ruleset import load_rules
    from checker.scale import run_by_place

    corpus = load_corpus(places_dir)
    rules = load_rules(builtin_rules_dir())
    here = [f.to_dict() for f in run_by_place(corpus, rules)]
    backwards = [f.to_dict() for f in run_by_place(corpus, rules, _Backwards())]
    assert here == backwards
    documents = [f["document"] for f in here if f["document"].endswith(".txt")]
    tags = [Path(d).name.split("-")[0] for d in documents]
    assert tags == sorted(tags, key=[t for t, _ in sorted(PLACES)].index)  # place after place


def test_largest_places_are_started_first() -> None:
    from checker.scale import run_places

    docs = [_doc("a1", "安徽"), _doc("h1", "海南"), _doc("h2", "海南")]
    docs[0].text = docs[0].text * 3  # 安徽's one report is larger than 海南's two together
    started: list[list[str]] = []

    class Recording:
        def unordered(self, fn, items):
            for i, item in enumerate(items):
                started.append([d.id for d in item.documents])
                yield i, fn(item)

    list(run_places(SimpleNamespace(documents=docs), [], Recording()))
    assert started == [["a1"], ["h1", "h2"]]
