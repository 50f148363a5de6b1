"""Addressing records by id or by a name fragment such as 'acme' or 'acme data'."""

from __future__ import annotations

from collections.abc import Sequence

from afterview.domain.errors import Ambiguous, NotFound


def fragment_tokens(fragment: str) -> list[str]:
    """The case-folded words of a fragment; every one must occur in a matching label."""
    return fragment.casefold().split()


def search_words(fragment: str) -> list[str]:
    """The lower-cased words of a fragment, for a database's lower() (which cannot casefold)."""
    return fragment.lower().split()


def matches_fragment(fragment: str, label: str) -> bool:
    folded = label.casefold()
    return all(token in folded for token in fragment_tokens(fragment))


def pick_one(kind: str, fragment: str, candidates: Sequence[tuple[int, str, str]]) -> int:
    """The id of the one candidate `fragment` names.

    Each candidate is (id, label, name). A candidate whose name equals the fragment wins over
    partial matches; otherwise exactly one candidate may match, or the user is shown the list.
    """
    matching = [c for c in candidates if matches_fragment(fragment, c[1])]
    exact = [c for c in matching if c[2].casefold() == fragment.strip().casefold()]
    chosen = exact if len(exact) == 1 else matching
    if not chosen:
        raise NotFound(kind, fragment)
    if len(chosen) > 1:
        raise Ambiguous(kind, fragment, [(c[0], c[1]) for c in sorted(chosen)])
    return chosen[0][0]
