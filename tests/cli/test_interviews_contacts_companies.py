from __future__ import annotations

import json

from tests.cli.conftest import Run


def test_interview_add_reports_the_local_time(run: Run):
    run("app", "add", "Acme Corp", "Data Engineer")
    result = run(
        "interview",
        "add",
        "acme",
        "2026-12-03 10:30 America/New_York",
        "--duration",
        "45m",
        "--with",
        "Dana Reyes",
    )
    assert result.stdout == (
        "Added interview 1: Acme Corp — Data Engineer, round 1, "
        "Thu 2026-12-03 10:30–11:15 America/New_York.\n"
    )


def test_interview_show_human(search: Run):
    assert search("interview", "show", "1").stdout == (
        "Acme Corp — Data Engineer, round 1 (interview 1)\n"
        "When       Tue 2026-12-01 14:00–15:00 Europe/Berlin\n"
        "Kind       technical\n"
        "With       Dana Reyes (Acme Corp); Marcus Lee (Acme Corp)\n"
        "Next step  “by Friday”\n"
        "\n"
        "Timeline\n"
        "When               What\n"
        "────────────────────────────────────────────────────────\n"
        "2026-11-26 10:00   Created interview: round 1, technical\n"
    )


def test_interview_list_json(search: Run):
    [interview] = json.loads(search("interview", "list", "--json").stdout)
    interview.pop("uid")
    assert interview == {
        "id": 1,
        "application": {"id": 1, "label": "Acme Corp — Data Engineer"},
        "round": 1,
        "kind": "technical",
        "starts_at": "2026-12-01T13:00:00+00:00",
        "ends_at": "2026-12-01T14:00:00+00:00",
        "time_zone": "Europe/Berlin",
        "local_start": "2026-12-01T14:00:00+01:00",
        "local_end": "2026-12-01T15:00:00+01:00",
        "location": "",
        "interviewers": [{"id": 1, "name": "Dana Reyes"}, {"id": 2, "name": "Marcus Lee"}],
        "next_step_said": "by Friday",
        "notes": "",
        "created_at": "2026-11-26T09:00:00+00:00",
        "updated_at": "2026-11-26T09:00:00+00:00",
    }


def test_interview_list_human_and_upcoming(search: Run):
    assert search("interview", "list", "--upcoming").stdout == (
        "ID   Application               Round   Kind        When                       With\n"
        + "─" * 100
        + "\n"
        " 1   Acme Corp — Data          1       technical   Tue 2026-12-01 14:00 CET   "
        "Dana Reyes, Marcus Lee\n"
        "     Engineer\n"
    )


def test_interview_edit_moves_it(search: Run):
    assert search(
        "interview", "edit", "1", "--at", "2026-12-02 09:30", "--duration", "45m"
    ).stdout == (
        "Saved interview 1: Acme Corp — Data Engineer, round 1, "
        "Wed 2026-12-02 09:30–10:15 Europe/Berlin.\n"
    )
    shown = json.loads(search("interview", "show", "1", "--json").stdout)
    assert shown["timeline"][-1]["description"] == (
        "Edited starts at → 2026-12-02T08:30:00+00:00, ends at → 2026-12-02T09:15:00+00:00"
    )


def test_interview_errors(search: Run):
    result = search("interview", "add", "acme", "friday", expect=5)
    assert result.stderr == (
        "Error: The starts needs a time of day, and 'friday' has none; try 'tomorrow 14:00', "
        "'fri 9am' or "
        "'2026-12-03 10:30 Europe/Berlin'.\n"
    )
    result = search("interview", "add", "acme", "2026-12-01 10:00 Europe/Berln", expect=5)
    assert result.stderr == (
        "Error: Unknown time zone 'Europe/Berln'. Did you mean Europe/Berlin?\n"
    )
    result = search("interview", "add", "acme", "2026-12-01 10:00", "--kind", "lunch", expect=5)
    assert result.stderr.startswith("Error: Unknown interview kind 'lunch'; use one of: phone,")


