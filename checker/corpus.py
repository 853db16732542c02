"""The corpus: which documents, what each is, and how they relate.

``load_corpus(*paths)`` takes a manifest (``corpus.yaml``), a folder (its ``corpus.yaml`` when
there is one, else every supported file in it) or files. What the manifest leaves out is inferred:

- ``year``: from the text (title line, plan/review headings; see ``checker.structure.infer_year``)
- ``kind``: report / summary / highlights from title cues (一文读懂 / 要点详解), the salutation
  of a delivered report (各位代表) and the share of bullet lines
- ``retells`` (summaries): the report of the same year sharing the most clauses with it
- ``reviews`` (reports): the report whose plan year is this report's review year

A manifest (paths relative to it)::

    region: 北京
    documents:
      - id: bj-2022-report
        path: beijing-2022-report.txt
        kind: report            # report | summary | highlights
        year: 2022
        reviews: bj-2021-report
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import CheckerError, ProblemsError
from checker.i18n import Msg
from checker.model import DOC_KINDS, PLAN, REVIEW, DocMeta, Document

SUPPORTED = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".docx")
MANIFEST_NAMES = ("corpus.yaml", "corpus.yml")
TOP_KEYS = {"region", "documents", "title", "description"}
DOC_KEYS = {"id", "path", "kind", "year", "region", "retells", "reviews", "title"}
MIN_SHARED_CLAUSE = 6  # chars: shorter clauses (增长5%) are too common to tie a summary to a report
MIN_SHARED_CLAUSES = 3  # a summary retells a report only if they share at least this many clauses


@dataclass
class Corpus:
    """Loaded documents and their relations."""

    documents: list[Document]
    manifest: Path | None = None
    region: str | None = None
    _by_id: dict[str, Document] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {d.id: d for d in self.documents}

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __repr__(self) -> str:
        # One line per document, never their text (see ``Document.__repr__``).
        source = self.manifest.as_posix() if self.manifest else "(files)"
        head = f"<Corpus {source}: {len(self.documents)} documents"
        return head + "".join(f"\n  {d!r}" for d in self.documents) + ">"

    def __len__(self) -> int:
        return len(self.documents)

    def get(self, doc_id: str) -> Document:
        """The document with id ``doc_id`` (CheckerError naming the known ids if there is none)."""
        try:
            return self._by_id[doc_id]
        except KeyError:
            known = list(self._by_id) or "-"
            raise CheckerError("error.no_such_doc", id=doc_id, known=known) from None

    def by_kind(self, *kinds: str) -> list[Document]:
        """Documents of the given kinds, in corpus order."""
        return [d for d in self.documents if d.meta.kind in kinds]

    def reviewer_of(self, plan_doc_id: str) -> Document | None:
        """The report whose review section follows up ``plan_doc_id``'s plan (None: not in the corpus)."""
        for d in self.documents:
            if d.meta.reviews == plan_doc_id:
                return d
        return None

    def full_of(self, summary_doc_id: str) -> Document | None:
        """The full report a summary or digest retells."""
        target = self.get(summary_doc_id).meta.retells
        return self._by_id.get(target) if target else None

    def summaries_of(self, report_id: str) -> list[Document]:
        """Summaries and digests that retell ``report_id``."""
        return [d for d in self.documents if d.meta.retells == report_id]


# ---------------------------------------------------------------- loading


# ``mapper(load, items)`` → the documents in the order of ``items`` (a process pool's ``map``)
Mapper = Callable[[Callable[[tuple[Path, DocMeta]], Document], list[tuple[Path, DocMeta]]],
                  Iterable[Document]]


