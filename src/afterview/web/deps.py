"""Dependencies, declared once as Annotated aliases (STYLE.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from afterview.services.workspace import Workspace


def _workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


def _templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


WorkspaceDep = Annotated[Workspace, Depends(_workspace)]
TemplatesDep = Annotated[Jinja2Templates, Depends(_templates)]
