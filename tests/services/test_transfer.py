from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from afterview.domain.boards import Board, BoardRef, Pay, Posting
from afterview.domain.errors import Conflict, ParseError
from afterview.domain.reviews import Question
from afterview.domain.stages import Stage
from afterview.domain.values import Remote
from afterview.services.applications import change_stage, list_applications
from afterview.services.offers import add_offer, list_offers, set_weights, weights
from afterview.services.reviews import (
    application_reviews,
    record_feedback,
    record_lessons,
    review_interview,
)
from afterview.services.rivals import add_rival, rivals_of, set_board
from afterview.services.scan import Filters, list_openings, save_opening
from afterview.services.transfer import (
    export_document,
    export_text,
    export_to_file,
    import_file,
)
from afterview.services.workspace import Workspace
from afterview.store import rivals as rival_store
from tests.builders import make_application, make_contact, make_interview, make_profile
from tests.conftest import NOW


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


def _fill_all(ws: Workspace) -> None:
    """_fill, then the three kinds of review (with questions), custom criteria, an offer for
    an application and the current job."""
    _fill(ws)
    ids = {a.company_name: a.id for a in list_applications(ws)}
    acme, globex = ids["Acme Corp"], ids["Globex"]
    past = make_interview(ws, application=globex, starts="2026-11-24 10:00 Europe/Berlin")
    review_interview(
        ws,
        past.id,
        ratings={"preparation": 4, "rapport": 2},
        questions=[Question("Tell me about a conflict.", 2), Question("Why Globex?")],
        went_well="The SQL exercise",
        went_wrong="Ran long on the first answer",
        strengths=["sql"],
        weaknesses=["rambling"],
        fixes={"rambling": "Answer in two minutes, then ask"},
    )
    record_feedback(ws, globex, "Strong SQL; less sure about modelling", weaknesses=["modelling"])
    record_lessons(
        ws,
        globex,
        went_wrong="Did not ask about the team",
        weaknesses=["modelling"],
        fixes={"modelling": "Practise one star schema a week"},
    )
    set_weights(ws, {"pay": 30, "Learning budget": 12.5}, remove=("stability",))
    add_offer(
        ws,
        acme,
        currency="EUR",
        base=95_000,
        bonus=10_000,
        equity=5_000,
        sign_on=5_000,
        benefits=4_000,
        start_on="2027-01-04",
        deadline="2026-12-04",
        location="Berlin",
        remote="hybrid",
        notes="flag: no equity refresh",
        scores={"growth": 4, "learning-budget": 5},
    )
    add_offer(ws, None, currency="EUR", base=80_000, employer="Initech", scores={"commute": 5})


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


def test_reviews_offers_and_criteria_round_trip_both_ways(ws, tmp_path):
    _fill_all(ws)
    path = tmp_path / "export.json"
    export_to_file(ws, path)
    document = json.loads(path.read_text())
    assert [r["kind"] for r in document["reviews"]] == ["interview", "feedback", "lessons"]
    assert document["reviews"][0]["questions"] == [
        {"text": "Tell me about a conflict.", "rating": 2},
        {"text": "Why Globex?", "rating": None},
    ]
    assert [o["application"] is None for o in document["offers"]] == [False, True]
    assert [c["key"] for c in document["criteria"]][-1] == "learning-budget"
    twin = _empty_twin(ws, tmp_path)
    report = import_file(twin, path)
    assert (report.added["reviews"], report.added["offers"], report.added["criteria"]) == (3, 2, 8)
    assert export_text(twin) == path.read_text()
    # A merge of the same file changes nothing; the copy's export imports the same again.
    assert import_file(twin, path, merge=True).unchanged["offers"] == 2
    again = tmp_path / "again.json"
    export_to_file(twin, again)
    fresh = _empty_twin(ws, tmp_path / "fresh")
    import_file(fresh, again)
    assert export_text(fresh) == path.read_text()
    assert weights(fresh)["learning-budget"] == 12.5
    assert [o.is_current for o in list_offers(fresh)] == [True, False]
    globex = next(a.id for a in list_applications(fresh) if a.company_name == "Globex")
    assert [len(r.questions) for r in application_reviews(fresh, globex)] == [2, 0, 0]


