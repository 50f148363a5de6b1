"""The decision worksheet (practice 7): every offer and the current job side by side —
criteria with their weights, scores (pay worked out from the yearly value unless scored),
the weighted score and rank, each yearly value's sum, the days to each deadline, the red
flags from the interviews and the sensitivity check — with the forms that record an offer,
score one and change the weights; and the application page's offer panel."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterview.domain.applications import Application
from afterview.domain.errors import Ambiguous, Conflict, InvalidInput, NotFound
from afterview.domain.offers import Offer, Worksheet, criterion_label
from afterview.services.offers import Comparison
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.errors import page_message
from afterview.web.pages.answers import FORM, FormDep, FormListsDep, field_errors

router = APIRouter()
CURRENT = "current"  # the application select's value for the current job
FIELDS = (
    "application",
    "employer",
    "currency",
    "base",
    "bonus",
    "equity",
    "sign_on",
    "benefits",
    "start_on",
    "deadline",
    "location",
    "remote",
    "notes",
)
MONEY = {
    "base": "base pay",
    "bonus": "bonus",
    "equity": "equity",
    "sign_on": "sign-on bonus",
    "benefits": "benefits",
}
# The domain's field names, as the add form calls them; the offer itself is no field.
RENAMED = {name: name for name in FIELDS} | {"offer": FORM}
REMOTE = [("", "Not said"), ("onsite", "On site"), ("hybrid", "Hybrid"), ("remote", "Remote")]
SCALE = [("1", "1 · poor"), ("2", "2"), ("3", "3 · no view either way"), ("4", "4")]
SCALE.append(("5", "5 · excellent"))
NEW = ("new_name", "new_weight")  # the weights form's new criterion


@dataclass(frozen=True, slots=True)
class Cell:
    """A score as the worksheet shows it, with what it is when not yours."""

    text: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Criterion:
    """A worksheet row: the criterion, its share of the weights, and each offer's score."""

    key: str
    label: str
    share: str
    cells: list[Cell] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Forms:
    """The page's forms as sent back after a refusal (empty: their defaults)."""

    add_values: dict[str, str] = field(default_factory=dict)
    add_errors: dict[str, str] = field(default_factory=dict)
    score_values: dict[int, dict[str, str]] = field(default_factory=dict)
    score_errors: dict[int, str] = field(default_factory=dict)
    weight_values: dict[str, str] = field(default_factory=dict)
    weight_errors: dict[str, str] = field(default_factory=dict)
    removed: Sequence[str] = ()


@router.get("/offers", response_class=HTMLResponse)
def show_offers(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    application: Annotated[int | None, Query(description="Chosen in the add form.")] = None,
) -> HTMLResponse:
    chosen = {"application": str(application) if application is not None else ""}
    return _page(request, ws, templates, Forms(add_values=chosen))


