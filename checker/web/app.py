"""The Starlette application: compare, goals and figures pages, downloads, safety headers.

Every page is rendered from Jinja2 templates with autoescaping (document text is always shown as
text); the only script is ``static/app.js`` (the Content-Security-Policy forbids any other);
requests choose corpus documents by id and never name a path; each result is kept under a random
token for its own visitor only (``results``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from checker import i18n
from checker.errors import CheckerError
from checker.findings import Finding
from checker.model import DocMeta, Document
from checker.web import service, uploads
from checker.web.library import Library
from checker.web.results import Result, ResultStore

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cache-Control": "no-store"}
STATIC = Path(__file__).with_name("static")
COMPARE_CSS = Path(__file__).parent.parent / "output" / "compare.css"


class Settings:
    """What ``checker serve`` was given."""

    def __init__(self, library: Library, lang: str = "zh", max_bytes: int = uploads.DEFAULT_MAX_BYTES,
                 store_size: int = 200) -> None:
        self.library = library
        self.lang = lang
        self.max_bytes = max_bytes
        self.results = ResultStore(store_size)


def _env() -> Environment:
    env = Environment(loader=PackageLoader("checker.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(status_name=i18n.status_name, severity_name=i18n.severity_name,
                       detail=i18n.detail)
    return env


ENV = _env()


def lang_of(request: Request, settings: Settings) -> str:
    lang = request.query_params.get("lang") or settings.lang
    return lang if lang in i18n.LANGS else settings.lang


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    lang = context.pop("lang", None) or lang_of(request, settings)
    other = "en" if lang == "zh" else "zh"
    html = ENV.get_template(template).render(
        lang=lang, other=other, t=lambda key, **kw: i18n.t(key, lang, **kw),
        path=request.url.path, switch=str(request.url.include_query_params(lang=other)).split(
            str(request.base_url).rstrip("/"), 1)[-1], **context)
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def error_page(request: Request, key: str, status_code: int = 400, **fields: Any) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    lang = lang_of(request, settings)
    # Msg fields in this page's language
    shown = {name: i18n.text(value, lang) for name, value in fields.items()}
    return page(request, "error.html", status_code, lang=lang, message=i18n.t(f"web.{key}", lang, **shown))


# --------------------------------------------------------------------------- pages


async def compare_form(request: Request) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    return page(request, "compare.html", reports=settings.library.reports())


async def _form(request: Request, settings: Settings) -> Any:
    """The posted form, refusing a body over the limits before reading it."""
    length = request.headers.get("content-length", "")
    limit = 2 * settings.max_bytes + 64 * 1024
    if length.isdigit() and int(length) > limit:
        raise uploads.UploadError("error_body_too_large", limit=uploads.human_size(settings.max_bytes))
    try:
        return await request.form(max_files=2, max_fields=10, max_part_size=settings.max_bytes + 1024)
    except Exception:  # multipart errors (too many parts, a part too big, broken encoding)
        raise uploads.UploadError("error_bad_form") from None


def _field(form: Any, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def compare_submit(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    form = await _form(request, settings)
    lang = lang_of(request, settings)  # the form posts to /compare?lang=…
    pasted_name = f"{i18n.t('web.pasted_name', lang)}.txt"
    summary_meta = DocMeta(id="summary", kind="summary")
    upload = await uploads.read_upload(form.get("summary_file"), settings.max_bytes, "summary.txt")
    summary: Document | None
    if upload is not None:
        summary = uploads.document(*upload, summary_meta)
    else:
        summary = uploads.pasted(_field(form, "summary_text"), pasted_name, settings.max_bytes, summary_meta)
    if summary is None:
        raise uploads.UploadError("error_no_summary")
    full_upload = await uploads.read_upload(form.get("full_file"), settings.max_bytes, "report.txt")
    full: Document | None
    if full_upload is not None:
        full = uploads.document(*full_upload, DocMeta(id="report", kind="report"))
    else:
        chosen = _field(form, "full_id")
        if not chosen:
            raise uploads.UploadError("error_no_full")
        full = settings.library.get(chosen)
        if full is None or full.meta.kind != "report":
            raise uploads.UploadError("error_unknown_doc")
    result = service.compare(summary, full)
    texts = {summary.path.as_posix(): summary.text, _shown(full): full.text}
    token = settings.results.put(Result(
        "compare", result.findings, names={"summary": _shown(summary), "full": _shown(full)},
        texts=texts, extra={"aligned": result.aligned, "sentences": result.sentences,
                            "retells": result.retells}))
    return RedirectResponse(f"/result/{token}?lang={lang}", status_code=303, headers=HEADERS)


def _shown(doc: Any) -> str:
    """A document's path as findings show it."""
    from checker.engine import _display_path

    return _display_path(doc)


