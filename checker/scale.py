"""Checking a corpus place by place: here, on worker processes, or on a Dask cluster.

The place (a province, a city, the nation: ``doc.meta.region``, see checker/places.py) is the
unit of independent work. A place's documents are checked together with a store of analyses of
their own, places never mix, and what one place costs does not depend on how many others there
are — the run is linear in the number of places. Documents tied by a relation (a report and the
plan it reviews, a summary and the report it retells) always fall into one group, whatever places
they name.

Findings come place by place, each place's in rule order; what only the whole run can say comes
last: a rule that selected no document anywhere (one ``no_documents`` finding, not one per place)
and ``rule-never-matched``. The order does not depend on how the work was spread, so ``--jobs 1``,
``--jobs N`` and a Dask cluster give byte-identical outputs.

``Executor`` is what spreads the work: ``Serial()``, ``Processes(n)`` (a process pool) or
``DaskCluster(client)``; each maps a top-level function over items and yields results in order.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from checker.engine import (
    NO_DOCUMENTS,
    _unique_fingerprints,
    could_be_never_matched,
    never_matched_tally,
    run_rule,
)

if TYPE_CHECKING:
    from checker.corpus import Corpus
    from checker.findings import Finding
    from checker.model import Document
    from checker.ruleset import Rule

T = TypeVar("T")
R = TypeVar("R")


# --------------------------------------------------------------------------- executors

class Serial:
    """Everything in this process, one item after the other."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(fn, items)

    def unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[int, R]]:
        return enumerate(map(fn, items))

    def close(self) -> None:
        """Nothing to release."""


class Processes:
    """A pool of ``jobs`` worker processes, started for the first map of at least ``4 × jobs``
    items: a smaller corpus is done before the workers would have loaded their dictionaries."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: Any = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        listed = list(items)
        if len(listed) < 2 or (self._pool is None and len(listed) < 4 * self.jobs):
            return map(fn, listed)
        self._start()
        return _windowed(self._pool.submit, lambda future: future.result(), fn, listed, 2 * self.jobs)

    def unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[int, R]]:
        """``(index, fn(item))`` as each is done, submitted in the order given (the caller puts
        the largest first, so no worker is left with a big place at the end)."""
        listed = list(items)
        if len(listed) < 2 or (self._pool is None and len(listed) < 4 * self.jobs):
            return enumerate(map(fn, listed))
        self._start()
        return _as_done(self._pool.submit, lambda future: future.result(), _wait_futures, fn, listed,
                        2 * self.jobs)

    def _start(self) -> None:
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            _warm()  # before the workers fork: they share what is loaded, none loads it again
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_start_worker)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _warm() -> None:
    """Load what every worker needs — the modules, jieba's dictionary, the vocabularies — by
    reading and analysing a sentence here, once (forked workers inherit it)."""
    from checker.analysis.store import AnalysisStore
    from checker.engine import document_from_text
    from checker.goals.vocab import vocab
    from checker.model import DocMeta

    doc = document_from_text("各位代表：\n一、2030年重点任务\n新建示范园区12个左右。\n",
                             DocMeta(id="warm", kind="report"))
    _ = AnalysisStore().of(doc).mentions
    vocab()


def _start_worker() -> None:
    """Ctrl-C is the parent's to handle (one line, exit 130): a worker says nothing of it. What
    the worker inherited (modules, dictionaries, vocabularies) lives as long as it does: frozen out
    of the collector's walk, so that each sweep (``check_place``) walks the places checked since."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()


