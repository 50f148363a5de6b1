"""Where a posting is: place names joined, and remote work read from the boards' flags."""

from __future__ import annotations

import re
from typing import Final

from afterview.domain.values import Remote

_REMOTE: Final = re.compile(r"\bremote\b", re.IGNORECASE)
_HYBRID: Final = re.compile(r"\bhybrid\b", re.IGNORECASE)
# Workplace types as the boards spell them (Lever: on-site; Ashby: OnSite), compared folded.
_WORKPLACES: Final = {
    "onsite": Remote.ONSITE,
    "remote": Remote.REMOTE,
    "hybrid": Remote.HYBRID,
}


def join_place(*parts: str) -> str:
    """'Berlin', '', 'Germany' → 'Berlin, Germany' (repeats dropped: 'Berlin, Berlin')."""
    kept: list[str] = []
    for part in parts:
        if part and part.casefold() not in (k.casefold() for k in kept):
            kept.append(part)
    return ", ".join(kept)


def remote_from_place(place: str) -> Remote | None:
    """A place that says "Remote" or "Hybrid"; None when it does not tell."""
    if _HYBRID.search(place):
        return Remote.HYBRID
    return Remote.REMOTE if _REMOTE.search(place) else None


def remote_from_workplace(workplace: str) -> Remote | None:
    """'on-site', 'OnSite', 'remote', 'Hybrid' → Remote; 'unspecified' or unknown → None."""
    return _WORKPLACES.get(re.sub(r"[^a-z]", "", workplace.casefold()))


def remote_from_flags(
    *, remote: bool | None, hybrid: bool | None = None, on_site: bool | None = None
) -> Remote | None:
    """Boolean flags as boards give them; None when none is given."""
    if hybrid or (remote and on_site):
        return Remote.HYBRID
    if remote:
        return Remote.REMOTE
    if on_site or (on_site is None and remote is False and hybrid is False):
        return Remote.ONSITE
    return None
