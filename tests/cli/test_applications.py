from __future__ import annotations

import json
import uuid

from tests.cli.conftest import Run


def _without_uids(data):
    """The JSON with every 'uid' checked to be a UUID and removed (they are random)."""
    if isinstance(data, list):
        return [_without_uids(item) for item in data]
    if isinstance(data, dict):
        if "uid" in data:
            uuid.UUID(data["uid"])
        return {k: _without_uids(v) for k, v in data.items() if k != "uid"}
    return data


def test_add_prints_what_was_added(run: Run):
    result = run("app", "add", "Acme Corp", "Data Engineer")
    assert result.stdout == "Added application 1: Acme Corp — Data Engineer (applied).\n"


def test_list_human(search: Run):
    assert search("app", "list").stdout == (
        "ID   Company     Role                 Stage          Priority   Applied\n"
        "──────────────────────────────────────────────────────────────────────────\n"
        " 2   Globex      Analytics Engineer   saved          high\n"
        " 1   Acme Corp   Data Engineer        interviewing   normal     2026-11-26\n"
    )


def test_list_json_shape(search: Run):
    data = json.loads(search("app", "list", "--json").stdout)
    assert _without_uids(data) == [
        {
            "id": 2,
            "company": {"id": 2, "name": "Globex"},
            "role": "Analytics Engineer",
            "stage": "saved",
            "priority": "high",
            "link": "",
            "source": "",
            "location": "",
            "salary": {"min": None, "max": None, "currency": None},
            "applied_on": None,
            "notes": "",
            "created_at": "2026-11-26T09:00:00+00:00",
            "updated_at": "2026-11-26T09:00:00+00:00",
            "stage_changed_at": "2026-11-26T09:00:00+00:00",
        },
        {
            "id": 1,
            "company": {"id": 1, "name": "Acme Corp"},
            "role": "Data Engineer",
            "stage": "interviewing",
            "priority": "normal",
            "link": "https://jobs.example/1",
            "source": "LinkedIn",
            "location": "",
            "salary": {"min": 90000, "max": 110000, "currency": "EUR"},
            "applied_on": "2026-11-26",
            "notes": "",
            "created_at": "2026-11-26T09:00:00+00:00",
            "updated_at": "2026-11-26T09:00:00+00:00",
            "stage_changed_at": "2026-11-26T09:00:00+00:00",
        },
    ]


def test_list_filters(search: Run):
    assert [
        a["id"] for a in json.loads(search("app", "list", "--stage", "saved", "--json").stdout)
    ] == [2]
    assert json.loads(search("app", "list", "--company", "acme", "--json").stdout)[0]["id"] == 1
    assert search("app", "list", "--stage", "rejected").stdout == (
        "No applications. Add one with: afterview app add COMPANY ROLE\n"
    )


def test_show_human(search: Run):
    assert search("app", "show", "acme").stdout == (
        "Acme Corp — Data Engineer (application 1)\n"
        "Stage     interviewing since 2026-11-26 10:00\n"
        "Priority  normal\n"
        "Applied   2026-11-26\n"
        "Salary    90,000–110,000 EUR\n"
        "Source    LinkedIn\n"
        "Link      https://jobs.example/1\n"
        "\n"
        "Interviews\n"
        "ID   Round   Kind        When                       With\n"
        "──────────────────────────────────────────────────────────────────────────\n"
        " 1   1       technical   Tue 2026-12-01 14:00 CET   Dana Reyes, Marcus Lee\n"
        "\n"
        "Timeline\n"
        "When               What\n"
        "───────────────────────────────────────────────────────────────────────\n"
        "2026-11-26 10:00   Created application: stage applied\n"
        "2026-11-26 10:00   Created interview: round 1, technical\n"
        "2026-11-26 10:00   Stage applied → interviewing: Technical round booked\n"
    )


def test_show_json_has_interviews_and_timeline(search: Run):
    data = _without_uids(json.loads(search("app", "show", "1", "--json").stdout))
    assert [i["id"] for i in data["interviews"]] == [1]
    assert data["timeline"][-1] == {
        "id": 9,
        "at": "2026-11-26T09:00:00+00:00",
        "subject": {"kind": "application", "id": 1},
        "kind": "stage_changed",
        "description": "Stage applied → interviewing: Technical round booked",
        "data": {"from": "applied", "to": "interviewing", "note": "Technical round booked"},
    }


def test_edit_and_stage(search: Run):
    assert search(
        "app", "edit", "globex", "--role", "Senior Analytics Engineer", "--salary", "120k EUR"
    ).stdout == ("Saved application 2: Globex — Senior Analytics Engineer.\n")
    assert search("app", "stage", "globex", "applied").stdout == (
        "Application 2 (Globex — Senior Analytics Engineer) is now applied.\n"
    )


def test_errors_are_one_line_with_stable_exit_codes(search: Run):
    cases = [
        (("app", "show", "initech"), 3, "Error: No application matching 'initech'.\n"),
        (("app", "show", "42"), 3, "Error: No application 42.\n"),
        (
            ("app", "show", "engineer"),
            4,
            "Error: 'engineer' matches 2 applications: 1 Acme Corp — Data Engineer; "
            "2 Globex — Analytics Engineer. Use the id or a longer name.\n",
        ),
        (
            ("app", "stage", "acme", "hired"),
            5,
            "Error: Unknown stage 'hired'; use one of: saved, applied, screening, interviewing, "
            "offer, accepted, rejected, withdrawn, declined, gone-quiet.\n",
        ),
        (
            ("app", "stage", "acme", "accepted"),
            5,
            "Error: Only an offer can be accepted; the application is at stage interviewing. "
            "Record the offer first (stage offer).\n",
        ),
        (
            ("app", "add", "Acme", "X", "--salary", "lots"),
            5,
            "Error: Cannot read the salary 'lots'; write it like '90000-110000 EUR' or "
            "'95k USD'.\n",
        ),
        (
            ("app", "add", "Acme", "X", "--applied", "2026-02-30"),
            5,
            "Error: Impossible date '2026-02-30': day is out of range for month.\n",
        ),
    ]
    for args, code, message in cases:
        result = search(*args, expect=code)
        assert (result.stdout, result.stderr) == ("", message)
    assert len(json.loads(search("app", "list", "--json").stdout)) == 2