async def goals_form(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    place, _, year = request.query_params.get("pair", "").rpartition("|")
    if place and year.isdigit():
        pair = settings.library.goal_pair(place, int(year))
        if pair is None:
            raise uploads.UploadError("error_no_pair")
        plan, review = pair
        token = settings.results.put(_goal_result(plan, review))
        return RedirectResponse(f"/result/{token}?lang={lang_of(request, settings)}", status_code=303,
                                headers=HEADERS)
    return page(request, "goals.html", pairs=settings.library.goal_pairs())


def _goal_result(plan: Any, review: Any) -> Result:
    from checker.goals.extract import extract_goals

    findings = service.goals(plan, review)
    multi = [{"where": f"{_shown(plan)}:{plan.locate(g.start).line}", "year": g.year, "text": g.text}
             for g in extract_goals(plan) if g.multi_year]
    return Result("goals", findings, names={"plan": _shown(plan), "review": _shown(review)},
                  extra={"multi_year": multi})


async def goals_submit(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    form = await _form(request, settings)
    lang = lang_of(request, settings)
    got = []
    for name, meta in (("plan_file", DocMeta(id="plan")), ("review_file", DocMeta(id="review"))):
        upload = await uploads.read_upload(form.get(name), settings.max_bytes, f"{name}.txt")
        if upload is None:
            raise uploads.UploadError("error_no_pair")
        got.append(uploads.document(*upload, meta))
    token = settings.results.put(_goal_result(*got))
    return RedirectResponse(f"/result/{token}?lang={lang}", status_code=303, headers=HEADERS)


async def result_page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    token = request.path_params["token"]
    result = settings.results.get(token)
    if result is None:
        return error_page(request, "error_expired", 404)
    lang = lang_of(request, settings)
    if result.kind == "compare":
        return _compare_page(request, token, result, lang)
    return _goals_page(request, token, result, lang)


def _compare_page(request: Request, token: str, result: Result, lang: str) -> HTMLResponse:
    from checker.output.html import pair_parts

    fs = result.findings
    items, s_body, f_body, _ = pair_parts(fs, 1, result.texts.get(result.names["summary"]),
                                          result.texts.get(result.names["full"]), lang, passes=True)
    statuses = Counter(f.status for f in fs)
    severities = Counter(f.severity for f in fs if not f.passed)
    return page(request, "compare_result.html", lang=lang, token=token, result=result,
                items=[Markup(i) for i in items], summary_body=Markup(s_body), full_body=Markup(f_body),
                statuses=statuses, severities=severities,
                attention=sum(not f.passed for f in fs))


def _goals_page(request: Request, token: str, result: Result, lang: str) -> HTMLResponse:
    goals = sorted((f for f in result.findings if f.rule == "goal-followup"), key=service.goal_order)
    claims = [f for f in result.findings if f.rule == "completion-claim"]
    rows = [_goal_row(f) for f in goals]
    return page(request, "goals_result.html", lang=lang, token=token, result=result, rows=rows,
                claims=claims, statuses=Counter(f.status for f in goals))


def _goal_row(f: Finding) -> dict[str, Any]:
    d = f.data
    out = next((e for e in f.evidence if e.role == "outcome"), None)
    return {"f": f, "status": f.status, "severity": f.severity, "target": d.get("target"),
            "quantified": d.get("quantified"),
            "outcome": d.get("outcome") if d.get("outcome_value") is not None else ("" if out else "-"),
            "ratio": f"{d['ratio']:.2f}" if d.get("ratio") is not None else "",
            "goal": d.get("goal_text"), "plan_at": f"{f.document}:{f.line}",
            "outcome_quote": out.text if out else "",
            "review_at": f"{out.document}:{out.line}" if out else ""}


async def figures_page(request: Request) -> HTMLResponse:
    from checker.web import charts

    settings: Settings = request.app.state.settings
    lang = lang_of(request, settings)
    places = settings.library.places()
    place = request.query_params.get("place") or (places[0] if places else "")
    if place not in places:
        return error_page(request, "error_unknown_doc", 404)
    found = settings.library.series(place)
    metrics = sorted(((f.data["key"], f.data.get("metric") or f.data["key"], f.data.get("n", 0))
                      for f in found if f.status == "series"), key=lambda m: (-m[2], m[1]))
    key = request.query_params.get("metric") or (metrics[0][0] if metrics else "")
    chart = charts.chart_for(key, found) if key else None
    image = None
    if chart is not None:
        import base64

        labels = {"outcome": i18n.t("web.chart_outcome", lang), "target": i18n.t("web.chart_target", lang),
                  "scope": i18n.t("web.chart_scope", lang),
                  "multi_year": i18n.t("web.chart_multi_year", lang, target="{target}", year="{year}")}
        image = "data:image/svg+xml;base64," + base64.b64encode(charts.svg(chart, labels).encode()).decode()
    return page(request, "figures.html", lang=lang, places=places, place=place, metrics=metrics,
                key=key, chart=chart, image=image)


async def download(request: Request) -> Response:
    """A result as CSV (UTF-8 with BOM), JSON or the standalone HTML page."""
    from checker.output import Report, render
    from checker.output.html import render as render_html

    settings: Settings = request.app.state.settings
    result = settings.results.get(request.path_params["token"])
    fmt = request.path_params["fmt"]
    if result is None or fmt not in ("csv", "json", "html"):
        return error_page(request, "error_expired", 404)
    lang = lang_of(request, settings)
    report = Report(findings=result.findings, fail_on="never")
    body = render_html(report, lang, result.texts) if fmt == "html" else render(fmt, report)
    media = {"csv": "text/csv; charset=utf-8", "json": "application/json",
             "html": "text/html; charset=utf-8"}[fmt]
    headers = dict(HEADERS, **{"Content-Disposition": f'attachment; filename="checker-{result.kind}.{fmt}"'})
    return Response(body.encode("utf-8"), media_type=media, headers=headers)


async def home(request: Request) -> Response:
    return await compare_form(request)


# --------------------------------------------------------------------------- errors


async def upload_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, uploads.UploadError)
    return error_page(request, exc.key, 413 if "large" in exc.key else 400, **exc.fields)


async def checker_error(request: Request, exc: Exception) -> Response:
    """Bad input found while checking (a summary that is not Chinese text), in the page's language."""
    assert isinstance(exc, CheckerError)
    return error_page(request, "error_input", 400, message=exc.message)


async def http_error(request: Request, exc: Exception) -> Response:
    code = getattr(exc, "status_code", 500)
    return error_page(request, "not_found", code if code in (404, 405) else 400)


async def server_error(request: Request, exc: Exception) -> Response:
    # never a trace: the visitor gets one line, the console the exception
    import logging

    logging.getLogger("checker.web").exception("request failed")
    return error_page(request, "error_internal", 500)


class SecurityHeaders:
    """Adds ``HEADERS`` (the CSP first of all) to every response, static files included."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()
                         if k.lower().encode() not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings) -> Starlette:
    """The application for ``settings`` (a library loaded from the server's corpus)."""
    routes = [
        Route("/", home),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/compare", compare_form, methods=["GET"]),
        Route("/compare", compare_submit, methods=["POST"]),
        Route("/goals", goals_form, methods=["GET"]),
        Route("/goals", goals_submit, methods=["POST"]),
        Route("/figures", figures_page),
        Route("/result/{token}", result_page),
        Route("/result/{token}/download.{fmt}", download),
        # the comparison style is the standalone page's (checker/output/compare.css), not a copy
        Route("/static/compare.css", lambda request: FileResponse(COMPARE_CSS, media_type="text/css")),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    from starlette.middleware import Middleware

    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)], exception_handlers={
        uploads.UploadError: upload_error, CheckerError: checker_error, HTTPException: http_error,
        Exception: server_error})
    app.state.settings = settings
    return app
