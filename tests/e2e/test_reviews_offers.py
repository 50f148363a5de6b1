"""Self-reviews, offers and rejections in a real browser, on the sample search: a self-review
written on an interview's page closes its action in the plan and shows in the trends; two
offers recorded and compared, one scored, and a weight changed; an application rejected
through its button, with the planned reply, the lessons form and the pipeline's health."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import BrowserLog, check_fits, expect

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.e2e
STARK_REVIEW = "Review how round 1 at Stark Logistics went, while it is fresh"
NORTHWIND = "Northwind Analytics — Senior Data Engineer"
GLOBEX = "Globex — Analytics Engineer"


def plan_item(page: Page, reason: str) -> Locator:
    """The checklist item of one action of the interview's plan."""
    plan = page.get_by_role("region", name="The plan: ten practices")
    return plan.get_by_role("listitem").filter(has_text=reason).filter(has_not=page.locator("h3"))


def record_offer(page: Page, application: str, base: str, deadline: str) -> int:
    """Record an offer through the offers page's form; its id."""
    form = page.get_by_role("region", name="Add an offer")
    form.get_by_label("The offer from").select_option(label=application)
    form.get_by_label(re.compile("^Currency")).fill("USD")
    form.get_by_label(re.compile("^Base pay a year")).fill(base)
    form.get_by_label("Answer by").fill(deadline)
    form.get_by_role("button", name="Record the offer").click()
    expect(page).to_have_url(re.compile(r"/offers#offer-\d+$"))
    found = re.search(r"#offer-(\d+)$", page.url)
    assert found is not None
    return int(found[1])


def test_a_self_review_closes_its_action(page: Page, shots) -> None:
    # A round that happened yesterday, scheduled after the fact.
    page.goto("/interviews/new?application=5")
    page.get_by_label(re.compile("^Starts")).fill("yesterday 14:00")
    page.get_by_label("Interviewers").fill("Kim Doe")
    page.get_by_role("button", name="Schedule interview").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+$"))
    expect(plan_item(page, STARK_REVIEW)).to_contain_text("open")
    page.evaluate("window.__sameDocument = true")

    review = page.get_by_role("region", name="Self-review")
    # Nothing said: refused, the ratings marked, the first choice focused.
    review.get_by_role("button", name="Save the self-review").click()
    expect(page.locator("#review-ratings-error")).to_have_text(
        "The review is empty: rate a dimension, note a question, or say what went well or wrong."
    )
    expect(
        review.get_by_role("group", name="Preparation").get_by_role("radio").first
    ).to_be_focused()

    preparation = review.get_by_role("group", name="Preparation")
    preparation.get_by_role("radio", name="4", exact=True).check()
    answers = review.get_by_role("group", name="Answers")
    answers.get_by_role("radio", name="not rated").focus()
    page.keyboard.press("ArrowRight")  # by keyboard: 1
    page.keyboard.press("ArrowRight")  # 2
    expect(answers.get_by_role("radio", name="2", exact=True)).to_be_checked()
    review.get_by_label("Questions they asked").fill("Tell me about yourself = 3\nWhy logistics?")
    review.get_by_label("Weaknesses").fill("too long answers")
    review.get_by_label("A fix for each weakness").fill("too long answers: two minutes, then stop")
    review.get_by_role("button", name="Save the self-review").click()

    notice = page.get_by_role("status").filter(has_text="Saved your self-review.")
    expect(notice).to_have_text(f"Saved your self-review. Done: “{STARK_REVIEW}”.")
    expect(notice).to_be_focused()
    assert page.evaluate("window.__sameDocument") is True  # answered in place
    expect(plan_item(page, STARK_REVIEW)).to_contain_text("done")
    review = page.get_by_role("region", name="Self-review")
    expect(review).to_contain_text("Preparation: 4/5")
    expect(review).to_contain_text("too-long-answers fix: two minutes, then stop")
    review.get_by_text("Rewrite", exact=True).click()
    expect(review.get_by_label("Questions they asked")).to_have_value(
        "Tell me about yourself = 3\nWhy logistics?"
    )
    shots(page, "interview-self-review")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").click()
    expect(page).to_have_url(re.compile(r"/reviews$"))
    weaknesses = page.get_by_role("region", name="Weaknesses")
    expect(weaknesses.get_by_role("row").filter(has_text="too-long-answers")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("^Your self-review ratings"))).to_be_visible()
    bank = page.get_by_role("region", name="The question bank")
    bank.get_by_label("Search the questions you were asked").fill("logistics")
    expect(bank.get_by_role("listitem")).to_have_count(1)
    expect(bank.get_by_role("listitem")).to_contain_text("Why logistics?")
    shots(page, "reviews-desktop")