def load_corpus(*paths: str | Path, allow_outside: bool = False, mapper: Mapper | None = None) -> Corpus:
    """A corpus from a manifest, a folder or files (any mix; ids must be unique).

    A manifest names files in its own folder and below; ``allow_outside`` lets it name any file.
    ``mapper`` reads the documents (default: one after the other here); a process pool's or a
    Dask client's map reads them in parallel, the corpus is the same.
    """
    items, inferred_at, manifest, region = corpus_items(*paths, allow_outside=allow_outside)
    docs = list((mapper or _serial)(load_item, items))
    return finish_corpus(docs, inferred_at, manifest, region)


def corpus_items(*paths: str | Path, allow_outside: bool = False,
                 ) -> tuple[list[tuple[Path, DocMeta]], list[int], Path | None, str | None]:
    """What ``paths`` name: ``(path, meta)`` of each document, the indexes of those whose id is
    their file stem (no manifest entry), the manifest and its region. Nothing is read yet."""
    if not paths:
        raise CheckerError("error.no_documents")
    items: list[tuple[Path, DocMeta]] = []
    inferred_at: list[int] = []  # documents whose id is their file stem (no manifest entry)
    manifest: Path | None = None
    region: str | None = None
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            from checker.inputfile import open_problem

            try:
                path.stat()
                problem = Msg("reason.no_such_file_or_folder", why="")
            except OSError as error:  # a symlink loop or a dangling link is not "no such file"
                problem = open_problem(path, error, folder=True)
            raise CheckerError("error.input", path=str(path), problem=problem)
        if path.is_dir():
            found = next((path / n for n in MANIFEST_NAMES if (path / n).is_file()), None)
            if found is not None:
                path = found
            else:
                files = sorted(p for p in path.iterdir() if _is_document(p))
                if not files:
                    raise CheckerError("error.empty_folder", path=str(path), suffixes=" ".join(SUPPORTED))
                for p in files:
                    inferred_at.append(len(items))
                    items.append((p, DocMeta(id=p.stem, kind=None)))  # type: ignore[arg-type]
                continue
        if path.suffix.lower() in (".yaml", ".yml"):
            entries, region_ = read_manifest(path, allow_outside)
            manifest, region = manifest or path, region or region_
            items.extend(entries)
        else:
            inferred_at.append(len(items))
            items.append((path, DocMeta(id=path.stem, kind=None)))  # type: ignore[arg-type]
    return items, inferred_at, manifest, region


def finish_corpus(docs: list[Any], inferred_at: list[int], manifest: Path | None, region: str | None,
                  clause_set: Callable[[Any], set[str]] | None = None, surveyed: bool = False) -> Corpus:
    """The corpus of the documents read (or of their headers, ``surveyed``: see checker/survey.py):
    ids made unique, relations inferred (``clause_set`` reads a header's clauses when a summary
    needs them)."""
    inferred = [docs[i] for i in inferred_at]
    _disambiguate(inferred, docs)
    _check_unique(docs)
    corpus = Corpus(docs, manifest=manifest, region=region)
    infer_relations(corpus, clause_set, surveyed)
    return corpus


def load_item(item: tuple[Path, DocMeta]) -> Document:
    """Read one ``(path, meta)`` of a corpus (a top-level function: worker processes call it, and
    keep nothing of what they read)."""
    import multiprocessing

    from checker.pipeline import load_document

    path, meta = item
    return load_document(path, meta, cache=multiprocessing.parent_process() is None)


def _serial(load: Callable[[tuple[Path, DocMeta]], Document],
            items: list[tuple[Path, DocMeta]]) -> Iterable[Document]:
    return map(load, items)


def _is_document(p: Path) -> bool:
    return (
        p.is_file()
        and p.suffix.lower() in SUPPORTED
        and not p.name.startswith(".")
        and not p.stem.upper().startswith("README")
    )


def _disambiguate(inferred: list[Document], docs: list[Document]) -> None:
    """Ids taken from file stems that clash (report.pdf and report.html) become file names, then
    paths; ids a manifest gave are left alone (a clash there is the manifest's error)."""
    for attempt in (lambda d: d.path.name, lambda d: str(d.path)):
        counts: dict[str, int] = {}
        for d in docs:
            counts[d.id] = counts.get(d.id, 0) + 1
        for d in inferred:
            if counts.get(d.id, 0) > 1:
                d.meta.id = attempt(d)


