"""The ``checker compare --format html`` page in a real headless browser (Debian's chromium).

The page must render, carry the highlights (in the rendered DOM, not only in the file), show a
summary's markup and ``<script>`` as text, and never run them; the page's own script (allowed by its
Content-Security-Policy hash) does run. ``make test`` installs chromium when it is missing; without
it these tests skip, except under CI where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app

ROOT = Path(__file__).resolve().parent.parent
FULL = str(ROOT / "seeds" / "beijing-2024-report.txt")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INJECTED = (
    "<script>document.title='pwned';"
    "document.body.insertAdjacentHTML('beforeend','<p id=\"pwned\">ran</p>')</script>\n"
    "<b id=\"bold\">粗体</b><img id=\"img\" src=\"x\" onerror=\"document.title='img'\">\n"
)
SUMMARY = (
    "# 一文读懂：一般公共预算收入增长9.2%\n"
    "**报告提出，全市地区生产总值增长5.2%、约4.4万亿元，一般公共预算收入增长9.2%、突破6000亿元，"
    "城镇调查失业率4.4%，居民消费价格总体平稳。**\n" + INJECTED +
    "报告提出，要下大力气激发有潜力的消费。\n"
)

needs_browser = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium not installed (make test installs it: apt-get install chromium)")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    assert CHROMIUM, "chromium is not installed (make test installs it)"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("html")
    summary = tmp / "summary.md"
    summary.write_text(SUMMARY, encoding="utf-8")
    out = tmp / "compare.html"
    result = CliRunner().invoke(app, ["compare", str(summary), FULL, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _text_content(html: str) -> str:
    """What a reader sees: the markup removed, entities decoded."""
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))


def test_page_is_self_contained_and_escaped(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script>document.title='pwned'" in _text_content(html)   # shown as text
    assert "<script>document.title" not in html
    assert '<b id="bold">' not in html and '<img id="img"' not in html
    assert not re.search(r"<(?:link|iframe|object|embed)\b", html)
    assert not re.search(r"(?:src|href)=\"https?:", html)  # nothing fetched
    assert html.count("<script>") == 1                       # the page's own, hash-allowed


@needs_browser
def test_browser_renders_highlights_and_runs_no_injected_script(page: Path, tmp_path: Path) -> None:
    done = _chromium(tmp_path, "--dump-dom", page.as_uri() + "#n1")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<mark" in dom and "k-number_mismatch" in dom   # 8.2% → 9.2% highlighted
    assert "k-wording_changed" in dom                        # 有潜能 → 有潜力
    marks = re.findall(r'<mark class="([^"]*)"', dom)
    assert any("k-number_mismatch" in m for m in marks)
    # the injected markup is text, and none of it ran
    assert "<script>document.title='pwned'" in _text_content(dom)    # visible as text
    assert '<p id="pwned">' not in dom                      # the script would have added it
    assert '<b id="bold">' not in dom and '<img id="img"' not in dom
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert title.startswith("checker") and "pwned" not in title and title != "img"
    # the page's own script ran (CSP allows it by hash): the finding in the URL is active
    assert re.search(r'class="[^"]*\bactive\b', dom)


@needs_browser
def test_browser_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "compare.png"
    done = _chromium(tmp_path, "--window-size=1400,900", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
