"""Matching a posting: its key requirements, and the accomplishments a cover letter tells."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from afterview.domain.drafts import Match
from afterview.domain.matching import (
    MAX_REQUIREMENTS,
    MAX_WORDS,
    PostingMatch,
    extract_keywords,
    match_posting,
    posting_requirements,
)

SLOW = settings(max_examples=200, deadline=None)

# ---------------------------------------------------------------- posting_requirements

BACKEND_POSTING = """Senior Backend Engineer (Berlin, hybrid)

About us
We build payroll software for 4,000 small businesses.
- Founded in 2015 by two former accountants
- 120 people in Berlin and Lisbon
- Profitable since 2019, no investors

What you'll do
- Design and run the services behind our payroll engine
- Own features from idea to production

Requirements:
- 5+ years of experience with Python.
- Strong knowledge of PostgreSQL and query optimisation;
- Experience running microservices on Kubernetes
- You enjoy mentoring junior engineers
- Python
- 5+ YEARS OF EXPERIENCE WITH PYTHON

Why join us?
- 30 days of holiday
- A yearly learning budget of €1,500
"""


def test_bullets_under_the_requirements_heading_only() -> None:
    assert posting_requirements(BACKEND_POSTING) == (
        "5+ years of experience with Python",
        "Strong knowledge of PostgreSQL and query optimisation",
        "Experience running microservices on Kubernetes",
        "You enjoy mentoring junior engineers",
        "Python",  # short bullets count under a requirements heading
    )


def test_what_youll_bring_with_round_bullets_crlf_tabs_and_wrapped_lines() -> None:
    text = (
        "Data Engineer\r\n\r\n"
        "**What you’ll bring**\r\n"
        "\t•\tSolid SQL skills and dbt experience\r\n"
        "\t• Familiarity with Airflow or Dagster,\r\n"
        "\t  ideally in production\r\n"
        "\t•\tFließend Deutsch und Englisch (C1)\r\n"
        "\r\n"
        "Benefits\r\n"
        "\t• Remote-first, with a yearly offsite\r\n"
    )
    assert posting_requirements(text) == (
        "Solid SQL skills and dbt experience",
        "Familiarity with Airflow or Dagster, ideally in production",
        "Fließend Deutsch und Englisch (C1)",
    )


def test_a_numbered_list_under_a_markdown_heading() -> None:
    text = (
        "## Qualifications\n"
        "1. A degree in computer science or similar\n"
        "2) Three years of professional Go experience\n"
        "3. Comfortable with on-call rotations.\n"
        "\n"
        "## What we offer\n"
        "1. A salary between 70k and 90k\n"
    )
    assert posting_requirements(text) == (
        "A degree in computer science or similar",
        "Three years of professional Go experience",
        "Comfortable with on-call rotations",
    )


@pytest.mark.parametrize(
    "heading",
    [
        "Requirements",
        "REQUIREMENTS:",
        "What you'll bring",
        "You have:",
        "Qualifications",
        "Must-have",
        "Nice to have:",
        "About you",
        "What we’re looking for",
        "Who you are",
        "### Skills & experience",
    ],
)
def test_requirement_headings(heading: str) -> None:
    text = f"About us\n- We sell very good coffee\n\n{heading}\n- Deep knowledge of espresso"
    assert posting_requirements(text) == ("Deep knowledge of espresso",)


def test_without_a_heading_all_bullets_of_three_words_or_more() -> None:
    text = (
        "We are looking for a product designer to join us.\n"
        "* Own our design system end to end\n"
        "* Work closely with product managers on research\n"
        "* Apply now\n"
        "· Portfolio required, with case studies\n"
    )
    assert posting_requirements(text) == (
        "Own our design system end to end",
        "Work closely with product managers on research",
        "Portfolio required, with case studies",
    )


def test_without_bullets_the_sentences_that_read_like_requirements() -> None:
    text = (
        "We are a small team in Lisbon. You have at least three years of experience with "
        "React and TypeScript, e.g. in a design-heavy product. Knowledge of GraphQL is a plus!\n"
        "We offer a great salary; you are curious and kind. Apply by 1 March."
    )
    assert posting_requirements(text) == (
        "You have at least three years of experience with React and TypeScript, e.g. in a "
        "design-heavy product",
        "Knowledge of GraphQL is a plus",
        "you are curious and kind",
    )


def test_prose_under_a_requirements_heading_beats_other_bullets() -> None:
    text = (
        "What you'll do\n"
        "- Build and maintain the iOS app\n"
        "- Work with design on every release\n"
        "\n"
        "About you\n"
        "You have shipped mobile apps in Swift for several years. You know CI/CD well.\n"
        "Our office dog is called Bruno.\n"
    )
    assert posting_requirements(text) == (
        "You have shipped mobile apps in Swift for several years",
        "You know CI/CD well",
    )


def test_bullets_lost_in_copying_are_the_lines_under_the_heading() -> None:
    text = (
        "Senior Engineer\n"
        "What we're looking for\n"
        "Python\n"
        "PostgreSQL and Redis\n"
        "Experience with Kafka\n"
        "\n"
        "What we offer\n"
        "Free lunch every day\n"
        "- A yearly learning budget\n"
    )
    assert posting_requirements(text) == (
        "Python",
        "PostgreSQL and Redis",
        "Experience with Kafka",
    )


def test_a_heading_right_after_bullets_ends_their_section() -> None:
    text = "Requirements:\n- Fluent English\n- Fluent German\nWhat we offer\n- Free lunch daily"
    assert posting_requirements(text) == ("Fluent English", "Fluent German")


def test_duplicates_ignore_case_and_trailing_punctuation() -> None:
    text = "Requirements\n- Fluent English.\n- fluent english\n- FLUENT ENGLISH;\n- Fluent German!"
    assert posting_requirements(text) == ("Fluent English", "Fluent German")


def test_long_lines_are_cut_at_forty_words_and_twelve_at_most() -> None:
    long_line = " ".join(f"word{n}" for n in range(60))
    bullets = "\n".join(f"- Requirement number {n} here" for n in range(20))
    requirements = posting_requirements(f"Requirements:\n- {long_line}\n{bullets}")
    assert requirements[0] == " ".join(f"word{n}" for n in range(MAX_WORDS))
    assert len(requirements) == MAX_REQUIREMENTS
    assert requirements[-1] == "Requirement number 10 here"


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t\r\n", "Requirements:", "- a\n- b c"])
def test_nothing_to_find(text: str) -> None:
    assert posting_requirements(text) == ()


# ---------------------------------------------------------------- keywords


def test_keywords_keep_technical_tokens_and_drop_filler() -> None:
    text = "Strong C++, C#, .NET, Node.js and CI/CD skills with Python/Django"
    assert extract_keywords(text) == ("c++", "c#", ".net", "node.js", "ci/cd", "python", "django")
    assert extract_keywords("5+ years of experience working with the team") == ()


def test_keywords_are_lightly_stemmed() -> None:
    assert extract_keywords("Mentoring, mentored; queries and processes") == (
        "mentor",
        "query",
        "process",
    )


# ---------------------------------------------------------------- match_posting

REQUIREMENTS = (
    "5+ years of experience with Python",
    "Strong knowledge of PostgreSQL and query optimisation",
    "Experience running microservices on Kubernetes",
    "Mentoring junior engineers",
    "Familiarity with Terraform",
    "Fluent German",
)
ACCOMPLISHMENTS = (
    "Organised the office move to Berlin",
    "Cut p95 latency by 40% by rewriting the billing API in Python",
    "Optimized slow PostgreSQL queries, halving the nightly report's run time",
    "Moved 30 microservice deployments onto kubernetes with zero downtime",
    "Mentored four junior engineers, two of them now seniors",
    "Built a Python client for our PostgreSQL-backed analytics API",
)


def test_a_backend_posting_worked_by_hand() -> None:
    result = match_posting(REQUIREMENTS, ACCOMPLISHMENTS, ("Go", "Terraform", "Java", "Python"))

    # The Python client answers two requirements (Python fully, PostgreSQL by one keyword of
    # three: 0.7 x 1/3 + 0.3 x 0.59 = 0.41), so it goes first; the PostgreSQL-only one then
    # adds nothing new, and mentoring (1.0) beats Kubernetes (0.7 x 2/3 + 0.3 x 0.91 = 0.74:
    # 'microservice' ≈ 'microservices', 'kubernetes' = 'Kubernetes', 'running' missing).
    assert result == PostingMatch(
        matches=(
            Match(
                accomplishment="Built a Python client for our PostgreSQL-backed analytics API",
                requirements=(
                    "5+ years of experience with Python",
                    "Strong knowledge of PostgreSQL and query optimisation",
                ),
                score=1.0,
            ),
            Match(
                accomplishment="Mentored four junior engineers, two of them now seniors",
                requirements=("Mentoring junior engineers",),
                score=1.0,
            ),
            Match(
                accomplishment=(
                    "Moved 30 microservice deployments onto kubernetes with zero downtime"
                ),
                requirements=("Experience running microservices on Kubernetes",),
                score=0.74,
            ),
        ),
        # Terraform: no accomplishment, but a skill.
        matched=REQUIREMENTS[:5],
        unmatched=("Fluent German",),
        skills=("Terraform", "Python"),
    )


def test_more_room_picks_nothing_that_answers_nothing_new() -> None:
    result = match_posting(REQUIREMENTS, ACCOMPLISHMENTS, (), limit=6)
    assert [m.accomplishment for m in result.matches] == [
        ACCOMPLISHMENTS[5],
        ACCOMPLISHMENTS[4],
        ACCOMPLISHMENTS[3],
    ]
    assert result.unmatched == ("Familiarity with Terraform", "Fluent German")


def test_the_best_single_answer() -> None:
    result = match_posting(REQUIREMENTS[1:2], ACCOMPLISHMENTS, ())
    assert result.matches == (
        Match(
            accomplishment=ACCOMPLISHMENTS[2],
            requirements=("Strong knowledge of PostgreSQL and query optimisation",),
            score=0.94,
        ),
    )


@pytest.mark.parametrize(
    ("requirement", "accomplishment"),
    [
        ("Kubernetes in production", "Ran our kubernetes clusters in production"),
        ("Designing microservices", "Split the monolith into a microservice per domain"),
        ("Optimised database queries", "optimized slow database queries"),
        ("Optimise the build pipeline", "Optimized our build pipeline"),
        ("Mentoring engineers", "Mentored two engineers"),
    ],
)
def test_near_words_match(requirement: str, accomplishment: str) -> None:
    result = match_posting([requirement], [accomplishment], [])
    assert result.matched == (requirement,)
    assert [m.accomplishment for m in result.matches] == [accomplishment]


@pytest.mark.parametrize(
    ("requirement", "accomplishment"),
    [
        ("Java", "Rewrote the checkout in JavaScript"),
        ("Go", "Moved our analytics to Google BigQuery"),
        ("Scala", "Scaling the API to 10k requests a second"),
        ("Rust", "Won the trust of three enterprise customers"),
        ("Sales", "Cut the scales of our cloud bill"),
    ],
)
def test_near_misses_do_not_match(requirement: str, accomplishment: str) -> None:
    result = match_posting([requirement], [accomplishment], [])
    assert result == PostingMatch(matches=(), matched=(), unmatched=(requirement,), skills=())


def test_skills_match_when_all_their_words_are_in_a_requirement() -> None:
    requirements = ("5+ years of Python", "JavaScript and TypeScript", "Google Cloud", "Kubernetes")
    skills = ("kubernetes", "Go", "Java", "Python", "Team leadership", "Python")
    result = match_posting(requirements, (), skills)
    assert result.skills == ("kubernetes", "Python")
    assert result.matched == ("5+ years of Python", "Kubernetes")
    assert result.unmatched == ("JavaScript and TypeScript", "Google Cloud")


def test_diverse_picks_rather_than_the_same_requirement_twice() -> None:
    requirements = ("Building data pipelines with Airflow", "Mentoring junior engineers")
    accomplishments = (
        "Built data pipelines with Airflow for the finance team",
        "Built data pipelines with Airflow for the sales team",
        "Mentored three junior engineers",
    )
    for limit in (2, 3):
        result = match_posting(requirements, accomplishments, (), limit=limit)
        assert [m.accomplishment for m in result.matches] == [
            accomplishments[0],
            accomplishments[2],
        ]
        assert result.unmatched == ()


def test_ties_go_to_the_earlier_accomplishment() -> None:
    result = match_posting(["Airflow pipelines"], ["Airflow pipelines", "Airflow pipelines!"], [])
    assert [m.accomplishment for m in result.matches] == ["Airflow pipelines"]


@pytest.mark.parametrize(
    ("requirements", "accomplishments", "skills", "limit"),
    [
        ((), (), (), 3),
        ((), ACCOMPLISHMENTS, ("Python",), 3),
        (REQUIREMENTS, (), (), 3),
        (REQUIREMENTS, ACCOMPLISHMENTS, (), 0),
        (REQUIREMENTS, ACCOMPLISHMENTS, (), -1),
        (("", "  ", "and the"), ("", "the"), ("", "with"), 3),
    ],
)
def test_empty_inputs_give_empty_results(requirements, accomplishments, skills, limit) -> None:
    result = match_posting(requirements, accomplishments, skills, limit=limit)
    assert result.matches == ()
    assert result.matched == result.skills == ()
    assert result.unmatched == tuple(dict.fromkeys(requirements))


# ---------------------------------------------------------------- properties

VOCABULARY = (
    "python postgresql kubernetes Kubernetes microservice microservices optimised optimized "
    "java javascript go google mentoring mentored rust trust the and with experience years "
    "c++ c# .net node.js ci/cd data pipelines Airflow team strong"
)
WORDS = VOCABULARY.split()
phrases = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)
texts = st.one_of(phrases, st.text(max_size=60))
requirement_lists = st.lists(texts, max_size=10)
accomplishment_lists = st.lists(texts, max_size=10)
skill_lists = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=15)), max_size=6)


@SLOW
@given(
    requirements=requirement_lists,
    accomplishments=accomplishment_lists,
    skills=skill_lists,
    limit=st.integers(-1, 5),
)
def test_match_posting_properties(requirements, accomplishments, skills, limit) -> None:
    result = match_posting(requirements, accomplishments, skills, limit=limit)

    assert result == match_posting(requirements, accomplishments, skills, limit=limit)
    assert len(result.matches) <= max(limit, 0)
    picked = [m.accomplishment for m in result.matches]
    assert len(picked) == len(set(picked))
    assert set(picked) <= set(accomplishments)
    for match in result.matches:
        assert match.requirements
        assert set(match.requirements) <= set(requirements)
        assert 0 <= match.score <= 1
    assert set(result.matched) | set(result.unmatched) == set(requirements)
    assert not set(result.matched) & set(result.unmatched)
    in_order = [r for r in dict.fromkeys(requirements) if r in set(result.unmatched)]
    assert list(result.unmatched) == in_order
    assert set(result.skills) <= set(skills)


@SLOW
@given(text=st.text(max_size=400))
@example(text="Requirements:\r\n\t- \u00a0Python\u2028- über\x85- 1) x y z.")
def test_posting_requirements_on_any_text(text: str) -> None:
    requirements = posting_requirements(text)

    assert len(requirements) <= MAX_REQUIREMENTS
    assert len({r.casefold() for r in requirements}) == len(requirements)
    for requirement in requirements:
        words = requirement.split()
        assert 1 <= len(words) <= MAX_WORDS
        assert all(word in text for word in words)


bullet_texts = st.lists(st.sampled_from(WORDS[:20]), min_size=3, max_size=8).map(" ".join)


@SLOW
@given(
    bullets=st.lists(bullet_texts, min_size=1, max_size=15),
    marker=st.sampled_from(["- ", "* ", "• ", "·", "1. ", "2) "]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_requirement_bullets_come_back_in_order(bullets, marker, newline) -> None:
    body = newline.join(f"{marker}{bullet}." for bullet in bullets)
    text = f"About us{newline}- We make very good coffee{newline}Requirements:{newline}{body}"
    expected: list[str] = []
    for bullet in bullets:
        if bullet.casefold() not in {e.casefold() for e in expected}:
            expected.append(bullet)
    assert posting_requirements(text) == tuple(expected[:MAX_REQUIREMENTS])
    assert all(re.fullmatch(r"\S+( \S+)*", r) for r in posting_requirements(text))
