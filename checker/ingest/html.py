"""HTML: the article text, with block structure as line breaks (stdlib html.parser).

Scripts, styles, navigation, headers, footers, asides, forms and hidden elements are dropped, and
so are elements whose class or id names them (``<div class="nav">``, ``id="footer"``: many
government sites use plain divs); when the page has an ``<article>`` (or ``<main>``), only its text
is kept. Every extracted
character keeps its offset in the HTML source, so locations are line:column in the .html file.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from checker.ingest.loaded import Loaded

_SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
         "head", "svg", "iframe", "object", "button", "select", "canvas", "menu"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "figure",
          "figcaption", "hr", "address", "center", "caption", "tbody", "thead", "body"}
_NOISE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|header|breadcrumbs?|crumbs?|sidebar|share|copyright|"
    r"toolbar|banner|advert|ads)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CELLS = {"td", "th"}  # table cells: a space, so 2023 | 2024 do not run together
_CONTENT_ROOTS = ("article", "main")
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
         "track", "wbr", "param"}


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self._line_starts.append(i + 1)
        # The element being skipped (and how deep it nests in itself): only its own end tag ends the
        # skip, so unclosed <li>/<p> inside a <nav> cannot swallow the rest of the page.
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.pre = 0
        self.root_depth = {name: 0 for name in _CONTENT_ROOTS}
        # text kept everywhere, and text kept inside article/main
        self.chars: dict[str, list[str]] = {"all": [], "article": [], "main": []}
        self.origin: dict[str, list[int]] = {"all": [], "article": [], "main": []}

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _emit(self, text: str, offsets: list[int]) -> None:
        if self.skip_tag:
            return
        targets = ["all"] + [name for name in _CONTENT_ROOTS if self.root_depth[name]]
        for key in targets:
            self.chars[key].extend(text)
            self.origin[key].extend(offsets)

    def _newline(self) -> None:
        if self.skip_tag:
            return
        off = self._offset()
        for key in ["all"] + [name for name in _CONTENT_ROOTS if self.root_depth[name]]:
            if self.chars[key] and self.chars[key][-1] != "\n":
                self.chars[key].append("\n")
                self.origin[key].append(off)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br":
                self._newline()
            return
        if self.skip_tag:
            if tag == self.skip_tag:
                self.skip_depth += 1
            elif self.skip_tag == "head" and tag == "body":  # </head> left out
                self.skip_tag = None
            if self.skip_tag:
                return
        if tag in _SKIP or _is_noise(attrs):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag in _BLOCK:
            self._newline()
        elif tag in _CELLS:
            self._emit(" ", [self._offset()])
        if tag == "pre":
            self.pre += 1
        if tag in self.root_depth:
            self.root_depth[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skip_tag:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        if tag in _BLOCK:
            self._newline()
        if tag == "pre" and self.pre:
            self.pre -= 1
        if self.root_depth.get(tag):
            self.root_depth[tag] -= 1

    def handle_data(self, data: str) -> None:
        if self.skip_tag or not data:
            return
        start = self._offset()
        if not self.pre:
            # Source line breaks inside a block are just whitespace.
            data = data.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        self._emit(data, list(range(start, start + len(data))))

    def handle_entityref(self, name: str) -> None:
        self._emit(html.unescape(f"&{name};"), [self._offset()] * len(html.unescape(f"&{name};")))

    def handle_charref(self, name: str) -> None:
        ch = html.unescape(f"&#{name};")
        self._emit(ch, [self._offset()] * len(ch))


def _is_noise(attrs: list[tuple[str, str | None]]) -> bool:
    """Hidden, or named as page furniture by its class/id (nav, footer, share, …)."""
    for key, value in attrs:
        if key == "hidden" or (key == "aria-hidden" and value == "true"):
            return True
        if key == "style" and value and "display:none" in value.replace(" ", "").lower():
            return True
        if key in ("class", "id") and value and _NOISE.search(value):
            return True
    return False


def load_html(source: str, encoding: str) -> Loaded:
    """Extract the article text of ``source`` (the decoded HTML)."""
    parser = _Extractor(source)
    parser.feed(source)
    parser.close()
    key = next((k for k in _CONTENT_ROOTS if "".join(parser.chars[k]).strip()), "all")
    raw = "".join(parser.chars[key])
    origin = [*parser.origin[key], len(source)]
    return Loaded(source=source, raw=raw, format="html", encoding=encoding, raw_origin=origin)
