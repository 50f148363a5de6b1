"""Offers and the decision worksheet (practice 7): record offers and the current job, score
them, set the weights, and compare them all with the sensitivity check and red flags."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from afterview.domain.errors import InvalidInput
from afterview.domain.offers import PAY_FIELDS, Offer, Sensitivity, criterion_label
from afterview.domain.values import Remote
from afterview.services import offers as service
from afterview.web.api.fields import Long, Reference, Short, Words, body_fields
from afterview.web.deps import WorkspaceDep

router = APIRouter(prefix="/offers", tags=["offers"])
# An application named in the body that does not exist is bad input there; a criterion is
# named among the scores.
BODY_FIELDS = {"application": "application", "criterion": "scores"}
# A criterion's name is part of the weights (or of the scores).
WEIGHT_FIELDS = {"criterion": "weights"}


class OfferIn(BaseModel):
    """An offer to record (`application`, `currency` and `base` are required) or the fields
    to change (omitted or null: left alone). Money is in whole units of the currency."""

    application: Reference | None = Field(
        None,
        description="Only when recording: the application (id or name), or `current` for "
        "your current job, the baseline.",
    )
    employer: Short | None = Field(None, description="Only for the current job: its employer.")
    currency: Words | None = Field(None, description="ISO 4217 code: EUR, USD, GBP…")
    base: int | None = Field(None, description="Base pay a year.")
    bonus: int | None = Field(None, description="Bonus a year.")
    equity: int | None = Field(None, description="Equity's value a year.")
    sign_on: int | None = Field(None, description="Sign-on bonus, once.")
    benefits: int | None = Field(None, description="Benefits' value a year.")
    start_on: Words | None = Field(None, description="'2027-01-04', 'next monday'.")
    deadline: Words | None = Field(
        None, description="When you must answer; never a past day ('' clears it)."
    )
    location: Short | None = None
    remote: Words | None = Field(None, description="onsite, hybrid or remote; '' clears it.")
    notes: Long | None = None
    scores: dict[Short, int] | None = Field(
        None, description="Criterion → 1 (poor) to 5 (excellent); merged into the scores."
    )


class OfferOut(BaseModel):
    """The Offer of docs/export-format.md (`application` null: the current job), with its
    `yearly` value (base + bonus + equity + benefits), its `first_year` (with the sign-on
    bonus) and that sum written out (`arithmetic`)."""

    id: int
    uid: str
    application: dict[str, int | str] | None
    label: str
    currency: str
    base: int
    bonus: int
    equity: int
    sign_on: int
    benefits: int
    yearly: int
    first_year: int
    arithmetic: str
    start_on: str | None
    deadline: str | None
    location: str
    remote: Remote | None
    notes: str
    scores: dict[str, int]
    created_at: str
    updated_at: str


class WeightsIn(BaseModel):
    """Changes to the worksheet's weights: set some (a new name adds a criterion), remove
    some, or go back to the defaults first (`reset`). Weights adding up to zero are
    refused."""

    weights: dict[Short, float] = Field(default_factory=dict)
    remove: list[Short] = Field(default_factory=list)
    reset: bool = False


class WeightsOut(BaseModel):
    """The criteria in order: each one's weight, its share of them all (0-1; only the
    proportions count) and its label."""

    weights: dict[str, float]
    shares: dict[str, float]
    labels: dict[str, str]


class ComparisonOut(BaseModel):
    """Every offer and the current job side by side, best first. Each row: the `offer`,
    its `rank` (1 is best; equal scores share one), weighted `score` (1-5), the `scores`
    counted per criterion, whether pay was worked out from the yearly values
    (`pay_worked_out`), the criteria counted as 3 (`unscored`), `days_left` to its deadline
    and its `red_flags`. `sensitivity` (null with one offer) says who leads, by how much,
    and which single weight moved by 20% changes the lead (`flips`); `summary` says it in
    words."""

    currency: str | None
    criteria: list[dict[str, str | float]]
    rows: list[dict[str, Any]]
    sensitivity: dict[str, Any] | None
    summary: str


@router.get("")
def list_offers(ws: WorkspaceDep) -> list[OfferOut]:
    """The current job first, then the offers in the order they were recorded."""
    return [offer_out(o) for o in service.list_offers(ws)]


@router.post("", status_code=201)
def add_offer(new: OfferIn, ws: WorkspaceDep) -> OfferOut:
    """Record an application's offer (the application moves to the offer stage; its
    deadline brings the decision forward), or your current job as the baseline."""
    for name in ("application", "currency", "base"):
        if getattr(new, name) is None:
            raise InvalidInput(f"“{name}” is required to record an offer.", field=name)
    chosen = new.application or ""
    current = chosen.strip().casefold() == service.CURRENT
    with body_fields(BODY_FIELDS):
        offer = service.add_offer(
            ws,
            None if current else chosen,
            currency=new.currency or "",
            base=new.base or 0,
            bonus=new.bonus or 0,
            equity=new.equity or 0,
            sign_on=new.sign_on or 0,
            benefits=new.benefits or 0,
            start_on=new.start_on,
            deadline=new.deadline,
            location=new.location or "",
            remote=new.remote or None,
            notes=new.notes or "",
            scores=new.scores,
            employer=new.employer or "",
        )
    return offer_out(offer)


@router.get("/weights")
def show_weights(ws: WorkspaceDep) -> WeightsOut:
    """The worksheet's criteria and weights (the defaults until you set some)."""
    return weights_out(service.weights(ws))


