"""Run rules over a corpus: each rule over the documents its scope selects.

A rule's ``scope`` (checker/scope.py) picks, per slot of its kind, the documents and sections
the kind reads; ``run_rule`` calls the kind once per binding of its slots.

The engine never crashes on a rule: a rule that raises becomes an ``error`` finding naming the rule
and the exception, and a rule whose scope selected no document gives an ``info`` finding with status
``no_documents`` — so nothing is silently skipped.
"""

from __future__ import annotations

import os
import traceback
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.analysis.store import Analysis, AnalysisStore
from checker.findings import Evidence, Finding, fingerprint
from checker.i18n import get_lang, status_name, t
from checker.model import REVIEW, DocMeta, Document, Mention, Section
from checker.scope import as_list, describe, parse_year, roles, sections_matching, select
from checker.templates import Template, in_language
from checker.templates import render as render_message

if TYPE_CHECKING:
    from checker.kinds.base import KindSpec
    from checker.ruleset import Rule

NO_DOCUMENTS = "no_documents"
ERROR = "error"
ENGINE_STATUSES = frozenset({NO_DOCUMENTS, ERROR})  # findings the engine makes, not a kind


# --------------------------------------------------------------------------- corpus helpers

@dataclass
class SimpleCorpus:
    """A corpus of already-loaded documents (rule examples, tests, the Python API).

    Relations come from each document's ``DocMeta`` (``reviews``, ``retells``).
    """

    documents: list[Document] = field(default_factory=list)

    def get(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    def reviewer_of(self, plan_doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.meta.reviews == plan_doc_id), None)

    def full_of(self, summary_doc_id: str) -> Document | None:
        doc = self.get(summary_doc_id)
        return self.get(doc.meta.retells) if doc and doc.meta.retells else None


def document_from_text(text: str, meta: DocMeta | None = None, name: str = "<example>") -> Document:
    """A structured Document from text (``checker.pipeline.document_from_text``, imported lazily)."""
    from checker.pipeline import document_from_text as build

    return build(text, meta=meta, name=name)


# --------------------------------------------------------------------------- the context

EvidenceLike = Evidence | tuple[Any, ...]