def test_contact_commands(search: Run):
    assert (
        search(
            "contact", "add", "Grace Okafor", "--email", "grace@example.org", "--title", "Director"
        ).stdout
        == "Added contact 3: Grace Okafor (Director).\n"
    )
    assert search("contact", "edit", "dana", "--title", "VP Data").stdout == (
        "Saved contact 1: Dana Reyes (VP Data, Acme Corp).\n"
    )
    assert search("contact", "list", "acme").stdout == (
        "ID   Name         Title     Company     E-mail\n"
        "──────────────────────────────────────────────\n"
        " 1   Dana Reyes   VP Data   Acme Corp\n"
        " 2   Marcus Lee             Acme Corp\n"
    )
    assert search("contact", "show", "dana").stdout == (
        "Dana Reyes (contact 1)\n"
        "Title    VP Data\n"
        "Company  Acme Corp\n"
        "Origin   manual\n"
        "\n"
        "Interviews\n"
        "ID   Application                 Round   When\n"
        "─────────────────────────────────────────────────────────────────\n"
        " 1   Acme Corp — Data Engineer   1       Tue 2026-12-01 14:00 CET\n"
        "\n"
        "Timeline\n"
        "When               What\n"
        "──────────────────────────────────────────────────────────\n"
        "2026-11-26 10:00   Created contact: Dana Reyes (Acme Corp)\n"
        "2026-11-26 10:00   Edited title → VP Data\n"
    )
    [grace] = json.loads(search("contact", "list", "grace", "--json").stdout)
    assert (grace["emails"], grace["company"]) == (["grace@example.org"], None)


def test_company_commands(search: Run):
    assert (
        search(
            "company", "add", "Initech", "--alias", "Initech Inc", "--domain", "initech.example"
        ).stdout
        == "Added company 3: Initech.\n"
    )
    assert search("company", "list").stdout == (
        "ID   Name        Also known as   Domains\n"
        "────────────────────────────────────────────────\n"
        " 1   Acme Corp\n"
        " 2   Globex\n"
        " 3   Initech     Initech Inc     initech.example\n"
    )
    assert search("company", "edit", "initech inc", "--notes", "Met at a meetup").stdout == (
        "Saved company 3: Initech.\n"
    )
    assert search("company", "show", "acme").stdout == (
        "Acme Corp (company 1)\n"
        "\n"
        "Applications\n"
        "ID   Role            Stage          Applied\n"
        "──────────────────────────────────────────────\n"
        " 1   Data Engineer   interviewing   2026-11-26\n"
        "\n"
        "People\n"
        "ID   Name         Title\n"
        "───────────────────────\n"
        " 1   Dana Reyes\n"
        " 2   Marcus Lee\n"
        "\n"
        "Timeline\n"
        "When               What\n"
        "─────────────────────────────────────────────\n"
        "2026-11-26 10:00   Created company: Acme Corp\n"
    )
    shown = json.loads(search("company", "show", "initech", "--json").stdout)
    assert (shown["aliases"], shown["domains"], shown["notes"]) == (
        ["Initech Inc"],
        ["initech.example"],
        "Met at a meetup",
    )
    result = search("company", "add", "acme corp", expect=6)
    assert result.stderr == "Error: There is already a company called 'acme corp' (company 1).\n"


def test_overview_summarises_long_interview_lists(run: Run):
    run("app", "add", "Acme Corp", "Data Engineer")
    days = [f"2026-11-{day}" for day in range(27, 31)] + [f"2026-12-0{day}" for day in range(1, 9)]
    for day in days:  # twelve interviews in the coming two weeks
        run("interview", "add", "acme", f"{day} 09:00")
    output = run("overview").stdout
    assert output.count("Acme Corp — Data Engineer") == 10 + 1  # ten interviews, one waiting
    assert "… and 2 more: afterview interview list\n" in output
