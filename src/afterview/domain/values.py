"""Checks and normalisation of the small values that several records share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from afterview.domain.errors import InvalidInput

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")


class Remote(StrEnum):
    """Where a role is done: an offer's, a posting's."""

    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


# Longest accepted lengths: the same on SQLite (which does not check) and PostgreSQL.
NAME_LENGTH = 200
ROLE_LENGTH = 300
EMAIL_LENGTH = 320
POSTING_LENGTH = 50_000  # a long job posting is 2,000 words


def require_text(value: str, field: str, max_length: int = NAME_LENGTH) -> str:
    """`value` stripped; an empty or overlong one is refused."""
    text = limit_text(value, field, max_length)
    if not text:
        raise InvalidInput(f"The {field} must not be empty.", field=field)
    return text


def limit_text(value: str, field: str, max_length: int = NAME_LENGTH) -> str:
    """`value` stripped; one longer than `max_length` characters is refused."""
    text = value.strip()
    if len(text) > max_length:
        raise InvalidInput(
            f"The {field} is {len(text)} characters long; at most {max_length} fit.", field=field
        )
    return text


def check_email(value: str, field: str = "email") -> str:
    text = limit_text(value, field, EMAIL_LENGTH)
    if not _EMAIL.match(text):
        raise InvalidInput(f"{value!r} is not an e-mail address.", field=field)
    return text


def check_domain(value: str, field: str = "domain") -> str:
    text = value.strip().lower().removeprefix("www.")
    if not _DOMAIN.match(text):
        raise InvalidInput(f"{value!r} is not a domain name (like acme.com).", field=field)
    return text


def unique_texts(values: Iterable[str]) -> tuple[str, ...]:
    """Stripped, non-empty values in their first order, without case-insensitive repeats."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        text = value.strip()
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return tuple(kept)


def check_time_zone(name: str, field: str = "time_zone") -> ZoneInfo:
    """The IANA zone called `name`; a clear error names the zone when there is none."""
    text = name.strip()
    try:
        if text and text in _zone_names():
            return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    hint = _close_zone(text)
    suffix = f" Did you mean {hint}?" if hint else " Use an IANA name like Europe/Berlin."
    raise InvalidInput(f"Unknown time zone {name!r}.{suffix}", field=field)


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def _close_zone(text: str) -> str | None:
    import difflib

    matches = difflib.get_close_matches(text, _zone_names(), n=1, cutoff=0.8)
    return matches[0] if matches else None


def check_region(country: str, subdivision: str | None) -> tuple[str, str | None]:
    """Upper-cased ISO country code and subdivision, both known to the `holidays` package."""
    import holidays

    code = country.strip().upper()
    supported = holidays.list_supported_countries()
    if len(code) != 2 or code not in supported:
        raise InvalidInput(
            f"Unknown country {country!r}; use an ISO 3166 code such as US, GB or DE.",
            field="country",
        )
    if not subdivision:
        return code, None
    sub = subdivision.strip().upper()
    known = supported[code]
    if sub not in known:
        shown = ", ".join(known[:30]) + (" ..." if len(known) > 30 else "")
        listing = f"; {code} has: {shown}" if known else f"; {code} has none"
        raise InvalidInput(
            f"Unknown subdivision {subdivision!r} for {code}{listing}.", field="subdivision"
        )
    return code, sub


def is_loopback(host: str) -> bool:
    """Whether a host name or address stays on this machine ('localhost', 127.0.0.1, ::1)."""
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip()).is_loopback
    except ValueError:
        return False
