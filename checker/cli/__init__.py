"""The command line: a thin typer app. Each command lives in its own module here and imports the
pipeline only when it runs, so ``checker --help`` starts fast."""

from __future__ import annotations

import sys

import typer

from checker.cli import compare, eval_cmd, extract, goals, rules_cmd, run_cmd, serve

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
def _options(
    version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_version,
                                 help="Print the version and exit."),
    lang: str | None = typer.Option(None, "--lang",
                                    help="Language of messages and labels: zh (default) | en."),
) -> None:
    """Consistency checker for government work reports (政府工作报告) and their summaries."""
    from checker.i18n import check_lang, set_lang

    set_lang(check_lang(lang) if lang is not None else None)  # each invocation starts afresh


app.command("run")(run_cmd.run)
app.command("goals")(goals.goals)
app.command("compare")(compare.compare)
app.command("extract")(extract.extract)
app.command("eval")(eval_cmd.eval_command)
app.add_typer(rules_cmd.app, name="rules")
app.command("serve")(serve.serve)


# A run builds millions of small objects that live as long as their place (tokens, mentions,
# clauses); with Python's default (700, 10, 10) the collector ran ~1500 times over the development
# split and walked the whole heap 11 times: a tenth of the run's CPU. Collecting young objects every
# 10,000 allocations instead cut that to a quarter; the garbage it leaves longer is collected once
# per place (checker/scale.py), so the peak stays at one place's worth (measured).
BATCH_GC_THRESHOLD = (10_000, 10, 10)


class _Signalled(BaseException):
    """SIGINT or SIGTERM arrived: unwinds past click (which would swallow KeyboardInterrupt), so
    every ``finally`` runs and the temporary files of unwritten outputs are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, _frame: object) -> None:
    raise _Signalled(signum)


def main() -> None:
    """Entry point: run the app; a ``CheckerError`` becomes one line on stderr and exit 2.

    SIGINT exits 130 and SIGTERM 143 with one line; stdout that cannot be written (a full disk,
    /dev/full) is one line and exit 2, not a traceback at interpreter exit.
    """
    import gc
    import signal
    import threading

    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    collecting = gc.get_threshold()
    gc.set_threshold(*BATCH_GC_THRESHOLD)
    try:
        code = _run()
    finally:
        for signum, handler in previous.items():  # (main() may be called in-process, by tests)
            signal.signal(signum, handler)
        gc.set_threshold(*collecting)
    try:
        sys.stdout.flush()
    except OSError as error:
        _stdout_failed(error)
    sys.exit(code)


def _stdout_failed(error: OSError) -> None:
    import os

    from checker.i18n import t, text
    from checker.inputfile import os_reason

    print(t("cli.stdout_failed", error=text(os_reason(error))), file=sys.stderr)
    sys.stderr.flush()
    os._exit(2)  # the unwritable stdout buffer must not be flushed again at exit


def _invoke() -> int | str | None:
    """The app without click's own error printing: a usage error becomes one line in the run's
    language (checker/cli/usage.py); help and ``typer.Exit`` give their exit codes."""
    from typer._click import exceptions as parser_errors  # typer's vendored click: not re-exported

    from checker.cli.usage import localize_help, usage_message
    from checker.i18n import LANGS, get_lang, set_lang, t

    # the language of a usage error found before the options' callback runs (an unknown command)
    args = sys.argv[1:]
    given = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--lang"), None)
    set_lang(given if given in LANGS else None)
    try:
        command = localize_help(typer.main.get_command(app), get_lang())
        result = command.main(args=args, standalone_mode=False, prog_name="checker")
    except parser_errors.NoArgsIsHelpError as shown:  # `checker` alone: the help
        shown.show()
        return shown.exit_code
    except parser_errors.UsageError as error:
        print(t("cli.error", message=usage_message(error).render()), file=sys.stderr)
        return 2
    except typer.Abort:
        return 1
    return result if isinstance(result, int) else 0


def _run() -> int | str | None:
    """The app's exit code; errors printed as one line."""
    import os
    import warnings

    from checker.errors import CheckerError, InputWarning
    from checker.i18n import t, text

    def show(message, category, *_args, **_kwargs) -> None:
        if issubclass(category, InputWarning):
            said = message.args[0] if isinstance(message, Warning) and message.args else message
            print(t("cli.warning", message=text(said)), file=sys.stderr)

    warnings.showwarning = show
    warnings.simplefilter("always", InputWarning)
    try:
        return _invoke()
    except SystemExit as done:
        return done.code
    except CheckerError as error:
        for line in error.render().splitlines() or ["?"]:
            print(t("cli.error", message=line), file=sys.stderr)
        return error.exit_code
    except (KeyboardInterrupt, _Signalled) as stop:
        from checker.cli.output_io import remove_temps

        remove_temps()
        signum = getattr(stop, "signum", 2)
        name = "SIGTERM" if signum == 15 else "SIGINT"
        print(t("cli.interrupted", signal=name), file=sys.stderr)
        return 128 + signum
    except OSError as error:  # not an input or output file (those are CheckerErrors): stdout
        _stdout_failed(error)
    except Exception as error:  # a bug of ours: one line, like ruff's exit 2 for abnormal ends
        if os.environ.get("CHECKER_DEBUG"):
            raise
        print(t("cli.internal", error=f"{type(error).__name__}: {error}"), file=sys.stderr)
        return 2
    return 0
