"""Lever's postings API: `GET /v0/postings/{site}?mode=json` (FORMATS.md §2).

A bare JSON array with no total. `createdAt` is epoch milliseconds (the only date: there is no
updated date); `workplaceType` is on-site, remote, hybrid or unspecified; `salaryRange` is
optional. An unknown site answers `{"ok": false, "error": "Document not found"}`.
"""

from __future__ import annotations

from afterview.domain.boards import Board, Pay, Posting
from afterview.integrations.boards.html_text import html_to_text
from afterview.integrations.boards.places import remote_from_place, remote_from_workplace
from afterview.integrations.boards.responses import Origin, Record, read_pay


def parse_lever(body: bytes, token: str) -> list[Posting]:
    """The postings of a Lever site; BoardNotFound for its "Document not found" answer."""
    origin = Origin(Board.LEVER, token)
    value = origin.load_json(body)
    if isinstance(value, dict) and value.get("ok") is False:
        origin.not_found(str(value.get("error") or "the board answered ok: false"))
    return [_posting(job, token) for job in origin.records(value, "")]


def _posting(job: Record, token: str) -> Posting:
    categories = job.record("categories")
    place = categories.text("location") if categories else ""
    return Posting(
        board=Board.LEVER,
        token=token,
        id=job.ident("id"),
        title=job.title("text"),
        department=(categories.text("department") or categories.text("team")) if categories else "",
        location=place,
        remote=remote_from_workplace(job.text("workplaceType")) or remote_from_place(place),
        employment=categories.text("commitment") if categories else "",
        url=job.text("hostedUrl"),
        published_at=job.epoch_ms("createdAt"),
        text=_text(job),
        pay=_pay(job.record("salaryRange")),
    )


def _text(job: Record) -> str:
    parts = [job.text("descriptionPlain") or html_to_text(job.text("description"))]
    for section in job.records("lists"):
        parts.append(html_to_text(f"<h3>{section.text('text')}</h3>{section.text('content')}"))
    parts.append(job.text("additionalPlain") or html_to_text(job.text("additional")))
    return "\n\n".join(part for part in parts if part)


def _pay(salary: Record | None) -> Pay | None:
    if salary is None:
        return None
    return read_pay(
        salary.text("currency"), salary.number("min"), salary.number("max"), salary.text("interval")
    )