def test_reviews_offers_and_criteria_keep_ids_and_sequences_move_past_them(ws, tmp_path):
    source = _empty_twin(ws, tmp_path)
    _fill_all(source)
    path = tmp_path / "export.json"
    export_to_file(source, path)
    import_file(ws, path)
    assert export_text(ws) == path.read_text()
    assert set_weights(ws, {"mentoring": 5}) == weights(source) | {"mentoring": 5.0}
    assert export_document(ws).criteria[-1].id == 9
    third = make_application(ws, company="Initech", role="Platform Engineer")
    assert add_offer(ws, third.id, currency="EUR", base=1).id == 3


def test_a_file_without_reviews_offers_or_criteria_still_imports(ws, tmp_path):
    """A file from before migration 2026_11_26_0006 has none of these sections."""
    document = _valid(ws, tmp_path)
    for section in ("reviews", "offers", "criteria"):
        del document[section]
    path = _write(tmp_path, document)
    report = import_file(ws, path)
    assert report.added["applications"] == 2
    exported = json.loads(export_text(ws))
    assert (exported["reviews"], exported["offers"], exported["criteria"]) == ([], [], [])
    assert weights(ws)["stability"] == 10  # no criteria: the defaults


def test_merge_updates_offers_and_matches_criteria_by_key(ws, tmp_path):
    _fill_all(ws)
    path = tmp_path / "export.json"
    export_to_file(ws, path)
    document = json.loads(path.read_text())
    document["offers"][0]["base"] = 99_000
    document["criteria"][0]["weight"] = 35.0
    path.write_text(json.dumps(document))
    report = import_file(ws, path, merge=True)
    assert report.updated == {"offers": 1, "criteria": 1}
    assert [o.base for o in list_offers(ws)] == [80_000, 99_000]
    other = _empty_twin(ws, tmp_path)
    set_weights(other, {"pay": 10})  # the default keys, with other uids
    with pytest.raises(Conflict, match=r": 7 criteria \(pay, growth, manager, \.\.\.\)\. "):
        import_file(other, path)
    merged = import_file(other, path, merge=True)
    # pay's weight, and commute and balance, one place up without stability
    assert (merged.updated["criteria"], merged.added["criteria"]) == (3, 1)
    assert weights(other) == weights(ws) | {"stability": 10}
    assert list(weights(other)) == [
        *("pay", "growth", "manager", "team", "mission", "stability", "commute", "balance"),
        "learning-budget",
    ]


def test_a_second_current_job_from_the_file_is_refused_and_named(ws, tmp_path):
    document = _valid(ws, tmp_path)
    set_weights(ws, {"pay": 10})
    add_offer(ws, None, currency="USD", base=70_000, employer="Hooli")
    path = _write(tmp_path, document)
    with pytest.raises(ParseError) as raised:
        import_file(ws, path, merge=True)
    assert raised.value.where == "$.offers[1].application"
    assert raised.value.message.endswith(
        "a second current job ('Current job: Initech'): the database holds 'Current job: Hooli'"
    )
    assert export_document(ws).companies == []
    assert [o.label for o in list_offers(ws)] == ["Current job: Hooli"]
    assert weights(ws)["pay"] == 10


def _write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


