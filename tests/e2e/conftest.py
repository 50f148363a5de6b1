"""Browser tests: the real app served by uvicorn on 127.0.0.1, driven by Debian's Chromium
through Playwright's sync API.

- `browser` (session): Playwright started once, Chromium from /usr/bin/chromium with the flags
  of TOOLING.md. Without Playwright or Chromium the browser tests are skipped locally and
  fail in CI (CI set), as PostgreSQL is in tests/conftest.py.
- `live_server` (per test): a fresh SQLite file in `tmp_path` holding the sample search (filled
  once per session, then copied), the clock stopped at `NOW`, `create_app(settings)` served
  by uvicorn in a thread on a port bound here. An error logged by the app fails the test.
- `page` (per test): a new browser context (1280×800, `base_url` set). An uncaught script
  error or a Content Security Policy violation fails the test.
- `expect`: Playwright's, imported lazily (`from tests.e2e.conftest import expect`), so that
  the test modules import without Playwright.
- `shots`: `shots(page, "agenda-desktop")` saves a full-page screenshot under
  tests/e2e/artifacts/ (or $AFTERVIEW_ARTIFACTS); the run's summary says where.

pytest-playwright is not used (it clashes with pytest 9); pyproject's addopts block it with
`-p no:playwright` in case it is installed.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sqlite3
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from tests.conftest import NOW

if TYPE_CHECKING:
    from fastapi import FastAPI
    from playwright.sync_api import Browser, ConsoleMessage, Page, ViewportSize
    from playwright.sync_api import expect as expect

    from afterview.services.workspace import Workspace
else:

    def expect(*args: object, **kwargs: object) -> object:
        """Playwright's `expect`, imported when first used: a missing Playwright then skips
        (or in CI fails) through the `browser` fixture instead of breaking collection."""
        from playwright.sync_api import expect as playwright_expect

        return playwright_expect(*args, **kwargs)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).parent / "artifacts"
STARTUP_TIMEOUT = 10.0
# Loggers whose errors mean the server failed a request (the app logs unexpected errors on
# afterview.web; uvicorn logs what escapes the app on uvicorn.error).
SERVER_LOGGERS = ("afterview", "uvicorn.error")
_shots_key = pytest.StashKey[list[Path]]()


def check_fits(
    page: Page, path: str, shots: Callable[[Page, str], Path], shot: str | None = None
) -> None:
    """Open `path` at desktop and phone size: it answers 200 and never scrolls sideways;
    `shot` names its screenshots (`{shot}-desktop`, `{shot}-phone`)."""
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        response = page.goto(path)
        assert response is not None
        assert response.status == 200
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path} scrolls sideways at {viewport}: {widths}"
        if shot:
            shots(page, f"{shot}-{size}")


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"Browser tests are required in CI: {reason}", pytrace=False)
    pytest.skip(f"Browser tests need Chromium and Playwright: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Chromium, once per session."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        _unavailable(f"the playwright package is missing ({error}); pip install -e '.[test]'")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
            )
        except Error as error:
            _unavailable(f"Chromium at {CHROMIUM} did not start: {error.message}")
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def sample_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the sample search at `NOW`, filled once (≈ 2 s) and copied for
    each test. Filled with the same isolated folders that every test gets."""
    from afterview.config import load_settings
    from afterview.services.demo import fill_with_sample_data
    from afterview.services.workspace import Workspace

    folder = tmp_path_factory.mktemp("e2e-sample")
    path = folder / "sample.db"
    with pytest.MonkeyPatch.context() as env:
        for name in list(os.environ):
            if name.startswith("AFTERVIEW_"):
                env.delenv(name)
        env.setenv("AFTERVIEW_CONFIG_DIR", str(folder / "config"))
        env.setenv("AFTERVIEW_DATA_DIR", str(folder / "data"))
        ws = Workspace.open(load_settings(database_url=f"sqlite:///{path}", now=NOW))
        try:
            fill_with_sample_data(ws)
        finally:
            ws.db.dispose()
    return path


@dataclass
class LiveServer:
    url: str
    workspace: Workspace
    errors: list[logging.LogRecord] = field(default_factory=list)
    app: FastAPI | None = None  # to move its clock: app.state.workspace = workspace.at(...)


