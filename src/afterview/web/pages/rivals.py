"""The application page's rivals (practice 4): the company's rivals with their boards and
what their last scans listed, its own board, the rivals suggested from your applications,
the best openings at the rivals, and the forms that add and remove a rival, set the
company's board and scan the rivals' boards now (answered in place with how each fared)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterview.domain.applications import Application
from afterview.domain.errors import AfterviewError, Ambiguous, Conflict, InvalidInput, NotFound
from afterview.domain.rivals import new_words
from afterview.services.scan import BoardScan, ScanReport
from afterview.services.workspace import Workspace
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.pages.answers import FormDep, answer, field_errors, is_htmx

router = APIRouter()
BEST = 3  # the best openings at the rivals the panel shows
ADD_FIELDS = ("rival", "link")
EXPECTED = (InvalidInput, Conflict, Ambiguous, NotFound)


@dataclass(frozen=True, slots=True)
class Scanned:
    """A scan as the panel and the openings page show it: each board with its new
    openings said in words ('2 new since Tuesday')."""

    report: ScanReport
    boards: list[tuple[BoardScan, str]]


@router.post("/applications/{application_id}/rivals", response_model=None)
def add_rival(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Add a rival of the application's company: a company (its id, or a name, created when
    there is none, with its board link if given) or one of its job links."""
    from afterview.services.rivals import add_rival

    application = _application(ws, application_id)
    values = {name: form.get(name, "").strip() for name in ADD_FIELDS}
    try:
        change = add_rival(ws, application.company_id, values["rival"], link=values["link"])
    except EXPECTED as error:
        errors = _add_errors(error, values)
        extra = {"rival_values": values, "rival_errors": errors}
        return _panel(request, ws, templates, application, extra, _status(error))
    notice = (
        f"Added {change.rival.name} as a rival." if change.paired else "It was a rival already."
    )
    return _done(request, ws, templates, application, notice)


@router.post("/applications/{application_id}/rivals/{rival_id}/remove", response_model=None)
def remove_rival(
    request: Request, application_id: int, rival_id: int, ws: WorkspaceDep, templates: TemplatesDep
) -> Response:
    """No longer a rival (its board and openings stay, for any other company it rivals)."""
    from afterview.services.rivals import remove_rival

    application = _application(ws, application_id)
    try:
        change = remove_rival(ws, application.company_id, rival_id)
    except InvalidInput as error:
        extra = {"rival_errors": field_errors(error, {})}
        return _panel(request, ws, templates, application, extra, 422)
    notice = f"{change.rival.name} is no longer a rival."
    return _done(request, ws, templates, application, notice)


@router.post("/applications/{application_id}/board", response_model=None)
def set_board(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Set where the application's company lists its openings; an empty source removes it."""
    from afterview.services.rivals import remove_board, set_board

    application = _application(ws, application_id)
    source = form.get("source", "").strip()
    try:
        if source:
            board = set_board(ws, application.company_id, source)
            notice = f"{application.company_name}'s board is {board.ref.label}."
        else:
            remove_board(ws, application.company_id)
            notice = f"{application.company_name} has no board now."
    except EXPECTED as error:
        extra = {"board_values": {"source": source}, "board_errors": _board_errors(error)}
        return _panel(request, ws, templates, application, extra, _status(error))
    return _done(request, ws, templates, application, notice)


@router.post("/applications/{application_id}/rivals/scan", response_class=HTMLResponse)
def scan_rivals(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Read the rivals' boards now (a copy younger than the scan interval is used unless
    `refresh`), and answer with how each board fared and the best openings."""
    from afterview.services.scan import scan

    application = _application(ws, application_id)
    try:
        report = scan(ws, application.company_id, refresh=bool(form.get("refresh")))
    except InvalidInput as error:
        extra = {"scan_errors": field_errors(error, {})}
        return _panel(request, ws, templates, application, extra, 422)
    return _panel(request, ws, templates, application, {"scanned": scanned(ws, report)}, 200)


def rivals_context(ws: Workspace, application: Application) -> dict[str, object]:
    """The rivals panel: the company's rivals, board and suggestions, the best openings at
    the rivals (from the last scans), and the forms' defaults."""
    from afterview.services.rivals import rivals_of
    from afterview.services.scan import Filters, list_openings

    found = rivals_of(ws, application.company_id)
    best = []
    if found.rivals:
        best = list_openings(ws, Filters(rivals_of=application.company_id)).openings[:BEST]
    return {
        "rivals": found,
        "best_openings": best,
        "rival_values": {"rival": "", "link": ""},
        "rival_errors": {},
        "board_values": {"source": ""},
        "board_errors": {},
        "scan_errors": {},
        "scanned": None,
        "rivals_notice": "",
    }


def scanned(ws: Workspace, report: ScanReport) -> Scanned:
    """The report with each board's new openings in words, in the profile's zone."""
    from afterview.services.profile import display_zone

    now = ws.now().astimezone(ZoneInfo(display_zone(ws)))
    return Scanned(
        report, [(board, new_words(board.new, board.since, now)) for board in report.boards]
    )


def _application(ws: Workspace, application_id: int) -> Application:
    from afterview.services.applications import show_application

    return show_application(ws, application_id).application


def _panel(
    request: Request,
    ws: Workspace,
    templates: TemplatesDep,
    application: Application,
    extra: Mapping[str, object],
    status: int,
) -> HTMLResponse:
    """The panel for htmx, the application's page for a plain form."""
    if is_htmx(request):
        from afterview.services.profile import display_zone

        context = {"application": application, "zone": display_zone(ws)}
        context |= rivals_context(ws, application)
    else:
        from afterview.web.pages.applications import detail_context

        context = detail_context(ws, application.id)
    return answer(
        request,
        templates,
        page="application.html",
        fragment="application_rivals.html",
        context={**context, **extra},
        status=status,
    )


def _done(
    request: Request, ws: Workspace, templates: TemplatesDep, application: Application, notice: str
) -> Response:
    if not is_htmx(request):
        return RedirectResponse(f"/applications/{application.id}#rivals", status_code=303)
    return _panel(request, ws, templates, application, {"rivals_notice": notice}, 200)


def _add_errors(error: AfterviewError, values: Mapping[str, str]) -> dict[str, str]:
    """A bad board link is the link field's when one was given (a name with its link),
    else the rival's (a pasted job link); so is a board that is another company's."""
    about_link = "link" if values["link"] else "rival"
    named = {"rival": "rival", "company": "rival", "name": "rival"}
    named |= {"board": about_link, "link": about_link}
    where = about_link if isinstance(error, Conflict) else "rival"
    return field_errors(error, named, where)


def _board_errors(error: AfterviewError) -> dict[str, str]:
    return field_errors(error, {"board": "source", "link": "source", "source": "source"}, "source")


def _status(error: AfterviewError) -> int:
    return 409 if isinstance(error, Conflict | Ambiguous) else 422
