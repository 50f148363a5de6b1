"""Your network in a real browser, on the sample search: a LinkedIn export imported through
the form after its preview, the people you know at an application's company, a
reference marked on a contact's page and given from an application's page, and someone asked
about an application whose reply is recorded there."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import BrowserLog, check_fits, expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parents[1] / "fixtures" / "contacts"


def test_importing_a_linkedin_export_after_its_preview(page: Page, shots) -> None:
    page.goto("/contacts")
    page.get_by_role("link", name="Import contacts").click()
    expect(page).to_have_url(re.compile(r"/contacts/import$"))

    # A malformed file: the form says where, and nothing is imported.
    page.get_by_label(re.compile(r"^File")).set_input_files(
        FIXTURES / "bad" / "linkedin-bad-email.csv"
    )
    page.get_by_role("button", name="Preview the import").click()
    file = page.get_by_label(re.compile(r"^File"))
    expect(file).to_have_attribute("aria-invalid", "true")
    expect(file).to_be_focused()
    expect(page.locator("#f-file-error")).to_have_text(
        "linkedin-bad-email.csv: line 7, Email Address: 'Analyst' is not an e-mail address"
    )
    shots(page, "contact-import-error")

    # The export itself: a preview first.
    file.set_input_files(FIXTURES / "Connections.csv")
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import: Connections.csv")
    summary = page.get_by_role("region", name="What importing would change")
    expect(summary).to_contain_text("5 to add")
    expect(summary).to_contain_text("1 to update")
    to_add = page.get_by_role("region", name="To add", exact=True)
    expect(to_add.get_by_role("row")).to_have_count(6)  # the header and five people
    expect(to_add).to_contain_text("Jürgen Müller")
    to_update = page.get_by_role("region", name="To update", exact=True)
    expect(to_update).to_contain_text("title: Data Lead → Senior Data Engineer")
    expect(page.get_by_role("region", name="Skipped")).to_contain_text("no first or last name")
    expect(page.get_by_role("region", name="New companies")).to_contain_text("Tailspin Toys")
    shots(page, "contact-import-preview")

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imported Connections.csv")
    expect(page.get_by_role("status").filter(has_text="Imported.")).to_be_visible()
    # Going back and confirming again imports nothing twice.
    page.go_back()
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("That upload is no longer here")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("link", name="Jürgen Müller")).to_be_visible()

    # Who you know at Northwind, Dana with her title from the export.
    page.goto("/applications/1")
    people = page.get_by_role("region", name="People you know here")
    dana = people.get_by_role("listitem").filter(has_text="Dana Reyes")
    expect(dana).to_contain_text("Senior Data Engineer")
    expect(dana).to_contain_text("Why: same name · how sure: 100/100 (exact match)")
    shots(page, "application-people")
    dana.get_by_role("link", name="Dana Reyes").click()
    expect(page).to_have_url(re.compile(r"/contacts/5$"))


def test_marking_and_giving_a_reference(page: Page, shots) -> None:
    page.goto("/contacts/3")
    mine = page.get_by_role("region", name="As a reference")
    mine.get_by_label("How they know you").fill("my manager at Contoso, 2020–2024")
    mine.get_by_label("What of your work they know").fill("The dbt migration")
    mine.get_by_role("button", name="Mark as a reference").click()
    expect(mine).to_contain_text("Grace Okafor is one of your references")
    expect(mine.get_by_role("button", name="No longer a reference")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="References").click()
    expect(page).to_have_url(re.compile(r"/references$"))
    grace = page.get_by_role("listitem").filter(has_text="Grace Okafor")
    expect(grace).to_contain_text("my manager at Contoso, 2020–2024")
    expect(grace).to_contain_text("not given yet")

    page.goto("/applications/2")
    page.evaluate("window.__sameDocument = true")
    references = page.get_by_role("region", name="References", exact=True)
    choice = references.get_by_role("checkbox", name=re.compile("Grace Okafor"))
    choice.focus()
    page.keyboard.press("Space")  # by keyboard
    expect(choice).to_be_checked()
    expect(references.get_by_label("Given on")).to_have_value("2026-11-26")
    references.get_by_role("button", name="Give references").click()
    notice = page.get_by_role("status").filter(has_text="Gave Grace Okafor as a reference.")
    expect(notice).to_contain_text("heads-up due Fri 27 Nov, 09:00")
    assert page.evaluate("window.__sameDocument") is True  # answered in place
    expect(page.get_by_role("region", name="Plan")).to_contain_text(
        "Tell Grace Okafor that Globex may call"
    )
    shots(page, "application-references")

    notice.get_by_role("link", name="draft to Grace Okafor").click()
    expect(page).to_have_url(re.compile(r"/drafts/\d+$"))
    expect(page.get_by_label("Body")).to_have_value(re.compile("given your name as a reference"))


def test_asking_someone_and_recording_their_reply(page: Page, shots) -> None:
    page.goto("/applications/2")
    networking = page.get_by_role("region", name="Networking")
    expect(networking).to_contain_text("Nobody asked yet.")
    networking.get_by_label("Someone you know at Globex").select_option(label="Sam Patel")
    networking.get_by_role("button", name="Write a networking note").click()

    # The note opens to be read, edited and sent; it was sent by hand.
    expect(page.get_by_role("heading", level=1)).to_have_text("Networking note to Sam Patel")
    expect(page.get_by_label("Body")).to_have_value(re.compile("someone who works there"))
    page.get_by_label("Sent via").fill("LinkedIn")
    page.get_by_role("button", name="Mark sent").click()
    expect(page.get_by_role("status").filter(has_text="Marked sent")).to_have_text(
        "Marked sent (LinkedIn)."
    )
    page.get_by_role("link", name="Back to the application").click()

    networking = page.get_by_role("region", name="Networking")
    sam = networking.get_by_role("listitem").filter(has_text="Sam Patel")
    expect(sam).to_contain_text("asked on Thu 26 Nov 2026")
    expect(sam.get_by_role("link", name="Networking note to Sam Patel")).to_be_visible()
    sam.get_by_label("What Sam Patel said").fill("Happy to talk on Friday")
    shots(page, "application-networking-asked")
    sam.get_by_role("button", name="Record reply").click()
    expect(page).to_have_url(re.compile(r"/applications/2#networking$"))
    expect(sam).to_contain_text("replied on Thu 26 Nov 2026")
    expect(sam.get_by_role("button", name="Record reply")).to_have_count(0)
    shots(page, "application-networking")

    # Both are on Sam's timeline.
    sam.get_by_role("link", name="Sam Patel", exact=True).click()
    expect(page).to_have_url(re.compile(r"/contacts/4$"))
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Sent networking note: A question about the Analytics")
    expect(timeline).to_contain_text(
        "Replied about Globex — Analytics Engineer: Happy to talk on Friday"
    )


@pytest.mark.parametrize(
    "path", ["/contacts/import", "/references", "/applications/2", "/contacts/4"]
)
def test_the_network_pages_fit_a_phone(
    page: Page, browser_log: BrowserLog, shots, path: str
) -> None:
    check_fits(page, path, shots, "contact-import" if path == "/contacts/import" else None)
    assert browser_log.errors() == []
