"""``checker run``: the rules over a corpus, findings in every format CI needs.

Outputs: ``--format F`` is what goes to the terminal (default ``table``); each ``--output
[FORMAT:]FILE`` writes one more output, its format taken from the prefix or the file suffix
(.sarif .json .jsonl .csv .md .xml=junit .html .txt=table); ``-`` as FILE means stdout (then the
terminal gets that instead of ``--format``). Every output is rendered before any file is written,
and each file is written atomically: an error leaves no half-written file.

Exit codes: 0 nothing at or above ``--fail-on``; 1 something is; 2 bad usage, bad rules,
unreadable input.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from checker.cli.output_io import MAX_SIZE_HELP
from checker.errors import CheckerError


def parse_output(spec: str) -> tuple[str, Path | None]:
    """``sarif:out.sarif`` / ``out.sarif`` / ``junit:-`` → (format, path or None for stdout)."""
    from checker.output import FORMATS, SUFFIXES

    head, sep, tail = spec.partition(":")
    if sep and head in FORMATS and tail:
        fmt, target = head, tail
    elif sep and head and head.isalpha() and len(head) > 1 and tail and head not in FORMATS:
        raise CheckerError("error.unknown_format", option="--output", value=spec, choices=list(FORMATS))
    else:
        fmt, target = "", spec
    path = None if target == "-" else Path(target)
    if not fmt:
        if path is None:
            raise CheckerError("error.output_stdout_format", value=spec)
        fmt = SUFFIXES.get(path.suffix.lower(), "")
        if not fmt or fmt not in FORMATS:
            raise CheckerError("error.output_unknown_suffix", value=spec, suffix=path.suffix or path.name,
                               choices=list(FORMATS))
    return fmt, path


def load_corpus_paths(paths: list[Path], allow_outside: bool = False, executor: Any = None,
                      progress: Any = None, surveyed: bool = False, spill: str | None = None) -> Any:
    """The corpus of ``paths`` (manifest, folder or files), read by ``executor`` (default: here),
    counted by ``progress``; unreadable input raises (exit 2). ``surveyed``: documents as headers,
    their texts had again by whoever checks their place (checker/survey.py; from ``spill``)."""
    from checker.corpus import load_corpus
    from checker.survey import survey_corpus

    mapper = _mapper(executor, progress)
    if surveyed:
        return survey_corpus(*paths, allow_outside=allow_outside, mapper=mapper, spill=spill)
    return load_corpus(*paths, allow_outside=allow_outside, mapper=mapper)


def _mapper(executor: Any, progress: Any) -> Any:
    mapper = executor.map if executor is not None else None
    if mapper is not None and progress is not None:
        mapper = progress.reading(mapper)
    return mapper


def paired_corpus(paths: list[Path], allow_outside: bool = False, executor: Any = None,
                  progress: Any = None, surveyed: bool = False,
                  spill: str | None = None) -> tuple[Any, set[Path] | None]:
    """The corpus of ``paths``, and the files given when they are read through their manifest.

    Documents given one by one (pre-commit passes the files a commit touches) that the corpus
    manifest of their folder lists are read through it, so each pairs with the report it retells or
    reviews; only findings on the files given are then reported (second value). Otherwise the
    files are read as given and pair among themselves (second value None).
    """
    from checker.corpus import MANIFEST_NAMES

    plain = (load_corpus_paths(paths, allow_outside, executor, progress, surveyed, spill), None)
    if not paths or not all(p.is_file() and p.suffix.lower() not in (".yaml", ".yml") for p in paths):
        return plain
    folders = {p.resolve().parent for p in paths}
    folder = folders.pop() if len(folders) == 1 else None
    manifest = next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None) if folder else None
    if manifest is None:
        return plain
    corpus = load_corpus_paths([manifest], allow_outside, executor, progress, surveyed, spill)
    given = {p.resolve() for p in paths}
    if not given <= {d.path.resolve() for d in corpus.documents}:
        return plain
    from checker.i18n import join_list, t

    names = join_list([p.name for p in paths])
    print(t("cli.paired", names=names, manifest=str(manifest)), file=sys.stderr)
    return corpus, given


def _touches(finding: Any, given: set[Path]) -> bool:
    """Is the finding located in, or quoting, one of the ``given`` files?"""
    places = [finding.document, *(e.document for e in finding.evidence)]
    return any(place and Path(place).resolve() in given for place in places)


def _default_paths(configured: list[Path] | None = None) -> list[Path]:
    if configured:
        return configured
    manifest = Path("seeds/corpus.yaml")
    if manifest.is_file():
        return [manifest]
    raise CheckerError("error.no_documents_run")


def run(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Corpus manifest, folder, or documents (default: seeds/corpus.yaml).")] = None,
    rules: Annotated[list[Path] | None, typer.Option(
        "--rules", "-r", help="Rule folder or file (repeatable; default: the configuration's, else the "
        "built-in rule packs).")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="Terminal format: table json jsonl csv md sarif junit github (html).",
    )] = None,
    outputs: Annotated[list[str] | None, typer.Option(
        "--output", "-o", help="Extra output [FORMAT:]FILE, repeatable; format from the suffix "
        "(.sarif .json .jsonl .csv .md .xml .html); '-' is stdout.")] = None,
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", help="Exit 1 when a finding at or above this needs attention: error | warning | info | "
        "never (default warning).")] = None,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even when findings fail the run.")] = False,
    select: Annotated[list[str] | None, typer.Option(
        "--select", help="Run only these rules: id, tag, pack, kind or glob (repeatable, comma-separated).",
    )] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", help="Skip these rules: id, tag, pack, kind or glob.")] = None,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help="Only findings not in this baseline count.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", help="Write the fingerprints of this run's non-passing findings.")] = None,
    waivers: Annotated[Path | None, typer.Option(
        "--waivers", help="YAML file of waivers: rule, fingerprint, reason (, expires).")] = None,
    max_document_size: Annotated[str | None, typer.Option("--max-document-size", help=MAX_SIZE_HELP)] = None,
    allow_outside: Annotated[bool, typer.Option(
        "--allow-outside", help="Let a manifest name files outside its own folder.")] = False,
    allow_empty: Annotated[bool, typer.Option(
        "--allow-empty", help="Exit 0 even when no rule ran or no rule selected a document (with no "
        "rules: show what was found in each document).")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes reading documents and checking places "
        "(default: every core).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on a Dask distributed cluster: its scheduler's address, "
        "e.g. tcp://HOST:8786.")] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress line on stderr (it is shown only on a terminal).")] = False,
) -> None:
    """Run the rules over the documents and report the findings.

    Exit codes: 0 nothing needing attention at or above --fail-on; 1 something is; 2 bad usage,
    invalid rules, unreadable input, no rule run or no document checked. Settings missing here come
    from .checker.yaml or [tool.checker] in pyproject.toml. Example: checker run seeds/corpus.yaml
    --output findings.sarif
    """
    from checker.cli.output_io import apply_limits, check_options
    from checker.config import load_config
    from checker.output import Report

    config = load_config()
    fmt = fmt or config.get("format", "table")
    fail_on = fail_on or config.get("fail-on", "warning")
    outputs = outputs or config.get("outputs")
    select = select or config.get("select")
    ignore = ignore or config.get("ignore")
    baseline = baseline or (Path(config.get("baseline")) if config.get("baseline") else None)
    waivers = waivers or (Path(config.get("waivers")) if config.get("waivers") else None)
    check_options(fmt, fail_on)
    apply_limits(max_document_size)
    targets = [parse_output(spec) for spec in outputs or []]
    to_stdout = [t for t in targets if t[1] is None]
    if len(to_stdout) > 1:
        raise CheckerError("error.output_stdout_twice")
    if not to_stdout:
        targets.insert(0, (fmt, None))
    from checker.cli.output_io import plan_outputs

    files = [p for _, p in targets if p is not None] + ([write_baseline] if write_baseline else [])
    planned = dict(zip(files, plan_outputs(files), strict=True))  # checked before any work is done

    rule_list = _load_rules(rules or config.paths("rules"), select, ignore)
    waiver_list = None
    if waivers is not None:
        from checker.waivers import load_waivers

        waiver_list = load_waivers(waivers)
    known = None
    if baseline is not None:
        from checker.baseline import load_baseline

        known = load_baseline(baseline)

    from checker.cli.progress import Progress
    from checker.output.spool import FindingSpool, TextSpool
    from checker.scale import connect, executor_for

    client = connect(scheduler) if scheduler else None
    executor = executor_for(jobs or config.get("jobs"), client)
    progress = Progress.for_terminal(quiet)
    # JSONL and JSON are rendered place by place as the places come in (while workers go on)
    chunked = {fmt: TextSpool() for fmt, _ in targets if fmt in CHUNKED}
    # the findings themselves are kept only for an output that is not rendered place by place
    # (pickling every finding was 1/10 of a run's output cost)
    needs_findings = write_baseline is not None or any(fmt not in CHUNKED for fmt, _ in targets)
    spool = FindingSpool() if needs_findings else None
    # documents read by the survey wait here for their place (not on a cluster: another machine's)
    spill = tempfile.TemporaryDirectory(prefix="checker-documents-") if client is None else None
    try:
        corpus_paths = list(paths) if paths else _default_paths(config.paths("paths"))
        corpus, given = paired_corpus(corpus_paths, allow_outside, executor, progress, surveyed=True,
                                      spill=spill.name if spill is not None else None)
        if not rule_list:
            if not allow_empty:
                raise CheckerError("error.no_rule_to_run")
            _overview(paired_corpus(corpus_paths, allow_outside)[0])
            return
        run = _check(corpus, rule_list, executor, progress, spool, chunked, given, waiver_list, known)
    finally:
        progress.close()
        executor.close()
        if spill is not None:
            spill.cleanup()
        if client is not None:
            client.close()
    try:
        _say_what_is_missing(run.first_miss, rule_list, corpus, allow_empty)
        report = Report(findings=[], rules=rule_list, fail_on=fail_on,
                        baseline=str(baseline) if baseline else None, counts=run.counts)
        if run.waivers is not None:
            outcome = run.waivers.outcome()
            report.unused_waivers = [w.as_dict() for w in outcome.unused]
            report.expired_waivers = [w.as_dict() for w in outcome.expired]
            for line in outcome.warnings():
                print(f"checker: {line}", file=sys.stderr)
        _write(targets, planned, report, spool, chunked, write_baseline)
    finally:
        if spool is not None:
            spool.close()
        for texts in chunked.values():
            texts.close()
    if report.summary()["failed"] and not exit_zero:
        raise typer.Exit(1)


@dataclass
class _Checked:
    """What the run learnt of its findings while spooling them."""

    counts: Any
    first_miss: dict[str, Any] = field(default_factory=dict)  # rule → its first no_documents finding
    waivers: Any = None                                        # the waiver ledger, if any


def _check(corpus: Any, rules: list[Any], executor: Any, progress: Any, spool: Any,
           chunked: dict[str, Any], given: set[Path] | None, waivers: list[Any] | None,
           known: set[str] | None) -> _Checked:
    """Check every place, each place's findings filtered (``given``), waived and baselined as
    they come, counted, spooled and rendered in the ``chunked`` formats: the run holds no more
    than a place's findings."""
    import importlib

    from checker.baseline import apply_baseline
    from checker.engine import NO_DOCUMENTS
    from checker.output import FORMATS
    from checker.output.counts import Counts
    from checker.scale import run_places
    from checker.waivers import WaiverLedger

    run = _Checked(Counts(), waivers=WaiverLedger(waivers) if waivers is not None else None)
    misses: dict[str, tuple[tuple[int, int], Any]] = {}
    for index, found in run_places(corpus, rules, executor, on_place=progress.place):
        if given is not None:
            found = [f for f in found if _touches(f, given)]
        for i, f in enumerate(found):
            if f.status == NO_DOCUMENTS and (f.rule not in misses or (index, i) < misses[f.rule][0]):
                misses[f.rule] = ((index, i), f)
        if run.waivers is not None:
            run.waivers.apply(found)
        if known is not None:
            apply_baseline(found, known)
        for i, f in enumerate(found):
            run.counts.add(f, (index, i))
        if spool is not None:
            spool.add(index, found)
        for fmt, texts in chunked.items():
            texts.add(index, importlib.import_module(FORMATS[fmt]).chunk(found))
    run.first_miss = {rule: f for rule, (_, f) in sorted(misses.items(), key=lambda kv: kv[1][0])}
    return run


