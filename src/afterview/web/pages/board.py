"""The pipeline board: one column per stage, each card with a stage select that moves it in
place (POST /applications/{id}/stage answers the board again)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from afterview.domain.stages import Stage
from afterview.web.deps import TemplatesDep, WorkspaceDep

router = APIRouter()
# Cards shown per column; a column's own view (?stage=) shows them all.
SHOWN = 50


@router.get("/board", response_class=HTMLResponse)
def board(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    stage: Annotated[Stage | None, Query()] = None,
) -> HTMLResponse:
    return templates.TemplateResponse(request, "board.html", board_context(ws, only=stage))


def board_context(
    ws: WorkspaceDep,
    *,
    only: Stage | None = None,
    errors: dict[int, str] | None = None,
    moved: str = "",
) -> dict[str, object]:
    """The columns (stage, its cards, how many in all); `errors` holds a refused move's
    message by application, `moved` says what the last move did."""
    from afterview.services.applications import list_applications

    stages = [only] if only else list(Stage)
    found = list_applications(ws, stages=stages)
    limit = None if only else SHOWN
    columns = []
    for stage in stages:
        cards = [a for a in found if a.stage == stage]
        columns.append((stage, cards[:limit], len(cards)))
    return {
        "active": "board",
        "columns": columns,
        "only": only,
        "stages": [str(stage) for stage in Stage],
        "errors": errors or {},
        "moved": moved,
    }