@router.put("/weights")
def change_weights(change: WeightsIn, ws: WorkspaceDep) -> WeightsOut:
    """Set, add and remove criteria, or reset them: all or nothing."""
    with body_fields(WEIGHT_FIELDS):
        found = service.set_weights(
            ws, change.weights, remove=tuple(change.remove), reset=change.reset
        )
    return weights_out(found)


@router.get("/compare")
def compare(ws: WorkspaceDep) -> ComparisonOut:
    """The decision worksheet (422 while there is no offer)."""
    return comparison_out(service.compare(ws))


@router.patch("/{offer_id}")
def edit_offer(offer_id: int, change: OfferIn, ws: WorkspaceDep) -> OfferOut:
    """Change the given fields; `scores` are merged into the offer's. A deadline moved to a
    past day is refused (one already past may stay)."""
    for name in ("application", "employer"):
        if getattr(change, name) is not None:
            raise InvalidInput(f"An offer's “{name}” cannot change.", field=name)
    money = {name: getattr(change, name) for name in PAY_FIELDS}
    with body_fields(BODY_FIELDS):
        offer = service.edit_offer(
            ws,
            offer_id,
            currency=change.currency,
            money={name: value for name, value in money.items() if value is not None},
            start_on=change.start_on,
            deadline=change.deadline,
            location=change.location,
            remote=change.remote,
            notes=change.notes,
            scores=change.scores,
        )
    return offer_out(offer)


@router.delete("/{offer_id}", status_code=204, response_class=Response)
def remove_offer(offer_id: int, ws: WorkspaceDep) -> Response:
    """Forget an offer (its application keeps its stage)."""
    service.remove_offer(ws, offer_id)
    return Response(status_code=204)


def offer_out(offer: Offer) -> OfferOut:
    application: dict[str, int | str] | None = None
    if offer.application_id is not None:
        application = {"id": offer.application_id, "label": offer.label}
    return OfferOut(
        id=offer.id,
        uid=str(offer.uid),
        application=application,
        label=offer.label,
        currency=offer.currency,
        base=offer.base,
        bonus=offer.bonus,
        equity=offer.equity,
        sign_on=offer.sign_on,
        benefits=offer.benefits,
        yearly=offer.yearly,
        first_year=offer.first_year,
        arithmetic=offer.arithmetic(),
        start_on=offer.start_on.isoformat() if offer.start_on else None,
        deadline=offer.deadline.isoformat() if offer.deadline else None,
        location=offer.location,
        remote=offer.remote,
        notes=offer.notes,
        scores=dict(offer.scores),
        created_at=offer.created_at.isoformat(),
        updated_at=offer.updated_at.isoformat(),
    )


def weights_out(weights: dict[str, float]) -> WeightsOut:
    total = sum(weights.values())
    return WeightsOut(
        weights=weights,
        shares={key: value / total for key, value in weights.items()},
        labels={key: criterion_label(key) for key in weights},
    )


def comparison_out(found: service.Comparison) -> ComparisonOut:
    sheet = found.sheet
    rows = [
        {
            "offer": offer_out(row.offer),
            "rank": row.rank,
            "score": row.score,
            "scores": dict(row.scores),
            "pay_worked_out": row.pay_worked_out,
            "unscored": list(row.unscored),
            "days_left": found.days_left.get(row.offer.id),
            "red_flags": list(found.flags.get(row.offer.id, [])),
        }
        for row in sheet.rows
    ]
    return ComparisonOut(
        currency=sheet.currency,
        criteria=[
            {
                "key": key,
                "label": criterion_label(key),
                "weight": weight,
                "share": sheet.normalised[key],
            }
            for key, weight in sheet.weights.items()
        ],
        rows=rows,
        sensitivity=_sensitivity_out(sheet.sensitivity),
        summary=found.summary,
    )


def _sensitivity_out(found: Sensitivity | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "leaders": list(found.leaders),
        "margin": found.margin,
        "holds": found.holds,
        "most_sensitive": found.most_sensitive,
        "flips": [
            {"criterion": s.criterion, "factor": s.factor, "leaders": list(s.leaders)}
            for s in found.flips
        ],
    }
