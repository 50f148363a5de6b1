from __future__ import annotations

import pytest

from afterview.domain.pipeline import Health


def health(active: int, applied: int, *, floor: int = 5, goal: int = 5) -> Health:
    return Health(
        by_stage={}, active=active, floor=floor, applied_this_week=applied, weekly_goal=goal
    )


@pytest.mark.parametrize(
    ("state", "nudge"),
    [
        (
            health(1, 9),
            "Only 1 active application (your floor is 5): add a few before the pipeline runs dry.",
        ),
        (
            health(4, 9),
            "Only 4 active applications (your floor is 5): add a few before the pipeline runs dry.",
        ),
        (health(6, 4), "1 more application to reach this week's goal."),
        (health(6, 2), "3 more applications to reach this week's goal."),
        (health(6, 5), None),
        (health(6, 0, goal=0), None),
    ],
)
def test_the_nudge_names_what_is_short(state: Health, nudge: str | None) -> None:
    assert state.nudge == nudge
