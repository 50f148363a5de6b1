"""The one profile row (per database, until multi-user mode adds owners)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.profile import Profile
from afterview.store.rows import ProfileRow


def get_profile(session: Session) -> Profile | None:
    row = session.scalar(select(ProfileRow).order_by(ProfileRow.id).limit(1))
    if row is None:
        return None
    return Profile(
        name=row.name,
        email=row.email,
        time_zone=row.time_zone,
        country=row.country,
        subdivision=row.subdivision,
        target_roles=tuple(row.target_roles),
        skills=tuple(row.skills),
        accomplishments=tuple(row.accomplishments),
        target_places=tuple(row.target_places),
        remote_ok=row.remote_ok,
    )


def save_profile(session: Session, profile: Profile, now: datetime) -> None:
    row = session.scalar(select(ProfileRow).order_by(ProfileRow.id).limit(1))
    if row is None:
        row = ProfileRow(created_at=now)
        session.add(row)
    row.name = profile.name
    row.email = profile.email
    row.time_zone = profile.time_zone
    row.country = profile.country
    row.subdivision = profile.subdivision
    row.target_roles = list(profile.target_roles)
    row.skills = list(profile.skills)
    row.accomplishments = list(profile.accomplishments)
    row.target_places = list(profile.target_places)
    row.remote_ok = profile.remote_ok
    row.updated_at = now
    session.flush()
