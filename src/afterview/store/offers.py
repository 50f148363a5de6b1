"""Offers and the worksheet's criteria in the store."""

from __future__ import annotations

from uuid import uuid4

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from afterview.domain.errors import NotFound
from afterview.domain.offers import Offer
from afterview.domain.values import Remote
from afterview.store.rows import CriterionRow, OfferRow

MONEY = ("base", "bonus", "equity", "sign_on", "benefits")


def to_offer(row: OfferRow) -> Offer:
    return Offer(
        id=row.id,
        uid=row.uid,
        application_id=row.application_id,
        label=row.label,
        currency=row.currency,
        base=row.base,
        bonus=row.bonus,
        equity=row.equity,
        sign_on=row.sign_on,
        benefits=row.benefits,
        start_on=row.start_on,
        deadline=row.deadline,
        location=row.location,
        remote=Remote(row.remote) if row.remote else None,
        notes=row.notes,
        scores={key: int(value) for key, value in row.scores.items()},
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def get_offer(session: Session, offer_id: int) -> Offer:
    row = session.get(OfferRow, offer_id)
    if row is None:
        raise NotFound("offer", offer_id)
    return to_offer(row)


def list_offers(session: Session) -> list[Offer]:
    """The current job first, then the offers in the order they were recorded."""
    query = select(OfferRow).order_by(OfferRow.application_id.is_not(None), OfferRow.id)
    return [to_offer(row) for row in session.scalars(query)]


def offer_for(session: Session, application_id: int | None) -> Offer | None:
    """The offer of an application, or (None) the current job."""
    where = (
        OfferRow.application_id.is_(None)
        if application_id is None
        else OfferRow.application_id == application_id
    )
    row = session.scalar(select(OfferRow).where(where))
    return to_offer(row) if row is not None else None


def save_offer(session: Session, offer: Offer) -> Offer:
    """Insert (id 0) or update an offer."""
    row = session.get(OfferRow, offer.id) if offer.id else None
    if row is None:
        row = OfferRow(uid=offer.uid, created_at=offer.created_at)
        session.add(row)
    row.application_id = offer.application_id
    row.label = offer.label
    row.currency = offer.currency
    for name in MONEY:
        setattr(row, name, getattr(offer, name))
    row.start_on = offer.start_on
    row.deadline = offer.deadline
    row.location = offer.location
    row.remote = str(offer.remote) if offer.remote else None
    row.notes = offer.notes
    row.scores = dict(offer.scores)
    row.updated_at = offer.updated_at
    session.flush()
    return to_offer(row)


def delete_offer(session: Session, offer_id: int) -> None:
    session.execute(delete(OfferRow).where(OfferRow.id == offer_id))


def read_weights(session: Session) -> dict[str, float] | None:
    """The worksheet's criteria and weights in their order; None when the user has not
    set any (the defaults apply)."""
    rows = session.scalars(select(CriterionRow).order_by(CriterionRow.position)).all()
    return {row.key: row.weight for row in rows} if rows else None


def write_weights(session: Session, weights: dict[str, float]) -> None:
    """Replace the criteria and weights, keeping each criterion's uid."""
    kept = {row.key: row for row in session.scalars(select(CriterionRow))}
    for key, row in kept.items():
        if key not in weights:
            session.delete(row)
    for position, (key, weight) in enumerate(weights.items()):
        row = kept.get(key) or CriterionRow(uid=uuid4(), key=key)
        row.weight, row.position = weight, position
        session.add(row)
    session.flush()
