"""The overview: how the search stands, what interviews are near, what has waited longest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from afterview.domain.applications import Application
from afterview.domain.interviews import Interview
from afterview.domain.stages import Stage
from afterview.services.workspace import Workspace
from afterview.store import applications as application_store
from afterview.store import interviews as interview_store

AHEAD = timedelta(days=14)
BEHIND = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Overview:
    zone: str
    stage_counts: dict[Stage, int]
    upcoming: list[Interview]
    recent: list[Interview]
    waiting: list[Application]

    @property
    def active(self) -> int:
        return sum(count for stage, count in self.stage_counts.items() if stage.is_active)

    @property
    def ended(self) -> int:
        return sum(count for stage, count in self.stage_counts.items() if stage.is_ending)


def overview(ws: Workspace, *, waiting_limit: int = 5) -> Overview:
    now = ws.now()
    with ws.ready().read() as session:
        counts = application_store.count_by_stage(session)
        near = interview_store.list_interviews(session, since=now - BEHIND, until=now + AHEAD)
        waiting_stages = {Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING}
        active = application_store.list_applications(session, stages=waiting_stages)
        return Overview(
            zone=ws.home_zone(session),
            stage_counts={stage: counts.get(stage, 0) for stage in Stage},
            upcoming=[i for i in near if i.starts_at >= now],
            recent=[i for i in near if i.starts_at < now][::-1],
            waiting=sorted(active, key=lambda a: a.stage_changed_at)[:waiting_limit],
        )
