"""The stages of an application and which changes between them make sense."""

from __future__ import annotations

from enum import StrEnum

from afterview.domain.errors import InvalidInput


class Stage(StrEnum):
    SAVED = "saved"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"
    GONE_QUIET = "gone-quiet"

    @property
    def is_ending(self) -> bool:
        return self in ENDINGS

    @property
    def is_active(self) -> bool:
        return not self.is_ending


ENDINGS = frozenset(
    {Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.DECLINED, Stage.GONE_QUIET}
)
# Waiting for the employer's answer.
WAITING_STAGES = frozenset({Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING})
# Only an offer can be accepted or declined.
NEEDS_OFFER = frozenset({Stage.ACCEPTED, Stage.DECLINED})


def parse_stage(text: str) -> Stage:
    """The stage named by `text` (case and `_`/space for `-` forgiven)."""
    key = text.strip().lower().replace("_", "-").replace(" ", "-")
    try:
        return Stage(key)
    except ValueError:
        names = ", ".join(stage.value for stage in Stage)
        raise InvalidInput(f"Unknown stage {text!r}; use one of: {names}.", field="stage") from None


def check_stage_change(current: Stage, new: Stage) -> None:
    """Raise InvalidInput when an application cannot go from `current` to `new`."""
    if current == new:
        raise InvalidInput(f"The application is already at stage {new}.", field="stage")
    if new in NEEDS_OFFER and current != Stage.OFFER:
        raise InvalidInput(
            f"Only an offer can be {new}; the application is at stage {current}. "
            "Record the offer first (stage offer).",
            field="stage",
        )