@router.post("/offers", response_model=None)
def add_offer(
    request: Request, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Record an application's offer (it moves to the offer stage) or the current job."""
    from afterview.services.offers import add_offer

    values = {name: form.get(name, "").strip() for name in FIELDS}
    try:
        if not values["application"]:
            raise InvalidInput(
                "Choose the application the offer is for, or your current job.",
                field="application",
            )
        chosen = values["application"]
        offer = add_offer(
            ws,
            None if chosen == CURRENT else chosen,
            currency=values["currency"],
            base=_amount(values["base"], "base"),
            bonus=_amount(values["bonus"], "bonus"),
            equity=_amount(values["equity"], "equity"),
            sign_on=_amount(values["sign_on"], "sign_on"),
            benefits=_amount(values["benefits"], "benefits"),
            start_on=values["start_on"] or None,
            deadline=values["deadline"] or None,
            location=values["location"],
            remote=values["remote"] or None,
            notes=values["notes"],
            employer=values["employer"],
        )
    except (InvalidInput, Conflict, Ambiguous, NotFound) as error:
        forms = Forms(add_values=values, add_errors=field_errors(error, RENAMED))
        status = 409 if isinstance(error, Conflict) else 422
        return _page(request, ws, templates, forms, status=status)
    return RedirectResponse(f"/offers#offer-{offer.id}", status_code=303)


@router.post("/offers/weights", response_model=None)
def change_weights(
    request: Request, ws: WorkspaceDep, templates: TemplatesDep, form: FormListsDep
) -> Response:
    """Save the weights (a new name adds a criterion, those ticked are removed), or go back
    to the defaults."""
    from afterview.services.offers import set_weights, weights

    if _first(form, "reset"):
        set_weights(ws, {}, reset=True)
        return RedirectResponse("/offers#weights", status_code=303)
    current = weights(ws)
    removed = tuple(key for key in form.get("remove", []) if key in current)
    values = {f"weight_{key}": _first(form, f"weight_{key}") for key in current}
    values |= {name: _first(form, name) for name in NEW}
    try:
        changes = {
            key: _weight(values[f"weight_{key}"], f"weight_{key}", criterion_label(key))
            for key in current
            if key not in removed
        }
        if values["new_name"] or values["new_weight"]:
            if not values["new_name"]:
                raise InvalidInput("Name the new criterion.", field="new_name")
            changes[values["new_name"]] = _weight(values["new_weight"], "new_weight", "it")
        set_weights(ws, changes, remove=removed)
    except InvalidInput as error:
        named = {name: name for name in values} | {"criterion": "new_name"}
        errors = field_errors(error, named)
        forms = Forms(weight_values=values, weight_errors=errors, removed=removed)
        return _page(request, ws, templates, forms, status=422)
    return RedirectResponse("/offers#weights", status_code=303)


@router.post("/offers/{offer_id}/scores", response_model=None)
def score_offer(
    request: Request, offer_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Score an offer on the criteria chosen (1 to 5); those left empty stay unscored."""
    from afterview.services.offers import edit_offer

    values = {
        name.removeprefix("score_"): value
        for name, value in form.items()
        if name.startswith("score_")
    }
    try:
        scores = {key: _score(value, key) for key, value in values.items() if value.strip() != ""}
        if scores:
            edit_offer(ws, offer_id, scores=scores)
    except InvalidInput as error:
        forms = Forms(score_values={offer_id: values}, score_errors={offer_id: page_message(error)})
        return _page(request, ws, templates, forms, status=422)
    return RedirectResponse(f"/offers#offer-{offer_id}", status_code=303)


@router.post("/offers/{offer_id}/remove")
def remove_offer(offer_id: int, ws: WorkspaceDep) -> RedirectResponse:
    """Forget an offer (its application keeps its stage)."""
    from afterview.services.offers import remove_offer

    remove_offer(ws, offer_id)
    return RedirectResponse("/offers", status_code=303)


def offer_context(ws: WorkspaceDep, application: Application) -> dict[str, object]:
    """The application page's offer panel, or whether to offer adding one."""
    from afterview.services.offers import list_offers

    offer = next((o for o in list_offers(ws) if o.application_id == application.id), None)
    return {
        "offer": offer,
        "offer_addable": offer is None and application.stage.is_active,
        "criterion": criterion_label,
    }


def _page(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    forms: Forms,
    *,
    status: int = 200,
) -> HTMLResponse:
    from afterview.services.offers import list_offers, weights
    from afterview.services.profile import display_zone

    offers = list_offers(ws)
    comparison, problem = _comparison(ws, offers)
    stored = weights(ws)
    total = sum(stored.values()) or 1
    add_values = {"currency": offers[0].currency if offers else ""} | forms.add_values
    context = {
        "active": "offers",
        "offers": offers,
        "comparison": comparison,
        "criteria": _criteria(comparison.sheet) if comparison else [],
        "compare_problem": problem,
        "choices": _choices(ws, offers),
        "remote": REMOTE,
        "scale": SCALE,
        "weights": stored,
        "labels": {key: criterion_label(key) for key in stored},
        "shares": {key: f"{value / total:.0%}" for key, value in stored.items()},
        "weight_values": {f"weight_{key}": f"{value:g}" for key, value in stored.items()}
        | forms.weight_values,
        "today": ws.now().astimezone(ZoneInfo(display_zone(ws))).date().isoformat(),
        "forms": forms,
        "add_values": add_values,
    }
    return templates.TemplateResponse(request, "offers.html", context, status_code=status)


def _comparison(ws: WorkspaceDep, offers: Sequence[Offer]) -> tuple[Comparison | None, str | None]:
    """The worksheet, or why there is none (offers in several currencies, pay unscored)."""
    from afterview.services.offers import compare

    if not offers:
        return None, None
    try:
        return compare(ws), None
    except InvalidInput as error:
        return None, page_message(error)


def _choices(ws: WorkspaceDep, offers: Sequence[Offer]) -> list[tuple[str, str]]:
    """What an offer can be for: the current job and the active applications, but for
    those that have one."""
    from afterview.services.applications import list_applications

    taken = {o.application_id for o in offers}
    choices = [("", "Choose…")]
    choices += [] if None in taken else [(CURRENT, "Your current job (to compare against)")]
    return choices + [
        (str(a.id), a.label) for a in list_applications(ws, active=True) if a.id not in taken
    ]


def _criteria(sheet: Worksheet) -> list[Criterion]:
    rows = []
    for key in sheet.weights:
        cells = []
        for row in sheet.rows:
            value = row.scores[key]
            if key == "pay" and row.pay_worked_out:
                cells.append(Cell(f"{value:.1f}", "worked out from the pay"))
            elif key in row.unscored:
                cells.append(Cell(f"{value:g}", "unscored"))
            else:
                cells.append(Cell(f"{value:g}"))
        share = f"{sheet.normalised[key]:.0%}"
        rows.append(Criterion(key, criterion_label(key), share, cells))
    return rows


def _amount(text: str, name: str) -> int:
    """A whole amount as typed: '95000', '95,000' or '95 000'; empty is 0 but for the base."""
    cleaned = re.sub(r"[\s,_']", "", text)
    if not cleaned:
        if name == "base":
            raise InvalidInput("Give the base pay a year.", field=name)
        return 0
    if not re.fullmatch(r"[+-]?\d{1,15}", cleaned):
        raise InvalidInput(
            f"Write the {MONEY[name]} as a whole number, like 95000, not {text!r}.", field=name
        )
    return int(cleaned)


def _weight(text: str, name: str, label: str) -> float:
    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise InvalidInput(f"Give {label} a weight: a number, like 10.", field=name)
    return value


def _score(text: str, key: str) -> int:
    if not re.fullmatch(r"\s*[+-]?\d{1,3}\s*", text):
        raise InvalidInput(f"Score {criterion_label(key)} from 1 to 5.", field="scores")
    return int(text)


def _first(form: Mapping[str, list[str]], name: str) -> str:
    return next(iter(form.get(name, [])), "").strip()
