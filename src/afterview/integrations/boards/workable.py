"""Workable's public widget: `GET /api/v1/widget/accounts/{account}[?details=true]`.

`{"name", "description", "jobs": [...]}`, no pagination (FORMATS.md §2). `shortcode` is the
id; `published_on` is a date only, read as midnight UTC (`created_at` when it is missing);
`telecommuting: true` is remote (false does not say on-site: hybrid roles have it too). The
description comes only with `details=true`.
"""

from __future__ import annotations

from afterview.domain.boards import Board, Posting
from afterview.domain.values import Remote
from afterview.integrations.boards.dates import read_date_only
from afterview.integrations.boards.html_text import html_to_text
from afterview.integrations.boards.places import join_place
from afterview.integrations.boards.responses import Origin, Record


def parse_workable(body: bytes, token: str) -> list[Posting]:
    """The postings of a Workable account."""
    origin = Origin(Board.WORKABLE, token)
    top = origin.record(origin.load_json(body), "")
    return [_posting(job, token) for job in top.required_records("jobs")]


def _posting(job: Record, token: str) -> Posting:
    return Posting(
        board=Board.WORKABLE,
        token=token,
        id=job.ident("shortcode"),
        title=job.title("title"),
        department=job.text("department"),
        location=join_place(job.text("city"), job.text("state"), job.text("country")),
        remote=Remote.REMOTE if job.flag("telecommuting") else None,
        employment=job.text("employment_type"),
        url=job.text("url") or job.text("shortlink"),
        published_at=job.when("published_on", read_date_only)
        or job.when("created_at", read_date_only),
        text=html_to_text(job.text("description")),
    )