class _Collect(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


@pytest.fixture
def live_server(tmp_path: Path, sample_database: Path) -> Iterator[LiveServer]:
    """The app on a fresh copy of the sample search, at http://127.0.0.1:<free port>/."""
    import uvicorn

    from afterview.config import load_settings
    from afterview.web.app import create_app

    path = tmp_path / "e2e.db"
    with (
        contextlib.closing(sqlite3.connect(sample_database)) as source,
        contextlib.closing(sqlite3.connect(path)) as copy,
    ):
        source.backup(copy)
    app = create_app(load_settings(database_url=f"sqlite:///{path}", now=NOW))

    from afterview.web.server import listening_socket

    listener = listening_socket("127.0.0.1", 0)
    listener.listen(64)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    # log_config=None: leave the process's logging alone; records reach pytest's capture.
    config = uvicorn.Config(
        app, log_config=None, log_level="warning", access_log=False, lifespan="on", ws="none"
    )
    server = uvicorn.Server(config)
    live = LiveServer(url, app.state.workspace, app=app)
    collect = _Collect(live.errors)
    for name in SERVER_LOGGERS:
        logging.getLogger(name).addHandler(collect)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="e2e-uvicorn", daemon=True
    )
    thread.start()
    try:
        _wait_until_answering(url, server, thread)
        yield live
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
        for name in SERVER_LOGGERS:
            logging.getLogger(name).removeHandler(collect)
        # The app's start-up freezes its heap (gc.freeze, TOOLING.md); one process serves
        # many apps here, so give the frozen objects back to the collector.
        gc.unfreeze()
    assert not thread.is_alive(), "the test server did not stop within 10 s"
    problems = [collect.format(record) for record in live.errors]
    assert not problems, "the server logged errors:\n" + "\n\n".join(problems)


def _wait_until_answering(url: str, server: object, thread: threading.Thread) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if not thread.is_alive():
            pytest.fail("the test server stopped during start-up (see the captured log)")
        if getattr(server, "started", False):
            try:
                with urllib.request.urlopen(f"{url}/api/csrf", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
        time.sleep(0.02)
    pytest.fail(f"the test server did not answer at {url} within {STARTUP_TIMEOUT:.0f} s")


@dataclass
class BrowserLog:
    """What the page said on its console and the script errors it raised."""

    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        """Console errors and uncaught script errors, but for the browser's own request for
        /favicon.ico (test_agenda.py::test_the_pages_name_an_icon covers that)."""
        console = [
            f"{m.text} ({m.location.get('url')})"
            for m in self.console
            if m.type == "error" and not str(m.location.get("url", "")).endswith("/favicon.ico")
        ]
        return console + self.page_errors

    def csp_violations(self) -> list[str]:
        return [m.text for m in self.console if "Content Security Policy" in m.text]


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer, browser_log: BrowserLog) -> Iterator[Page]:
    """A fresh context per test (no cookies shared), desktop-sized, on the live server."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(5_000)
    tab = context.new_page()
    tab.on("console", lambda message: browser_log.console.append(message))
    tab.on("pageerror", lambda error: browser_log.page_errors.append(str(error)))
    try:
        yield tab
        if not tab.is_closed():
            tab.evaluate("0")  # a round trip: console messages sent before it have arrived
    finally:
        context.close()
    assert not browser_log.page_errors, f"uncaught script errors: {browser_log.page_errors}"
    assert not browser_log.csp_violations(), f"CSP violations: {browser_log.csp_violations()}"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots go: $AFTERVIEW_ARTIFACTS, else tests/e2e/artifacts (gitignored).
    Read once per session, before each test's isolation clears AFTERVIEW_* variables."""
    return Path(os.environ.get("AFTERVIEW_ARTIFACTS") or ARTIFACTS).resolve()


@pytest.fixture
def shots(request: pytest.FixtureRequest, artifacts_dir: Path) -> Callable[[Page, str], Path]:
    """`shots(page, name)` saves a full-page PNG screenshot as a test artefact."""

    def take(tab: Page, name: str) -> Path:
        artifacts_dir.mkdir(parents=True, exist_ok=True)
        path = artifacts_dir / f"{name}.png"
        # caret="initial": hiding the caret injects a <style>, which the CSP (rightly) blocks.
        tab.screenshot(path=path, full_page=True, caret="initial")
        request.config.stash.setdefault(_shots_key, []).append(path)
        return path

    return take


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    saved = terminalreporter.config.stash.get(_shots_key, [])
    if saved:
        folder = saved[0].parent
        terminalreporter.write_line(f"Browser test screenshots ({len(saved)}): {folder}")