def _check_unique(docs: list[Document]) -> None:
    seen: dict[str, Path] = {}
    for d in docs:
        if d.id in seen:
            raise CheckerError("error.duplicate_doc_id", id=d.id, first=str(seen[d.id]), second=str(d.path))
        seen[d.id] = d.path


def read_manifest(path: Path, allow_outside: bool = False) -> tuple[list[tuple[Path, DocMeta]], str | None]:
    """Parse and validate a manifest: [(document path, meta)], region.

    Every problem is reported as ``corpus.yaml:LINE: message`` (all of them at once). A document
    outside the manifest's folder (``../x``, ``/etc/passwd``, a symlink out) is refused unless
    ``allow_outside``: a manifest changed in a pull request must not quote any readable file.
    """
    import yaml

    from checker.yamlfile import compose_file

    _source, root = compose_file(path, "manifest")
    home = path.parent.resolve()
    problems: list[Msg] = []

    def bad(node: yaml.Node | None, problem: str, /, **fields: Any) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        problems.append(Msg("error.at_line", path=str(path), line=line, message=Msg(f"manifest.{problem}",
                                                                                    **fields)))

    if not isinstance(root, yaml.MappingNode):
        bad(None, "not_mapping")
        raise ProblemsError(problems)
    top = _keyed(root, bad)
    for name, (knode, _v) in top.items():
        if name not in TOP_KEYS:
            bad(knode, "unknown_key", key=name, allowed=sorted(TOP_KEYS))
    region = _scalar(top["region"][1]) if "region" in top else None
    if "documents" not in top or not isinstance(top["documents"][1], yaml.SequenceNode):
        bad(top.get("documents", (root, root))[1], "documents_not_list")
        raise ProblemsError(problems)
    entries: list[tuple[Path, DocMeta, yaml.Node]] = []
    ids: dict[str, int] = {}
    for item in top["documents"][1].value:
        if not isinstance(item, yaml.MappingNode):
            bad(item, "document_not_mapping")
            continue
        fields = _keyed(item, bad)
        for name, (knode, _v) in fields.items():
            if name not in DOC_KEYS:
                bad(knode, "unknown_key", key=name, allowed=sorted(DOC_KEYS))
        if "path" not in fields:
            bad(item, "no_path")
            continue
        texts = {name: _text(fields, name, bad) for name in ("path", "id", "retells", "reviews", "title",
                                                              "region")}
        rel = texts["path"]
        doc_path = (path.parent / str(rel)).resolve() if rel else path.parent
        if rel and not allow_outside and not doc_path.is_relative_to(home):
            bad(fields["path"][1], "path_outside", path=rel, folder=str(path.parent))
        elif rel and doc_path.exists() and not doc_path.is_file():
            from checker.inputfile import file_kind

            what = file_kind(doc_path.stat().st_mode)
            bad(fields["path"][1], "path_not_regular", path=rel, kind=what)
        elif not rel or not doc_path.is_file():
            bad(fields["path"][1], "path_missing", path=rel or "", folder=str(path.parent))
        doc_id = texts["id"] or Path(str(rel)).stem
        if doc_id in ids:
            bad(fields.get("id", fields["path"])[1], "duplicate_id", id=doc_id, line=ids[doc_id])
        ids.setdefault(doc_id, item.start_mark.line + 1)
        kind = _scalar(fields["kind"][1]) if "kind" in fields else None
        if kind is not None and kind not in DOC_KINDS:
            bad(fields["kind"][1], "unknown_kind", kind=kind, choices=list(DOC_KINDS))
        year = _scalar(fields["year"][1]) if "year" in fields else None
        if year is not None and not (isinstance(year, int) and 1949 <= year <= 2100):
            bad(fields["year"][1], "bad_year", year=year)
            year = None
        meta = DocMeta(
            id=doc_id,
            kind=kind,  # type: ignore[arg-type]  # None: inferred after loading
            year=year,
            region=texts["region"] or region,
            retells=texts["retells"],
            reviews=texts["reviews"],
            title=texts["title"],
        )
        entries.append((doc_path, meta, item))
    for _p, meta, item in entries:
        for rel_name in ("retells", "reviews"):
            target = getattr(meta, rel_name)
            if target is not None and target not in ids:
                node = next(v for k, v in item.value if k.value == rel_name)
                bad(node, "no_target", relation=rel_name, id=target)
    _check_cycles(entries, bad)
    if problems:
        raise ProblemsError(problems)
    return [(p, m) for p, m, _n in entries], region


