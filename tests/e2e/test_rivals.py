"""Rivals and their openings in a real browser, on the sample search, with every job board
served by a BoardServer on 127.0.0.1: a rival added on an application's page by pasting a
Greenhouse job link, its board scanned twice (the second scan, two days on, counts what is
new), the openings ranked and filtered, one saved as an application and its cover letter
written; the pages fit a phone."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from tests.boardserver import BoardServer, Reply, greenhouse_jobs
from tests.conftest import NOW
from tests.e2e.conftest import BrowserLog, LiveServer, check_fits, expect

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e
STARK = "/applications/5"  # Stark Logistics — Data Engineer: no rivals yet
CONTOSO_JOB = "https://boards.greenhouse.io/contoso/jobs/101"
FIRST = (
    (101, "Senior Data Engineer", "Remote", "Python, SQL and dbt on Snowflake"),
    (102, "Office Manager", "Munich", "Keep the office running"),
)
LATER = (
    *FIRST,
    (103, "Analytics Engineer", "Remote", "SQL, dbt and Airflow"),
    (104, "Recruiter", "Munich", "Hire people"),
)


def serve_contoso(server: BoardServer, *jobs: tuple[int, str, str, str]) -> None:
    url = f"{server.base}/greenhouse/v1/boards/contoso/jobs?content=true"
    server.serve(url, Reply(body=greenhouse_jobs(*jobs)))


def test_a_rival_is_scanned_ranked_filtered_and_saved(
    board_server: BoardServer, live_server: LiveServer, page: Page, shots
) -> None:
    serve_contoso(board_server, *FIRST)
    page.goto(STARK)
    rivals = page.get_by_role("region", name="Rivals")
    rivals.get_by_label("A company, or one of its job links").fill(CONTOSO_JOB)
    rivals.get_by_role("button", name="Add rival").click()
    notice = rivals.get_by_role("status").filter(has_text="Added Contoso as a rival.")
    expect(notice).to_be_focused()
    expect(rivals.get_by_role("link", name="Greenhouse: contoso")).to_have_attribute(
        "href", CONTOSO_JOB
    )
    page.evaluate("window.__sameDocument = true")

    # The first scan finds two openings; nothing counts as new yet.
    rivals.get_by_role("button", name="Scan rivals now").click()
    report = rivals.get_by_role("status").filter(has_text="Scanned 1 board")
    expect(report).to_contain_text("Scanned 1 board: 0 new openings.")
    expect(report).to_contain_text("Contoso (Greenhouse: contoso): 2 listed")
    best = rivals.locator("li.opening")
    expect(best).to_have_count(2)
    expect(best.first).to_contain_text("Senior Data Engineer")
    expect(best.first).to_contain_text("mentions Python, SQL, dbt, Snowflake")

    # Two days later (Saturday) the board lists two more: new since Thursday's scan (times
    # in the sample's zone, New York).
    assert live_server.app is not None
    live_server.app.state.workspace = live_server.workspace.at(NOW + timedelta(days=2))
    serve_contoso(board_server, *LATER)
    rivals.get_by_role("button", name="Scan rivals now").click()
    expect(report).to_contain_text("Contoso (Greenhouse: contoso): 4 listed, 2 new since Thursday")
    expect(best).to_have_count(3)
    expect(best.first).to_contain_text("Senior Data Engineer")
    expect(best.nth(1)).to_contain_text("Analytics Engineer")
    expect(best.nth(1).locator(".tag.new")).to_have_text("new")
    assert page.evaluate("window.__sameDocument") is True  # answered in place
    shots(page, "application-rivals")

    # Every opening at Stark's rivals, best first, then only the new ones.
    rivals.get_by_role("link", name="All openings at Stark Logistics's rivals").click()
    expect(page).to_have_url(re.compile(r"/openings\?rivals_of=\d+$"))
    expect(page.locator("#openings-count")).to_have_text(
        "4 of 4 openings at Stark Logistics's rivals"
    )
    titles = page.locator("li.opening a[target=_blank]")
    expect(titles).to_have_text(
        ["Senior Data Engineer", "Analytics Engineer", "Office Manager", "Recruiter"]
    )
    page.get_by_role("checkbox", name=re.compile("New ones")).check()
    page.get_by_role("button", name="Show openings").click()
    expect(page.locator("#openings-count")).to_have_text(
        "2 of 4 openings at Stark Logistics's rivals"
    )
    expect(titles).to_have_text(["Analytics Engineer", "Recruiter"])
    expect(page.get_by_role("region", name="Boards looked at")).to_contain_text(
        "Contoso · Greenhouse: contoso · last read Sat 28 Nov, 04:00"
    )
    shots(page, "openings")

    # Saved as an application, then its cover letter.
    page.get_by_role("button", name="Save as application: Analytics Engineer at Contoso").click()
    saved = page.get_by_role("status").filter(has_text="Saved “Analytics Engineer” at Contoso")
    expect(saved).to_be_focused()
    expect(page.locator("li.opening").first).to_contain_text("saved as application")
    saved.get_by_role("button", name="Write the cover letter").click()
    expect(page).to_have_url(re.compile(r"/drafts/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cover letter")
    expect(page.get_by_label("Body")).to_contain_text("Contoso")
    assert len(board_server.requests) == 2


@pytest.mark.parametrize("path", ["/openings", STARK])
def test_the_rival_pages_fit_a_phone(page: Page, browser_log: BrowserLog, shots, path: str) -> None:
    check_fits(page, path, shots, "openings-empty" if path == "/openings" else None)
    assert browser_log.errors() == []
