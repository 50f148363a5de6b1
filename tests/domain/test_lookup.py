"""pick_one: addressing a record by a fragment of its name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.errors import Ambiguous, NotFound
from afterview.domain.lookup import fragment_tokens, matches_fragment, pick_one

EM_DASH = "\u2014"


def candidate(record_id: int, label: str, name: str | None = None) -> tuple[int, str, str]:
    """(id, label, name); the name defaults to the label."""
    return (record_id, label, label if name is None else name)


COMPANIES = [
    candidate(3, "Acme"),
    candidate(1, "Acme Labs"),
    candidate(2, "Globex"),
    candidate(4, "Initech Data"),
]


def test_fragment_tokens_are_casefolded_words() -> None:
    assert fragment_tokens("  Acme   DATA ") == ["acme", "data"]
    assert fragment_tokens("") == []


@pytest.mark.parametrize(
    ("fragment", "label", "expected"),
    [
        ("acme", "Acme Labs", True),
        ("labs acme", "Acme Labs", True),
        ("ACME lab", "Acme Labs", True),
        ("acme data", "Acme Labs", False),
        ("cme", "Acme", True),
        ("strasse", "Straße", True),
    ],
)
def test_matches_fragment(fragment: str, label: str, expected: bool) -> None:
    assert matches_fragment(fragment, label) is expected


def test_a_partial_fragment_matching_one_record_picks_it() -> None:
    assert pick_one("company", "glob", COMPANIES) == 2
    assert pick_one("company", "LABS", COMPANIES) == 1


def test_an_exact_name_wins_over_partial_matches() -> None:
    assert pick_one("company", "acme", COMPANIES) == 3
    assert pick_one("company", "  ACME ", COMPANIES) == 3


def test_the_exact_name_is_compared_with_the_name_not_the_label() -> None:
    applications = [
        candidate(5, f"Acme {EM_DASH} Data Engineer", "Acme"),
        candidate(6, f"Acme Labs {EM_DASH} ML Engineer", "Acme Labs"),
    ]
    assert pick_one("application", "acme", applications) == 5
    with pytest.raises(Ambiguous):
        pick_one("application", "acme engineer", applications)


def test_multi_word_fragments_need_every_word() -> None:
    assert pick_one("company", "data initech", COMPANIES) == 4
    assert pick_one("company", "acme lab", COMPANIES) == 1


def test_ambiguous_lists_the_candidates_sorted_by_id() -> None:
    candidates = [candidate(9, "Acme Data"), candidate(2, "Acme Labs"), candidate(5, "Acme Bio")]
    with pytest.raises(Ambiguous) as caught:
        pick_one("company", "acme", candidates)
    assert caught.value.candidates == [(2, "Acme Labs"), (5, "Acme Bio"), (9, "Acme Data")]
    # the plural of "company" is checked in test_errors
    assert caught.value.message.startswith("'acme' matches 3 compan")
    assert caught.value.message.endswith(
        ": 2 Acme Labs; 5 Acme Bio; 9 Acme Data. Use the id or a longer name."
    )


def test_two_exact_names_are_ambiguous_with_all_matches() -> None:
    candidates = [candidate(2, "Acme"), candidate(3, "ACME"), candidate(1, "Acme Labs")]
    with pytest.raises(Ambiguous) as caught:
        pick_one("contact", "acme", candidates)
    assert caught.value.candidates == [(1, "Acme Labs"), (2, "Acme"), (3, "ACME")]


def test_an_exact_name_must_also_match_the_label() -> None:
    # The name alone is not searched: a label without the fragment is not a candidate.
    candidates = [candidate(1, "Someone else", "Ann"), candidate(2, "Annabel Lee")]
    assert pick_one("contact", "ann", candidates) == 2


@pytest.mark.parametrize(
    ("fragment", "candidates"),
    [("zzz", COMPANIES), ("acme globex", COMPANIES), ("acme", [])],
)
def test_no_match_is_not_found_naming_the_fragment(
    fragment: str, candidates: list[tuple[int, str, str]]
) -> None:
    with pytest.raises(NotFound) as caught:
        pick_one("company", fragment, candidates)
    assert caught.value.message == f"No company matching {fragment!r}."
    assert (caught.value.kind, caught.value.key) == ("company", fragment)


def test_more_than_ten_candidates_are_summarised() -> None:
    candidates = [candidate(i, f"Acme {i}") for i in range(12, 0, -1)]
    with pytest.raises(Ambiguous) as caught:
        pick_one("interview", "acme", candidates)
    shown = "; ".join(f"{i} Acme {i}" for i in range(1, 11))
    assert caught.value.message == (
        f"'acme' matches 12 interviews: {shown}; and 2 more. Use the id or a longer name."
    )
    assert len(caught.value.candidates) == 12


words = st.text(alphabet="abcdef", min_size=1, max_size=6)
labels = st.lists(words, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=200)
@given(
    others=st.lists(labels, max_size=8),
    before=st.lists(words, max_size=2).map(" ".join),
    token=st.text(alphabet="xyz", min_size=1, max_size=4),
    position=st.integers(0, 8),
    upper=st.booleans(),
)
def test_a_unique_token_always_finds_its_one_candidate(
    others: list[str], before: str, token: str, position: int, upper: bool
) -> None:
    label = f"{before} {token.upper() if upper else token} end".strip()
    target_id = 1000
    candidates = [candidate(i, text) for i, text in enumerate(others)]
    candidates.insert(min(position, len(candidates)), candidate(target_id, label))
    assert pick_one("company", token, candidates) == target_id
