"""``checker rules list | explain | validate | test | schema``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(help="List, explain, validate and test rules.", no_args_is_help=True)

RulesOpt = Annotated[list[Path] | None, typer.Option(
    "--rules", "-r", help="Rule folder or file (default: the configuration's, else the built-in packs).")]
PathsArg = Annotated[list[Path] | None, typer.Argument(
    help="Rule folders or files (default: the configuration's, else the built-in packs).")]


def _load(paths: list[Path] | None) -> list[Any]:
    """Load rules or print every problem and exit 2; no rule at all is an error too (exit 2)."""
    from checker.config import load_config
    from checker.errors import CheckerError, RuleError
    from checker.rulepacks import rule_paths
    from checker.ruleset import format_rule_error, load_rules

    paths = rule_paths(paths, load_config().paths("rules"))
    try:
        loaded = load_rules(*paths)
    except RuleError as error:
        sys.stderr.write(format_rule_error(error))
        raise typer.Exit(2) from None
    if not loaded:
        raise CheckerError("error.no_rule_files", paths=[str(p) for p in paths])
    return loaded


@app.command("list")
def list_rules(rules: RulesOpt = None) -> None:
    """Every rule: id, kind, severity, tags and what it checks."""
    from tabulate import tabulate

    from checker.i18n import headers, t

    loaded = _load(rules)
    rows = [(r.id, r.kind, r.severity, ",".join(r.tags), r.description if len(r.description) <= 70
             else r.description[:69] + "…") for r in loaded]
    print(tabulate(rows, headers=headers("id", "kind", "severity", "tags", "description")))
    print("\n" + t("rules.count_one" if len(loaded) == 1 else "rules.count", n=len(loaded)))


def _example_yaml(example: Any) -> str:
    import yaml

    docs: Any = {}
    for slot, d in example.docs.items():
        fields = {k: v for k, v in vars(d).items() if v is not None}
        docs[slot] = fields if set(fields) - {"text"} else d.text
    if len(docs) == 1:
        docs = next(iter(docs.values()))
    if isinstance(docs, str):
        return docs
    return yaml.safe_dump(docs, allow_unicode=True, sort_keys=False).rstrip()


def explain_text(rule: Any, run_examples: bool = True) -> str:
    """A rule page in the manner of ruff's: what it checks, why, examples, params."""
    from checker.i18n import kind_doc, t
    from checker.kinds import REGISTRY
    from checker.rulepacks import shown_path

    kind = REGISTRY[rule.kind]
    out = [f"# {rule.id}", "", t("explain.kind", kind=rule.kind, severity=rule.severity)
           + (t("explain.tags", tags=", ".join(rule.tags)) if rule.tags else ""),
           t("explain.defined_in", path=shown_path(rule.path)), ""]
    out += ["## " + t("explain.what"), "", rule.description, ""]
    if kind.summary:
        out += [t("explain.kind_summary", kind=kind.name, summary=kind_doc(kind.name, kind.summary)), ""]
    if rule.rationale:
        out += ["## " + t("explain.why"), "", rule.rationale, ""]
    scope = rule.scope or {}
    if scope:
        out += ["## " + t("explain.scope"), ""]
        out += [f"- {slot}: " + (", ".join(f"{k}={v}" for k, v in sel.items()) or t("explain.any_document"))
                for slot, sel in scope.items()]
        out.append("")
    for expect, title in (("fail", "## " + t("explain.fails")), ("pass", "## " + t("explain.passes"))):
        example = next((e for e in rule.examples if e.expect == expect), None)
        if example is None:
            continue
        out += [title, "", "```", _example_yaml(example), "```"]
        if run_examples:
            from checker.engine import run_example

            result = run_example(rule, example)
            shown = [f for f in result.findings if not f.passed] if expect == "fail" else result.findings
            for f in shown[:3]:
                out.append(f"→ {f.status}: {f.message}")
        out.append("")
    if kind.params:
        columns = [t(f"explain.param_{c}") for c in ("name", "value", "default", "description")]
        out += ["## " + t("explain.params"), "", "| " + " | ".join(columns) + " |", "|---|---|---|---|"]
        for name, p in kind.params.items():
            value = rule.given_params.get(name, "")
            cells = (name, _short(value), _short(p.default), kind_doc(kind.name, p.description, name))
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    from checker.templates import in_language

    out += ["## " + t("explain.message"), ""]
    out += [f"- {outcome}: `{in_language(template)}`" for outcome, template in rule.messages.items()] \
        if rule.messages else [f"`{in_language(rule.message)}`"]
    out.append("")
    if rule.link:
        out += ["## " + t("explain.more"), "", rule.link, ""]
    return "\n".join(out)


def _short(value: Any) -> str:
    if value is None or value == "":
        return ""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:59] + "…"


@app.command("explain")
def explain(rule_id: Annotated[str, typer.Argument(help="The rule id.")], rules: RulesOpt = None) -> None:
    """What a rule checks, why it matters, a failing and a passing example, its params."""
    from checker.errors import CheckerError
    from checker.i18n import Msg
    from checker.ruleset import did_you_mean

    loaded = _load(rules)
    rule = next((r for r in loaded if r.id == rule_id), None)
    if rule is None:
        hint = did_you_mean(rule_id, [r.id for r in loaded])
        raise CheckerError("error.no_such_rule", id=rule_id, hint=Msg("hint.paren",
                                                                      hint=hint) if hint else "")
    print(explain_text(rule))


@app.command("validate")
def validate(paths: PathsArg = None) -> None:
    """Check rule files; every problem is printed with file:line:col (exit 2 if any)."""
    from checker.i18n import t

    loaded = _load(paths)
    print(t("rules.ok_one" if len(loaded) == 1 else "rules.ok", n=len(loaded)))


@app.command("test")
def test(
    paths: PathsArg = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every example.")] = False,
) -> None:
    """Run every rule's examples: fail cases must give a finding, pass cases none (exit 1 if not)."""
    from checker.engine import run_example

    loaded = _load(paths)
    passed = failed = 0
    for rule in loaded:
        for example in rule.examples:
            result = run_example(rule, example)
            if result.ok:
                passed += 1
                if verbose:
                    print(f"ok    {result.name}")
            else:
                failed += 1
                print(f"FAIL  {result.name} ({rule.path}:{example.line}): {result.reason}")
    print(f"{passed} passed, {failed} failed")  # in every language: CI runners read this closing line
    if failed:
        raise typer.Exit(1)


@app.command("schema")
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
) -> None:
    """The JSON Schema of rule files (for editors: yaml-language-server, VS Code)."""
    from checker.cli.output_io import emit
    from checker.ruleset import rule_schema

    emit(json.dumps(rule_schema(), ensure_ascii=False, indent=2), output)
