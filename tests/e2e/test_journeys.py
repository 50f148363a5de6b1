"""Whole journeys through the web UI on the sample search: a newcomer's first thank-you note
from the agenda to sent, adding an application through its form, moving one on the board;
and every main page at desktop and phone size."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, BrowserLog, expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e
GLOBEX = "Globex — Analytics Engineer"


def test_a_newcomer_sends_the_overdue_thank_you(page: Page, shots) -> None:
    page.goto("/")
    overdue = page.get_by_role("region", name=re.compile(r"^Overdue"))
    expect(overdue).to_contain_text("Thank Sam Patel")

    # The thank-you's application, then its interview.
    overdue.get_by_role("link", name=GLOBEX).click()
    expect(page).to_have_url(re.compile(r"/applications/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(GLOBEX)
    page.get_by_role("region", name="Interviews").get_by_role(
        "link", name=re.compile(r"^Round 1 ")
    ).click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Round 1 (video): {GLOBEX}")
    expect(page.get_by_role("region", name="The interview")).to_contain_text("within a week")

    # Its draft: the note to Sam Patel.
    page.get_by_role("link", name="Thank-you note to Sam Patel").click()
    expect(page).to_have_url(re.compile(r"/drafts/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sam Patel")
    lint = page.get_by_role("region", name="Check before sending")
    expect(lint).to_contain_text("Lint: clean")

    # A leftover placeholder: the live lint says so before anything is saved.
    body = page.get_by_label("Body")
    original = body.input_value()
    assert "Globex" in original
    sign_off = original.index("Best,")
    typed = original[:sign_off] + "Please pass my thanks on to the [Company] team.\n\n"
    body.fill(typed + original[sign_off:])
    expect(lint).to_contain_text("Lint: 1 error")
    expect(lint.get_by_role("listitem").filter(has_text="'[Company]'")).to_have_count(1)
    shots(page, "draft-lint-error")

    # Fixed, saved, marked sent.
    body.fill(typed.replace("[Company]", "Globex") + original[sign_off:])
    expect(lint).to_contain_text("Lint: clean")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(page.get_by_label("Body")).to_have_value(re.compile("the Globex team"))
    page.get_by_role("button", name="Mark sent").click()
    sent = page.get_by_role("region", name="Sent")
    expect(sent).to_contain_text("Sent")
    expect(sent).to_contain_text("Please pass my thanks on to the Globex team.")
    expect(page.get_by_label("Body")).to_have_count(0)

    # The agenda no longer asks for it.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Agenda").click()
    expect(page).to_have_url(re.compile(r"/$"))
    overdue = page.get_by_role("region", name=re.compile(r"^Overdue"))
    expect(overdue).to_contain_text("Nothing overdue.")
    expect(page.get_by_text("Thank Sam Patel")).to_have_count(0)


def test_adding_an_application_through_the_form(page: Page, shots) -> None:
    page.goto("/board")
    page.get_by_role("link", name="Add an application").click()
    expect(page).to_have_url(re.compile(r"/applications/new$"))
    page.get_by_label("Company").fill("Tyrell Corporation")
    page.get_by_label("Location").fill("Remote")
    page.get_by_role("button", name="Add application").click()

    # Refused, and said next to the empty role; what was typed is kept.
    role = page.get_by_label("Role")
    expect(role).to_have_attribute("aria-invalid", "true")
    error_id = role.get_attribute("aria-describedby")
    assert error_id
    expect(page.locator(f"#{error_id}")).to_have_text(re.compile(r"\brole\b", re.IGNORECASE))
    expect(page.get_by_label("Company")).to_have_value("Tyrell Corporation")
    expect(page.get_by_label("Location")).to_have_value("Remote")
    shots(page, "application-form-error")

    role.fill("Platform Engineer")
    page.get_by_role("button", name="Add application").click()
    expect(page).to_have_url(re.compile(r"/applications/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tyrell Corporation — Platform Engineer"
    )
    expect(page.get_by_role("region", name="Details")).to_contain_text("Remote")

    page.goto("/board")
    applied = page.get_by_role("region", name=re.compile(r"^applied", re.IGNORECASE))
    expect(applied.get_by_role("link", name=re.compile("Tyrell Corporation"))).to_be_visible()


def test_moving_an_application_on_the_board(page: Page) -> None:
    page.goto("/board")
    page.evaluate("window.__sameDocument = true")
    label = "Stark Logistics — Data Engineer"
    applied = page.get_by_role("region", name=re.compile(r"^applied", re.IGNORECASE))
    screening = page.get_by_role("region", name=re.compile(r"^screening", re.IGNORECASE))
    expect(applied.get_by_role("link", name=re.compile("Stark Logistics"))).to_be_visible()

    page.get_by_label(f"Stage of {label}").select_option("screening")
    page.get_by_role("button", name=f"Move: {label}").click()
    expect(page.get_by_role("status").filter(has_text="Moved")).to_contain_text(
        f"Moved {label} to screening."
    )
    expect(screening.get_by_role("link", name=re.compile("Stark Logistics"))).to_be_visible()
    expect(applied.get_by_role("link", name=re.compile("Stark Logistics"))).to_have_count(0)
    assert page.evaluate("window.__sameDocument") is True

    page.reload()
    expect(screening.get_by_role("link", name=re.compile("Stark Logistics"))).to_be_visible()


PAGES = {
    "agenda": "/",
    "board": "/board",
    "application": "/applications/2",
    "interview": "/interviews/4",
    "draft": "/drafts/9",
    "drafts": "/drafts",
    "contacts": "/contacts",
    "new-application": "/applications/new",
    "new-interview": "/interviews/new",
}
# The agenda's screenshots come from test_agenda.py.
SHOTS = {"board", "application", "interview", "draft", "new-application"}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_main_page_loads_cleanly_at_desktop_and_phone_size(
    page: Page, browser_log: BrowserLog, shots, name: str
) -> None:
    """No script or console errors, and no sideways scrolling on a phone."""
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        response = page.goto(PAGES[name])
        assert response is not None
        assert response.status == 200
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if size == "phone":
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert widths[0] <= widths[1], f"{PAGES[name]} scrolls sideways at 390 px: {widths}"
        if name in SHOTS:
            shots(page, f"{name}-{size}")
    assert browser_log.errors() == []
