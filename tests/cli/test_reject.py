"""`afterview reject`, driven as a user would: what the rejection plans (the reply's draft,
the lessons, the reminder), the pipeline's health after it, and the lessons written at the
prompts that follow, which close the plan's action."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Run

PLANNED = (
    "\n"
    "Planned\n"
    "ID   Due                What                                                          Draft\n"
    + "─"
    * 98
    + "\n"
    "12   2026-11-28 10:00   Reply graciously to Initech: thanks, and the door left open   "
    "6: 1 warning\n"
    "13   2026-11-28 20:00   Write down what you learned from Initech — Data Engineer\n"
    "14   2027-05-26 09:00   Reconnect with Initech about new openings (6 months on)\n"
    "Read and send the reply: afterview draft show 6\n"
    "\n"
    "Pipeline\n"
    "1 active (interviewing 1); 2 of 5 applications sent this week.\n"
    "Only 1 active application (your floor is 5): add a few before the pipeline runs dry.\n"
)


@pytest.fixture
def initech(search: Run) -> Run:
    """The small search plus Initech (application 3): an interview on Monday, reviewed."""
    search("app", "add", "Initech", "Data Engineer")
    search("interview", "add", "initech", "2026-11-23 11:00", "--with", "Bill Lumbergh")
    search("review", "initech", "--weakness", "rambling", "--fix", "rambling=Two minutes")
    return search


def _states(run: Run, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    plan = json.loads(run("plan", "initech", "--json").stdout)
    actions = [a for p in plan["practices"] for a in p["actions"]]
    return [(a["kind"], a["state"]) for a in actions if a["kind"] in kinds]


def test_a_rejection_plans_shows_the_pipeline_and_asks_for_the_lessons(initech: Run):
    answers = "y\nThe SQL exercise\nToo little Kafka\n\nkafka, rambling\nA streaming project\n\n"
    done = initech(
        "reject",
        "initech",
        "--reason",
        "They chose someone with more Kafka",
        "--feedback",
        "Strong SQL, thin on streaming",
        "--still-interested",
        "--lessons",
        input=answers,
    )
    assert done.stdout == (
        "Application 3 (Initech — Data Engineer) is now rejected.\n"
        "Their feedback is kept: afterview review trends counts it.\n" + PLANNED + "\n"
        "Write down the lessons now? [y/N]: y\n"
        "Your self-review of Initech — Data Engineer, round 1 (2026-11-23 11:00)\n"
        "Weaknesses  rambling: fix: Two minutes\n"
        "\n"
        "What you take from it, for next time (Enter leaves a part empty):\n"
        "What went well: The SQL exercise\n"
        "What went wrong: Too little Kafka\n"
        "Strengths (comma-separated): \n"
        "Weaknesses (comma-separated): kafka, rambling\n"
        "Your concrete fix for 'kafka': A streaming project\n"
        "Your concrete fix for 'rambling' [Two minutes]: \n"
        "Lessons learned from application 3 saved\n"
        "Went well   The SQL exercise\n"
        "Went wrong  Too little Kafka\n"
        "Weaknesses  kafka: fix: A streaming project\n"
        "            rambling: fix: Two minutes\n"
        "Done: Write down what you learned from Initech — Data Engineer.\n"
    )
    kinds = ("rejection_reply", "lessons_learned", "reapply_reminder")
    assert _states(initech, kinds) == [
        ("rejection_reply", "open"),
        ("lessons_learned", "done"),
        ("reapply_reminder", "open"),
    ]
    trends = json.loads(initech("review", "trends", "--json").stdout)
    assert trends["weaknesses"][0]["tag"] == "rambling"
    assert json.loads(initech("review", "lessons", "initech", "--json").stdout)["lessons"][
        "went_wrong"
    ] == ("Too little Kafka")


def test_without_a_terminal_it_points_to_the_lessons(initech: Run):
    done = initech("reject", "initech", "--still-interested")
    assert done.stdout == (
        "Application 3 (Initech — Data Engineer) is now rejected.\n"
        + PLANNED
        + "\nWrite down the lessons: afterview review lessons 3\n"
    )
    refused = initech("reject", "initech", expect=5)
    assert refused.stderr == "Error: Initech — Data Engineer is already rejected.\n"


def test_declining_the_prompt_leaves_the_lessons_planned(initech: Run):
    done = initech("reject", "initech", "--automated", "--lessons", input="n\n")
    assert "Reply graciously" not in done.stdout  # a form letter gets no reply
    assert done.stdout.endswith(
        "Write down the lessons now? [y/N]: n\n"
        "\nWrite down the lessons: afterview review lessons 3\n"
    )
    assert _states(initech, ("rejection_reply", "lessons_learned")) == [("lessons_learned", "open")]


def test_a_bad_rejection_names_the_option_and_changes_nothing(initech: Run):
    refused = initech("reject", "initech", "--reason", "x" * 501, expect=5)
    assert refused.stderr == (
        "Error: --reason: The reason is 501 characters long; at most 500 fit.\n"
    )
    assert json.loads(initech("app", "show", "initech", "--json").stdout)["stage"] == "applied"
