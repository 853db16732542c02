"""``html``: one self-contained page for a person.

For every summary checked against its report (``summary_fidelity`` findings) the page shows the two
texts side by side, each discrepancy highlighted in both and linked: click a finding (or a
highlight) and both passages scroll into view, marked. Counts per outcome are at the top; findings
of other kinds follow in a table.

Safety: every piece of document text, quote and message is HTML-escaped (a summary containing
``<script>`` shows it as text), and a strict Content-Security-Policy allows only this page's own
style and script (by hash): no network, no other script, no inline handlers.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from html import escape
from itertools import pairwise
from pathlib import Path
from typing import Any

from checker.findings import SEVERITY_RANK
from checker.i18n import detail, get_lang, severity_name, status_name, t
from checker.output import Report, location, one_line

KIND = "summary_fidelity"
ORDER = ("number_mismatch", "number_missing_in_full", "added_claim", "version_difference", "item_omitted",
         "wording_changed", "order_changed", "number_match")

# the page style, shared with the web page (checker serve links the same file)
CSS = Path(__file__).with_name("compare.css").read_text(encoding="utf-8")

JS = """
(function(){
function show(n, fromList){
  document.querySelectorAll('.active').forEach(function(e){e.classList.remove('active');});
  var marks = document.querySelectorAll('.x' + n);
  marks.forEach(function(e){e.classList.add('active');});
  document.querySelectorAll('.pane').forEach(function(p){
    var m = p.querySelector('.x' + n);
    if (m) { p.scrollTop = m.offsetTop - p.offsetTop - p.clientHeight / 3; }
  });
  var li = document.getElementById('x' + n);
  if (li) { li.classList.add('active');
    if (!fromList) { var l = li.parentNode; l.scrollTop = li.offsetTop - l.offsetTop - l.clientHeight / 3; } }
}
document.addEventListener('click', function(ev){
  var t = ev.target.closest('[data-x]');
  if (!t) { return; }
  ev.preventDefault();
  show(t.getAttribute('data-x'), t.tagName === 'A');
  history.replaceState(null, '', '#n' + t.getAttribute('data-x'));
});
// #nN (no element has that id, so the window stays put) opens finding N
if (location.hash.indexOf('#n') === 0) { show(location.hash.slice(2), false); }
})();
"""


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


CSP = (f"default-src 'none'; style-src '{_sha(CSS)}'; script-src '{_sha(JS)}'; img-src data:; "
       "base-uri 'none'; form-action 'none'")


def _doc_text(path: str, cwd: Path, cache: dict[str, str | None]) -> str | None:
    """The normalised text of a document the findings quote (offsets in findings index it);
    ``cache`` may hold it already (the web page passes the texts it has in memory)."""
    if path in cache:
        return cache[path]
    text = None
    p = Path(path)
    if not p.is_absolute():
        p = cwd / p
    if p.is_file():
        try:
            from checker.ingest import read

            text = read(p).text
        except Exception:  # an unreadable file: the page still shows the findings and quotes
            text = None
    cache[path] = text
    return text


def marked(text: str, spans: list[tuple[int, int, int, str]], prefix: str) -> str:
    """``text`` escaped, with ``<mark>`` over each span (start, end, number, status) and anchors."""
    cuts = {0, len(text)}
    for a, b, _, _ in spans:
        cuts.update((max(0, min(a, len(text))), max(0, min(b, len(text)))))
    points = sorted(cuts)
    starts: dict[int, list[int]] = {}
    for a, _, n, _ in spans:
        starts.setdefault(a, []).append(n)
    out: list[str] = []
    for a, b in pairwise(points):
        out.extend(f'<a class="anchor" id="{prefix}{n}"></a>' for n in starts.get(a, []))
        seg = escape(text[a:b])
        cover = [s for s in spans if s[0] <= a and b <= s[1] and s[0] < s[1]]
        if not cover:
            out.append(seg)
            continue
        issues = [s for s in cover if s[3] != "number_match"]
        main = min(issues or cover, key=lambda s: s[1] - s[0])
        classes = ["hl", f"k-{main[3]}" if issues else "pass"] + [f"x{s[2]}" for s in cover]
        out.append(f'<mark class="{" ".join(classes)}" data-x="{main[2]}">{seg}</mark>')
    return "".join(out)


def _pairs(findings: list[Any]) -> dict[tuple[str, str], list[Any]]:
    pairs: dict[tuple[str, str], list[Any]] = {}
    for f in findings:
        if f.kind != KIND or "summary_start" not in f.data:
            continue
        full = next((e.document for e in f.evidence if e.role == "full"), "")
        key = (f.document, full)
        pairs.setdefault(key, []).append(f)
    # findings without a report quote (added claims) join their summary's pair
    merged: dict[tuple[str, str], list[Any]] = {}
    for (s, full), fs in pairs.items():
        if not full:
            target = next((k for k in pairs if k[0] == s and k[1]), (s, ""))
            merged.setdefault(target, []).extend(fs)
        else:
            merged.setdefault((s, full), []).extend(fs)
    return merged


def _cut(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def correction_key(f: Any) -> tuple[int, int, int]:
    """What needs correcting first: errors, then warnings, then info; passes last; then by place."""
    return (1 if f.passed else 0, -SEVERITY_RANK.get(f.severity, 0), f.data.get("summary_start") or 0)


def finding_item(f: Any, n: int, lang: str | None = None) -> str:
    """One finding of the list: status, severity, detail and both quotes, linked to mark ``n``."""
    full_ev = next((e for e in f.evidence if e.role == "full"), None)
    d = f.data
    parts = [f'<li id="x{n}" class="k-{escape(f.status)} sev-{escape(f.severity)}" '
             f'data-status="{escape(f.status)}" data-severity="{escape(f.severity)}" '
             f'data-passed="{"1" if f.passed else "0"}">',
             f'<a href="#x{n}" data-x="{n}"><span class="st">{escape(status_name(f.status, lang))}</span> '
             f'<span class="sev">[{escape(severity_name(f.level, lang))}]</span> '
             f'{escape(detail(d, lang))}',
             f'<q>{escape(_cut(d.get("summary_quote", "")))}</q>'
             f'<span class="loc">{escape(t("web.summary_pane", lang))} {escape(location(f))}</span>']
    if full_ev is not None:
        parts.append(f'<q>{escape(_cut(full_ev.text))}</q>'
                     f'<span class="loc">{escape(t("web.report_pane", lang))} '
                     f'{escape(full_ev.document)}:{full_ev.line}:{full_ev.column}</span>')
    parts.append("</a></li>")
    return "".join(parts)


def pair_parts(fs: list[Any], first: int, s_text: str | None, f_text: str | None,
               lang: str | None = None, passes: bool = False) -> tuple[list[str], str, str, int]:
    """The finding items (needing correction first; passes too with ``passes``) and the two
    panes' marked-up texts of one summary/report pair; numbering starts at ``first``."""
    fs = sorted(fs, key=lambda f: (f.data.get("summary_start") or 0, ORDER.index(f.status)
                                   if f.status in ORDER else 99))
    s_spans, f_spans, items = [], [], []
    n = first
    for f in fs:
        d = f.data
        if passes or not f.passed:
            items.append((correction_key(f), finding_item(f, n, lang)))
        if d.get("summary_start") is not None:
            s_spans.append((d["summary_start"], d["summary_end"], n, f.status))
        if d.get("full_start") is not None:
            f_spans.append((d["full_start"], d["full_end"], n, f.status))
        n += 1
    gone = escape(t("web.error_expired", lang))
    s_body = marked(s_text, s_spans, "s") if s_text is not None else gone
    f_body = marked(f_text, f_spans, "f") if f_text is not None else gone
    return [html for _, html in sorted(items, key=lambda i: i[0])], s_body, f_body, n


