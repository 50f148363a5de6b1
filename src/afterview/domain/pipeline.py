"""Pipeline health (practice 9): enough applications in flight, and the weekly goal."""

from __future__ import annotations

from dataclasses import dataclass

from afterview.domain.stages import Stage


@dataclass(frozen=True, slots=True)
class Health:
    by_stage: dict[Stage, int]
    active: int
    floor: int
    applied_this_week: int
    weekly_goal: int

    @property
    def nudge(self) -> str | None:
        if self.active < self.floor:
            noun = "application" if self.active == 1 else "applications"
            return (
                f"Only {self.active} active {noun} (your floor is {self.floor}): "
                "add a few before the pipeline runs dry."
            )
        if self.weekly_goal and self.applied_this_week < self.weekly_goal:
            missing = self.weekly_goal - self.applied_this_week
            return (
                f"{missing} more application{'s' if missing > 1 else ''} to reach this week's goal."
            )
        return None
