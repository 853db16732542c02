"""``make screenshots``: the compare, goals and figures pages as the README shows them
(docs/web-compare.png, docs/web-goals.png, docs/web-figures.png), taken by the test browser."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from webpage import ROOT, chrome, live_server


def main(out: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    summary = (ROOT / "seeds" / "beijing-2024-highlights.txt").read_text(encoding="utf-8")
    with live_server() as base:
        driver = chrome(width=1500, height=950)
        try:
            driver.get(base + "/compare")
            driver.execute_script("document.getElementById('summary_text').value = arguments[0];", summary)
            Select(driver.find_element(By.ID, "full_id")).select_by_value("bj-2024-report")
            driver.find_element(By.ID, "compare-submit").click()
            driver.find_element(By.ID, "findings").find_element(By.CSS_SELECTOR, "li a").click()
            time.sleep(0.3)
            driver.save_screenshot(str(out / "web-compare.png"))
            driver.get(base + "/goals")
            driver.find_element(By.ID, "goals-submit").click()
            driver.find_element(By.ID, "goals")
            driver.save_screenshot(str(out / "web-goals.png"))
            driver.get(base + "/figures?metric=森林覆盖率")
            driver.find_element(By.ID, "chart")
            driver.save_screenshot(str(out / "web-figures.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    target.mkdir(exist_ok=True)
    main(target)