CHUNKED = ("jsonl", "json")  # rendered place by place as the places are done
STREAMED = ("csv", "sarif")  # written finding by finding at the end; the others hold the findings


def _write(targets: list[tuple[str, Path | None]], planned: dict[Path, Any], report: Any, spool: Any,
           chunked: dict[str, Any], write_baseline: Path | None) -> None:
    """Every output: files all or nothing (checker/cli/output_io.py), then stdout. JSONL and JSON
    put together the chunks rendered as places came in; CSV and SARIF stream the spooled
    findings into their file (their header needs every finding's fields and rules first); table,
    Markdown, HTML, JUnit and GitHub annotations sort or group all findings, so they are rendered
    from the findings (never the documents) held at once."""
    import importlib

    from checker.cli.output_io import write_content, write_outputs
    from checker.output import FORMATS, Report, render

    held: list[Any] | None = None

    def content(fmt: str) -> Any:
        nonlocal held
        module = importlib.import_module(FORMATS[fmt])
        if fmt in chunked:
            return lambda out: module.write_chunks(report, chunked[fmt].texts(), out)
        if fmt in STREAMED:
            return lambda out: module.write(report, iter(spool), out)
        if held is None:
            held = list(spool)
        whole = Report(findings=held, rules=report.rules, fail_on=report.fail_on,
                       unused_waivers=report.unused_waivers, expired_waivers=report.expired_waivers,
                       baseline=report.baseline, cwd=report.cwd)
        return render(fmt, whole)

    contents = [(content(f), path) for f, path in targets]  # the held formats before writing any
    writes = [(planned[p], c) for c, p in contents if p is not None]
    if write_baseline is not None:
        from checker.baseline import baseline_text

        writes.append((planned[write_baseline], baseline_text(spool)))
    write_outputs(writes)
    for c, path in contents:
        if path is None:
            write_content(c, sys.stdout)
    sys.stdout.flush()


