"""Ashby's public job posting API: `GET /posting-api/job-board/{board}?includeCompensation=true`.

`{"apiVersion": "1", "jobs": [...]}`, no pagination (FORMATS.md §2). Jobs with `isListed:
false` are dropped. `compensation` is per job (the docs' example puts it a level too high);
the salary component of the first tier is the posting's pay. `descriptionPlain` is preferred
over `descriptionHtml`. An unknown board may come back as an empty board: that is no postings.
"""

from __future__ import annotations

from typing import Final

from afterview.domain.boards import Board, Pay, Posting
from afterview.integrations.boards.dates import read_iso_datetime
from afterview.integrations.boards.html_text import html_to_text
from afterview.integrations.boards.places import remote_from_flags, remote_from_workplace
from afterview.integrations.boards.responses import Origin, Record, read_pay

EMPLOYMENT: Final = {
    "FullTime": "full-time",
    "PartTime": "part-time",
    "Intern": "intern",
    "Contract": "contract",
    "Temporary": "temporary",
}


def parse_ashby(body: bytes, token: str) -> list[Posting]:
    """The listed postings of an Ashby job board."""
    origin = Origin(Board.ASHBY, token)
    top = origin.record(origin.load_json(body), "")
    return [
        _posting(job, token)
        for job in top.required_records("jobs")
        if job.flag("isListed") is not False
    ]


def _posting(job: Record, token: str) -> Posting:
    kind = job.text("employmentType")
    return Posting(
        board=Board.ASHBY,
        token=token,
        id=job.ident("id"),
        title=job.title("title"),
        department=job.text("department"),
        location=job.text("location"),
        remote=remote_from_workplace(job.text("workplaceType"))
        or remote_from_flags(remote=job.flag("isRemote")),
        employment=EMPLOYMENT.get(kind, kind.lower()),
        url=job.text("jobUrl"),
        published_at=job.when("publishedAt", read_iso_datetime),
        text=job.text("descriptionPlain") or html_to_text(job.text("descriptionHtml")),
        pay=_pay(job.record("compensation")),
    )


def _pay(compensation: Record | None) -> Pay | None:
    tiers = compensation.records("compensationTiers") if compensation else []
    if not tiers:
        return None
    for component in tiers[0].records("components"):
        if component.text("compensationType").casefold() == "salary":
            return read_pay(
                component.text("currencyCode"),
                component.number("minValue"),
                component.number("maxValue"),
                component.text("interval"),
            )
    return None
