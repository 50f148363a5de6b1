"""Offers and the decision worksheet (practice 7): recording offers and the current job,
scoring them, the weights, and the comparison with its sensitivity check and red flags.
Recording an offer moves its application to the offer stage; its deadline drives the
practice-7 action."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from uuid import uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.errors import Conflict, InvalidInput
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.moments import parse_day
from afterview.domain.offers import (
    DEFAULT_WEIGHTS,
    PAY_FIELDS,
    Offer,
    Worksheet,
    check_amount,
    check_currency,
    check_deadline,
    check_score,
    check_weights,
    criterion_key,
    describe_sensitivity,
    worksheet,
)
from afterview.domain.stages import Stage
from afterview.domain.values import Remote, limit_text
from afterview.services.applications import find_application, move_stage
from afterview.services.playbook import replan_application
from afterview.services.reviews import application_red_flags
from afterview.services.timeline import record_changes
from afterview.services.workspace import Workspace, resolve
from afterview.store import offers as offer_store
from afterview.store.events import append_event

CURRENT = "current"  # how the current job is named where an offer is expected
NOTES_LENGTH = 5_000
LABEL_LENGTH = 300  # the offers table's label column


@dataclass(frozen=True, slots=True)
class Comparison:
    sheet: Worksheet
    summary: str  # the sensitivity check in words
    flags: Mapping[int, list[str]]  # offer id → red flags
    days_left: Mapping[int, int]  # offer id → days to its deadline


@cache
def currencies() -> frozenset[str]:
    """ISO 4217 codes (pycountry's list), loaded on first use."""
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def find_offer(session: Session, reference: str | int) -> Offer:
    """An offer by id, `current` for the current job, or words of its label."""
    if str(reference).strip().casefold() == CURRENT:
        found = offer_store.offer_for(session, None)
        if found is None:
            raise InvalidInput("No current job is recorded.", field="offer")
        return found
    return resolve(
        session,
        "offer",
        reference,
        offer_store.get_offer,
        lambda s, _fragment: [(o.id, o.label, o.label) for o in offer_store.list_offers(s)],
    )


def add_offer(
    ws: Workspace,
    application: str | int | None,
    *,
    currency: str,
    base: int,
    bonus: int = 0,
    equity: int = 0,
    sign_on: int = 0,
    benefits: int = 0,
    start_on: str | None = None,
    deadline: str | None = None,
    location: str = "",
    remote: str | None = None,
    notes: str = "",
    scores: Mapping[str, int] | None = None,
    employer: str = "",
) -> Offer:
    """Record an application's offer (it moves to the offer stage), or, with no application,
    your current job as the baseline (`employer` names it)."""
    now = ws.now()
    with ws.ready().write() as session:
        zone = ws.home_zone(session)
        today = now.astimezone(ZoneInfo(zone)).date()
        target = find_application(session, application) if application is not None else None
        existing = offer_store.offer_for(session, target.id if target else None)
        if existing is not None:
            what = f"{target.label} already has an offer" if target else "A current job is"
            raise Conflict(f"{what} recorded (offer {existing.id}): edit it instead.")
        if target is not None and target.stage not in (Stage.OFFER, *_BEFORE_OFFER):
            raise InvalidInput(
                f"{target.label} is {target.stage}: an offer comes before an application ends.",
                field="application",
            )
        weights = _weights(session)
        offer = Offer(
            id=0,
            uid=uuid4(),
            application_id=target.id if target else None,
            label=_fit(target.label) if target else _current_label(employer),
            currency=check_currency(currency, currencies()),
            **_money(
                {"base": base, "bonus": bonus, "equity": equity}
                | {"sign_on": sign_on, "benefits": benefits}
            ),
            start_on=_day(start_on, "start_on", now, zone),
            deadline=check_deadline(_day(deadline, "deadline", now, zone), today),
            location=limit_text(location, "location"),
            remote=_remote(remote),
            notes=limit_text(notes, "notes", NOTES_LENGTH),
            scores=_scores(scores or {}, weights),
            created_at=now,
            updated_at=now,
        )
        saved = offer_store.save_offer(session, offer)
        if target is not None:
            data = {"changes": {"offer": [None, saved.arithmetic()]}, "offer": saved.id}
            append_event(session, SubjectKind.APPLICATION, target.id, EventKind.UPDATED, now, data)
            if target.stage != Stage.OFFER:
                move_stage(ws, session, target, Stage.OFFER, now, note="offer recorded")
            else:
                replan_application(ws, session, target.id, now)
        return saved


_BEFORE_OFFER = (Stage.SAVED, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING)


def edit_offer(
    ws: Workspace,
    reference: str | int,
    *,
    currency: str | None = None,
    money: Mapping[str, int] | None = None,
    start_on: str | None = None,
    deadline: str | None = None,
    location: str | None = None,
    remote: str | None = None,
    notes: str | None = None,
    scores: Mapping[str, int] | None = None,
) -> Offer:
    """Change an offer's values; `scores` are merged into its scores. A deadline moved to
    a past day is refused; one already past may stay."""
    now = ws.now()
    with ws.ready().write() as session:
        offer = find_offer(session, reference)
        zone = ws.home_zone(session)
        today = now.astimezone(ZoneInfo(zone)).date()
        changes: dict[str, object] = {}
        if currency is not None:
            changes["currency"] = check_currency(currency, currencies())
        changes |= _money(money or {})
        if start_on is not None:
            changes["start_on"] = _day(start_on, "start_on", now, zone)
        if deadline is not None:
            changes["deadline"] = check_deadline(_day(deadline, "deadline", now, zone), today)
        if location is not None:
            changes["location"] = limit_text(location, "location")
        if remote is not None:
            changes["remote"] = _remote(remote)
        if notes is not None:
            changes["notes"] = limit_text(notes, "notes", NOTES_LENGTH)
        if scores:
            changes["scores"] = dict(offer.scores) | _scores(scores, _weights(session))
        edited = replace(offer, updated_at=now, **changes)  # type: ignore[arg-type]
        saved = offer_store.save_offer(session, edited)
        if offer.application_id is not None:
            record_changes(
                session,
                SubjectKind.APPLICATION,
                offer.application_id,
                now,
                {f"offer {name}": getattr(offer, name) for name in changes},
                {f"offer {name}": getattr(saved, name) for name in changes},
            )
            replan_application(ws, session, offer.application_id, now)
        return saved


def remove_offer(ws: Workspace, reference: str | int) -> Offer:
    """Forget an offer (the application keeps its stage: change that on its own)."""
    now = ws.now()
    with ws.ready().write() as session:
        offer = find_offer(session, reference)
        offer_store.delete_offer(session, offer.id)
        if offer.application_id is not None:
            data = {"changes": {"offer": [offer.arithmetic(), None]}}
            append_event(
                session, SubjectKind.APPLICATION, offer.application_id, EventKind.UPDATED, now, data
            )
            replan_application(ws, session, offer.application_id, now)
        return offer


def list_offers(ws: Workspace) -> list[Offer]:
    with ws.ready().read() as session:
        return offer_store.list_offers(session)


def weights(ws: Workspace) -> dict[str, float]:
    """The worksheet's criteria and weights, in order (the defaults until you set some)."""
    with ws.ready().read() as session:
        return _weights(session)


def set_weights(
    ws: Workspace,
    changes: Mapping[str, float],
    *,
    remove: tuple[str, ...] = (),
    reset: bool = False,
) -> dict[str, float]:
    """Set some weights (a new name adds a criterion), remove criteria, or go back to the
    defaults. Weights that add up to zero are refused."""
    with ws.ready().write() as session:
        current = dict(DEFAULT_WEIGHTS) if reset else _weights(session)
        for name in remove:
            key = criterion_key(name)
            if key not in current:
                raise InvalidInput(
                    f"There is no criterion {key!r}: there are {', '.join(current)}.",
                    field="remove",
                )
            del current[key]
        current |= check_weights(changes) if changes else {}
        checked = check_weights(current)
        offer_store.write_weights(session, checked)
        return checked


def compare(ws: Workspace, weights_given: Mapping[str, float] | None = None) -> Comparison:
    """Every offer and the current job on the worksheet, with the red flags of each offer's
    interviews and the days to each deadline. `weights_given` change some weights (or add
    criteria) for this comparison only, over the stored ones."""
    now = ws.now()
    with ws.ready().read() as session:
        offers = offer_store.list_offers(session)
        if not offers:
            raise InvalidInput("No offers yet: record one first.", field="offers")
        zone = ws.home_zone(session)
        changed = check_weights(weights_given) if weights_given else {}
        sheet = worksheet(offers, _weights(session) | changed)
        flags = {
            o.id: application_red_flags(session, o.application_id, zone)
            for o in offers
            if o.application_id is not None
        }
        today = now.astimezone(ZoneInfo(zone)).date()
        days_left = {o.id: (o.deadline - today).days for o in offers if o.deadline is not None}
        return Comparison(sheet, describe_sensitivity(sheet), flags, days_left)


def _weights(session: Session) -> dict[str, float]:
    return offer_store.read_weights(session) or dict(DEFAULT_WEIGHTS)


def _scores(given: Mapping[str, int], weights: Mapping[str, float]) -> dict[str, int]:
    found: dict[str, int] = {}
    for name, value in given.items():
        key = criterion_key(name)
        if key not in weights:
            raise InvalidInput(
                f"There is no criterion {key!r} on the worksheet: score {', '.join(weights)}, "
                "or add it to the weights.",
                field="scores",
            )
        found[key] = check_score(key, value)
    return found


def _money(values: Mapping[str, int]) -> dict[str, int]:
    found = {}
    for name, value in values.items():
        if name not in PAY_FIELDS:
            raise InvalidInput(f"Unknown pay component {name!r}.", field=name)
        found[name] = check_amount(value, name)
    return found


def _day(text: str | None, field: str, now: datetime, zone: str) -> date | None:
    if text is None or not text.strip():
        return None
    return parse_day(text, now=now, zone=zone, field=field, ahead=True)


def _remote(text: str | None) -> Remote | None:
    if text is None or not text.strip():
        return None
    try:
        return Remote(text.strip().casefold().replace("on-site", "onsite"))
    except ValueError:
        raise InvalidInput(
            f"Remote is one of {', '.join(Remote)}, not {text!r}.", field="remote"
        ) from None


def _fit(label: str) -> str:
    """A label the offers table holds (a company's name and a role can be longer)."""
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def _current_label(employer: str) -> str:
    name = limit_text(employer, "employer")
    return f"Current job: {name}" if name else "Current job"