def _pair_section(key: tuple[str, str], fs: list[Any], first: int, cwd: Path,
                  cache: dict[str, str | None], lang: str | None = None) -> tuple[str, int]:
    s_path, f_path = key
    s_text = _doc_text(s_path, cwd, cache)
    f_text = _doc_text(f_path, cwd, cache) if f_path else None
    items, s_body, f_body, n = pair_parts(fs, first, s_text, f_text, lang)
    panes = []
    # the report pane marks the omitted passage; the summary pane only underlines (CSS)
    for title, path, body, prefix in ((t("web.summary_pane", lang), s_path, s_body, "s"),
                                      (t("web.report_pane", lang), f_path, f_body, "f")):
        panes.append(f'<div class="pane pane-{prefix}"><h3>{escape(title)}: {escape(path or "-")}</h3>'
                     f'<div class="doc">{body}</div></div>')
    counts = Counter(f.status for f in fs)
    summary = " · ".join(f"{escape(status_name(s, lang))} {counts[s]}" for s in ORDER if counts.get(s))
    none = escape(t("compare.no_discrepancies", lang))
    html = (f'<h2>{escape(s_path)} ↔ {escape(f_path or "-")}</h2><p class="sum">{summary}</p>'
            f'<div class="pair"><ol class="findings">{"".join(items) or f"<li>{none}</li>"}</ol>'
            f'<div class="panes">{"".join(panes)}</div></div>')
    return html, n


