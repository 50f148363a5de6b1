"""How a page answers: the whole page, or only the fragment htmx asked for; the submitted
form as a dict; a domain error as a message next to the field it is about."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from afterview.domain.errors import AfterviewError, InvalidInput, NotFound
from afterview.domain.events import Event, describe_event
from afterview.domain.lint import Finding
from afterview.web.api.lint import lint_counts
from afterview.web.errors import is_htmx as is_htmx  # the pages import it from here too
from afterview.web.errors import page_message

# The key of a message that belongs to no single field: shown at the top of the form.
FORM = "_form"


async def _form_values(request: Request) -> dict[str, str]:
    form = await request.form()
    return {name: value for name, value in form.items() if isinstance(value, str)}


FormDep = Annotated[dict[str, str], Depends(_form_values)]


async def _form_lists(request: Request) -> dict[str, list[str]]:
    form = await request.form()
    return {name: [v for v in form.getlist(name) if isinstance(v, str)] for name in form}


# The form with every value of each field (checkboxes that share a name).
FormListsDep = Annotated[dict[str, list[str]], Depends(_form_lists)]


def answer(
    request: Request,
    templates: Jinja2Templates,
    *,
    page: str,
    fragment: str,
    context: Mapping[str, object],
    status: int = 200,
) -> HTMLResponse:
    """The fragment for htmx, the page (which includes it) for everyone else."""
    name = fragment if is_htmx(request) else page
    return templates.TemplateResponse(request, name, dict(context), status_code=status)


def application_answer(
    request: Request, templates: Jinja2Templates, context: Mapping[str, object], status: int
) -> HTMLResponse:
    """answer() for a form on the application page: its detail for htmx, else the page."""
    return answer(
        request,
        templates,
        page="application.html",
        fragment="application_detail.html",
        context=context,
        status=status,
    )


def field_errors(
    error: AfterviewError, fields: Mapping[str, str], default: str = FORM
) -> dict[str, str]:
    """{form field: message} for an error: `fields` maps the domain's field names to the
    form's; a message about nothing in the form goes to its top."""
    if isinstance(error, InvalidInput):
        name = error.field or default
    elif isinstance(error, NotFound):
        name = error.kind
    else:
        name = default
    return {fields.get(name, FORM): page_message(error)}


def timeline(events: Sequence[Event]) -> list[tuple[datetime, str]]:
    """Each event as (when, what happened in words)."""
    return [(event.at, describe_event(event)) for event in events]


def lint_summary(findings: Sequence[Finding]) -> str:
    """'clean', '1 error', '2 errors, 1 warning'."""
    errors, warnings = lint_counts(findings)
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    return ", ".join(parts) or "clean"


def web_link(text: str) -> str | None:
    """A link the page may point to: http(s) only, never javascript: or data:."""
    stripped = text.strip()
    return stripped if stripped.lower().startswith(("http://", "https://")) else None
