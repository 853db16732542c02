"""``checker serve`` in a real headless browser (Debian's Chromium through Selenium).

A live uvicorn on 127.0.0.1 at a free port; the browser pastes a summary, reads the result with the
errors first, filters, opens the goals and figures pages, downloads the CSV; markup in a summary
shows as text and runs nothing; an oversized upload gets the clear message; 20 comparisons sent at
once all come back right. ``make test`` installs chromium and chromedriver when they are missing.
"""

from __future__ import annotations

import concurrent.futures
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from webpage import BROWSER_MISSING, CHROMEDRIVER, CHROMIUM, ROOT, chrome, live_server

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason=BROWSER_MISSING)

HIGHLIGHTS = (ROOT / "seeds" / "beijing-2024-highlights.txt").read_text(encoding="utf-8")
MAX_BYTES = 400_000


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with live_server(max_bytes=MAX_BYTES) as base:
        yield base


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Any]:
    driver = chrome(download_dir=downloads)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _paste_and_compare(browser: Any, server: str, text: str, report: str = "bj-2024-report") -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/compare")
    box = browser.find_element(By.ID, "summary_text")
    browser.execute_script("arguments[0].value = arguments[1];", box, text[:-200])
    box.send_keys(text[-200:])  # typed as a person would, for the last part
    Select(browser.find_element(By.ID, "full_id")).select_by_value(report)
    browser.find_element(By.ID, "compare-submit").click()
    browser.find_element(By.ID, "findings")


def _absent(browser: Any, by: str, selector: str) -> bool:
    """No such element now (without the implicit wait for elements to appear)."""
    browser.implicitly_wait(0)
    try:
        return not browser.find_elements(by, selector)
    finally:
        browser.implicitly_wait(60)


def _visible_rows(browser: Any) -> list[Any]:
    from selenium.webdriver.common.by import By

    rows = browser.find_elements(By.CSS_SELECTOR, "#findings li[data-status]")
    return [li for li in rows if li.is_displayed()]


