"""The job seeker: who they are, where they live (for dates), what they look for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    name: str
    email: str
    time_zone: str
    country: str
    subdivision: str | None = None
    target_roles: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    # One line each, as you would say it in a letter: 'Cut p95 latency by 40% by ...'.
    accomplishments: tuple[str, ...] = ()
    # Where you would work: cities, regions or countries, as job boards write them.
    target_places: tuple[str, ...] = ()
    remote_ok: bool = True  # whether remote openings suit you