def render(report: Report, lang: str | None = None, texts: dict[str, str] | None = None) -> str:
    """The page; ``texts`` (path → normalised text) spares reading documents again (the web app's
    uploads exist only in memory)."""
    lang = get_lang(lang)
    cache: dict[str, str | None] = dict(texts or {})
    findings = report.findings
    counts = Counter(f.status for f in findings if f.kind == KIND)
    sev = Counter(f.severity for f in findings if f.needs_attention)
    chips = [f"<li><b>{counts[s]}</b>{escape(status_name(s, lang))}</li>" for s in ORDER if counts.get(s)]
    chips += [f"<li><b>{n}</b>{escape(severity_name(s, lang))}</li>" for s, n in sorted(sev.items())]
    sections = []
    n = 1
    for key, fs in _pairs(findings).items():
        html, n = _pair_section(key, fs, n, report.cwd, cache, lang)
        sections.append(html)
    others = [f for f in report.attention if f.kind != KIND]
    other_html = ""
    if others:
        rows = "".join(
            f"<tr><td>{escape(severity_name(f.level, lang))}</td><td>{escape(location(f))}</td>"
            f"<td>{escape(f.rule)}</td><td>{escape(status_name(f.status, lang))}</td>"
            f"<td>{escape(one_line(f.message))}</td><td>"
            + "<br>".join(f"{escape(e.document)}:{e.line} {escape(e.text)}" for e in f.evidence[:4])
            + "</td></tr>" for f in others)
        heads = "".join(f"<th>{escape(h)}</th>" for h in
                        (t("header.level", lang), t("header.location", lang), t("header.rule", lang),
                         t("header.status", lang), t("header.message", lang), t("header.quote", lang)))
        other_html = f"<table class=\"other\"><tr>{heads}</tr>{rows}</table>"
    names = " · ".join(escape(f"{s} ↔ {f}") for s, f in _pairs(findings)) or "checker findings"
    return (
        f"<!DOCTYPE html>\n<html lang=\"{'zh-CN' if lang == 'zh' else 'en'}\">"
        "<head><meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>checker — {names}</title>\n<style>{CSS}</style></head>\n<body>\n"
        f"<header><h1>{escape(t('web.title', lang))}</h1><div>{escape(report.summary_line(lang))}</div>"
        f"<ul class=\"counts\">{''.join(chips)}</ul></header>\n"
        + "\n".join(sections) + other_html
        + f"\n<footer>{escape(t('web.footer', lang))}</footer>\n"
        f"<script>{JS}</script>\n</body></html>\n"
    )
