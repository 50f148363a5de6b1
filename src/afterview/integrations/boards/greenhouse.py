"""Greenhouse's job board API: `GET /v1/boards/{token}/jobs?content=true` (FORMATS.md §2).

`{"jobs": [...], "meta": {"total": N}}`, no pagination. `content` is HTML escaped once more
(`&lt;p&gt;`); the posting date is the undocumented `first_published` when present, else
`updated_at` (which changes often). Greenhouse has no remote field: a location naming
"remote" is read as remote.
"""

from __future__ import annotations

from afterview.domain.boards import Board, Posting
from afterview.integrations.boards.dates import read_iso_datetime
from afterview.integrations.boards.html_text import unescape_html_to_text
from afterview.integrations.boards.places import remote_from_place
from afterview.integrations.boards.responses import Origin, Record


def parse_greenhouse(body: bytes, token: str) -> list[Posting]:
    """The postings of a Greenhouse board's jobs list."""
    origin = Origin(Board.GREENHOUSE, token)
    top = origin.record(origin.load_json(body), "")
    return [_posting(job, token) for job in top.required_records("jobs")]


def _posting(job: Record, token: str) -> Posting:
    location = job.record("location")
    place = location.text("name") if location else ""
    departments = job.records("departments")
    return Posting(
        board=Board.GREENHOUSE,
        token=token,
        id=job.ident("id"),
        title=job.title("title"),
        department=departments[0].text("name") if departments else "",
        location=place,
        remote=remote_from_place(place),
        url=job.text("absolute_url"),
        published_at=job.when("first_published", read_iso_datetime)
        or job.when("updated_at", read_iso_datetime),
        text=unescape_html_to_text(job.text("content")),
    )