def test_comparing_offers_and_changing_a_weight(page: Page, shots) -> None:
    page.goto("/applications/1")
    page.get_by_role("link", name="Add offer").click()
    expect(page).to_have_url(re.compile(r"/offers\?application=1#add-offer$"))
    form = page.get_by_role("region", name="Add an offer")
    expect(form.get_by_label("The offer from")).to_have_value("1")

    # A negative pay is refused at its field, and what was typed is kept.
    form.get_by_label(re.compile("^Currency")).fill("USD")
    base = form.get_by_label(re.compile("^Base pay a year"))
    base.fill("-5")
    form.get_by_role("button", name="Record the offer").click()
    base = page.get_by_role("region", name="Add an offer").get_by_label(re.compile("^Base pay"))
    expect(base).to_have_attribute("aria-invalid", "true")
    expect(base).to_be_focused()
    expect(page.locator("#offer-base-error")).to_have_text("The base cannot be negative (-5).")

    northwind = record_offer(page, NORTHWIND, "190,000", "2026-12-03")
    globex = record_offer(page, GLOBEX, "150000", "2026-12-10")
    sheet = page.get_by_role("region", name="Side by side")
    expect(sheet.get_by_role("columnheader", name=NORTHWIND)).to_be_visible()
    expect(sheet.get_by_role("columnheader", name=GLOBEX)).to_be_visible()
    expect(sheet.get_by_role("row", name=re.compile("^Weighted score"))).to_be_visible()
    expect(sheet).to_contain_text("base 190,000 = 190,000 USD a year")
    expect(sheet).to_contain_text("on-call rotation is weekly for a team of three")  # a red flag
    expect(sheet.get_by_role("row", name=re.compile("^Pay"))).to_contain_text("25%")
    expect(page.locator("#sensitivity")).to_contain_text("most sensitive to")

    # Globex scores 5 for growth.
    scores = page.locator(f"#score-{globex}")
    scores.get_by_label("Growth").select_option("5")
    scores.get_by_role("button", name="Save the scores").click()
    expect(page).to_have_url(re.compile(rf"/offers#offer-{globex}$"))
    growth = page.get_by_role("region", name="Side by side").get_by_role(
        "row", name=re.compile("^Growth")
    )
    expect(growth).to_contain_text("5")
    expect(page.locator(f"#score-{northwind}").get_by_label("Growth")).to_have_value("")

    # Pay weighs twice as much: its share of the weights goes from 25% to 40%.
    weights = page.get_by_role("region", name="Weights")
    weights.get_by_label("Pay", exact=True).fill("50")
    weights.get_by_role("button", name="Save the weights").click()
    expect(page).to_have_url(re.compile(r"/offers#weights$"))
    expect(page.locator("#weight-pay-share")).to_have_text("40%")
    pay = page.get_by_role("region", name="Side by side").get_by_role(
        "row", name=re.compile("^Pay")
    )
    expect(pay).to_contain_text("40%")
    shots(page, "offers-compared")

    page.goto("/applications/1")
    offer = page.get_by_role("region", name="Offer", exact=True)
    expect(offer).to_contain_text("base 190,000 = 190,000 USD a year")
    offer.get_by_role("link", name="Compare it on the worksheet").click()
    expect(page).to_have_url(re.compile(rf"/offers#offer-{northwind}$"))


def test_rejecting_an_application_through_its_button(page: Page, shots) -> None:
    page.goto("/applications/2")
    page.evaluate("window.__sameDocument = true")
    rejected = page.get_by_role("region", name="Rejected?")
    rejected.get_by_label("Why, as they put it").fill("Went with an internal candidate")
    still = rejected.get_by_role("checkbox", name=re.compile("I would still like to work there"))
    still.focus()
    page.keyboard.press("Space")  # by keyboard
    expect(still).to_be_checked()
    rejected.get_by_role("button", name="Rejected", exact=True).click()

    after = page.get_by_role("region", name="Rejected: what comes next")
    notice = after.get_by_role("status")
    expect(notice).to_contain_text("Recorded the rejection.")
    expect(notice).to_be_focused()
    assert page.evaluate("window.__sameDocument") is True  # answered in place
    expect(after).to_contain_text("Reply graciously to Globex: thanks, and the door left open")
    expect(after).to_contain_text(f"Write down what you learned from {GLOBEX}")
    expect(after).to_contain_text("Reconnect with Globex about new openings (6 months on)")
    expect(after).to_contain_text(re.compile(r"due \w{3} \d\d \w{3} 2027"))
    reply = after.get_by_role("link", name="Read and send the reply").get_attribute("href")
    assert reply is not None
    expect(after.get_by_role("heading", name="Your pipeline")).to_be_visible()
    expect(after).to_contain_text(re.compile(r"\d+ active"))
    expect(page.get_by_role("region", name="Rejected?")).to_have_count(0)
    expect(page.locator(".page-head .tag")).to_have_text("rejected")

    lessons = page.get_by_role("region", name="Lessons learned")
    expect(lessons.get_by_role("heading", name="Your self-review of round 1")).to_be_visible()
    lessons.get_by_label("What went wrong").fill("Thin on system design")
    lessons.get_by_label("Weaknesses to work on").fill("system design")
    lessons.get_by_label("A fix for each weakness").fill("system design: one design kata a week")
    shots(page, "application-rejected")
    lessons.get_by_role("button", name="Save the lessons").click()
    saved = page.get_by_role("status").filter(has_text="Saved your lessons.")
    expect(saved).to_have_text(
        f"Saved your lessons. Done: “Write down what you learned from {GLOBEX}”."
    )
    lessons = page.get_by_role("region", name="Lessons learned")
    expect(lessons).to_contain_text("system-design fix: one design kata a week")

    page.goto(reply)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rejection reply")


@pytest.mark.parametrize("path", ["/reviews", "/offers", "/interviews/4", "/applications/4"])
def test_the_pages_fit_a_phone(page: Page, browser_log: BrowserLog, shots, path: str) -> None:
    check_fits(page, path, shots, path.strip("/") if path in ("/reviews", "/offers") else None)
    assert browser_log.errors() == []