@dataclass
class RuleContext:
    """What a kind's ``check`` sees: the rule, its params and the documents its scope selected."""

    rule: Rule
    kind: KindSpec
    params: dict[str, Any]
    corpus: Any
    slots: dict[str, list[Document]]
    mention_extractor: Callable[[Document], list[Mention]] | None = None
    created: list[Finding] = field(default_factory=list)
    store: AnalysisStore | None = None  # the run's analyses (one made for a lone context)

    def __post_init__(self) -> None:
        if self.store is None:
            self.store = AnalysisStore(mention_extractor=self.mention_extractor)

    def analysis(self, doc: Document) -> Analysis:
        """``doc``'s analysis for this run: quantities and mentions read once, whatever reads them."""
        assert self.store is not None
        return self.store.of(doc)

    @property
    def primary(self) -> str:
        return self.kind.slots[0]

    def document(self, slot: str | None = None) -> Document | None:
        """The first document of ``slot`` (default: the primary slot), or None."""
        docs = self.slots.get(slot or self.primary) or []
        return docs[0] if docs else None

    def roles(self, slot: str) -> list[str]:
        """Section roles the rule's scope names for ``slot`` (empty: the whole document)."""
        return roles(self.rule.scope.get(slot, {}))

    def sections(self, slot: str, doc: Document) -> list[Section]:
        """Sections of ``doc`` in scope for ``slot`` (empty list: the whole document is in scope)."""
        roles = self.roles(slot)
        return sections_matching(doc, roles) if roles else []

    def spans(self, slot: str, doc: Document) -> list[tuple[int, int]]:
        """``[start, end)`` ranges of ``doc.text`` in scope for ``slot``."""
        roles = self.roles(slot)
        if not roles:
            return [(0, len(doc.text))]
        return [(s.start, s.end) for s in sections_matching(doc, roles)]

    def mentions(self, slot: str, doc: Document) -> list[Mention]:
        """Mentions of ``doc`` inside the sections in scope for ``slot``."""
        found = self.analysis(doc).mentions
        roles = self.roles(slot)
        if not roles:
            return list(found)
        starts, ends = _union(self.spans(slot, doc))
        # a binary search in the sections' union, not a scan of every section per mention
        return [m for m in found
                if m.role in roles or _inside(m.clause.start, starts, ends)]

    def evidence(self, doc: Document, start: int, end: int, role: str = "") -> Evidence:
        """A quote of ``doc.text[start:end]`` with its source location."""
        return _quote(doc, start, end, role, _display_path(doc))

    def finding(
        self,
        status: str,
        doc: Document | None = None,
        start: int | None = None,
        end: int | None = None,
        *,
        metric: str = "",
        expected: Any = "",
        actual: Any = "",
        evidence: Iterable[EvidenceLike] = (),
        data: dict[str, Any] | None = None,
        extra: str = "",
        severity: str | None = None,
        message: str | None = None,
        role: str = "",
    ) -> Finding:
        """Build a finding: message rendered, location and evidence located, fingerprint computed.

        ``doc[start:end]`` is the primary quote (where the finding is reported); ``evidence`` adds
        quotes from other documents as ``Evidence`` or ``(doc, start, end[, role])`` tuples.
        ``extra`` distinguishes findings that quote the same text (e.g. the metric key).
        """
        given = list(evidence)
        located: list[Evidence] = []
        shown = _display_path(doc)
        # the quotes of a finding name few documents: each one's path worked out once
        paths: dict[Document | None, str] = {doc: shown}

        def quote(of: Document, begin: int, stop: int, what: str = "") -> Evidence:
            if of not in paths:
                paths[of] = _display_path(of)
            return _quote(of, begin, stop, what, paths[of])

        if doc is not None and start is not None:
            located.append(quote(doc, start, end if end is not None else start + 1, role))
        for item in given:
            located.append(item if isinstance(item, Evidence) else quote(*item))
        line = column = 0
        if doc is not None:  # located at the first quote from the finding's own document
            own = next((q for q in located if q.document == shown), None)
            line, column = (own.line, own.column) if own is not None else (1, 1)
        documents = [doc.id] if doc is not None else []
        for item in given:
            if not isinstance(item, Evidence) and item[0].id not in documents:
                documents.append(item[0].id)
        data = dict(data or {})
        passed = status in self.kind.pass_statuses
        # Precedence: params < the finding's own fields < the kind's data (it knows best, e.g. the
        # year a figure covers rather than the year of the document).
        lang = get_lang()  # read once: the status's name and the template are in the same language
        fields: dict[str, Any] = {k: v for k, v in self.params.items()}
        fields.update(
            rule=self.rule.id, kind=self.kind.name, severity=severity or self.rule.severity,
            status=status, document=doc.id if doc else "", path=shown,
            line=line, column=column, metric=metric, expected=expected, actual=actual,
            quote=located[0].text if located else "", year=doc.meta.year if doc else "",
            description=self.rule.description, status_name=status_name(status, lang),
        )
        fields.update(data)
        # Per-outcome templates (``message: {pass: …, fail: …}``); a rule built in code may have none.
        # Each template is one text or one per language: shown in the run's language when the rule has it.
        templates: dict[str, Template] = getattr(self.rule, "messages", None) or {}
        template = templates.get(status) or templates.get("pass" if passed else "fail") or self.rule.message
        text = message if message is not None else render_message(in_language(template, lang), fields)
        result = Finding(
            rule=self.rule.id, kind=self.kind.name, status=status,
            severity=severity or self.rule.severity, passed=passed,
            document=shown, line=line, column=column, message=text,
            metric=str(metric), expected=_text(expected), actual=_text(actual), evidence=located,
            fingerprint=fingerprint(self.rule.id, documents, [q.text for q in located],
                                    extra or f"{status}|{metric}"),
            data=data,
        )
        self.created.append(result)
        return result


