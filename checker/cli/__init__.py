"""The command line: a thin typer app. Each command lives in its own module here and imports the
pipeline only when it runs, so ``checker --help`` starts fast."""

from __future__ import annotations

import sys

import typer

from checker.cli import compare, eval_cmd, extract, goals, rules_cmd, run_cmd

app = typer.Typer(
    name="checker",
    help="Consistency checker for government work reports (政府工作报告) and their summaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)



def _version(value: bool) -> None:
    if value:
        from checker import __version__

        print(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_version,
                                          help="Print the version and exit.")) -> None:
    """Consistency checker for government work reports (政府工作报告) and their summaries."""


app.command("run")(run_cmd.run)
app.command("goals")(goals.goals)
app.command("compare")(compare.compare)
app.command("extract")(extract.extract)
app.command("eval")(eval_cmd.eval_command)
app.add_typer(rules_cmd.app, name="rules")


def main() -> None:
    """Entry point: run the app; a ``CheckerError`` becomes one line on stderr and exit 2."""
    import os

    from checker.errors import CheckerError

    try:
        app()
    except CheckerError as error:
        for line in str(error).splitlines() or ["error"]:
            print(f"checker: error: {line}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("checker: interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit as exit_:  # typer turns Ctrl-C inside a command into a silent exit 130
        if exit_.code == 130:
            print("checker: interrupted", file=sys.stderr)
        raise
    except Exception as error:  # a bug of ours: one line, like ruff's exit 2 for abnormal ends
        if os.environ.get("CHECKER_DEBUG"):
            raise
        print(
            f"checker: internal error: {type(error).__name__}: {error} "
            "(set CHECKER_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        sys.exit(2)
