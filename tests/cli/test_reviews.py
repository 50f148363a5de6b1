"""`afterview review ...` and `afterview feedback`, driven as a user would: options, a review
file, prompts, JSON, and bad input named by the option that gave it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run


@pytest.fixture
def past(search: Run) -> Run:
    """The small search plus two interviews that have happened: Acme on Friday 20 Nov
    (interview 2) and Globex on Tuesday 24 Nov (interview 3)."""
    search(
        "interview",
        "add",
        "acme",
        "2026-11-20 14:00",
        "--with",
        "Dana Reyes",
        "--notes",
        "flag: on-call every other week",
    )
    search("interview", "add", "globex", "2026-11-24 10:00", "--with", "Sam Patel")
    return search


def test_a_review_from_options_closes_the_plans_action(past: Run):
    saved = past(
        "review",
        "2",
        "--rate",
        "preparation=4",
        "--rate",
        "Rapport=2",
        "--question",
        "Tell me about a conflict=2",
        "--question",
        "Is 2+2=4?",
        "--question",
        "Solve x=5=",
        "--well",
        "The system design part",
        "--wrong",
        "Rambled on the conflict question",
        "--strength",
        "SQL",
        "--weakness",
        "Rambling",
        "--fix",
        "rambling=Answer in two minutes",
    )
    assert saved.stdout == (
        "Self-review of Acme Corp — Data Engineer, round 2 (2026-11-20 14:00) saved\n"
        "Ratings     preparation  ████░ 4\n"
        "            rapport      ██░░░ 2\n"
        "Questions   Tell me about a conflict (your answer: 2/5)\n"
        "            Is 2+2=4?\n"
        "            Solve x=5\n"
        "Went well   The system design part\n"
        "Went wrong  Rambled on the conflict question\n"
        "Strengths   sql\n"
        "Weaknesses  rambling: fix: Answer in two minutes\n"
        "Done: Review how round 2 at Acme Corp went, while it is fresh.\n"
    )
    plan = json.loads(past("plan", "2", "--json").stdout)
    [action] = plan["practices"][0]["actions"]
    assert action["state"] == "done"
    assert past("review", "show", "2").stdout == saved.stdout.replace(
        ") saved\n", ")\n"
    ).removesuffix("Done: Review how round 2 at Acme Corp went, while it is fresh.\n")


def test_review_and_its_commands_share_one_name(past: Run):
    assert past("review", "trends").stdout == (
        "No reviews yet: after an interview, afterview review INTERVIEW.\n"
    )
    past("review", "add", "globex", "--rate", "answers=3")  # the same as `review globex`
    shown = json.loads(past("review", "show", "3", "--json").stdout)
    assert (shown["interview_id"], shown["ratings"]) == (3, {"answers": 3})
    assert past("review", "trens", expect=3).stderr == "Error: No interview matching 'trens'.\n"
    assert past("review", "show", "2").stdout == (
        "No self-review of Acme Corp — Data Engineer, round 2 (2026-11-20 14:00) yet: "
        "afterview review 2\n"
    )
    assert past("review", "show", "2", "--json").stdout == "null\n"
    assert "INTERVIEW [OPTIONS] | COMMAND [ARGS]..." in past("review", "--help").stdout


def test_a_weakness_that_comes_back_after_a_fix_is_called_out(past: Run):
    past("review", "2", "--weakness", "rambling", "--fix", "rambling=Answer in two minutes")
    again = past("review", "3", "--weakness", "Rambling", "--fix", "rambling=STAR, two minutes")
    assert again.stdout.endswith(
        "Careful: rambling is back after you planned a fix for it. The fix now: STAR, two minutes\n"
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--rate", "rapport=9"], "Error: --rate: Rate rapport from 1 to 5, not 9.\n"),
        (
            ["--rate", "rapport"],
            "Error: --rate 'rapport': write DIMENSION=N, N from 1 to 5.\n",
        ),
        (
            ["--rate", "charm=3"],
            "Error: --rate: Unknown dimension 'charm': rate preparation, answers, examples, "
            "questions, rapport, logistics.\n",
        ),
        (
            ["--weakness", "rambling"],
            "Error: --fix: Plan one concrete fix for the weakness 'rambling'.\n",
        ),
        (
            ["--weakness", "rambling", "--fix", "nerves=Breathe"],
            "Error: --fix: A fix for 'nerves', which is not among the weaknesses.\n",
        ),
        (["--fix", "rambling="], "Error: --fix 'rambling=': write WEAKNESS=WHAT YOU WILL DO.\n"),
        (
            ["--question", "Why us?=6"],
            "Error: --question: Rate your answer to 'Why us?' from 1 to 5, not 6.\n",
        ),
    ],
)
def test_bad_options_are_refused_by_name(past: Run, args: list[str], error: str):
    assert past("review", "2", *args, expect=5).stderr == error
    assert past("review", "show", "2", "--json").stdout == "null\n"


def test_what_cannot_be_reviewed(past: Run):
    future = past("review", "1", "--rate", "rapport=4", expect=5)
    assert future.stderr == ("Error: Interview 1 has not happened yet: review it afterwards.\n")
    asked = past("review", "1", "--ask", input="4\n", expect=5)  # refused before any question
    assert asked.stdout == ""
    assert asked.stderr == future.stderr
    nothing = past("review", "2", expect=2)  # no options, and no terminal to ask at
    assert nothing.stderr.endswith(
        "Error: Nothing to write: give the options or --file, or --ask to be asked.\n"
    )
    both = past("review", "2", "--rate", "rapport=4", "--file", "x.toml", expect=2)
    assert both.stderr.endswith("Error: Give the review in --file or in options, not both.\n")


def test_a_review_from_a_toml_or_json_file(past: Run, tmp_path: Path):
    toml = tmp_path / "review.toml"
    toml.write_text(
        "ratings = { preparation = 4, rapport = 3 }\n"
        'questions = ["Why us?", { text = "A conflict you solved", rating = 2 }]\n'
        'went_well = "The system design part"\n'
        'strengths = ["sql"]\n'
        'weaknesses = ["rambling"]\n'
        'fixes = { rambling = "Answer in two minutes" }\n',
        encoding="utf-8",
    )
    past("review", "2", "--file", str(toml))
    shown = json.loads(past("review", "show", "2", "--json").stdout)
    assert shown["ratings"] == {"preparation": 4, "rapport": 3}
    assert shown["questions"] == [
        {"text": "Why us?", "rating": None},
        {"text": "A conflict you solved", "rating": 2},
    ]
    assert shown["fixes"] == {"rambling": "Answer in two minutes"}
    data = {"ratings": {"answers": 5}, "went_wrong": "Late by five minutes"}
    past("review", "3", "--file", "-", input=json.dumps(data))
    shown = json.loads(past("review", "show", "3", "--json").stdout)
    assert (shown["ratings"], shown["went_wrong"]) == ({"answers": 5}, "Late by five minutes")


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        (
            "r.toml",
            "ratings = { rapport = 3\n",
            "Error: {path}: line 1: Unclosed inline table",
        ),
        ("r.json", '{"ratings": [1]}', "Error: {path}: ratings: expected a table of names"),
        ("r.toml", 'mood = "fine"\n', "Error: {path}: mood: unknown key; the keys are ratings,"),
        ("r.json", '{"ratings": {"rapport": 8}}', "Error: {path}: ratings: Rate rapport from 1"),
        ("r.json", "[1]", "Error: {path}: line 1: expected one object with the review's keys"),
    ],
)
def test_a_bad_review_file_names_the_file_and_the_place(
    past: Run, tmp_path: Path, name: str, text: str, error: str
):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    refused = past("review", "2", "--file", str(path), expect=5)
    assert refused.stderr.startswith(error.format(path=path))


def test_the_review_asked_at_prompts(past: Run):
    answers = "\n".join(
        [
            "4",  # preparation
            "",  # answers: skipped
            "9",  # examples: refused, asked again
            "3",  # examples
            "",  # questions
            "2",  # rapport
            "",  # logistics
            "Tell me about a conflict",
            "2",
            "Why us?",
            "",  # not rated
            "",  # no more questions
            "The system design part",
            "",  # nothing went wrong
            "sql, curiosity",
            "rambling",
            "Answer in two minutes",
        ]
    )
    asked = past("review", "2", "--ask", input=answers + "\n")
    assert asked.stdout.startswith(
        "Self-review of Acme Corp — Data Engineer, round 2 (2026-11-20 14:00).\n"
        "Rate each from 1 (poor) to 5 (great); Enter skips one.\n"
        "Preparation: 4\n"
        "Answers: \n"
        "Examples: 9\n"
        "Error: '9': type 1 to 5, or Enter to skip.\n"
        "Examples: 3\n"
    )
    assert "Your concrete fix for 'rambling': Answer in two minutes\n" in asked.stdout
    shown = json.loads(past("review", "show", "2", "--json").stdout)
    assert shown["ratings"] == {"preparation": 4, "examples": 3, "rapport": 2}
    assert shown["questions"] == [
        {"text": "Tell me about a conflict", "rating": 2},
        {"text": "Why us?", "rating": None},
    ]
    assert (shown["strengths"], shown["weaknesses"]) == (["sql", "curiosity"], ["rambling"])
    # Asked again, what the review said is the default: Enter keeps it.
    again = past("review", "2", "--ask", input="\n" * 6 + "y\n" + "\n" * 6)
    assert "Preparation [4]: \n" in again.stdout
    assert "Your concrete fix for 'rambling' [Answer in two minutes]: \n" in again.stdout
    assert json.loads(past("review", "show", "2", "--json").stdout)["ratings"] == {
        "preparation": 4,
        "examples": 3,
        "rapport": 2,
    }


def _reviews(run: Run) -> None:
    run(
        "review",
        "2",
        "--rate",
        "preparation=2",
        "--rate",
        "rapport=3",
        "--question",
        "Tell me about a conflict=2",
        "--strength",
        "sql",
        "--weakness",
        "rambling",
        "--fix",
        "rambling=Answer in two minutes",
    )
    run(
        "review",
        "3",
        "--rate",
        "preparation=4",
        "--rate",
        "rapport=3",
        "--question",
        "Tell me about a conflict!=4",
        "--question",
        "Why Globex?",
        "--strength",
        "SQL",
        "--weakness",
        "rambling",
        "--fix",
        "rambling=STAR, two minutes",
    )
    run("feedback", "acme", "Strong SQL, thin on system design", "--weakness", "system design")


def test_trends_show_what_repeats_the_ratings_and_the_questions(past: Run):
    _reviews(past)
    assert past("review", "trends").stdout == (
        "Trends across 2 self-reviews (and your lessons and feedback).\n"
        "\n"
        "Weaknesses\n"
        "Weakness        State    Times   First        Last         Fix planned\n"
        "────────────────────────────────────────────────────────────────────────────\n"
        "rambling        repeat   2       2026-11-20   2026-11-24   STAR, two minutes\n"
        "system-design   once     1       2026-11-26   2026-11-26\n"
        "\n"
        "Strengths\n"
        "Strength   Times\n"
        "────────────────\n"
        "sql        2\n"
        "\n"
        "Ratings over time (one block per review, oldest first)\n"
        "Dimension     Ratings   Average   Change\n"
        "────────────────────────────────────────\n"
        "preparation   ▂▆        3.0       +2.0\n"
        "rapport       ▄▄        3.0       ±0\n"
        "▁ 1 … █ 5; change: the later half's average minus the earlier half's.\n"
        "\n"
        "Questions asked most\n"
        "Question                    Asked   Last         Your answers\n"
        "─────────────────────────────────────────────────────────────\n"
        "Tell me about a conflict!   2       2026-11-24   3.0 of 5\n"
        "Why Globex?                 1       2026-11-24   not rated\n"
    )
    data = json.loads(past("review", "trends", "--json").stdout)
    assert data["reviews"] == 2
    assert data["weaknesses"][0] == {
        "tag": "rambling",
        "state": "repeat",
        "count": 2,
        "first": "2026-11-20",
        "last": "2026-11-24",
        "fix": "STAR, two minutes",
        "repeats": ["2026-11-24"],
    }
    assert data["dimensions"][0]["points"] == [
        {"day": "2026-11-20", "rating": 2},
        {"day": "2026-11-24", "rating": 4},
    ]
    assert data["strengths"] == [{"tag": "sql", "count": 2}]


def test_the_question_bank_searches(past: Run):
    _reviews(past)
    assert past("review", "questions", "conflict").stdout == (
        "Question                    Asked   Last         Your answers\n"
        "─────────────────────────────────────────────────────────────\n"
        "Tell me about a conflict!   2       2026-11-24   3.0 of 5\n"
    )
    assert json.loads(past("review", "questions", "--json").stdout)[1] == {
        "key": "why globex",
        "text": "Why Globex?",
        "count": 1,
        "last": "2026-11-24",
        "average": None,
    }
    assert past("review", "questions", "salary").stdout == "No question matches.\n"


def test_lessons_from_options_and_beside_the_last_review(past: Run):
    _reviews(past)
    past("app", "stage", "globex", "rejected")
    saved = past(
        "review",
        "lessons",
        "globex",
        "--wrong",
        "Too little Kafka",
        "--weakness",
        "kafka",
        "--fix",
        "kafka=Build a streaming side project",
    )
    assert saved.stdout == (
        "Lessons learned from application 2 saved\n"
        "Went wrong  Too little Kafka\n"
        "Weaknesses  kafka: fix: Build a streaming side project\n"
        "Done: Write down what you learned from Globex — Analytics Engineer.\n"
    )
    assert past("review", "lessons", "globex", "--show").stdout == (
        "The lessons beside your self-review of Globex — Analytics Engineer, round 1 "
        "(2026-11-24 10:00):\n"
        "             Lessons                                      Self-review of round 1\n"
        "──────────────────────────────────────────────────────────────────────────────────────────\n"
        "Went wrong   Too little Kafka\n"
        "Strengths                                                 sql\n"
        "Weaknesses   kafka: fix: Build a streaming side project   "
        "rambling: fix: STAR, two minutes\n"
        "Ratings                                                   preparation 4, rapport 3\n"
    )
    data = json.loads(past("review", "lessons", "globex", "--json").stdout)
    assert data["lessons"]["kind"] == "lessons"
    assert data["last_interview"]["id"] == 3
    assert data["interview_review"]["ratings"] == {"preparation": 4, "rapport": 3}
    refused = past("review", "lessons", "globex", "--show", "--wrong", "x", expect=2)
    assert refused.stderr.endswith("Error: --show only shows: leave out the lessons' options.\n")
    empty = past("review", "lessons", "globex", "--strength", "sql", expect=5)
    assert empty.stderr == (
        "Error: --wrong: Say what you learned: what went wrong, what went well, or a weakness "
        "with its fix.\n"
    )


def test_lessons_asked_at_prompts_offer_the_reviews_fix(past: Run):
    _reviews(past)
    asked = past(
        "review",
        "lessons",
        "globex",
        "--ask",
        input="Good rapport\nToo long on Kafka\n\nrambling\n\n",
    )
    assert asked.stdout.startswith(
        "Your self-review of Globex — Analytics Engineer, round 1 (2026-11-24 10:00)\n"
    )
    assert "Your concrete fix for 'rambling' [STAR, two minutes]: \n" in asked.stdout
    assert "Careful: rambling is back after you planned a fix for it." in asked.stdout


def test_feedback_is_kept_for_the_trends(past: Run):
    kept = past("feedback", "acme", "Great SQL", "--strength", "sql", "--on", "yesterday")
    assert kept.stdout == (
        "Kept the feedback on application 1; its strengths and weaknesses count in "
        "afterview review trends.\n"
    )
    future = past("feedback", "acme", "Great SQL", "--on", "2026-12-24", expect=5)
    assert future.stderr == "Error: --on: Feedback cannot come in the future (2026-12-24).\n"
    empty = past("feedback", "acme", " ", expect=5)
    assert empty.stderr == "Error: TEXT: The feedback is empty: write what they said.\n"
    data = json.loads(past("review", "trends", "--json").stdout)
    assert data["strengths"] == [{"tag": "sql", "count": 1}]
