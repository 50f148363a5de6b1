"""Builders: plain functions with defaults and keyword overrides, going through services."""

from __future__ import annotations

from typing import Any

from afterview.domain.applications import Application
from afterview.domain.contacts import Contact
from afterview.domain.interviews import Interview
from afterview.domain.profile import Profile
from afterview.services.workspace import Workspace


def make_profile(ws: Workspace, **overrides: Any) -> Profile:
    from afterview.services.profile import set_up_profile

    values: dict[str, Any] = {
        "name": "Sam Rivera",
        "email": "sam.rivera@example.org",
        "time_zone": "Europe/Berlin",
        "country": "DE",
        "subdivision": "BE",
        "target_roles": ["Data Engineer"],
    }
    return set_up_profile(ws, **(values | overrides))


def make_application(ws: Workspace, **overrides: Any) -> Application:
    from afterview.services.applications import add_application

    values: dict[str, Any] = {"company": "Acme Corp", "role": "Data Engineer"}
    return add_application(ws, **(values | overrides))


def make_interview(ws: Workspace, **overrides: Any) -> Interview:
    from afterview.services.interviews import add_interview

    values: dict[str, Any] = {"starts": "2026-12-01 10:00 Europe/Berlin"}
    if "application" not in overrides:
        values["application"] = make_application(ws).id
    return add_interview(ws, **(values | overrides))


def make_contact(ws: Workspace, **overrides: Any) -> Contact:
    from afterview.services.contacts import add_contact

    values: dict[str, Any] = {"name": "Dana Reyes", "company": "Acme Corp"}
    return add_contact(ws, **(values | overrides))
