"""Recruitee's careers API: `GET https://{company}.recruitee.com/api/offers/`.

`{"offers": [...]}`, no pagination (FORMATS.md §2). Dates are `"2026-11-20 09:15:00 UTC"`,
not ISO 8601; `remote`, `hybrid` and `on_site` are flags; `salary{min,max,period,currency}`
has nulls (or amounts as text) when not given; `description` and `requirements` are HTML.
"""

from __future__ import annotations

from afterview.domain.boards import Board, Pay, Posting
from afterview.integrations.boards.dates import read_recruitee_datetime
from afterview.integrations.boards.html_text import html_to_text
from afterview.integrations.boards.places import join_place, remote_from_flags
from afterview.integrations.boards.responses import Origin, Record, read_pay


def parse_recruitee(body: bytes, token: str) -> list[Posting]:
    """The offers of a Recruitee company."""
    origin = Origin(Board.RECRUITEE, token)
    top = origin.record(origin.load_json(body), "")
    return [_posting(offer, token) for offer in top.required_records("offers")]


def _posting(offer: Record, token: str) -> Posting:
    return Posting(
        board=Board.RECRUITEE,
        token=token,
        id=offer.ident("id"),
        title=offer.title("title"),
        department=offer.text("department"),
        location=offer.text("location") or join_place(offer.text("city"), offer.text("country")),
        remote=remote_from_flags(
            remote=offer.flag("remote"), hybrid=offer.flag("hybrid"), on_site=offer.flag("on_site")
        ),
        employment=_employment(offer.text("employment_type_code")),
        url=offer.text("careers_url"),
        published_at=offer.when("published_at", read_recruitee_datetime)
        or offer.when("created_at", read_recruitee_datetime),
        text=html_to_text(f"{offer.text('description')}<p></p>{offer.text('requirements')}"),
        pay=_pay(offer.record("salary")),
    )


def _employment(code: str) -> str:
    """'fulltime_permanent' → 'full-time, permanent'."""
    words = code.replace("fulltime", "full-time").replace("parttime", "part-time")
    return ", ".join(word for word in words.split("_") if word)


def _pay(salary: Record | None) -> Pay | None:
    if salary is None:
        return None
    return read_pay(
        salary.text("currency"), salary.number("min"), salary.number("max"), salary.text("period")
    )
