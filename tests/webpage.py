"""Helpers for the web page tests and screenshots: a live uvicorn server on 127.0.0.1 at a free
port, and Debian's headless Chromium driven by Selenium (no browser download)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
BROWSER_MISSING = ("chromium or chromedriver not installed (make test installs them: "
                   "apt-get install chromium chromium-driver fonts-wqy-microhei)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings(max_bytes: int | None = None) -> Any:
    """Server settings over the seeds' manifest."""
    from checker.web.app import Settings
    from checker.web.library import Library

    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    return Settings(Library.load([ROOT / "seeds" / "corpus.yaml"]), **kwargs)


@contextmanager
def live_server(max_bytes: int | None = None) -> Iterator[str]:
    """uvicorn serving the app on 127.0.0.1 in a thread; yields the base URL; stops on exit."""
    import uvicorn

    from checker.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings(max_bytes)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def chrome(download_dir: Path | None = None, width: int = 1500, height: int = 1000) -> Any:
    """A headless Chromium under Selenium, with the system's chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or "chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", f"--window-size={width},{height}", "--hide-scrollbars"):
        options.add_argument(arg)
    if download_dir is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                                  "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER or "chromedriver"), options=options)
    driver.implicitly_wait(60)  # a result page waits for its comparison (slow on a busy machine)
    return driver
