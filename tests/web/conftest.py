"""Browser fixtures: a real uvicorn server over a sample store, and headless Chromium.

Debian's chromium is driven through Playwright (never ``playwright install``); the
tests skip when /usr/bin/chromium is absent. Each test saves screenshots of its view
under ``build/screenshots/``.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

# the sample articles are shared with the API tests
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))
from browser_support import CHROMIUM, CHROMIUM_ARGS, TOKEN, Server
from workbench_data import fill

from thucydides.api import create_app
from thucydides.store import Store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """A dashboard server on a free loopback port, over a fresh sample database."""
    store = fill(Store.open(f"sqlite:///{tmp_path / 'workbench.db'}"))
    port = _free_port()
    config = uvicorn.Config(create_app(store, token=TOKEN), host="127.0.0.1", port=port, log_level="warning")
    uvi = uvicorn.Server(config)
    thread = threading.Thread(target=uvi.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uvi.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield Server(url=f"http://127.0.0.1:{port}", store=store, token=TOKEN)
    uvi.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; console errors and CSP violations are collected in ``page.problems``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    opened.on("pageerror", lambda exc: problems.append(str(exc)))
    opened.problems = problems
    yield opened
    context.close()