def _union(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of the disjoint ``[start, end)`` ranges covering the same offsets."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(span for span in spans if span[0] < span[1]):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _inside(offset: int, starts: list[int], ends: list[int]) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i]


def _quote(doc: Document, start: int, end: int, role: str, path: str) -> Evidence:
    """``RuleContext.evidence`` with the document's shown ``path`` worked out already."""
    begin, stop = doc.locate(start), doc.locate(max(start, end - 1))
    return Evidence(document=path, line=begin.line, column=begin.column, text=doc.quote(start, end),
                    role=role, end_line=stop.line, end_column=stop.column + 1)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _display_path(doc: Document | None) -> str:
    """The document's path as the user gave it (relative to the working folder when inside it)."""
    if doc is None:
        return ""
    return _shown_path(doc.path, os.getcwd())


@lru_cache(maxsize=4096)  # every finding and quote names its document: the path is worked out once
def _shown_path(path: Path, cwd: str) -> str:
    try:
        if path.is_absolute():
            return path.relative_to(Path(cwd)).as_posix()
    except ValueError:
        pass
    return path.as_posix()


# --------------------------------------------------------------------------- running

def _bindings(rule: Rule, kind: KindSpec, corpus: Any,
              ) -> Iterable[tuple[dict[str, list[Document]], str | None]]:
    """Yield ``(slots, missing)``: the documents of each slot per check call, or the slot that
    selected nothing (``missing``) so the engine can report it."""
    primary = kind.slots[0]
    scope = rule.scope
    firsts = select(corpus, scope.get(primary, {}), {}, primary)
    if not kind.per_document:
        slots: dict[str, list[Document]] = {primary: firsts}
        for slot in kind.slots[1:]:
            chosen: list[Document] = []
            refs: list[Document | None] = [*firsts] or [None]
            for ref in refs:
                for d in select(corpus, scope.get(slot, {}), {primary: ref} if ref else {}, primary):
                    if d not in chosen:
                        chosen.append(d)
            slots[slot] = chosen
        missing = next((s for s in kind.slots if not slots[s] and s not in kind.optional_slots), None)
        yield slots, missing
        return
    if not firsts:
        yield {primary: []}, primary
        return
    for doc in firsts:
        bound: dict[str, Document] = {primary: doc}
        slots = {primary: [doc]}
        missing = None
        for slot in kind.slots[1:]:
            chosen = select(corpus, scope.get(slot, {}), bound, primary)
            slots[slot] = chosen
            if chosen:
                bound[slot] = chosen[0]
            elif slot not in kind.optional_slots and missing is None:
                missing = slot
        yield slots, missing


def _context(rule: Rule, kind: KindSpec, corpus: Any, slots: dict[str, list[Document]],
             store: AnalysisStore) -> RuleContext:
    return RuleContext(rule=rule, kind=kind, params=dict(rule.params), corpus=corpus, slots=slots,
                       mention_extractor=store.mention_extractor, store=store)


def _no_documents(ctx: RuleContext, slot: str) -> Finding:
    primary_doc = ctx.document() if slot != ctx.primary else None
    selector = ctx.rule.scope.get(slot, {})
    fields = {"rule": ctx.rule.id, "slot": slot, "selector": describe(selector)}
    message = (t("engine.no_documents_for", id=primary_doc.id, **fields) if primary_doc is not None
               else t("engine.no_documents", **fields))
    return ctx.finding(
        NO_DOCUMENTS, primary_doc, severity="info", extra=f"{NO_DOCUMENTS}|{slot}", message=message,
        data={"slot": slot},
    )


def _crash(ctx: RuleContext, error: BaseException) -> Finding:
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    doc = ctx.document()
    name = type(error).__name__
    return ctx.finding(
        ERROR, doc, severity="error", extra=f"{ERROR}|{name}",
        message=t("engine.crashed", rule=ctx.rule.id, kind=ctx.kind.name, error=f"{name}: {error}")
                + (f" [{where}]" if where else ""),
        data={"exception": f"{name}: {error}", "where": where},
    )


def run_rule(rule: Rule, corpus: Any,
             extractor: Callable[[Document], list[Mention]] | None = None,
             store: AnalysisStore | None = None) -> list[Finding]:
    """Every finding of one rule over ``corpus``; never raises for a failing kind.

    ``store`` holds the run's analyses (one is made when not given; ``extractor`` stands in for the
    mention reading, in tests)."""
    from checker.kinds import REGISTRY

    store = store or AnalysisStore(mention_extractor=extractor)

    kind = REGISTRY[rule.kind]
    out: list[Finding] = []
    try:
        bindings = list(_bindings(rule, kind, corpus))
    except Exception as error:  # a broken relation or corpus: report it on the rule, keep going
        out.append(_crash(_context(rule, kind, corpus, {}, store), error))
        return out
    for slots, missing in bindings:
        ctx = _context(rule, kind, corpus, slots, store)
        if missing is not None:
            out.append(_no_documents(ctx, missing))
            continue
        found: list[Any] = []
        try:
            result = kind.check(ctx)
            if result is None:
                found = list(ctx.created)
            else:
                for item in result:  # keep what was found before a raise
                    found.append(item)
        except Exception as error:  # the contract: a rule that raises is a finding, not a crash
            found.append(_crash(ctx, error))
        for item in found:
            if not isinstance(item, Finding):
                out.append(_crash(ctx, TypeError(f"check returned {type(item).__name__}, not a Finding")))
                break
            out.append(item)
    return out


def selects_nothing(rule: Rule, corpus: Any) -> bool:
    """Did every check call of ``rule`` lack a document for some slot (so it checked nothing)?"""
    from checker.kinds import REGISTRY

    try:
        return all(missing is not None for _, missing in _bindings(rule, REGISTRY[rule.kind], corpus))
    except Exception:  # a broken relation is reported by run_rule as an error finding
        return False


def _unique_fingerprints(findings: list[Finding]) -> None:
    """Number repeated fingerprints (same rule, documents and quotes) in text order: ``…#2``.

    A document that says the same thing twice gives two findings; numbering them keeps each one
    addressable (waivers) and makes a baseline count occurrences, so a third copy is new.
    """
    seen: dict[str, int] = {}
    for f in findings:
        n = seen.get(f.fingerprint, 0) + 1
        seen[f.fingerprint] = n
        if n > 1:
            f.fingerprint = f"{f.fingerprint}#{n}"


def run_rules(corpus: Any, rules: Iterable[Rule],
              extractor: Callable[[Document], list[Mention]] | None = None,
              store: AnalysisStore | None = None) -> list[Finding]:
    """Every finding of every rule over ``corpus``, in rule order; each document is analysed once
    for all of them (one ``AnalysisStore`` for the run)."""
    store = store or AnalysisStore(mention_extractor=extractor)
    findings: list[Finding] = []
    for rule in rules:
        found = run_rule(rule, corpus, store=store)
        _unique_fingerprints(found)
        findings.extend(found)
        unmatched = never_matched(rule, found)
        if unmatched is not None:
            findings.append(unmatched)
    return findings


NEVER_MATCHED = "rule-never-matched"


def never_matched(rule: Rule, found: list[Finding]) -> Finding | None:
    """A ``rule-never-matched`` warning when a rule read documents but everything it gave was an
    "absent" status of its kind (``not_found``): a metric that occurs nowhere is more likely a
    mistake in the rule than in every document, and a run of such a rule would be silently green."""
    return never_matched_tally(rule, {f.status for f in found},
                               {f.document for f in found if f.status != NO_DOCUMENTS})


def could_be_never_matched(rule: Rule, statuses: set[str]) -> bool:
    """May ``rule`` still be ``never_matched`` once more findings come? Not when it gave an error
    or a status other than its kind's absent ones (it matched something)."""
    from checker.kinds import REGISTRY

    absent = REGISTRY[rule.kind].absent_statuses
    return bool(absent) and ERROR not in statuses and not (statuses - {NO_DOCUMENTS}) - absent


def never_matched_tally(rule: Rule, statuses: set[str], read: set[str]) -> Finding | None:
    """``never_matched`` from a tally of the rule's findings: every status it gave and the
    documents of those that read one (a run place by place keeps only this much)."""
    if not could_be_never_matched(rule, statuses):
        return None
    read_statuses = statuses - {NO_DOCUMENTS}
    if statuses and not read_statuses:
        return None
    what = rule.params.get("metric") or rule.params.get("pattern") or ""
    docs = sorted(read)
    named = t("engine.named_metric", metric=what) if what else t("engine.its_metric")
    message = (t("engine.never_matched_n", rule=rule.id, named=named, n=len(docs)) if docs
               else t("engine.never_matched", rule=rule.id, named=named))
    return Finding(
        rule=NEVER_MATCHED, kind="meta", status="never_matched", severity="warning", passed=False,
        document=_rule_path(rule), line=rule.line, column=1, message=message, metric=str(what),
        fingerprint=fingerprint(NEVER_MATCHED, [rule.id], [str(what)]),
        data={"checked_rule": rule.id, "documents_read": docs},
    )


def _rule_path(rule: Rule) -> str:
    try:
        return rule.path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return rule.path.as_posix()


# --------------------------------------------------------------------------- rule examples

EXAMPLE_YEAR = 2024  # the year of an example document whose rule and example name none


def example_corpus(rule: Rule, example: Any) -> SimpleCorpus:
    """The documents of one rule example, with kinds, years, roles and relations from the scope.

    Text without a heading gets one section covering it, with the role the scope names (so an
    example can be a bare sentence): ``城镇调查失业率4.7%。`` under ``section: review``.
    """
    from checker.model import Section

    docs: dict[str, Document] = {}
    for slot, given in example.docs.items():
        selector = rule.scope.get(slot, {})
        kinds = as_list(selector.get("kind"))
        year = given.year
        if year is None and "year" in selector:
            what, value = parse_year(selector["year"])
            if what == "years":
                year = min(value)
            elif value[0] in docs and docs[value[0]].meta.year is not None:
                year = docs[value[0]].meta.year + value[1]
        relation, ref = selector.get("relation"), docs.get(selector.get("of") or next(iter(docs), ""))
        if year is None and relation and ref is not None and ref.meta.year is not None:
            # the report reviewing a plan comes a year later; the one it reviews a year earlier
            year = ref.meta.year + {"reviews": 1, "reviewed": -1}.get(relation, 0)
        if year is None:
            year = EXAMPLE_YEAR
        meta = DocMeta(id=given.id or f"example-{slot}", kind=given.kind or (kinds[0] if kinds else "report"),
                       year=year)
        doc = document_from_text(given.text, meta=meta,
                                 name=f"{rule.id}.{example.expect}[{example.index}].{slot}")
        roles = [given.role] if given.role else [str(r) for r in as_list(selector.get("section"))]
        if roles and not sections_matching(doc, roles):
            # A report's review covers the year before it was delivered (2026年报告: 2025年工作回顾).
            covered = year - 1 if roles[0] == REVIEW else year
            doc.sections.append(Section(title="", level=1, start=0, end=len(doc.text), role=roles[0],
                                        year=covered, body_start=0))
        docs[slot] = doc
    for slot, doc in docs.items():
        selector = rule.scope.get(slot, {})
        relation = selector.get("relation")
        ref = docs.get(selector.get("of") or next(iter(docs)))
        if not relation or ref is None or ref is doc:
            continue
        if relation == "reviews":
            doc.meta.reviews = ref.id
        elif relation == "reviewed":
            ref.meta.reviews = doc.id
        elif relation == "retells":
            ref.meta.retells = doc.id
        elif relation == "retold_by":
            doc.meta.retells = ref.id
    return SimpleCorpus(list(docs.values()))


@dataclass
class ExampleResult:
    """The outcome of running one example of a rule."""

    rule: Rule
    example: Any
    ok: bool
    findings: list[Finding]
    reason: str = ""

    @property
    def name(self) -> str:
        return f"{self.rule.id}[{self.example.expect}-{self.example.index}]"


def run_example(rule: Rule, example: Any,
                extractor: Callable[[Document], list[Mention]] | None = None) -> ExampleResult:
    """Run ``rule`` on its example: a fail case needs ≥1 non-passing finding, a pass case none."""
    findings = run_rule(rule, example_corpus(rule, example), extractor)
    problems = [f for f in findings if not f.passed]
    broken = [f for f in problems if f.status in (ERROR, NO_DOCUMENTS)]
    if example.expect == "fail":
        from checker.kinds import REGISTRY

        absent = REGISTRY[rule.kind].absent_statuses
        real = [f for f in problems if f not in broken]
        wanted = [f for f in real if f.status == example.status] if example.status else \
            [f for f in real if f.status not in absent]
        ok = bool(wanted) and not broken
        if ok:
            reason = ""
        elif broken:
            reason = broken[0].message
        elif real and example.status:
            reason = t("example.wrong_status", wanted=example.status,
                       got=", ".join(sorted({f.status for f in real})))
        elif real:  # only "not found": the rule never saw what it checks, so it cannot prove it fires
            reason = t("example.only", status=real[0].status, message=real[0].message)
        else:
            reason = t("example.no_finding")
    else:
        ok = not problems
        reason = "" if ok else t("example.unexpected", status=problems[0].status, message=problems[0].message)
    return ExampleResult(rule, example, ok, findings, reason)