def _valid(ws: Workspace, tmp_path: Path) -> dict:
    source = _empty_twin(ws, tmp_path)
    _fill_all(source)
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
        (
            lambda d: d["reviews"][1].update(application="00000000-0000-0000-0000-000000000000"),
            "$.reviews[1].application",
            "no record in applications has uid",
        ),
        (
            lambda d: d["reviews"][0].update(interview=d["interviews"][0]["uid"]),
            "$.reviews[0].interview",
            "the interview is of another application",
        ),
        (
            lambda d: d["reviews"][0]["questions"][0].update(rating=9),
            "$.reviews[0].questions",
            "not 9",
        ),
        (
            lambda d: d["reviews"][2]["fixes"].clear(),
            "$.reviews[2].fixes",
            "Plan one concrete fix for the weakness 'modelling'.",
        ),
        (lambda d: d["reviews"][0].update(kind="debrief"), "$.reviews[0].kind", "Input should be"),
        (
            lambda d: d["offers"][0].update(currency="EURO"),
            "$.offers[0].currency",
            "String should have at most 3 characters",
        ),
        (
            lambda d: d["offers"][0].update(currency="XEU"),
            "$.offers[0].currency",
            "Unknown currency 'XEU'",
        ),
        (
            lambda d: d["offers"][1].update(bonus=-5),
            "$.offers[1].bonus",
            "The bonus cannot be negative (-5).",
        ),
        (
            lambda d: d["offers"][0]["scores"].update(growth=6),
            "$.offers[0].scores.growth",
            "Score growth from 1 to 5, not 6.",
        ),
        (
            lambda d: d["offers"][0].update(application=None),
            "$.offers[1].application",
            "a second current job ('Current job: Initech'): $.offers[0] is "
            "'Acme Corp — Data Engineer'",
        ),
        (
            lambda d: d["offers"][1].update(application=d["offers"][0]["application"]),
            "$.offers[1].application",
            "a second offer for one application ('Current job: Initech')",
        ),
        (
            lambda d: d["criteria"][1].update(key="pay"),
            "$.criteria[1].key",
            "'pay' is also $.criteria[0]",
        ),
        (
            lambda d: d["criteria"][1].update(key="Work Life"),
            "$.criteria[1].key",
            "write the criterion 'Work Life' as 'work-life'",
        ),
        (
            lambda d: d["criteria"][0].update(weight=-1),
            "$.criteria[0].weight",
            "greater than or equal to 0",
        ),
        (
            lambda d: [c.update(weight=0) for c in d["criteria"]],
            "$.criteria",
            "The weights add up to zero",
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
    nothing = export_document(ws)
    assert (nothing.companies, nothing.reviews, nothing.offers, nothing.criteria) == (
        [],
        [],
        [],
        [],
    )


def test_broken_json_names_line_and_column(ws, tmp_path):
    path = _write(tmp_path, '{\n  "format": "afterview-export",\n  "version": 1,\n}')
    with pytest.raises(ParseError) as raised:
        import_file(ws, path)
    assert raised.value.message == (
        f"{path}: line 4, column 1: not valid JSON (Expecting property name enclosed in "
        "double quotes)"
    )


def _posting(board: Board, token: str, number: str, **overrides: Any) -> Posting:
    values: dict[str, Any] = {
        "board": board,
        "token": token,
        "id": number,
        "title": f"Data Engineer {number}",
        "location": "Berlin",
        "url": f"https://example.org/{token}/jobs/{number}",
        "text": "Python and SQL",
    }
    return Posting(**(values | overrides))


def _fill_rivals(ws: Workspace) -> None:
    """_fill_all, then the profile's places, three rivalries (one added by a pasted job link,
    one with a Lever EU board, one of a company without a board), Acme's own board, two
    scans of Globex's board (the second no longer lists one opening), a failed scan of
    Initech's, and an opening saved as an application."""
    _fill_all(ws)
    make_profile(ws, target_places=["Berlin", "Remote (EU)"], remote_ok=False)
    add_rival(ws, "Acme", "https://job-boards.greenhouse.io/globex/jobs/123")
    add_rival(ws, "Acme", "Initech", link="lever-eu:initech")
    add_rival(ws, "Globex", "Hooli")
    set_board(ws, "Acme", "https://acme.recruitee.com/o/data-engineer")
    globex = rivals_of(ws, "Globex")
    initech = rivals_of(ws, "Initech")
    assert globex.board is not None
    assert initech.board is not None
    paid = _posting(
        Board.GREENHOUSE,
        "globex",
        "1",
        department="Data",
        remote=Remote.HYBRID,
        employment="full-time",
        published_at=NOW - timedelta(days=3),
        pay=Pay("EUR", 70_000.0, 90_000.5, "year"),
    )
    gone = _posting(Board.GREENHOUSE, "globex", "2", title="Office Manager")
    later = NOW + timedelta(hours=2)
    with ws.ready().write() as session:
        rival_store.store_postings(session, globex.company.id, globex.board.ref, [paid, gone], NOW)
        rival_store.mark_scanned(session, globex.board.id, NOW)
        lever = BoardRef(Board.LEVER, "initech", "eu")
        unpaid = _posting(Board.LEVER, "initech", "a1b2", pay=Pay("USD", None, 120_000.0, ""))
        rival_store.store_postings(session, initech.company.id, lever, [unpaid], NOW)
        rival_store.mark_scanned(session, initech.board.id, NOW)
    with ws.ready().write() as session:
        rival_store.store_postings(session, globex.company.id, globex.board.ref, [paid], later)
        rival_store.mark_scanned(session, globex.board.id, later)
        rival_store.mark_failed(session, initech.board.id, later, "HTTP 404: no such board")
    [opening] = list_openings(ws, Filters(company="Globex")).openings
    save_opening(ws, opening.opening.id)


def test_rivals_boards_and_postings_round_trip_both_ways(ws, tmp_path):
    _fill_rivals(ws)
    path = tmp_path / "export.json"
    export_to_file(ws, path)
    document = json.loads(path.read_text())
    uids = {c["name"]: c["uid"] for c in document["companies"]}
    assert [(r["company"], r["rival"]) for r in document["rivals"]] == [
        (uids["Acme Corp"], uids["Globex"]),
        (uids["Acme Corp"], uids["Initech"]),
        (uids["Globex"], uids["Hooli"]),
    ]
    assert [(b["board"], b["token"], b["region"]) for b in document["job_boards"]] == [
        ("greenhouse", "globex", ""),
        ("lever", "initech", "eu"),
        ("recruitee", "acme", ""),
    ]
    assert document["job_boards"][1]["failure"] == "HTTP 404: no such board"
    paid, gone, unpaid = document["postings"]
    assert paid["pay"] == {"currency": "EUR", "low": 70000.0, "high": 90000.5, "period": "year"}
    assert (paid["remote"], paid["gone_at"], gone["gone_at"]) == (
        "hybrid",
        None,
        "2026-11-26T11:00:00Z",
    )
    assert paid["application"] == document["applications"][-1]["uid"]
    assert (gone["application"], unpaid["pay"]["low"], unpaid["key"]) == (
        None,
        None,
        "lever:initech:a1b2",
    )
    assert (document["profile"]["target_places"], document["profile"]["remote_ok"]) == (
        ["Berlin", "Remote (EU)"],
        False,
    )
    twin = _empty_twin(ws, tmp_path)
    report = import_file(twin, path)
    added = (report.added["rivals"], report.added["job_boards"], report.added["postings"])
    assert added == (3, 3, 3)
    assert export_text(twin) == path.read_text()
    # The copy works as the original: rivals both ways, boards, openings and the saved one.
    acme = rivals_of(twin, "Acme")
    assert [(r.company.name, r.board.ref.label if r.board else None) for r in acme.rivals] == [
        ("Globex", "Greenhouse: globex"),
        ("Initech", "Lever (EU): initech"),
    ]
    assert [r.company.name for r in rivals_of(twin, "Globex").rivals] == ["Acme Corp", "Hooli"]
    initech_board = acme.rivals[1].board
    assert initech_board is not None
    assert initech_board.failing
    listed = list_openings(twin, Filters(rivals_of="Acme"))
    assert sorted(o.opening.posting.key for o in listed.openings) == [
        "greenhouse:globex:1",
        "lever:initech:a1b2",
    ]
    # A merge of the same file changes nothing.
    again = import_file(twin, path, merge=True)
    same = (again.unchanged["rivals"], again.unchanged["job_boards"], again.unchanged["postings"])
    assert (same, again.added, again.updated) == ((3, 3, 3), {}, {})


def test_rivals_boards_and_postings_keep_ids_and_sequences_move_past_them(ws, tmp_path):
    source = _empty_twin(ws, tmp_path)
    _fill_rivals(source)
    path = tmp_path / "export.json"
    export_to_file(source, path)
    import_file(ws, path)
    assert export_text(ws) == path.read_text()
    make_application(ws, company="Zeta", role="Data Engineer")
    assert set_board(ws, "Zeta", "ashby:zeta").id == 4
    add_rival(ws, "Zeta", "Acme Corp")
    assert export_document(ws).rivals[-1].id == 4


def test_merge_finds_the_same_rivalry_board_and_posting_by_what_they_are(ws, tmp_path):
    """Another database that added the same rivalry (the other way round), the same board and
    scanned the same posting, each with uids of its own: a merge updates them, adding none."""
    _fill_rivals(ws)
    path = tmp_path / "export.json"
    export_to_file(ws, path)
    other = _empty_twin(ws, tmp_path)
    make_application(other, company="Globex", role="Analytics Engineer")
    add_rival(other, "Globex", "Acme Corp")
    board = set_board(other, "Globex", "greenhouse:globex")
    with other.ready().write() as session:
        posting = _posting(Board.GREENHOUSE, "globex", "1")
        rival_store.store_postings(session, board.company_id, board.ref, [posting], NOW)
    with pytest.raises(Conflict, match=r"; 1 postings \(greenhouse:globex:1\)"):
        import_file(other, path)
    report = import_file(other, path, merge=True)
    assert (report.updated["rivals"], report.added["rivals"]) == (1, 2)
    assert (report.updated["job_boards"], report.added["job_boards"]) == (1, 2)
    assert (report.updated["postings"], report.added["postings"]) == (1, 2)
    merged = export_document(other)
    assert (len(merged.rivals), len(merged.job_boards), len(merged.postings)) == (3, 3, 3)
    assert [r.company.name for r in rivals_of(other, "Acme").rivals] == ["Globex", "Initech"]
    assert merged.postings[0].title == "Data Engineer 1"
    assert merged.postings[0].pay is not None


def test_a_file_without_rivals_boards_postings_or_places_still_imports(ws, tmp_path):
    """A file from before migration 2026_11_26_0007 has none of these."""
    document = _valid(ws, tmp_path)
    for section in ("rivals", "job_boards", "postings"):
        assert document.pop(section) == []
    del document["profile"]["target_places"], document["profile"]["remote_ok"]
    report = import_file(ws, _write(tmp_path, document))
    assert report.added["applications"] == 2
    exported = json.loads(export_text(ws))
    assert (exported["rivals"], exported["job_boards"], exported["postings"]) == ([], [], [])
    assert (exported["profile"]["target_places"], exported["profile"]["remote_ok"]) == ([], True)


NO_UID = "00000000-0000-0000-0000-000000000000"
OTHER_UID = "3f0c8a52-6c1d-4f57-9a43-2d1f0e7c9b11"


def _twice(section: list[dict[str, Any]], index: int, **changes: Any) -> None:
    """Append a copy of a record, with a uid and an id of its own."""
    section.append(section[index] | {"uid": OTHER_UID, "id": 99} | changes)


@pytest.mark.parametrize(
    ("mutate", "where", "problem"),
    [
        (
            lambda d: d["rivals"][0].update(rival=d["rivals"][0]["company"]),
            "$.rivals[0].rival",
            "Acme Corp cannot be its own rival.",
        ),
        (
            lambda d: d["rivals"][2].update(company=NO_UID),
            "$.rivals[2].company",
            "no record in companies has uid",
        ),
        (
            lambda d: _twice(
                d["rivals"], 0, company=d["rivals"][0]["rival"], rival=d["rivals"][0]["company"]
            ),
            "$.rivals[3].rival",
            "Globex and Acme Corp are rivals in $.rivals[0] already",
        ),
        (
            lambda d: d["job_boards"][0].update(board="monster"),
            "$.job_boards[0].board",
            "Input should be 'greenhouse', 'lever'",
        ),
        (
            lambda d: d["job_boards"][0].update(token="glo bex"),
            "$.job_boards[0].token",
            "'glo bex' is not a Greenhouse token",
        ),
        (
            lambda d: d["job_boards"][0].update(token="globex/jobs"),
            "$.job_boards[0].token",
            "'globex/jobs' is not a Greenhouse token",
        ),
        (
            lambda d: d["job_boards"][2].update(token="Acme"),
            "$.job_boards[2].token",
            "write the token 'Acme' as 'acme'",
        ),
        (
            lambda d: d["job_boards"][0].update(region="eu"),
            "$.job_boards[0].region",
            "only Lever boards have a region, not Greenhouse",
        ),
        (
            lambda d: d["job_boards"][2].update(company=d["job_boards"][0]["company"]),
            "$.job_boards[2].company",
            "a second board for Globex: $.job_boards[0] is 'greenhouse:globex'",
        ),
        (
            lambda d: d["job_boards"][2].update(board="greenhouse", token="GLOBEX"),
            "$.job_boards[2].token",
            "'greenhouse:GLOBEX' is already Globex's board: $.job_boards[0]",
        ),
        (
            lambda d: d["postings"][0].update(company=NO_UID),
            "$.postings[0].company",
            "no record in companies has uid",
        ),
        (
            lambda d: d["postings"][0].update(application=NO_UID),
            "$.postings[0].application",
            "no record in applications has uid",
        ),
        (
            lambda d: _twice(d["postings"], 0),
            "$.postings[3].key",
            "'greenhouse:globex:1' is also $.postings[0]",
        ),
        (
            lambda d: d["postings"][1].update(key="greenhouse:globex:1"),
            "$.postings[1].key",
            "the posting's key is 'greenhouse:globex:2'",
        ),
        (
            lambda d: d["postings"][0].update(last_seen_at="2026-11-01T00:00:00Z"),
            "$.postings[0].last_seen_at",
            "the posting was last seen before it was first seen",
        ),
        (
            lambda d: d["postings"][0]["pay"].update(low="a lot"),
            "$.postings[0].pay.low",
            "Input should be a valid number",
        ),
        (
            lambda d: d["profile"].update(target_places=["Berlin", " "]),
            "$.profile.target_places[1]",
            "The place must not be empty.",
        ),
    ],
)
def test_malformed_rivals_boards_and_postings_name_the_path_and_write_nothing(
    ws, tmp_path, mutate, where, problem
):
    source = _empty_twin(ws, tmp_path)
    _fill_rivals(source)
    document = json.loads(export_text(source))
    mutate(document)
    with pytest.raises(ParseError) as raised:
        import_file(ws, _write(tmp_path, document))
    assert raised.value.where == where
    assert problem in raised.value.message
    nothing = export_document(ws)
    assert (nothing.profile, nothing.companies, nothing.rivals, nothing.postings) == (
        None,
        [],
        [],
        [],
    )


def _uid(document: dict[str, Any], name: str) -> str:
    return next(c["uid"] for c in document["companies"] if c["name"] == name)


@pytest.mark.parametrize(
    ("mutate", "where", "problem"),
    [
        (
            # Acme–Initech made Globex–Acme, while the database keeps Acme–Globex.
            lambda d: d["rivals"][1].update(company=_uid(d, "Globex"), rival=_uid(d, "Acme Corp")),
            "$.rivals[0].rival",
            "Globex and Acme Corp are rivals in the database already",
        ),
        (
            lambda d: d["job_boards"][1].update(token="globex", region="", board="greenhouse"),
            "$.job_boards[0].token",
            "'greenhouse:globex' is already Globex's board in the database",
        ),
        (
            lambda d: d["job_boards"][1].update(company=_uid(d, "Globex")),
            "$.job_boards[0].company",
            "a second board for Globex: the database holds 'greenhouse:globex'",
        ),
        (
            lambda d: d["postings"][1].update(key="greenhouse:globex:1", posting_id="1"),
            "$.postings[0].key",
            "'greenhouse:globex:1' is also the key of another posting in the database",
        ),
    ],
)
def test_a_merge_counts_the_records_the_database_keeps(ws, tmp_path, mutate, where, problem):
    """The first record of each kind is left out of the file, so the database keeps it as it
    is; the second is changed to clash with it."""
    _fill_rivals(ws)
    before = export_text(ws)
    document = json.loads(before)
    mutate(document)
    for section in ("rivals", "job_boards", "postings"):
        del document[section][0]
    with pytest.raises(ParseError) as raised:
        import_file(ws, _write(tmp_path, document), merge=True)
    assert raised.value.where == where
    assert problem in raised.value.message
    assert export_text(ws) == before
