"""The agenda at `/` in a real browser: what it shows, Done in place (HTMX), keyboard use,
a phone-sized screen, and a clean console under the Content Security Policy."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import PHONE, BrowserLog, expect

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.e2e
THANKS = re.compile(r"^Done: Thank Sam Patel")


def overdue(page: Page) -> Locator:
    return page.get_by_role("region", name=re.compile(r"^Overdue"))


def test_agenda_shows_the_overdue_thank_you(page: Page, shots) -> None:
    page.goto("/")
    expect(page).to_have_title("Agenda · Afterview")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda for Thursday 26 November")
    expect(overdue(page).get_by_role("heading")).to_have_text("Overdue (1)")
    item = overdue(page).get_by_role("listitem")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Thank Sam Patel")
    expect(item.get_by_role("link", name="Globex — Analytics Engineer")).to_be_visible()
    expect(item.get_by_role("link", name=re.compile(r"^draft \d+$"))).to_be_visible()
    shots(page, "agenda-desktop")


def test_done_removes_the_item_without_reloading(page: Page) -> None:
    page.goto("/")
    # A mark that a full page load would wipe out.
    page.evaluate("window.__sameDocument = true")
    overdue(page).get_by_role("button", name=THANKS).click()
    expect(page.get_by_role("button", name=THANKS)).to_have_count(0)
    expect(overdue(page)).to_contain_text("Nothing overdue.")
    expect(overdue(page).get_by_role("heading")).to_have_text("Overdue")
    assert page.evaluate("window.__sameDocument") is True
    assert not page.locator("#flash").text_content()
    # Stored, not just hidden.
    page.reload()
    expect(overdue(page)).to_contain_text("Nothing overdue.")


def test_keyboard_only_done(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    for _ in range(10):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if label.startswith("Done:"):
            break
    done = page.get_by_role("button", name=THANKS)
    expect(done).to_be_focused()
    outline = done.evaluate(
        "b => { const s = getComputedStyle(b);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"
    )
    style, width, colour = outline
    assert style != "none", f"no visible focus ring on Done: {outline}"
    assert width >= 2, f"no visible focus ring on Done: {outline}"
    assert colour == "rgb(255, 176, 0)", outline
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=THANKS)).to_have_count(0)
    expect(overdue(page)).to_contain_text("Nothing overdue.")
    # The keyboard user keeps their place: the next thing to do has the focus.
    expect(page.locator("#agenda button.primary").first).to_be_focused()


def test_phone_shows_the_agenda_without_sideways_scrolling(page: Page, shots) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(overdue(page).get_by_role("button", name=THANKS)).to_be_visible()
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], f"the agenda scrolls sideways: {widths}"
    # Every action button is within the screen, not pushed off to the right.
    right_edges = page.locator("form.actions button").evaluate_all(
        "bs => bs.map(b => b.getBoundingClientRect().right)"
    )
    assert right_edges
    assert max(right_edges) <= PHONE["width"]
    shots(page, "agenda-phone")


def test_loads_without_console_errors_or_csp_violations(
    page: Page, browser_log: BrowserLog
) -> None:
    page.goto("/", wait_until="networkidle")
    # htmx and app.js are ours, served from /static, and allowed to run.
    assert page.evaluate("typeof htmx") == "object"
    assert browser_log.errors() == []
    assert browser_log.csp_violations() == []


def test_the_pages_name_an_icon(page: Page, browser_log: BrowserLog) -> None:
    page.goto("/", wait_until="networkidle")
    favicon = [m.text for m in browser_log.console if "favicon" in str(m.location.get("url"))]
    assert favicon == []
