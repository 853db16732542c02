"""ingest.read(): every format gives the same text, detected by content; locations point into each file;
bad inputs fail with one clear line. Fixtures: tests/fixtures/docs (tests/fixtures/make_fixtures.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.errors import CheckerError, InputError
from checker.ingest import read
from checker.model import DocMeta
from checker.normalize import normalize

# the English wording is asserted here (CHECKER_LANG=en); the Chinese in test_lang_audit
pytestmark = pytest.mark.usefixtures("english")

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "tests" / "fixtures" / "docs"
BAD = DOCS / "bad"
REFERENCE = DOCS / "excerpt-2024.txt"

# file -> (format, encoding)
FORMATS = {
    "excerpt-2024.txt": ("txt", "utf-8"),
    "excerpt-2024-gbk.txt": ("txt", "gb18030"),
    "excerpt-2024-utf16.txt": ("txt", "utf-16"),
    "excerpt-2024.html": ("html", "utf-8"),
    "excerpt-2024.docx": ("docx", "utf-8"),
    "excerpt-2024.pdf": ("pdf", "pdf"),
}


@pytest.fixture(scope="module")
def reference_text() -> str:
    return normalize(REFERENCE.read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize("name", list(FORMATS))
def test_same_text_in_every_format(name: str, reference_text: str) -> None:
    doc = read(DOCS / name)
    assert (doc.format, doc.encoding) == FORMATS[name]
    assert doc.text == reference_text
    assert doc.match_text == doc.text  # simplified script already
    assert doc.meta.id == (DOCS / name).stem
    assert "城镇新增就业28.1万人" in doc.text and "超过270个" in doc.text


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_character_locates_in_the_source(name: str) -> None:
    """line:col of each normalised character holds that character in the source text of the file."""
    doc = read(DOCS / name)
    src_lines = doc.sourcemap.source_text.split("\n")
    pages = doc.sourcemap.page_starts
    for i, ch in enumerate(doc.text):
        if ch.isspace():
            continue
        loc = doc.locate(i)
        if pages:  # PDF: the page is named too
            assert loc.page is not None and pages[loc.page - 1] <= doc.sourcemap.source_offset(i)
        src = src_lines[loc.line - 1][loc.column - 1]
        if name.endswith(".html") and src == "&":
            continue  # an entity (&ldquo;) stands for the character
        assert src == ch, (i, ch, loc, src)


def test_html_locations_are_in_the_html_file() -> None:
    """The .html fixture: line:col names the place in the markup file itself."""
    path = DOCS / "excerpt-2024.html"
    doc = read(path)
    file_lines = path.read_text(encoding="utf-8").split("\n")
    for quote in ("城镇新增就业28.1万人", "2315万平方米", "“23·7”极端"):
        start = doc.text.index(quote)
        for k, ch in enumerate(quote):
            loc = doc.locate(start + k)
            held = file_lines[loc.line - 1][loc.column - 1 :]
            assert held.startswith(ch) or (ch in "“”" and held.startswith(("&ldquo;", "&rdquo;"))), (ch, loc)


def test_html_drops_scripts_and_navigation() -> None:
    doc = read(DOCS / "excerpt-2024.html")
    noise = ("var stats", "99万人", "首页", "要闻动态", "版权所有", "相关阅读", "分享", "font-size",
             "首都之窗")
    for word in noise:
        assert word not in doc.text
    assert "&ldquo;" not in doc.text and "“23·7”" in doc.text


def test_pdf_pages() -> None:
    doc = read(DOCS / "excerpt-2024.pdf")
    assert len(doc.sourcemap.page_starts) >= 2 and doc.sourcemap.page_starts[0] == 0
    first, last = doc.locate(0), doc.locate(len(doc.text) - 1)
    assert (first.page, first.column) == (1, 1) and first.line <= 3  # after the running head
    assert last.page == len(doc.sourcemap.page_starts)
    end = doc.sourcemap.source_offset(len(doc.text) - 1)
    assert last.line == doc.sourcemap.source_text.count("\n", 0, end) + 1  # one numbering for all pages
    # Page furniture (running head, "— 2 —") is in the source but not in the text.
    assert "— 2 —" in doc.sourcemap.source_text and "—2—" not in doc.text
    assert "节选" in doc.sourcemap.source_text and "节选" not in doc.text


def test_txt_location_of_a_pdf_break() -> None:
    """``28.1⏎万人`` in the seed: the 万 is located on the next line of the file, column 1."""
    path = DOCS / "excerpt-2024.txt"
    doc = read(path)
    i = doc.text.index("28.1万人") + len("28.1")
    loc = doc.locate(i)
    line = path.read_text(encoding="utf-8").split("\n")[loc.line - 1]
    assert loc.column == 1 and line.startswith("万人")
    assert path.read_text(encoding="utf-8").split("\n")[loc.line - 2].endswith("28.1")


def test_format_detected_by_content_not_extension(tmp_path: Path) -> None:
    renamed = (("excerpt-2024.html", "page.txt", "html"), ("excerpt-2024.pdf", "report.txt", "pdf"),
               ("excerpt-2024.docx", "report.bin", "docx"), ("excerpt-2024-gbk.txt", "x.html", "txt"))
    for src, fake, fmt in renamed:
        shutil.copy(DOCS / src, tmp_path / fake)
        assert read(tmp_path / fake).format == fmt, src


def test_encodings_detected(tmp_path: Path) -> None:
    text = "（一）經濟增長 5.2%，城镇新增就业 28.1 万人。\n"
    for enc, expect in (("utf-8-sig", "utf-8"), ("utf-16-be", "utf-16"), ("gb18030", "gb18030"),
                        ("big5", "big5")):
        sample = text if enc != "big5" else "（一）經濟增長 5.2%，城鎮新增就業 28.1 萬人。\n"
        data = sample.encode(enc)
        if enc == "utf-16-be":
            data = b"\xfe\xff" + data
        (tmp_path / "doc.txt").write_bytes(data)
        doc = read(tmp_path / "doc.txt")
        assert doc.encoding == expect, enc
        assert doc.text.startswith("（一）")


def test_traditional_kept_and_simplified_for_matching(tmp_path: Path) -> None:
    (tmp_path / "trad.md").write_text("# 經濟發展\n\n城鎮新增就業 28.1 萬人。\n", encoding="utf-8")
    doc = read(tmp_path / "trad.md")
    assert doc.format == "md"
    assert doc.text == "# 經濟發展\n城鎮新增就業28.1萬人。"
    assert doc.match_text == "# 经济发展\n城镇新增就业28.1万人。"


def test_crlf_and_bom_locations(tmp_path: Path) -> None:
    (tmp_path / "win.txt").write_bytes("\ufeff一、回顾\r\n\r\n新增 2 万个学位。\r\n".encode())
    doc = read(tmp_path / "win.txt")
    assert doc.text == "一、回顾\n新增2万个学位。"
    loc = doc.locate(doc.text.index("2"))
    assert (loc.line, loc.column) == (3, 4)


def test_meta_given_is_kept() -> None:
    meta = DocMeta(id="bj-2024", kind="report", year=2024)
    assert read(REFERENCE, meta).meta is meta


BAD_INPUTS = {
    "empty.txt": "empty file",
    "whitespace.txt": "empty file (only whitespace)",
    "binary.txt": "a binary file, not a text document",
    "scanned.pdf": "PDF has no text layer (scanned?); run OCR first",
    "undecodable.txt": "undecodable bytes",
}


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_one_clear_line(name: str) -> None:
    with pytest.raises(InputError) as err:
        read(BAD / name)
    msg = str(err.value)
    assert msg.startswith(f"{BAD / name}: ") and BAD_INPUTS[name] in msg
    assert "\n" not in msg
    assert err.value.exit_code == 2 and isinstance(err.value, CheckerError)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)


def test_other_containers_refused(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="ZIP archive"):
        read(tmp_path / "a.zip")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"legacy Office file"):
        read(tmp_path / "old.doc")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(InputError, match="PDF"):
        read(tmp_path / "broken.pdf")


def test_html_without_article_text(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text(
        "<html><body><nav>首页</nav><script>var a = '新增2万个';</script></body></html>", encoding="utf-8"
    )
    with pytest.raises(InputError, match="no text found in the HTML"):
        read(tmp_path / "empty.html")


def test_text_that_mentions_pdf_is_text(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("文件头 %PDF-1.4 的说明。\n", encoding="utf-8")
    assert read(tmp_path / "note.md").format == "md"


def test_pdf_page_furniture_rules() -> None:
    from checker.ingest.pdf import _without_furniture

    pages = ["报告\n— 1 —\n第一页正文，\n", "报告\n第二页正文。\n第 2 页\n", "报告\n第三页。\n3/3\n"]
    starts = [0, len(pages[0]), len(pages[0]) + len(pages[1])]
    raw, origin = _without_furniture(pages, starts)
    assert raw == "第一页正文，\n第二页正文。\n第三页。\n"
    source = "".join(pages)
    assert all(source[o] == c for c, o in zip(raw, origin, strict=False))


def test_html_div_page_with_named_furniture(tmp_path: Path) -> None:
    """Plain-div pages: furniture named by class/id is dropped; unclosed <li> in it swallows nothing."""
    page = (
        "<html><head><title>标题</title><body>\n"
        '<div class="top-nav"><ul><li>首页<li>要闻 2024</ul></div>\n'
        '<div id="content"><p>城镇新增就业 28.1 万人<p>新增中小学学位 2.8 万个</div>\n'
        '<div class="footer">版权所有 2024</div><div class="share-box">分享 100 次</div>\n'
        "</body></html>\n"
    )
    (tmp_path / "page.htm").write_text(page, encoding="gb18030")
    doc = read(tmp_path / "page.htm")
    assert (doc.format, doc.encoding) == ("html", "gb18030")
    assert doc.text == "城镇新增就业28.1万人\n新增中小学学位2.8万个"
    loc = doc.locate(doc.text.index("28.1"))
    assert page.split("\n")[loc.line - 1][loc.column - 1 :].startswith("28.1")
