"""Where the user lives, for planning: time zone, business-day calendar, rules in force."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.orm import Session

from afterview.domain.calendar import BusinessCalendar
from afterview.domain.rules import Rule, apply_overrides
from afterview.services.workspace import Workspace
from afterview.store import profile as profile_store


@dataclass(frozen=True, slots=True)
class Setting:
    """Where the user lives, for business days: zone, calendar, and the rules in force."""

    zone: str
    calendar: BusinessCalendar
    rules: dict[str, Rule]


def setting(ws: Workspace, session: Session) -> Setting:
    profile = profile_store.get_profile(session)
    if profile is None:
        return Setting("UTC", BusinessCalendar.weekends_only(), rules(ws))
    return Setting(profile.time_zone, calendar_for(profile.country, profile.subdivision), rules(ws))


@lru_cache(maxsize=8)
def calendar_for(country: str, subdivision: str | None) -> BusinessCalendar:
    return BusinessCalendar.for_region(country, subdivision)


def rules(ws: Workspace) -> dict[str, Rule]:
    return apply_overrides(ws.settings.playbook)
