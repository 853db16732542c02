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

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from checker.engine import NO_DOCUMENTS, _unique_fingerprints, never_matched_tally, run_rule

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
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_ignore_interrupt)
        return _windowed(self._pool.submit, lambda future: future.result(), fn, listed, 2 * self.jobs)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _ignore_interrupt() -> None:
    """Ctrl-C is the parent's to handle (one line, exit 130): a worker says nothing of it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
    """What a worker needs to check one place: its documents and the rules."""

    documents: list[Document]
    rules: list[Rule]
    manifest: Any = None
    region: str | None = None


@dataclass
class PlaceResult:
    """One place's findings per rule, in rule order."""

    findings: list[list[Finding]] = field(default_factory=list)


def check_place(work: PlaceWork) -> PlaceResult:
    """Every rule over one place's documents, with an analysis store of their own (a top-level
    function: worker processes and Dask workers call it)."""
    from checker.analysis.store import AnalysisStore
    from checker.corpus import Corpus

    corpus = Corpus(list(work.documents), manifest=work.manifest, region=work.region)
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
    read: set[str] = field(default_factory=set)
    placeless: list[Finding] = field(default_factory=list)  # findings of no document, held back
    checked: bool = False   # some finding other than a placeless ``no_documents``


def run_by_place(corpus: Corpus, rules: list[Rule], executor: Any = None,
                 on_place: Callable[[int, int], None] | None = None) -> Iterator[Finding]:
    """Every finding of ``rules`` over ``corpus``, place by place (see the module docstring).

    ``executor`` spreads the places (default: here); ``on_place(done, total)`` is told after
    each place.
    """
    executor = executor or Serial()
    groups = place_groups(corpus.documents)
    tallies = [_Tally() for _ in rules]
    work = (PlaceWork(g, rules, getattr(corpus, "manifest", None), getattr(corpus, "region", None))
            for g in groups)
    for done, result in enumerate(executor.map(check_place, work), start=1):
        for tally, found in zip(tallies, result.findings, strict=True):
            for f in found:
                tally.statuses.add(f.status)
                if f.status != NO_DOCUMENTS:
                    tally.read.add(f.document)
                tally.checked = tally.checked or f.status != NO_DOCUMENTS
                if f.document:
                    yield f
                else:
                    tally.placeless.append(f)
        if on_place is not None:
            on_place(done, len(groups))
    yield from _closing(rules, tallies)


def _closing(rules: list[Rule], tallies: list[_Tally]) -> Iterator[Finding]:
    """Per rule: its findings of no document (one of each, and a ``no_documents`` only when the
    rule checked nothing anywhere), then ``rule-never-matched``."""
    for rule, tally in zip(rules, tallies, strict=True):
        kept: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for f in tally.placeless:
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
        unmatched = never_matched_tally(rule, tally.statuses, tally.read)
        if unmatched is not None:
            yield unmatched


def executor_for(jobs: int | None = None, client: Any = None) -> Any:
    """``DaskCluster(client)`` when a client is given, else ``Processes(jobs)`` for more than one
    job, else ``Serial()``; ``jobs`` None is every core."""
    if client is not None:
        return DaskCluster(client)
    jobs = default_jobs() if jobs is None else jobs
    return Processes(jobs) if jobs > 1 else Serial()