def _say_what_is_missing(first_miss: dict[str, Any], rules: list[Any], corpus: Any,
                         allow_empty: bool) -> None:
    """One stderr line per rule that could not run for lack of documents (a single file given:
    the report a summary retells, the next year's report); exit 2 when no rule checked anything.
    ``first_miss``: each rule's first ``no_documents`` finding, in output order."""
    from checker.engine import selects_nothing
    from checker.i18n import t

    by_id = {r.id: r for r in rules}
    starved = {rule: f for rule, f in first_miss.items()
               if rule in by_id and selects_nothing(by_id[rule], corpus)}
    for rule, miss in starved.items():
        print(t("cli.not_checked", rule=rule, why=miss.message.removeprefix(rule + ": ")), file=sys.stderr)
    if rules and all(r.id in starved for r in rules) and not allow_empty:
        ids = [d.id for d in corpus.documents] or "-"
        raise CheckerError("error.no_rule_selected_any", ids=ids)


def _load_rules(rules: list[Path] | None, select: list[str] | None, ignore: list[str] | None) -> list[Any]:
    from checker.errors import RuleError
    from checker.rulepacks import rule_paths
    from checker.ruleset import format_rule_error, load_rules, select_rules

    dirs = rule_paths(rules)
    try:
        loaded = load_rules(*dirs)
    except RuleError as error:
        sys.stderr.write(format_rule_error(error))
        raise typer.Exit(2) from None
    return select_rules(loaded, select, ignore)


def _overview(corpus: Any) -> None:
    """No rules: say so, and show what checker sees in each document."""
    from checker.i18n import t

    print(t("cli.overview"), file=sys.stderr)
    from checker.output.overview import corpus_overview

    print(corpus_overview(corpus))
