"""``checker serve``: the web page for journalists, on this computer only by default.

Compare a pasted or uploaded summary with a report of the corpus (``--corpus``, default the
seeds), see a plan's goals followed up and a metric's series as a chart, download every result as
CSV, JSON or HTML. Needs no network: every script, style and chart is made here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    corpus: Annotated[list[Path] | None, typer.Option(
        "--corpus", help="Corpus manifest, folder or files the page offers (repeatable; "
                         "default: seeds/).")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this computer only).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    lang: Annotated[str | None, typer.Option("--lang", help="Page language by default: zh | en.")] = None,
    max_upload_mb: Annotated[float, typer.Option("--max-upload-mb",
                                                 help="Largest file accepted (MB).")] = 5.0,
) -> None:
    """A local web page: compare a summary, follow a plan's goals, chart a metric over the years."""
    import uvicorn

    from checker.errors import CheckerError
    from checker.i18n import check_lang, get_lang, t
    from checker.web.app import Settings, create_app
    from checker.web.library import Library

    paths = corpus or [Path("seeds")]
    for p in paths:
        if not p.exists():
            raise CheckerError("error.serve_no_corpus", path=str(p))
    if max_upload_mb <= 0:
        raise CheckerError("error.size_not_positive", option="--max-upload-mb", value=max_upload_mb)
    settings = Settings(Library.load(paths), lang=check_lang(lang) if lang else get_lang(),
                        max_bytes=int(max_upload_mb * 1024 * 1024))
    typer.echo(t("cli.serving", url=f"http://{host}:{port}/", n=len(settings.library.documents)))
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