def test_paste_errors_first_then_filter(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    _paste_and_compare(browser, server, HIGHLIGHTS.replace("增长5.2%", "增长6.2%", 1))
    rows = _visible_rows(browser)
    assert rows[0].get_attribute("data-status") == "number_mismatch"
    assert "5.2%" in rows[0].text and "6.2%" in rows[0].text
    assert not [r for r in rows if r.get_attribute("data-passed") == "1"]  # matches hidden at first
    rows[0].find_element(By.TAG_NAME, "a").click()  # both texts show the passage
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.active")
    assert {m.find_element(By.XPATH, "ancestor::div[contains(@class,'doc')]").get_attribute("id")
            for m in marks} == {"summary-doc", "full-doc"}
    warnings = sum(r.get_attribute("data-severity") == "warning" for r in rows)
    assert warnings > 0
    browser.find_element(By.CSS_SELECTOR, ".f-severity[value=warning]").click()
    after = _visible_rows(browser)
    assert len(after) == len(rows) - warnings
    assert all(r.get_attribute("data-severity") != "warning" for r in after)
    browser.find_element(By.ID, "show-passes").click()
    assert any(r.get_attribute("data-status") == "number_match" for r in _visible_rows(browser))
    assert _absent(browser, By.ID, "not-retold")


def test_wrong_report_banner_comes_before_the_findings(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    _paste_and_compare(browser, server, HIGHLIGHTS, "bj-2022-report")
    banner = browser.find_element(By.ID, "not-retold")
    findings = browser.find_element(By.ID, "findings")
    assert banner.is_displayed() and banner.location["y"] < findings.location["y"]


def test_csv_download_has_the_bom_and_chinese(browser: Any, server: str, downloads: Path) -> None:
    from selenium.webdriver.common.by import By

    _paste_and_compare(browser, server, HIGHLIGHTS)
    browser.find_element(By.ID, "dl-csv").click()
    deadline = time.monotonic() + 20
    while not list(downloads.glob("*.csv")) and time.monotonic() < deadline:
        time.sleep(0.2)
    [path] = downloads.glob("*.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "有遗漏" in raw.decode("utf-8") or "item_omitted" in raw.decode("utf-8")
    assert "地区生产总值" in raw.decode("utf-8")


def test_markup_in_a_summary_shows_as_text_and_runs_nothing(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    hostile = ('<script>window.pwned = 1; document.title = "pwned"</script>'
               '<img src=x onerror="window.pwned = 2">')
    _paste_and_compare(browser, server, HIGHLIGHTS + "\n" + hostile + "\n")
    text = browser.find_element(By.ID, "summary-doc").text
    assert "<script>window.pwned = 1;" in text and 'onerror="window.pwned = 2">' in text
    assert browser.execute_script("return window.pwned === undefined") is True
    assert browser.title != "pwned"
    assert _absent(browser, By.CSS_SELECTOR, "#summary-doc script, #summary-doc img")


def test_oversized_upload_gets_the_clear_message(browser: Any, server: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    big = tmp_path / "很长的摘要.txt"
    big.write_text("新增3万个中小学学位。\n" * 30_000, encoding="utf-8")  # ~1 MB > 400 kB
    browser.get(server + "/compare?lang=en")
    browser.find_element(By.ID, "summary_file").send_keys(str(big))
    browser.find_element(By.ID, "compare-submit").click()
    message = browser.find_element(By.ID, "error").text
    assert message.startswith("The submission is too large") or message.startswith("File too large")
    assert "Traceback" not in browser.page_source


def test_goals_page_not_reported_first_and_filter(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/goals")
    browser.find_element(By.ID, "goals-submit").click()
    rows = browser.find_elements(By.CSS_SELECTOR, "#goals tbody tr")
    assert rows[0].get_attribute("data-status") == "not_reported"
    assert any("新增中小学学位2.8万个" in r.text for r in rows)
    browser.find_element(By.CSS_SELECTOR, ".f-status[value=not_reported]").click()
    shown = [r for r in rows if r.is_displayed()]
    assert shown and all(r.get_attribute("data-status") != "not_reported" for r in shown)
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    table = browser.find_element(By.ID, "goals")
    browser.find_element(By.ID, "lang-switch").click()
    WebDriverWait(browser, 60).until(expected_conditions.staleness_of(table))
    assert "Goals" in browser.find_element(By.ID, "nav-goals").text
    assert "not reported" in browser.find_element(By.ID, "goals").text


def test_figures_page_draws_the_chart(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(server + "/figures")
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    first = browser.find_element(By.ID, "chart")
    Select(browser.find_element(By.ID, "metric")).select_by_value("森林覆盖率")
    browser.find_element(By.ID, "figures-submit").click()
    WebDriverWait(browser, 60).until(expected_conditions.staleness_of(first))
    chart = browser.find_element(By.ID, "chart")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", chart) > 300
    assert "2025" in browser.find_element(By.TAG_NAME, "main").text
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # no CSP refusal, no 404


def _post_compare(server: str, text: str) -> str:
    body = urllib.parse.urlencode({"summary_text": text, "full_id": "bj-2024-report"}).encode()
    request = urllib.request.Request(server + "/compare?lang=en", data=body, method="POST")
    with urllib.request.urlopen(request, timeout=120) as response:  # follows the 303 to the result
        return response.read().decode("utf-8")


def test_twenty_concurrent_comparisons_answer_correctly(server: str) -> None:
    base = "\n".join(HIGHLIGHTS.splitlines()[:40])
    assert "增长5.2%" in base
    # each visitor changes the growth rate to a value of their own: 5.3% … 7.2%
    rates = [f"{5.3 + i / 10:.1f}%" for i in range(20)]
    texts = {rate: base.replace("增长5.2%", f"增长{rate}", 1) for rate in rates}
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        pages = dict(zip(texts, pool.map(lambda t: _post_compare(server, t), texts.values()), strict=True))
    for mine, page in pages.items():
        assert f"5.2% → {mine}" in page, mine
        others = [v for v in texts if v != mine and f"→ {v}" in page]
        assert not others, (mine, others)
