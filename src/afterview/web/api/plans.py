"""The plan of one interview across the ten practices (`afterview plan`)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from afterview.services.drafts import drafts_for_actions
from afterview.services.plans import interview_plan
from afterview.web.api.actions import ActionOut, with_draft
from afterview.web.deps import WorkspaceDep

router = APIRouter(tags=["interviews"])


class PracticeOut(BaseModel):
    """One practice: its actions, or in `note` why none is planned (or what stands in)."""

    practice: int
    name: str
    note: str
    actions: list[ActionOut]


class PlanOut(BaseModel):
    """The Plan of docs/json.md (`plan --json`)."""

    interview: dict[str, int | str]
    practices: list[PracticeOut]


@router.get("/interviews/{interview_id}/plan", response_model_exclude_unset=True)
def show_plan(interview_id: int, ws: WorkspaceDep) -> PlanOut:
    """All ten practices for one interview: each planned action with its draft's lint
    counts, and why a practice does not apply when it does not."""
    found = interview_plan(ws, interview_id)
    drafts = drafts_for_actions(ws, [a for p in found.practices for a in p.actions])
    return PlanOut(
        interview={"id": found.interview.id, "label": found.interview.label},
        practices=[
            PracticeOut(
                practice=p.number,
                name=p.name,
                note=p.note,
                actions=[with_draft(a, drafts) for a in p.actions],
            )
            for p in found.practices
        ],
    )
