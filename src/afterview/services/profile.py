"""Setting up and reading the job seeker's profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from afterview.domain.events import SubjectKind
from afterview.domain.profile import Profile
from afterview.domain.values import (
    NAME_LENGTH,
    ROLE_LENGTH,
    check_email,
    check_region,
    check_time_zone,
    limit_text,
    require_text,
    unique_texts,
)
from afterview.services.timeline import record_changes, record_created
from afterview.services.workspace import Workspace
from afterview.store import profile as profile_store

PROFILE_SUBJECT_ID = 1


def set_up_profile(
    ws: Workspace,
    *,
    name: str,
    email: str,
    time_zone: str,
    country: str,
    subdivision: str | None = None,
    target_roles: Sequence[str] = (),
    skills: Sequence[str] = (),
    accomplishments: Sequence[str] = (),
    target_places: Sequence[str] = (),
    remote_ok: bool = True,
) -> Profile:
    """Create or replace the profile; every value is checked before anything is written."""
    check_time_zone(time_zone)
    country_code, sub = check_region(country, subdivision)
    profile = Profile(
        name=require_text(name, "name"),
        email=check_email(email),
        time_zone=time_zone.strip(),
        country=country_code,
        subdivision=sub,
        target_roles=unique_texts(target_roles),
        skills=unique_texts(skills),
        accomplishments=tuple(
            limit_text(text, "accomplishment", ROLE_LENGTH)
            for text in unique_texts(accomplishments)
        ),
        target_places=tuple(
            limit_text(text, "place", NAME_LENGTH) for text in unique_texts(target_places)
        ),
        remote_ok=remote_ok,
    )
    now = ws.now()
    with ws.ready().write() as session:
        before = profile_store.get_profile(session)
        profile_store.save_profile(session, profile, now)
        if before is None:
            record_created(session, SubjectKind.PROFILE, PROFILE_SUBJECT_ID, now, profile.name)
        else:
            record_changes(
                session,
                SubjectKind.PROFILE,
                PROFILE_SUBJECT_ID,
                now,
                asdict(before),
                asdict(profile),
            )
    return profile


def get_profile(ws: Workspace) -> Profile | None:
    with ws.ready().read() as session:
        return profile_store.get_profile(session)


def display_zone(ws: Workspace) -> str:
    """The zone to show times in: the profile's, or UTC before `afterview init`."""
    with ws.ready().read() as session:
        return ws.home_zone(session)
