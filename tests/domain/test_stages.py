"""Stage names, the ending/active partition and which stage changes are allowed."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.errors import InvalidInput
from afterview.domain.stages import ENDINGS, NEEDS_OFFER, Stage, check_stage_change, parse_stage

ALL_NAMES = (
    "saved, applied, screening, interviewing, offer, accepted, rejected, withdrawn, declined, "
    "gone-quiet"
)
ACTIVE = [Stage.SAVED, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER]


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("applied", Stage.APPLIED),
        ("  Applied ", Stage.APPLIED),
        ("INTERVIEWING", Stage.INTERVIEWING),
        ("gone-quiet", Stage.GONE_QUIET),
        ("gone_quiet", Stage.GONE_QUIET),
        ("GONE_QUIET", Stage.GONE_QUIET),
        ("Gone quiet", Stage.GONE_QUIET),
        ("offer", Stage.OFFER),
    ],
)
def test_parse_stage_forgives_case_underscores_and_spaces(text: str, stage: Stage) -> None:
    assert parse_stage(text) is stage


@pytest.mark.parametrize("text", ["", "offered", "gone  quiet", "interview", "gonequiet"])
def test_unknown_stage_lists_every_stage(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_stage(text)
    assert caught.value.message == f"Unknown stage {text!r}; use one of: {ALL_NAMES}."
    assert caught.value.field == "stage"


@settings(max_examples=200)
@given(stage=st.sampled_from(Stage), upper=st.booleans(), sep=st.sampled_from(["-", "_", " "]))
def test_every_stage_parses_back_from_its_spellings(stage: Stage, upper: bool, sep: str) -> None:
    text = stage.value.replace("-", sep)
    assert parse_stage(text.upper() if upper else text) is stage


def test_stage_values_are_the_stored_strings() -> None:
    assert [str(stage) for stage in Stage] == ALL_NAMES.split(", ")


def test_endings_and_active_stages() -> None:
    assert {stage for stage in Stage if stage.is_ending} == {
        Stage.ACCEPTED,
        Stage.REJECTED,
        Stage.WITHDRAWN,
        Stage.DECLINED,
        Stage.GONE_QUIET,
    }
    assert [stage for stage in Stage if stage.is_active] == ACTIVE
    assert frozenset(stage for stage in Stage if stage.is_ending) == ENDINGS


@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_is_exactly_one_of_ending_or_active(stage: Stage) -> None:
    assert stage.is_ending != stage.is_active


def test_only_accepting_and_declining_need_an_offer() -> None:
    assert frozenset({Stage.ACCEPTED, Stage.DECLINED}) == NEEDS_OFFER
    assert NEEDS_OFFER <= ENDINGS


@pytest.mark.parametrize("stage", list(Stage))
def test_staying_at_the_same_stage_is_refused(stage: Stage) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_stage_change(stage, stage)
    assert caught.value.message == f"The application is already at stage {stage.value}."
    assert caught.value.field == "stage"


@pytest.mark.parametrize("new", [Stage.ACCEPTED, Stage.DECLINED])
@pytest.mark.parametrize("current", [s for s in Stage if s not in (Stage.OFFER,)])
def test_accepting_or_declining_without_an_offer_is_refused(current: Stage, new: Stage) -> None:
    if current == new:
        return  # the same-stage refusal covers it
    with pytest.raises(InvalidInput) as caught:
        check_stage_change(current, new)
    assert caught.value.message == (
        f"Only an offer can be {new.value}; the application is at stage {current.value}. "
        "Record the offer first (stage offer)."
    )
    assert caught.value.field == "stage"


@pytest.mark.parametrize("new", [Stage.ACCEPTED, Stage.DECLINED])
def test_an_offer_can_be_accepted_or_declined(new: Stage) -> None:
    check_stage_change(Stage.OFFER, new)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (Stage.SAVED, Stage.APPLIED),
        (Stage.APPLIED, Stage.SCREENING),
        (Stage.SCREENING, Stage.INTERVIEWING),
        (Stage.INTERVIEWING, Stage.OFFER),
        # skipping ahead is allowed (a referral straight to interviews, say)
        (Stage.SAVED, Stage.OFFER),
        # going back is allowed (a mistaken entry)
        (Stage.INTERVIEWING, Stage.APPLIED),
        # any stage can end
        (Stage.SAVED, Stage.WITHDRAWN),
        (Stage.APPLIED, Stage.REJECTED),
        (Stage.SCREENING, Stage.GONE_QUIET),
        # an accepted offer can still be rescinded
        (Stage.ACCEPTED, Stage.REJECTED),
    ],
)
def test_allowed_changes(current: Stage, new: Stage) -> None:
    check_stage_change(current, new)


@pytest.mark.parametrize("ending", sorted(ENDINGS))
@pytest.mark.parametrize("active", ACTIVE)
def test_endings_can_be_reopened_to_any_active_stage(ending: Stage, active: Stage) -> None:
    check_stage_change(ending, active)


def test_the_whole_transition_table() -> None:
    allowed: set[tuple[Stage, Stage]] = set()
    for current, new in itertools.product(Stage, Stage):
        try:
            check_stage_change(current, new)
        except InvalidInput:
            continue
        allowed.add((current, new))
    refused = set(itertools.product(Stage, Stage)) - allowed
    expected_refused = {(stage, stage) for stage in Stage} | {
        (current, new) for current in Stage for new in NEEDS_OFFER if current != Stage.OFFER
    }
    assert refused == expected_refused
    assert len(allowed) == 10 * 10 - 10 - 2 * 8
