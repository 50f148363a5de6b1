"""The openings at rivals' boards (practice 4), best first, from the last scans (a GET reads
no board): the filters, each opening with its score and reasons, the boards looked at with
their last scans and failures; saving an opening as an application (then writing its cover
letter), and scanning every board now."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterview.domain.boards import Board
from afterview.domain.errors import Ambiguous, Conflict, InvalidInput, NotFound
from afterview.domain.values import NAME_LENGTH
from afterview.services.scan import Filters, OpeningList, RankedOpening
from afterview.services.workspace import Workspace
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.errors import page_message
from afterview.web.pages.answers import FORM, FormDep, field_errors
from afterview.web.pages.rivals import Scanned, scanned

router = APIRouter()
# The filter form's fields, as the query names them.
FILTERS = ("rivals_of", "company", "board", "new", "remote", "min_score", "q", "unsaved")
CHECKS = ("new", "remote", "unsaved")
BOARDS = [("", "Any board"), *((str(board), board.label) for board in Board)]
Text = Annotated[str, Query(max_length=NAME_LENGTH)]


@router.get("/openings", response_class=HTMLResponse)
def show_openings(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    rivals_of: Text = "",
    company: Text = "",
    board: Text = "",
    new: Text = "",
    remote: Text = "",
    min_score: Text = "",
    q: Text = "",
    unsaved: Text = "",
    saved: Annotated[int | None, Query(description="The opening just saved.")] = None,
) -> HTMLResponse:
    given = {"rivals_of": rivals_of, "company": company, "board": board, "new": new}
    given |= {"remote": remote, "min_score": min_score, "q": q, "unsaved": unsaved}
    values = {name: value.strip() for name, value in given.items()}
    return _page(request, ws, templates, values, saved=saved)


@router.post("/openings/{opening_id}/save", response_model=None)
def save_opening(
    request: Request, opening_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Save an opening as an application (stage saved, the posting's text kept); the page
    then offers its cover letter. `back`: the filters' query to return to."""
    from afterview.services.scan import save_opening

    back = form.get("back", "")
    try:
        save_opening(ws, opening_id)
    except Conflict as error:
        values = _values_of(back)
        return _page(request, ws, templates, values, problem=page_message(error), status=409)
    query = f"{back}&saved={opening_id}" if back else f"saved={opening_id}"
    return RedirectResponse(f"/openings?{query}#saved", status_code=303)


@router.post("/openings/scan", response_class=HTMLResponse)
def scan_boards(
    request: Request, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Read every company's board now (a copy younger than the scan interval is used unless
    `refresh`), then show the openings with how each board fared."""
    from afterview.services.scan import scan

    values = _values_of(form.get("back", ""))
    try:
        report = scan(ws, refresh=bool(form.get("refresh")))
    except InvalidInput as error:
        scan_error = page_message(error)
        return _page(request, ws, templates, values, scan_error=scan_error, status=422)
    return _page(request, ws, templates, values, report=scanned(ws, report))


def _page(
    request: Request,
    ws: Workspace,
    templates: TemplatesDep,
    values: dict[str, str],
    *,
    saved: int | None = None,
    report: Scanned | None = None,
    problem: str = "",
    scan_error: str = "",
    status: int = 200,
) -> HTMLResponse:
    from afterview.services.companies import list_companies
    from afterview.services.profile import display_zone
    from afterview.services.scan import list_openings

    errors: dict[str, str] = {}
    found: OpeningList | None = None
    try:
        found = list_openings(ws, _filters(values))
    except (InvalidInput, NotFound, Ambiguous) as error:
        errors = field_errors(error, {"min_score": "min_score", "board": "board"})
        if not isinstance(error, InvalidInput):
            errors = {_named_company(error, values): page_message(error)}
        status = max(status, 422)
    names = {c.id: c.name for c in list_companies(ws)}
    context = {
        "active": "openings",
        "values": values,
        "errors": errors,
        "found": found,
        "names": names,
        "rivals_choices": _rivals_choices(ws, names),
        "company_choices": [("", "Any company")]
        + [(str(cid), name) for cid, name in (found.companies if found else [])],
        "boards": BOARDS,
        "back": _query(values),
        "filtered": any(values.values()),
        "just_saved": _just_saved(ws, saved),
        "report": report,
        "problem": problem,
        "scan_error": scan_error,
        "zone": display_zone(ws),
    }
    return templates.TemplateResponse(request, "openings.html", context, status_code=status)


def _filters(values: Mapping[str, str]) -> Filters:
    board = values["board"]
    if board and board not in set(Board):
        raise InvalidInput(f"{board!r} is not a job board Afterview reads.", field="board")
    return Filters(
        rivals_of=values["rivals_of"] or None,
        company=values["company"] or None,
        board=Board(board) if board else None,
        new_only=bool(values["new"]),
        remote_only=bool(values["remote"]),
        min_score=_score(values["min_score"]),
        search=values["q"],
        unsaved_only=bool(values["unsaved"]),
    )


def _score(text: str) -> float:
    if not text:
        return 0.0
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(
            f"Give the minimum score as a number from 0 to 100, not {text!r}.", field="min_score"
        ) from None


def _named_company(error: NotFound | Ambiguous, values: Mapping[str, str]) -> str:
    """The filter that named the missing (or ambiguous) company."""
    key = str(error.key) if isinstance(error, NotFound) else None
    if values["company"] and (key == values["company"] or not values["rivals_of"]):
        return "company"
    return "rivals_of" if values["rivals_of"] else FORM


def _rivals_choices(ws: Workspace, names: Mapping[int, str]) -> list[tuple[str, str]]:
    """The companies of your applications, whose rivals the list may keep to."""
    from afterview.services.applications import list_applications

    ids = {a.company_id for a in list_applications(ws)}
    chosen = sorted(ids, key=lambda cid: names.get(cid, "").casefold())
    return [("", "Everyone's rivals")] + [(str(cid), names.get(cid, str(cid))) for cid in chosen]


def _just_saved(ws: Workspace, opening_id: int | None) -> RankedOpening | None:
    """The opening just saved (with its application), for the cover letter's offer."""
    from afterview.services.scan import show_opening

    if opening_id is None:
        return None
    try:
        found = show_opening(ws, opening_id)
    except NotFound:
        return None
    return found if found.opening.application_id is not None else None


def _query(values: Mapping[str, str]) -> str:
    """The filters as a query string, for the forms that come back to this list."""
    return urlencode({name: value for name, value in values.items() if value})


def _values_of(query: str) -> dict[str, str]:
    from urllib.parse import parse_qs

    parsed = parse_qs(query[:2000])
    return {name: parsed.get(name, [""])[0].strip()[:NAME_LENGTH] for name in FILTERS}