class DaskCluster:
    """The workers of a Dask distributed cluster, through a ``dask.distributed.Client``."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        window = 2 * max(1, len(self.client.scheduler_info().get("workers", {})))

        def result(future: Any) -> Any:
            value = future.result()
            future.release()
            return value

        return _windowed(lambda f, item: self.client.submit(f, item, pure=False), result, fn,
                         list(items), window)

    def unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[int, R]]:
        """``(index, fn(item))`` as each is done on the cluster."""
        from dask.distributed import wait

        window = 2 * max(1, len(self.client.scheduler_info().get("workers", {})))

        def result(future: Any) -> Any:
            value = future.result()
            future.release()
            return value

        def done(pending: list[Any]) -> set[Any]:
            return set(wait(pending, return_when="FIRST_COMPLETED").done)

        return _as_done(lambda f, item: self.client.submit(f, item, pure=False), result, done, fn,
                        list(items), window)

    def close(self) -> None:
        """The client belongs to the caller (or to ``executor``'s ``close_client``)."""


def _windowed(submit: Callable[..., Any], result: Callable[[Any], R], fn: Callable[[T], Any],
              items: list[T], window: int) -> Iterator[R]:
    """``fn`` over ``items`` by ``submit``, results in order, at most ``window`` items in flight:
    a corpus is never all pickled and queued at once."""
    from collections import deque

    pending: deque[Any] = deque()
    for item in items:
        pending.append(submit(fn, item))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _wait_futures(pending: list[Any]) -> set[Any]:
    from concurrent.futures import FIRST_COMPLETED, wait

    return set(wait(pending, return_when=FIRST_COMPLETED).done)


def _as_done(submit: Callable[..., Any], result: Callable[[Any], R],
             wait_done: Callable[[list[Any]], set[Any]], fn: Callable[[T], Any], items: list[T],
             window: int) -> Iterator[tuple[int, R]]:
    """``(index, fn(item))`` for ``items`` by ``submit``, as they are done, at most ``window`` in
    flight."""
    pending: dict[Any, int] = {}
    queue = iter(enumerate(items))
    for index, item in queue:
        pending[submit(fn, item)] = index
        if len(pending) >= window:
            break
    while pending:
        for future in wait_done(list(pending)):
            index = pending.pop(future)
            yield index, result(future)
            following = next(queue, None)
            if following is not None:
                pending[submit(fn, following[1])] = following[0]


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def connect(scheduler: str) -> Any:
    """A Dask client of the scheduler at ``tcp://HOST:PORT`` (dask imported only here)."""
    from checker.errors import CheckerError

    try:
        from dask.distributed import Client
    except ImportError:
        raise CheckerError("error.no_dask") from None
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise CheckerError("error.scheduler_unreachable", scheduler=scheduler, error=str(error)) from None


# --------------------------------------------------------------------------- places

def place_groups(documents: list[Document]) -> list[list[Document]]:
    """The documents by place, in corpus order; documents tied by a relation share a group.

    Two reports of ``安徽`` and a summary retelling one of them → one group; ``海南`` → another.
    """
    index = {id(d): i for i, d in enumerate(documents)}
    by_id = {d.id: d for d in documents}
    parent = list(range(len(documents)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the earlier document leads: groups keep corpus order

    first_of_place: dict[str | None, int] = {}
    for i, d in enumerate(documents):
        join(i, first_of_place.setdefault(d.meta.region, i))
        for target in (d.meta.reviews, d.meta.retells):
            other = by_id.get(target) if target else None
            if other is not None:
                join(i, index[id(other)])
    groups: dict[int, list[Document]] = {}
    for i, d in enumerate(documents):
        groups.setdefault(root(i), []).append(d)
    return [groups[k] for k in sorted(groups)]


@dataclass
class PlaceWork:
    """What a worker needs to check one place: its documents (or their headers, read by the
    worker: see checker/survey.py) and the rules."""

    documents: list[Any]
    rules: list[Rule]
    manifest: Any = None
    region: str | None = None


@dataclass
class PlaceResult:
    """One place's findings per rule, in rule order."""

    findings: list[list[Finding]] = field(default_factory=list)


def check_place(work: PlaceWork) -> PlaceResult:
    """Every rule over one place's documents, with an analysis store of their own (a top-level
    function: worker processes and Dask workers call it). Headers are read here and released
    with the place."""
    global _unswept
    result = _check_place(work)
    # A place's documents, clauses and mentions refer to each other: freed by the cyclic collector
    # only, which checker run calls rarely (see checker/cli/__init__.py). Swept here after every
    # SWEEP_CHARACTERS checked, the garbage waiting is bounded whatever the number of places, and a
    # sweep is not paid for each small place (each walks every object still alive, caches included).
    _unswept += sum(_size(d) for d in work.documents)
    if _unswept >= SWEEP_CHARACTERS:
        gc.collect()
        _unswept = 0
    return result


SWEEP_CHARACTERS = 500_000  # of the places checked since the last sweep (about 30 MB of garbage)
_unswept = 0  # characters checked in this process since its last sweep


def _check_place(work: PlaceWork) -> PlaceResult:
    from checker.analysis.store import AnalysisStore
    from checker.corpus import Corpus
    from checker.survey import DocHeader

    docs = [d.load() if isinstance(d, DocHeader) else d for d in work.documents]
    corpus = Corpus(docs, manifest=work.manifest, region=work.region)
    store = AnalysisStore()
    result = PlaceResult()
    for rule in work.rules:
        found = run_rule(rule, corpus, store=store)
        _unique_fingerprints(found)
        result.findings.append(found)
    return result


# --------------------------------------------------------------------------- the run

@dataclass
class _Tally:
    """What the end of the run needs to know of one rule's findings over every place."""

    statuses: set[str] = field(default_factory=set)
    read: set[str] | None = field(default_factory=set)  # None once the rule can no longer be "never matched"
    placeless: list[tuple[int, list[Finding]]] = field(default_factory=list)  # by place, held back
    checked: bool = False   # some finding other than a placeless ``no_documents``


def _size(doc: Any) -> int:
    size = getattr(doc, "size", None)
    return size if isinstance(size, int) else len(getattr(doc, "text", ""))


def run_places(corpus: Corpus, rules: list[Rule], executor: Any = None,
               on_place: Callable[[int, int], None] | None = None) -> Iterator[tuple[int, list[Finding]]]:
    """``(place number, its findings)`` as each place is done (largest places are started first),
    then ``(number of places, the closing findings)`` — what only the whole run can say.

    Place numbers follow corpus order; putting the findings in that order gives ``run_by_place``'s
    output whatever order the places were done in. ``on_place(done, total)`` is told after each.
    """
    executor = executor or Serial()
    # What lives through the run (modules, rules, the survey's headers) is frozen out of the
    # collector's reach, so that each sweep (``check_place``) walks the places' objects only.
    gc.collect()
    gc.freeze()
    try:
        yield from _run_places(corpus, rules, executor, on_place)
    finally:
        gc.unfreeze()


def _run_places(corpus: Corpus, rules: list[Rule], executor: Any,
                on_place: Callable[[int, int], None] | None) -> Iterator[tuple[int, list[Finding]]]:
    groups = place_groups(corpus.documents)
    tallies = [_Tally() for _ in rules]
    manifest, region = getattr(corpus, "manifest", None), getattr(corpus, "region", None)
    order = sorted(range(len(groups)), key=lambda i: (-sum(_size(d) for d in groups[i]), i))
    work = (PlaceWork(groups[i], rules, manifest, region) for i in order)
    for done, (k, result) in enumerate(executor.unordered(check_place, work), start=1):
        index = order[k]
        kept: list[Finding] = []
        for rule, tally, found in zip(rules, tallies, result.findings, strict=True):
            placeless = []
            for f in found:
                _count(rule, tally, f)
                if f.document:
                    kept.append(f)
                else:
                    placeless.append(f)
            if placeless:
                tally.placeless.append((index, placeless))
        yield index, kept
        if on_place is not None:
            on_place(done, len(groups))
    yield len(groups), list(_closing(rules, tallies))


def _count(rule: Rule, tally: _Tally, f: Finding) -> None:
    tally.statuses.add(f.status)
    if f.status != NO_DOCUMENTS:
        tally.checked = True
        if tally.read is not None:
            tally.read.add(f.document)
            if not could_be_never_matched(rule, tally.statuses):
                tally.read = None  # a rule that matched something needs no list of what it read


def run_by_place(corpus: Corpus, rules: list[Rule], executor: Any = None,
                 on_place: Callable[[int, int], None] | None = None) -> Iterator[Finding]:
    """Every finding of ``rules`` over ``corpus``, place by place in corpus order (see the module
    docstring). ``executor`` spreads the places (default: here); ``on_place(done, total)`` is
    told after each place."""
    waiting: dict[int, list[Finding]] = {}
    following = 0
    for index, found in run_places(corpus, rules, executor, on_place):
        waiting[index] = found
        while following in waiting:
            yield from waiting.pop(following)
            following += 1


def _closing(rules: list[Rule], tallies: list[_Tally]) -> Iterator[Finding]:
    """Per rule: its findings of no document (one of each, and a ``no_documents`` only when the
    rule checked nothing anywhere), then ``rule-never-matched``."""
    for rule, tally in zip(rules, tallies, strict=True):
        kept: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for f in (f for _, found in sorted(tally.placeless, key=lambda p: p[0]) for f in found):
            if f.status == NO_DOCUMENTS and tally.checked:
                continue
            key = (f.fingerprint.split("#")[0], f.message)
            if key not in seen:
                seen.add(key)
                kept.append(f)
        for f in kept:
            f.fingerprint = f.fingerprint.split("#")[0]
        _unique_fingerprints(kept)
        yield from kept
        unmatched = never_matched_tally(rule, tally.statuses, tally.read or set())
        if unmatched is not None:
            yield unmatched


def executor_for(jobs: int | None = None, client: Any = None) -> Any:
    """``DaskCluster(client)`` when a client is given, else ``Processes(jobs)`` for more than one
    job, else ``Serial()``; ``jobs`` None is every core."""
    if client is not None:
        return DaskCluster(client)
    jobs = default_jobs() if jobs is None else jobs
    return Processes(jobs) if jobs > 1 else Serial()