def _scalar(node):
    import yaml

    from checker.yamlfile import value_of

    if not isinstance(node, yaml.ScalarNode):
        return None
    return value_of(node) if node.value != "" else None


def _keyed(node, bad) -> dict:
    """``{key: (key node, value node)}`` of a mapping; a key that is no plain text is a problem."""
    import yaml

    out = {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            bad(k, "key_not_plain")
            continue
        out[str(k.value)] = (k, v)
    return out


def _text(fields: dict, name: str, bad) -> str | None:
    """The text of field ``name`` (a number is written as text); a list or mapping is a problem."""
    if name not in fields:
        return None
    import yaml

    node = fields[name][1]
    if not isinstance(node, yaml.ScalarNode):
        shape = "shape.list" if isinstance(node, yaml.SequenceNode) else "shape.mapping"
        bad(node, "expected_text", name=name, got=Msg(shape))
        return None
    value = _scalar(node)
    if isinstance(value, bool):
        bad(node, "expected_text_quote", name=name, got=node.value)
        return None
    return None if value is None else str(value)


def _check_cycles(entries: list, bad) -> None:
    """``retells``/``reviews`` never loop back: two summaries retelling each other is a mistake."""
    for relation in ("retells", "reviews"):
        target = {meta.id: getattr(meta, relation) for _p, meta, _i in entries}
        item = {meta.id: node for _p, meta, node in entries}
        reported: set[str] = set()
        for start in target:
            chain = [start]
            while (step := target.get(chain[-1])) is not None and step in target and step not in chain:
                chain.append(step)
            if step is not None and step in chain and not reported & set(chain):
                cycle = [*chain[chain.index(step):], step]
                bad(item[start], f"{relation}_loops", cycle=" → ".join(cycle))
                reported.update(cycle)


# ---------------------------------------------------------------- inference


def infer_kind(doc: Document) -> str:
    """report | summary | highlights, from the title, the opening and the share of bullet lines.

    ``杭州市政府工作报告提要详解`` → highlights; ``一文读懂杭州市政府工作报告`` → summary;
    a text opening with ``各位代表：`` → report.
    """
    from checker.structure import document_title, preamble, vocab_kinds

    cues = vocab_kinds()
    head = preamble(doc)[:600]
    title = (doc.meta.title or "") + " " + (document_title(doc) or "") + " " + head[:200]
    lines = [ln.strip() for ln in doc.text.splitlines() if ln.strip()]
    bullets = sum(1 for ln in lines if re.match(r"(?:[-*+]\s|[●•·▪■◆])", ln))
    if any(c in title for c in cues["highlights_title"]):
        return "highlights"
    if any(c in head for c in cues["report_opening"]):
        return "report"
    if lines and bullets / len(lines) >= float(cues["highlights_bullet_share"]):
        return "highlights"
    if any(c in title for c in cues["summary_title"]) or doc.format in ("md", "html"):
        return "summary"
    return "report"


def _clause_set(doc: Document) -> set[str]:
    text = doc.match_text
    out = set()
    for c in doc.clauses:
        s = "".join(text[c.start : c.end].split())
        if len(s) >= MIN_SHARED_CLAUSE:
            out.add(s)
    return out


def _role_years(doc: Document, role: str) -> set[int]:
    return {s.year for s in doc.sections if s.parent is None and s.role == role and s.year is not None}


def _same_place(a: Document, b: Document) -> bool:
    """Can ``a`` and ``b`` be of one place? (A document whose place is not said can be of any.)"""
    return a.meta.region is None or b.meta.region is None or a.meta.region == b.meta.region


def infer_kind_and_place(doc: Document) -> None:
    """Fill the kind and the place of ``doc`` where the manifest is silent (in place)."""
    from checker.places import infer_place

    if doc.meta.kind is None:
        doc.meta.kind = infer_kind(doc)
    if doc.meta.region is None:
        doc.meta.region = infer_place(doc)


def infer_relations(corpus: Corpus, clause_set: Callable[[Any], set[str]] | None = None,
                    surveyed: bool = False) -> None:
    """Fill kind, place, retells and reviews where the manifest is silent (in place).

    A report reviews the plan of the same place whose plan year is its review year; places and
    years are indexed, so a folder of every province's reports pairs in linear time. A summary
    retells the report of its year and place sharing the most clauses (``clause_set``: how a
    document's clause set is had, default ``_clause_set``). ``surveyed``: the documents are
    headers whose kind and place the survey inferred already.
    """
    clause_set = clause_set or _clause_set
    for d in corpus.documents if not surveyed else ():
        infer_kind_and_place(d)
    reports = corpus.by_kind("report")
    order = {id(r): i for i, r in enumerate(reports)}
    plans = _PlaceIndex(order)
    for r in reports:
        for year in _role_years(r, PLAN):
            plans.add(year, r)
    for r in reports:
        if r.meta.reviews is None:
            match = {p.id for y in _role_years(r, REVIEW) for p in plans.of(y, r.meta.region)
                     if p is not r}
            if len(match) == 1:
                r.meta.reviews = match.pop()
    report_clauses: dict[str, set[str]] = {}  # each report's clause set, computed once
    by_year = _PlaceIndex(order)
    for r in reports:
        by_year.add(r.meta.year, r)
    for s in corpus.by_kind("summary", "highlights"):
        if s.meta.retells is not None:
            continue
        # a retelling is of a report of its own year (set phrases are shared across all years)
        if s.meta.year:
            same_year = by_year.of(s.meta.year, s.meta.region)
        else:
            same_year = [r for r in reports if _same_place(r, s)]
        if not same_year:
            continue
        mine = clause_set(s)
        best, best_score = None, MIN_SHARED_CLAUSES - 1
        for r in same_year:
            if r.id not in report_clauses:
                report_clauses[r.id] = clause_set(r)
            shared = len(mine & report_clauses[r.id])
            if shared > best_score:
                best, best_score = r, shared
        if best is not None:
            s.meta.retells = best.id


class _PlaceIndex:
    """Reports by (year, place), so that finding those of one year that can be of one place
    (``_same_place``) never scans every place's: ``of(2025, "安徽")`` → 安徽's and the unplaced
    ones, in corpus order."""

    def __init__(self, order: dict[int, int]) -> None:
        self._order = order
        self._by: dict[tuple[int | None, str | None], list[Any]] = {}
        self._years: dict[int | None, list[Any]] = {}

    def add(self, year: int | None, doc: Any) -> None:
        self._by.setdefault((year, doc.meta.region), []).append(doc)
        self._years.setdefault(year, []).append(doc)

    def of(self, year: int | None, region: str | None) -> list[Any]:
        if region is None:
            return list(self._years.get(year, []))
        found = self._by.get((year, region), []) + self._by.get((year, None), [])
        return sorted(found, key=lambda d: self._order[id(d)])
