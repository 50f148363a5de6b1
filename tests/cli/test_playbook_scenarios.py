"""Whole searches walked through the CLI as a user would, the clock moved between steps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run

RULE = "─" * 100


def init(run: Run, zone: str, country: str, subdivision: str) -> None:
    run(
        "init",
        "--name",
        "Sam Rivera",
        "--email",
        "sam@example.org",
        "--time-zone",
        zone,
        "--country",
        country,
        "--subdivision",
        subdivision,
        "--role",
        "Data Engineer",
    )


def at(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    monkeypatch.setenv("AFTERVIEW_NOW", moment)


def section(output: str, title: str) -> list[str]:
    """The lines under a heading, up to the next blank line."""
    lines = output.splitlines()
    start = lines.index(title) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def berlin_search(run: Run) -> None:
    init(run, "Europe/Berlin", "de", "be")
    added = run("app", "add", "Acme Corp", "Data Engineer")
    assert added.stdout == "Added application 1: Acme Corp — Data Engineer (applied).\n"
    scheduled = run(
        "interview",
        "add",
        "acme",
        "2026-12-01 14:00",
        "--with",
        "Dana Reyes",
        "--with",
        "Marcus Lee",
        "--next-step",
        "by Friday",
    )
    assert scheduled.stdout == (
        "Added interview 1: Acme Corp — Data Engineer, round 1, "
        "Tue 2026-12-01 14:00–15:00 Europe/Berlin.\n"
    )


def test_from_interview_through_follow_ups_to_an_offer(run, monkeypatch):
    berlin_search(run)
    at(monkeypatch, "2026-12-02T09:00:00+01:00")
    agenda = run("today").stdout
    assert agenda.splitlines()[0] == "Agenda for Wed 02 Dec 2026 (Europe/Berlin)"
    assert section(agenda, "Due today (2)") == [
        "ID   Due                Practice   What                      Application               "
        "Draft",
        RULE,
        " 2   2026-12-02 15:00   thanks     Thank Dana Reyes within   Acme Corp — Data          "
        "1: 2 warnings",
        "                                   24 h of your 14:00        Engineer",
        "                                   interview",
        " 3   2026-12-02 15:00   thanks     Thank Marcus Lee within   Acme Corp — Data          "
        "2: 2 warnings",
        "                                   24 h of your 14:00        Engineer",
        "                                   interview",
    ]
    assert section(agenda, "Waiting for an answer")[2] == (
        "1     Acme Corp — Data Engineer   applied   day 1 of a typical 0–7 (they said “by Friday”)"
    )
    thanked = run("action", "done", "2")
    assert thanked.stdout == "Done: Thank Dana Reyes within 24 h of your 14:00 interview.\n"
    assert "Dana" not in run("today").stdout
    assert run("action", "done", "2", expect=5).stderr == "Error: Action 2 is already done.\n"

    at(monkeypatch, "2026-12-03T09:00:00+01:00")
    early = run("followup", "acme", expect=5)
    assert (early.stdout, early.stderr) == (
        "",
        "Error: Too early to follow up on Acme Corp — Data Engineer: they said “by Friday” "
        "(by Fri 4 Dec). Following up before Tue 8 Dec reads as impatient; use --anyway to "
        "record it now.\n",
    )

    at(monkeypatch, "2026-12-08T09:00:00+01:00")
    assert run("followup", "acme").stdout == (
        "Recorded your follow-up.\n"
        "Next, from 2026-12-15 09:00: Second and last follow-up on Acme Corp — Data Engineer: "
        "no answer to your first.\n"
    )
    at(monkeypatch, "2026-12-15T09:30:00+01:00")
    assert run("followup", "acme").stdout == (
        "Recorded your follow-up.\n"
        "Next, from 2026-12-22 09:00: No answer to two follow-ups: mark Acme Corp — Data "
        "Engineer as gone quiet? (afterview app stage ... gone-quiet).\n"
    )
    not_rejected = run("app", "stage", "acme", "offer", "--automated", expect=5)
    assert not_rejected.stderr == "Error: --automated and --still-interested go with a rejection.\n"
    offer = run("app", "stage", "acme", "offer")
    assert offer.stdout == "Application 1 (Acme Corp — Data Engineer) is now offer.\n"
    agenda = run("today").stdout
    assert section(agenda, "Coming up this week (1)")[2:] == [
        " 9   2026-12-22 09:00   decide     Decide on the offer from Acme Corp:     "
        "Acme Corp — Data Engineer",
        "                                   weigh it against what you want",
    ]
    assert "gone quiet" not in agenda
    assert section(agenda, "Waiting for an answer") == ["Nothing is waiting."]
    refused = run("followup", "acme", expect=5)
    assert refused.stderr == (
        "Error: Acme Corp — Data Engineer is not waiting for an answer (stage offer).\n"
    )


def test_from_interview_to_a_rejection_in_new_york(run, monkeypatch):
    at(monkeypatch, "2026-11-26T10:00:00-05:00")
    init(run, "America/New_York", "us", "ny")
    run("app", "add", "Initech", "Analyst")
    run("interview", "add", "initech", "2026-12-22 14:00", "--with", "Peter Gibbons")

    at(monkeypatch, "2026-12-28T09:00:00-05:00")
    early = run("followup", "initech", expect=5)
    assert early.stderr == (
        "Error: Too early to follow up on Initech — Analyst: no timeline was given, so the "
        "default of 5 business days applies. Following up before Wed 30 Dec reads as "
        "impatient; use --anyway to record it now.\n"
    )
    assert run("followup", "initech", "--anyway").stdout == (
        "Recorded your follow-up.\n"
        "Next, from 2027-01-05 09:00: Second and last follow-up on Initech — Analyst: no answer "
        "to your first.\n"
    )

    at(monkeypatch, "2027-01-04T09:00:00-05:00")
    rejected = run("app", "stage", "initech", "rejected", "--still-interested")
    assert rejected.stdout == "Application 1 (Initech — Analyst) is now rejected.\n"
    plan = run("plan", "1").stdout
    assert plan.splitlines()[0] == (
        "Plan for Initech — Analyst, round 1 (2026-12-22 14:00) (interview 1)"
    )
    assert section(plan, "10. Accept rejection with grace") == [
        "ID   Due                State   What                                                    "
        "Draft",
        RULE,
        " 7   2027-01-06 09:00   open    Reply graciously to Initech: thanks, and the door       "
        "4: 1 warning",
        "                                left open",
        " 8   2027-01-06 20:00   open    Write down what you learned from Initech — Analyst",
        # Six months on is Sun 4 Jul 2027; Mon 5 Jul is the observed holiday: Tuesday it is.
        " 9   2027-07-06 09:00   open    Reconnect with Initech about new openings (6 months",
        "                                on)",
    ]
    assert section(plan, "6. Follow up at the right time")[-1] == (
        "Not waiting for an answer: the application is at stage rejected."
    )
    assert section(plan, "7. Think about whether you need this job") == [
        "Applies when an offer arrives."
    ]
    assert [line[:9] for line in section(run("today").stdout, "Coming up this week (2)")[2:]] == [
        " 7   2027",
        "         ",
        " 8   2027",
        "         ",
    ]


def test_today_json_shape(search, monkeypatch):
    at(monkeypatch, "2026-12-02T09:00:00+01:00")
    data = json.loads(search("today", "--json").stdout)
    assert list(data) == [
        "today",
        "time_zone",
        "overdue",
        "due_today",
        "this_week",
        "waiting",
        "totals",
        "pipeline",
    ]
    assert (data["today"], data["time_zone"]) == ("2026-12-02", "Europe/Berlin")
    assert data["totals"] == {"overdue": 1, "due_today": 2, "this_week": 3, "waiting": 1}
    assert len(data["waiting"]) == 1
    assert [a["kind"] for a in data["overdue"]] == ["self_review"]
    assert [a["kind"] for a in data["due_today"]] == ["thank_you", "thank_you"]
    assert [a["kind"] for a in data["this_week"]] == [
        "network_check",
        "competition_scan",
        "follow_up",
    ]
    thanks = data["due_today"][0]
    assert thanks == {
        "id": 2,
        "practice": 3,
        "kind": "thank_you",
        "rule": "thank_you",
        "application_id": 1,
        "interview_id": 1,
        "contact_id": 1,
        "due_at": "2026-12-02T14:00:00+00:00",
        "state": "open",
        "snoozed_until": None,
        "reason": "Thank Dana Reyes within 24 h of your 14:00 interview",
        "application_label": "Acme Corp — Data Engineer",
        # The thank-you is drafted already; the lint asks for a topic and an e-mail address.
        "draft": {"id": 1, "errors": 0, "warnings": 2},
    }
    assert data["waiting"] == [
        {
            "application": {"id": 1, "label": "Acme Corp — Data Engineer"},
            "since": "2026-12-01",
            "normal_from": "2026-12-01",
            "normal_until": "2026-12-08",
            "source": "they said “by Friday”",
            "overdue": False,
            "status": "day 1 of a typical 0–7 (they said “by Friday”)",
        }
    ]
    assert data["pipeline"] == {
        "active": 1,
        "by_stage": {"applied": 0, "screening": 0, "interviewing": 1, "offer": 0},
        "floor": 5,
        "applied_this_week": 0,
        "weekly_goal": 5,
        "nudge": data["pipeline"]["nudge"],
    }


def test_snooze_until_monday_morning(search, monkeypatch):
    at(monkeypatch, "2026-12-02T09:00:00+01:00")
    snoozed = search("action", "snooze", "3", "--until", "monday 9:00")
    assert snoozed.stdout == (
        "Snoozed until 2026-12-07 09:00: Thank Marcus Lee within 24 h of your 14:00 interview.\n"
    )
    agenda = search("today").stdout
    assert [line[:20] for line in section(agenda, "Due today (1)")[2:]] == [
        " 2   2026-12-02 15:0",
        "                    ",
        "                    ",
    ]
    past = search("action", "snooze", "3", "--until", "yesterday 9:00", expect=5)
    assert past.stderr == "Error: A snooze must end in the future.\n"
    rows = [line for line in section(agenda, "Coming up this week (4)")[2:] if line[:2].strip()]
    assert [(line[:2], line[5:21]) for line in rows] == [  # by when each is due, snooze included
        (" 5", "2026-12-03 09:00"),
        (" 4", "2026-12-04 09:00"),
        (" 3", "2026-12-07 09:00"),
        (" 6", "2026-12-08 09:00"),
    ]


def test_replan_keeps_the_plan_and_follows_config(search, tmp_path: Path):
    assert search("replan").stdout == "Planned again: 0 actions added, moved or dropped.\n"
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[playbook.competition_scan]\nenabled = false\n")
    assert search("replan").stdout == "Planned again: 1 action added, moved or dropped.\n"
    assert "rivals" not in search("today").stdout
    assert search("replan").stdout == "Planned again: 0 actions added, moved or dropped.\n"
    config.write_text("[playbook.competition_scna]\nenabled = false\n")
    wrong = search("replan", expect=5)
    assert wrong.stderr.startswith("Error: playbook.competition_scna: no such rule; the rules")


def test_a_wrong_offset_in_the_config_names_its_key(run, tmp_path: Path):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[playbook.thank_you]\noffset = "soon"\n')
    wrong = run("today", expect=5)
    assert "playbook.thank_you.offset" in wrong.stderr
