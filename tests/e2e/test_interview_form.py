"""Scheduling an interview through its form on the sample search: refused with the message
next to the field it is about and what was typed kept, then accepted; the new interview's
page with its panel, a thank-you draft per interviewer and the ten-practice plan; and the
application's list of interviews."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import expect

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.e2e
GLOBEX = "Globex — Analytics Engineer"
PRACTICES = [
    "1. Evaluate your performance",
    "2. Inform your references",
    "3. Send thank-you notes",
    "4. Engage the competition",
    "5. Influence outside resources",
    "6. Follow up at the right time",
    "7. Think about whether you need this job",
    "8. Keep patience",
    "9. Don't stop searching",
    "10. Accept rejection with grace",
]


def field_error(page: Page, control: Locator, below: Locator) -> Locator:
    """The message `control` is described by, after checking that the control is marked
    invalid and that the message is shown under it, before the next field (`below`)."""
    expect(control).to_have_attribute("aria-invalid", "true")
    described_by = (control.get_attribute("aria-describedby") or "").split()
    errors = [name for name in described_by if name.endswith("-error")]
    assert len(errors) == 1, f"not described by one error message: {described_by}"
    message = page.locator(f"#{errors[0]}")
    expect(message).to_be_visible()
    control_box, message_box, next_box = (box.bounding_box() for box in (control, message, below))
    assert control_box, "the field is not shown"
    assert message_box, "the message is not shown"
    assert next_box, "the next field is not shown"
    assert control_box["y"] + control_box["height"] <= message_box["y"], "not under its field"
    assert message_box["y"] + message_box["height"] <= next_box["y"], "not before the next field"
    return message


def expect_no_error(control: Locator) -> None:
    """`control` is neither marked invalid nor described by an error message."""
    expect(control).not_to_have_attribute("aria-invalid", re.compile(".*"))
    expect(control).not_to_have_attribute("aria-describedby", re.compile(r"-error\b"))


def action(plan: Locator, reason: str) -> Locator:
    """The checklist item of one action: a list item with the reason and no heading (the
    practice it belongs to is a list item with a heading)."""
    page = plan.page
    return (
        plan.get_by_role("listitem")
        .filter(has_text=reason)
        .filter(has_not=page.get_by_role("heading"))
    )


def test_scheduling_an_interview_through_the_form(page: Page, shots) -> None:
    page.goto("/applications/2")
    expect(page.get_by_role("heading", level=1)).to_have_text(GLOBEX)
    interviews = page.get_by_role("region", name="Interviews")
    expect(interviews.get_by_role("listitem")).to_have_count(1)
    page.get_by_role("link", name="Schedule an interview").click()
    expect(page).to_have_url(re.compile(r"/interviews/new\?application=2$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule an interview")
    expect(page.get_by_label("Application")).to_have_value("2")
    expect(page.get_by_label("Kind")).to_have_value("video")

    # 31 November does not exist.
    page.get_by_label("Starts").fill("2026-11-31 14:00")
    page.get_by_label("Length").fill("45m")
    page.get_by_label("Kind").select_option("technical")
    page.get_by_label("Where").fill("https://meet.example/globex-2")
    page.get_by_label("Interviewers").fill("Sam Patel, Ana Lima")
    page.get_by_label("What they said about the next step").fill("by Friday")
    page.get_by_label("Notes").fill("topic: the event pipeline")
    page.get_by_role("button", name="Schedule interview").click()

    # Refused, and said under Starts, which a screen reader reads out with its hint.
    expect(page).to_have_url(re.compile(r"/interviews/new$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule an interview")
    starts = page.get_by_label("Starts")
    message = field_error(page, starts, below=page.get_by_label("Length"))
    refusal = "Impossible date '2026-11-31 14:00': day is out of range for month."
    expect(message).to_have_text(refusal)
    expect(starts).to_have_accessible_description(
        re.compile(f"; without a zone, yours. {refusal}$")
    )
    expect(page.get_by_text(refusal)).to_have_count(1)
    expect(starts).to_be_focused()  # the fix is one keystroke away
    # Only Starts is marked; everything typed is kept.
    expect(page.locator("[aria-invalid='true']")).to_have_count(1)
    expect(starts).to_have_value("2026-11-31 14:00")
    expect(page.get_by_label("Application")).to_have_value("2")
    expect(page.get_by_label("Length")).to_have_value("45m")
    expect(page.get_by_label("Kind")).to_have_value("technical")
    expect(page.get_by_label("Where")).to_have_value("https://meet.example/globex-2")
    expect(page.get_by_label("Interviewers")).to_have_value("Sam Patel, Ana Lima")
    expect(page.get_by_label("What they said about the next step")).to_have_value("by Friday")
    expect(page.get_by_label("Notes")).to_have_value("topic: the event pipeline")
    expect(page.get_by_role("link", name="Cancel")).to_have_attribute("href", "/applications/2")
    shots(page, "interview-form-error")

    # Corrected: Wednesday 2 December, 14:00 in the user's zone, for 45 minutes.
    starts.fill("2026-12-02 14:00")
    page.get_by_role("button", name="Schedule interview").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+$"))
    interview_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Round 2 (technical): {GLOBEX}")
    details = page.get_by_role("region", name="The interview")
    expect(details).to_contain_text("Wed 02 Dec, 14:00–14:45 (America/New_York)")
    expect(details).to_contain_text("https://meet.example/globex-2")
    expect(details).to_contain_text("by Friday")
    expect(details).to_contain_text("topic: the event pipeline")

    # The panel: each interviewer with a thank-you draft (Ana Lima is a new contact).
    panel = page.get_by_role("region", name="Interviewers and thank-you notes")
    expect(panel.get_by_role("listitem")).to_have_count(2)
    notes: dict[str, str] = {}
    for person in ("Sam Patel", "Ana Lima"):
        item = panel.get_by_role("listitem").filter(
            has=page.get_by_role("link", name=person, exact=True)
        )
        expect(item).to_contain_text(f"Thank-you note to {person} (draft)")
        link = item.get_by_role("link", name=f"Thank-you note to {person}")
        notes[person] = (link.get_attribute("href") or "").removeprefix("/drafts/")
        assert notes[person].isdigit(), notes
    assert notes["Sam Patel"] != notes["Ana Lima"]

    # The plan: the ten practices, with dates that follow from the interview.
    plan = page.get_by_role("region", name="The plan: ten practices")
    expect(plan.get_by_role("heading", level=3)).to_have_text(PRACTICES)
    review = action(plan, "Review how round 2 at Globex went, while it is fresh")
    expect(review).to_contain_text("Due Wed 02 Dec, 20:00 · open")
    for person in ("Sam Patel", "Ana Lima"):
        thanks = action(plan, f"Thank {person} within 24 h of your 14:00 interview")
        expect(thanks).to_contain_text(f"Due Thu 03 Dec, 14:45 · open · draft {notes[person]}")
        expect(thanks.get_by_role("link", name=f"draft {notes[person]}")).to_be_visible()
        expect(thanks.get_by_role("button", name=re.compile(r"^Done: Thank "))).to_be_visible()
    follow_up = action(plan, "they said “by Friday” (by Fri 4 Dec)")
    expect(follow_up).to_contain_text("Due Tue 08 Dec, 09:00 · open")
    shots(page, "interview-added")

    # Ana Lima's note mentions the day and the topic from the notes.
    panel.get_by_role("link", name="Thank-you note to Ana Lima").click()
    expect(page).to_have_url(re.compile(rf"/drafts/{notes['Ana Lima']}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank-you note to Ana Lima")
    body = page.get_by_label("Body")
    expect(body).to_have_value(re.compile(r"^Hi Ana,\n"))
    expect(body).to_have_value(re.compile("on Wednesday 2 December about the Analytics Engineer"))
    expect(body).to_have_value(re.compile("our conversation about the event pipeline"))
    page.go_back()

    # The application lists it after round 1; the refused attempt left nothing behind.
    page.get_by_role("link", name="Back to the application").click()
    expect(page).to_have_url(re.compile(r"/applications/2$"))
    listed = page.get_by_role("region", name="Interviews").get_by_role("listitem")
    expect(listed).to_have_count(2)
    expect(listed.first).to_contain_text("Round 1 · video · Tue 24 Nov, 15:00")
    expect(listed.last).to_have_text(
        re.compile(r"^\s*Round 2 · technical · Wed 02 Dec, 14:00\s+with Sam Patel, Ana Lima\s*$")
    )
    listed.last.get_by_role("link", name="Round 2 · technical · Wed 02 Dec, 14:00").click()
    expect(page).to_have_url(interview_url)


def test_an_interview_too_long_is_refused_at_its_length(page: Page) -> None:
    """The domain's 'ends_at' is the form's Length; the message moves with the mistake."""
    page.goto("/interviews/new?application=2")
    page.get_by_label("Starts").fill("tuesday")
    page.get_by_label("Length").fill("13h")
    page.get_by_role("button", name="Schedule interview").click()
    starts, length = page.get_by_label("Starts"), page.get_by_label("Length")
    expect(field_error(page, starts, below=length)).to_have_text(
        "The starts needs a time of day, and 'tuesday' has none; try 'tomorrow 14:00', "
        "'fri 9am' or "
        "'2026-12-03 10:30 Europe/Berlin'."
    )
    expect_no_error(length)

    starts.fill("tuesday 9:30")
    page.get_by_role("button", name="Schedule interview").click()
    expect(field_error(page, length, below=page.get_by_label("Kind"))).to_have_text(
        "An interview cannot last more than 12 hours."
    )
    expect_no_error(starts)
    expect(page.locator(".field-error")).to_have_count(1)
    expect(starts).to_have_value("tuesday 9:30")
    expect(length).to_have_value("13h")

    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(re.compile(r"/applications/2$"))
    expect(page.get_by_role("region", name="Interviews").get_by_role("listitem")).to_have_count(1)
