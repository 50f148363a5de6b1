"""SmartRecruiters' posting API: `GET /v1/companies/{company}/postings?limit=100&offset=N`.

`{"offset", "limit", "totalFound", "content": [...]}`, paginated: the connector asks for the
next offset until it reaches `totalFound` (FORMATS.md §2). The list has no public job URL, so
it is built: `https://jobs.smartrecruiters.com/{company}/{id}`. `department` may be `{}`;
`location.remote` and `location.hybrid` are flags. The list carries no description.
"""

from __future__ import annotations

from urllib.parse import quote

from afterview.domain.boards import Board, Posting
from afterview.integrations.boards.dates import read_iso_datetime
from afterview.integrations.boards.places import join_place, remote_from_flags
from afterview.integrations.boards.responses import Origin, Record

JOB_URL = "https://jobs.smartrecruiters.com/{company}/{id}"


def parse_smartrecruiters(body: bytes, token: str) -> tuple[list[Posting], int]:
    """One page of a company's postings, and how many it has in all (`totalFound`)."""
    origin = Origin(Board.SMARTRECRUITERS, token)
    top = origin.record(origin.load_json(body), "")
    total = top.data.get("totalFound")
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        top.fail("totalFound", "missing" if total is None else f"{total!r} is not a count")
    return [_posting(job, token) for job in top.required_records("content")], total


def parse_smartrecruiters_page(body: bytes, token: str) -> list[Posting]:
    """The postings of one page, without the total (PARSERS' uniform shape)."""
    return parse_smartrecruiters(body, token)[0]


def _posting(job: Record, token: str) -> Posting:
    job_id = job.ident("id")
    location = job.record("location")
    department = job.record("department")
    employment = job.record("typeOfEmployment")
    return Posting(
        board=Board.SMARTRECRUITERS,
        token=token,
        id=job_id,
        title=job.title("name"),
        department=department.text("label") if department else "",
        location=_place(location) if location else "",
        remote=remote_from_flags(remote=location.flag("remote"), hybrid=location.flag("hybrid"))
        if location
        else None,
        employment=employment.text("label") if employment else "",
        url=JOB_URL.format(company=quote(token, safe=""), id=quote(job_id, safe="")),
        published_at=job.when("releasedDate", read_iso_datetime),
    )


def _place(location: Record) -> str:
    return location.text("fullLocation") or join_place(
        location.text("city"), location.text("region"), location.text("country").upper()
    )
