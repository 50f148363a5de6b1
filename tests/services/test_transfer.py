from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterview.domain.errors import Conflict, ParseError
from afterview.domain.stages import Stage
from afterview.services.applications import change_stage, list_applications
from afterview.services.transfer import (
    export_document,
    export_text,
    export_to_file,
    import_file,
)
from afterview.services.workspace import Workspace
from tests.builders import make_application, make_contact, make_interview, make_profile


def _fill(ws: Workspace) -> None:
    make_profile(ws)
    make_contact(ws, name="Grace Okafor", company=None, emails=["grace@example.org"])
    interview = make_interview(
        ws,
        interviewers=["Dana Reyes", "Marcus Lee"],
        next_step_said="by Friday",
        notes="topic: Kafka",
    )
    change_stage(ws, interview.application_id, Stage.INTERVIEWING)
    make_application(ws, company="Globex", role="Analytics Engineer", stage=Stage.SAVED)


def _empty_twin(ws: Workspace, tmp_path: Path) -> Workspace:
    """A second workspace on an empty SQLite file, same clock."""
    settings = ws.settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'b.db'}"})
    return Workspace.open(settings)


def test_round_trip_is_lossless_and_keeps_ids(ws, tmp_path):
    _fill(ws)
    path = tmp_path / "export.json"
    total = export_to_file(ws, path)
    document = json.loads(path.read_text())
    # two companies, three contacts, two applications, one interview, and its six actions:
    # a self-review, two thank-yous, a rivals scan, a network check and a follow-up; the
    # thank-yous and the follow-up have their drafts ready
    assert len(document["actions"]) == 6
    assert len(document["drafts"]) == 3
    assert total == len(document["events"]) + 2 + 3 + 2 + 1 + 6 + 3
    twin = _empty_twin(ws, tmp_path)
    report = import_file(twin, path)
    assert report.added == {
        "profile": 1,
        "companies": 2,
        "contacts": 3,
        "applications": 2,
        "interviews": 1,
        "actions": 6,
        "drafts": 3,
        "events": report.added["events"],
    }
    assert export_text(twin) == path.read_text()


def test_import_into_empty_postgres_or_sqlite_continues_ids(ws, tmp_path):
    source = _empty_twin(ws, tmp_path)
    _fill(source)
    path = tmp_path / "export.json"
    export_to_file(source, path)
    import_file(ws, path)
    assert export_text(ws) == path.read_text()
    newer = make_application(ws, company="Initech", role="Platform Engineer")
    assert newer.id == 3  # sequences moved past the imported ids


def test_import_of_the_same_records_is_refused_and_names_them(ws, tmp_path):
    _fill(ws)
    path = tmp_path / "export.json"
    export_to_file(ws, path)
    with pytest.raises(Conflict) as raised:
        import_file(ws, path)
    assert raised.value.message.startswith(
        "The database already holds records of this file: 2 companies (Acme Corp, Globex); "
        "3 contacts (Grace Okafor, Dana Reyes, Marcus Lee); 2 applications (Data Engineer, "
        "Analytics Engineer);"
    )
    assert raised.value.message.endswith(
        "Use --merge to update them from the file, or import into an empty database."
    )


def test_merge_updates_changed_records_and_adds_new_ones(ws, tmp_path):
    _fill(ws)
    path = tmp_path / "export.json"
    export_to_file(ws, path)
    document = json.loads(path.read_text())
    document["applications"][0]["role"] = "Staff Data Engineer"
    path.write_text(json.dumps(document))
    make_application(ws, company="Initech", role="Platform Engineer")
    report = import_file(ws, path, merge=True)
    assert report.updated == {"applications": 1}
    assert report.added == {}
    roles = sorted(a.role for a in list_applications(ws))
    assert roles == ["Analytics Engineer", "Platform Engineer", "Staff Data Engineer"]


def test_merge_into_another_database_remaps_ids(ws, tmp_path):
    other = _empty_twin(ws, tmp_path)
    make_application(other, company="Zeta", role="Z")
    _fill(ws)
    path = tmp_path / "export.json"
    export_to_file(ws, path)
    report = import_file(other, path, merge=True)
    assert report.added["applications"] == 2
    interview = export_document(other).interviews[0]
    assert len(interview.interviewers) == 2


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


def _valid(ws: Workspace, tmp_path: Path) -> dict:
    source = _empty_twin(ws, tmp_path)
    _fill(source)
    return json.loads(export_text(source))


@pytest.mark.parametrize(
    ("mutate", "where", "problem"),
    [
        (lambda d: d.update(version=2), "$.version", "export version 2 cannot be read"),
        (lambda d: d.update(format="other"), "$.format", "not an Afterview export"),
        (
            lambda d: d["applications"][1].update(stage="hired"),
            "$.applications[1].stage",
            "Input should be",
        ),
        (
            lambda d: d["interviews"][0].pop("starts_at"),
            "$.interviews[0].starts_at",
            "Field required",
        ),
        (
            lambda d: d["interviews"][0].update(time_zone="Europe/Berln"),
            "$.interviews[0].time_zone",
            "Unknown time zone 'Europe/Berln'",
        ),
        (
            lambda d: d["applications"][0].update(company="00000000-0000-0000-0000-000000000000"),
            "$.applications[0].company",
            "no record in companies has uid",
        ),
        (
            lambda d: d["companies"].append(dict(d["companies"][0])),
            "$.companies[2].uid",
            "the same uid appears twice",
        ),
    ],
)
def test_malformed_documents_name_the_path_and_write_nothing(ws, tmp_path, mutate, where, problem):
    document = _valid(ws, tmp_path)
    mutate(document)
    path = _write(tmp_path, document)
    with pytest.raises(ParseError) as raised:
        import_file(ws, path)
    assert raised.value.where == where
    assert problem in raised.value.message
    assert export_document(ws).companies == []


def test_broken_json_names_line_and_column(ws, tmp_path):
    path = _write(tmp_path, '{\n  "format": "afterview-export",\n  "version": 1,\n}')
    with pytest.raises(ParseError) as raised:
        import_file(ws, path)
    assert raised.value.message == (
        f"{path}: line 4, column 1: not valid JSON (Expecting property name enclosed in "
        "double quotes)"
    )
