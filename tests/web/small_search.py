"""A small search built through the services for the tests of reviews, offers and
rejections (the sample search changes as the demo grows; these tests need exact values).

At NOW (Thu 26 Nov 2026, 10:00 in Berlin): Acme Corp — Data Engineer (applied) with two
past rounds, on 10 and 24 Nov (whose self-reviews are open in the plan; the first one's
notes hold a red flag); Globex — Analyst (applied) with a round to come on 1 Dec; Initech
— Platform Engineer, already rejected."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.testclient import TestClient

from afterview.domain.stages import Stage
from afterview.services.workspace import Workspace
from tests.builders import make_application, make_interview, make_profile

ACME = "Acme Corp — Data Engineer"
GLOBEX = "Globex — Analyst"
FLAG = "on-call every other week"


@dataclass(frozen=True, slots=True)
class Search:
    acme: int
    globex: int
    initech: int
    first: int  # Acme's round 1, 10 Nov
    second: int  # Acme's round 2, 24 Nov
    later: int  # Globex's round 1, 1 Dec


def workspace(client: TestClient) -> Workspace:
    ws: Workspace = client.app.state.workspace  # type: ignore[attr-defined]
    return ws


def small_search(client: TestClient) -> Search:
    ws = workspace(client)
    make_profile(ws)
    acme = make_application(ws)
    globex = make_application(ws, company="Globex", role="Analyst")
    initech = make_application(ws, company="Initech", role="Platform Engineer")
    first = make_interview(
        ws,
        application=acme.id,
        starts="2026-11-10 10:00",
        interviewers=["Ann Lee"],
        notes=f"Pairing on SQL.\nflag: {FLAG}",
    )
    second = make_interview(ws, application=acme.id, starts="2026-11-24 10:00")
    later = make_interview(ws, application=globex.id, starts="2026-12-01 10:00")
    from afterview.services.applications import change_stage

    change_stage(ws, initech.id, Stage.REJECTED, note="No longer hiring")
    return Search(acme.id, globex.id, initech.id, first.id, second.id, later.id)
