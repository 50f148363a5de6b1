"""References (practice 2) on SQLite and PostgreSQL: marking, giving, the heads-up and its
draft, over-use, and the export round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterview.domain.drafts import DraftKind
from afterview.domain.errors import InvalidInput
from afterview.domain.events import describe_event
from afterview.services.applications import show_application
from afterview.services.contacts import show_contact
from afterview.services.drafts import list_drafts
from afterview.services.plans import interview_plan
from afterview.services.references import give_references, list_references, mark_reference
from afterview.services.transfer import export_to_file, import_file
from afterview.services.workspace import Workspace
from tests.builders import make_application, make_contact, make_interview, make_profile


@pytest.fixture
def grace(ws: Workspace) -> int:
    make_profile(ws)
    contact = make_contact(
        ws, name="Grace Okafor", company="Initech", emails=["grace@initech.example"]
    )
    return contact.id


def test_marking_a_reference_keeps_how_they_know_you(ws: Workspace, grace: int):
    marked = mark_reference(
        ws, grace, relationship="my manager at Initech, 2021-2024", knows_work="the migration"
    )
    assert (marked.is_reference, marked.relationship, marked.knows_work) == (
        True,
        "my manager at Initech, 2021-2024",
        "the migration",
    )
    assert [r.contact.id for r in list_references(ws)] == [grace]
    unmarked = mark_reference(ws, grace, marked=False)
    assert (unmarked.is_reference, unmarked.relationship) == (
        False,
        "my manager at Initech, 2021-2024",
    )
    assert list_references(ws) == []


def test_giving_a_reference_plans_a_heads_up_with_its_draft(ws: Workspace, grace: int):
    mark_reference(ws, grace, relationship="my manager at Initech, 2021-2024")
    application = make_application(ws, notes="stress: the data platform migration")
    given = give_references(ws, application.id, [grace])
    assert [r.contact.name for r in given.added] == ["Grace Okafor"]
    assert given.already == []
    [draft] = [d for d in list_drafts(ws) if d.draft.kind == DraftKind.REFERENCE_HEADS_UP]
    assert draft.draft.recipient_name == "Grace Okafor"
    assert "the time we worked together (my manager at Initech, 2021-2024)" in draft.draft.body
    assert "the data platform migration" in draft.draft.body
    assert not [f for f in draft.findings if "relationship" in f.message]
    again = give_references(ws, application.id, [str(grace)])
    assert (again.added, [c.id for c in again.already]) == ([], [grace])


def test_giving_a_reference_shows_on_both_timelines(ws: Workspace, grace: int):
    application = make_application(ws)
    give_references(ws, application.id, [grace], on="2026-03-02")
    on_application = [describe_event(e) for e in show_application(ws, application.id).timeline]
    assert "Reference given: Grace Okafor on 2026-03-02" in on_application
    on_contact = [describe_event(e) for e in show_contact(ws, grace).timeline]
    assert f"Reference given for {application.label} on 2026-03-02" in on_contact


def test_a_final_round_moves_the_heads_up_before_it(ws: Workspace, grace: int):
    application = make_application(ws)
    give_references(ws, application.id, [grace], on="2026-11-25")
    final = make_interview(ws, application=application.id, starts="2026-12-08 10:00", kind="final")
    [action] = interview_plan(ws, final.id).practices[1].actions
    assert action.reason == "Tell Grace Okafor that Acme Corp may call about the final round"
    assert action.effective_due().date().isoformat() == "2026-12-07"


def test_a_reference_asked_too_often_is_flagged(ws: Workspace, grace: int):
    strict = Workspace(ws.settings.model_copy(update={"reference_limit": 1}), ws.db)
    first, second = make_application(ws), make_application(ws, company="Globex")
    give_references(strict, first.id, [grace], on="2026-11-20")
    [given] = give_references(strict, second.id, [grace]).added
    assert given.overused
    assert given.warning == (
        "Given 2 times in the last 90 days (more than 1): ask someone else, or thank them well."
    )
    assert [u.application_label for u in given.uses] == [
        "Globex — Data Engineer",
        "Acme Corp — Data Engineer",
    ]


def test_bad_giving_is_refused_and_writes_nothing(ws: Workspace, grace: int):
    application = make_application(ws)
    with pytest.raises(InvalidInput, match="in the future"):
        give_references(ws, application.id, [grace], on="2027-01-05")
    with pytest.raises(InvalidInput, match="at least one"):
        give_references(ws, application.id, [])
    assert list_references(ws) == []


def test_references_survive_the_export_round_trip(ws: Workspace, grace: int, tmp_path: Path):
    mark_reference(ws, grace, relationship="my manager", knows_work="the migration")
    give_references(ws, make_application(ws).id, [grace], on="2026-11-20")
    path = tmp_path / "all.json"
    export_to_file(ws, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [u["given_on"] for u in document["reference_uses"]] == ["2026-11-20"]
    twin = Workspace.open(
        ws.settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'twin.db'}"})
    )
    import_file(twin, path)
    [reference] = list_references(twin)
    assert (reference.contact.relationship, reference.contact.knows_work) == (
        "my manager",
        "the migration",
    )
    assert [u.use.given_on.isoformat() for u in reference.uses] == ["2026-11-20"]
    twin.db.dispose()
