"""The draft templates and the one render function: every kind × tone × length, on full,
bare and non-ASCII facts, plus user overrides and broken templates."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import jinja2
import pytest

from afterview.domain.drafts import DraftFacts, DraftKind, Match, Person, Rendered, Tone
from afterview.domain.errors import InvalidInput
from afterview.domain.lint import STOCK_PHRASES, WORD_BOUNDS
from afterview.drafts.render import (
    join_names,
    lower_first,
    render_draft,
    template_environment,
    template_name,
)

# The lint's own bounds and phrases: every shipped template must pass them.
LEFTOVERS = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\[[A-Za-z' ]+\]|\bTODO\b|\bTBD\b|_{3,}")


def make_match(accomplishment: str, *requirements: str, score: float = 0.5) -> Match:
    return Match(accomplishment=accomplishment, requirements=requirements, score=score)


def make_facts(kind: DraftKind, **overrides: Any) -> DraftFacts:
    """Facts with every optional detail given."""
    values: dict[str, Any] = {
        "kind": kind,
        "me": Person(name="Sam Rivera", email="sam.rivera@example.org"),
        "recipient": Person(
            name="Dana Okafor", title="Engineering Manager", email="dana@initech.example"
        ),
        "company": "Initech",
        "role": "Data Engineer",
        "interview_day": "Tuesday 24 November",
        "interview_kind": "technical",
        "interview_round": 2,
        "interviewers": ("Dana Okafor", "Lee Park"),
        "topics": ("Their move to Rust", "API design"),
        "next_step_said": "we'll decide by Friday",
        "last_follow_up_day": "Monday 30 November",
        "relationship": "my manager at Globex, 2019–2022",
        "stress": ("leading the billing migration", "mentoring"),
        "callers": ("Priya Shah",),
        "requirements": ("Python", "SQL pipelines", "Airflow", "dbt"),
        "matches": (
            make_match("Cut the nightly ETL run from 6 hours to 40 minutes.", "SQL pipelines"),
            make_match("Moved 40 cron jobs to Airflow with no missed runs", "Airflow"),
            make_match("Taught two juniors to write dbt models", "dbt", "mentoring"),
            make_match("Ran the on-call rota for a year", "operations"),
        ),
        "unmatched": ("Kafka",),
        "skills": ("Python", "Airflow"),
        "gaps": (),
    }
    return DraftFacts(**(values | overrides))


def bare_facts(kind: DraftKind, **overrides: Any) -> DraftFacts:
    """Facts with no optional detail at all."""
    values: dict[str, Any] = {
        "kind": kind,
        "me": Person(name="Sam Rivera"),
        "company": "Initech",
        "role": "Engineer",
    }
    return DraftFacts(**(values | overrides))


def accented_facts(kind: DraftKind, **overrides: Any) -> DraftFacts:
    values: dict[str, Any] = {
        "me": Person(name="Łukasz Wójcik"),
        "recipient": Person(name="Zoë Ångström"),
        "company": "Société Générale",
        "role": "Ingénieure logiciel",
        "interviewers": ("Zoë Ångström", "Søren Ødegård", "Ana Müller"),
        "topics": ("Élan de l'équipe",),
        "callers": ("Søren Ødegård", "Ana Müller"),
    }
    return make_facts(kind, **(values | overrides))


BUILDERS = {"full": make_facts, "bare": bare_facts, "accented": accented_facts}
CASES = [
    pytest.param(builder, kind, tone, short, id=f"{builder}-{kind}-{tone}-{short and 'short'}")
    for builder in BUILDERS
    for kind in DraftKind
    for tone in Tone
    for short in (False, True)
]
SHIPPED = template_environment(None)


def render(facts: DraftFacts, env: jinja2.Environment = SHIPPED) -> Rendered:
    return render_draft(env, facts)


def folded(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def sentences(body: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", body)
    return [" ".join(p.casefold().split()).rstrip(".!?") for p in parts if p.strip()]


def expected_greeting(facts: DraftFacts) -> str:
    if facts.recipient.name:
        if facts.tone == Tone.WARM:
            return f"Hi {facts.recipient.first_name},"
        return f"Dear {facts.recipient.name},"
    if facts.kind == DraftKind.COVER_LETTER:
        if facts.tone == Tone.WARM:
            return f"Hello {facts.company} team,"
        return f"Dear {facts.company} hiring team,"
    return "Hello,"


@pytest.mark.parametrize(("builder", "kind", "tone", "short"), CASES)
def test_every_draft_reads_as_sent(builder: str, kind: DraftKind, tone: Tone, short: bool):
    facts = BUILDERS[builder](kind, tone=tone, short=short)
    draft = render(facts)
    body = draft.body
    paragraphs = body.rstrip("\n").split("\n\n")

    assert draft.subject.strip()
    assert paragraphs[0] == expected_greeting(facts)
    sign_off = "Best," if tone == Tone.WARM else "Kind regards,"
    assert paragraphs[-1] == f"{sign_off}\n{facts.me.name}"
    # One line per paragraph, one blank line between them.
    assert all("\n" not in paragraph for paragraph in paragraphs[:-1])
    assert all(paragraph.strip() == paragraph != "" for paragraph in paragraphs)
    assert facts.role.casefold() in folded(body)
    assert facts.company.casefold() in folded(body)
    if kind == DraftKind.THANK_YOU and facts.topics:
        assert lower_first(facts.topics[0]) in body
    low, high = WORD_BOUNDS[kind]
    assert low <= len(body.split()) <= high
    assert LEFTOVERS.search(draft.subject + "\n" + body) is None
    assert [p for p in STOCK_PHRASES if p in folded(draft.subject + "\n" + body)] == []
    long_sentences = [s for s in sentences(body) if len(s.split()) >= 4]
    assert len(long_sentences) == len(set(long_sentences))


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("tone", Tone)
@pytest.mark.parametrize("short", [False, True])
def test_second_follow_up_is_shorter_than_the_first(builder: str, tone: Tone, short: bool):
    first = render(BUILDERS[builder](DraftKind.FOLLOW_UP, tone=tone, short=short))
    second = render(BUILDERS[builder](DraftKind.SECOND_FOLLOW_UP, tone=tone, short=short))
    assert len(second.body.split()) < len(first.body.split())


def lines(facts: DraftFacts) -> list[str]:
    return render(facts).body.splitlines()


def test_thank_you_names_both_topics_and_thanks_the_rest_of_the_panel():
    body = lines(make_facts(DraftKind.THANK_YOU))
    assert body[2] == (
        "Thank you for taking the time to talk with me on Tuesday 24 November "
        "about the Data Engineer role at Initech."
    )
    assert (
        body[4]
        == "I especially enjoyed our conversation about their move to Rust, and about API design."
    )
    assert body[6] == "Please pass my thanks on to Lee Park as well."


def test_thank_you_without_topics_names_no_topic():
    body = render(make_facts(DraftKind.THANK_YOU, topics=(), interviewers=())).body
    assert "conversation about" not in body
    assert "pass my thanks" not in body
    assert "I enjoyed the conversation, and talking it through" in body


def test_reference_heads_up_says_who_calls_what_to_stress_and_the_relationship():
    body = render(make_facts(DraftKind.REFERENCE_HEADS_UP)).body
    assert "Priya Shah may get in touch with you." in body
    assert "(my manager at Globex, 2019–2022)" in body
    assert "speak to leading the billing migration and mentoring." in body
    assert "job description" in body


def test_reference_heads_up_falls_back_to_the_hiring_team_and_three_requirements():
    facts = make_facts(DraftKind.REFERENCE_HEADS_UP, callers=(), stress=(), relationship="")
    body = render(facts).body
    assert "Someone from the hiring team at Initech may get in touch with you." in body
    assert "asks most for Python, SQL pipelines and Airflow," in body
    assert "dbt" not in body
    assert "(" not in body


def test_follow_up_quotes_what_they_said_about_the_next_step():
    body = render(make_facts(DraftKind.FOLLOW_UP)).body
    assert "on Tuesday 24 November" in body
    assert "You mentioned “we'll decide by Friday”, so I wanted to check in." in body
    assert "update on the timeline" in body


def test_second_follow_up_says_when_the_first_went():
    for tone in Tone:
        body = render(make_facts(DraftKind.SECOND_FOLLOW_UP, tone=tone)).body
        assert "I wrote on Monday 30 November about the Data Engineer" in body


@pytest.mark.parametrize("tone", Tone)
@pytest.mark.parametrize("short", [False, True])
def test_networking_note_asks_little_and_is_easy_to_decline(tone: Tone, short: bool):
    body = render(bare_facts(DraftKind.NETWORKING_NOTE, tone=tone, short=short)).body
    assert "15 minutes" in body
    assert "no worries at all" in body


def test_networking_note_uses_the_recipients_title():
    body = render(make_facts(DraftKind.NETWORKING_NOTE)).body
    assert "someone who works there as Engineering Manager." in body


@pytest.mark.parametrize("tone", Tone)
def test_rejection_reply_asks_for_feedback_unless_short(tone: Tone):
    full = render(make_facts(DraftKind.REJECTION_REPLY, tone=tone)).body
    short = render(make_facts(DraftKind.REJECTION_REPLY, tone=tone, short=True)).body
    assert "feedback" in full
    assert "feedback" not in short
    assert "you and Lee Park" in full
    assert "you and Lee Park" in short


def test_rejection_reply_names_the_panel_when_the_recipient_was_not_on_it():
    facts = make_facts(DraftKind.REJECTION_REPLY, recipient=Person(name="Jo Recruiter"))
    assert "I enjoyed meeting Dana Okafor and Lee Park, especially" in render(facts).body


def test_cover_letter_uses_the_top_three_matches_and_the_skills():
    body = render(make_facts(DraftKind.COVER_LETTER)).body
    assert "for SQL pipelines: cut the nightly ETL run from 6 hours to 40 minutes." in body
    assert (
        "For Airflow, another example: moved 40 cron jobs to Airflow with no missed runs." in body
    )
    assert "And for dbt: taught two juniors to write dbt models." in body
    assert "on-call" not in body
    assert "I've also worked with Python and Airflow." in body


def test_short_cover_letter_uses_two_matches():
    body = render(make_facts(DraftKind.COVER_LETTER, short=True, tone=Tone.FORMAL)).body
    assert "cut the nightly ETL run" in body
    assert "moved 40 cron jobs" in body
    assert "taught two juniors" not in body


@pytest.mark.parametrize("tone", Tone)
def test_cover_letter_with_one_brief_match_is_still_long_enough(tone: Tone):
    match = make_match("Led the migration", "leadership")
    body = render(bare_facts(DraftKind.COVER_LETTER, tone=tone, short=True, matches=(match,))).body
    assert "led the migration." in body
    assert len(body.split()) >= WORD_BOUNDS[DraftKind.COVER_LETTER][0]


@pytest.mark.parametrize("tone", Tone)
def test_cover_letter_without_matches_claims_no_accomplishment(tone: Tone):
    body = render(bare_facts(DraftKind.COVER_LETTER, tone=tone)).body
    assert "My CV sets out my experience in detail" in body
    assert "example from my experience" not in body
    assert "example I can give" not in body


def test_plain_text_is_not_html_escaped():
    facts = make_facts(
        DraftKind.THANK_YOU, company="Barnes & Noble", me=Person(name="Seán O'Brien")
    )
    body = render(facts).body
    assert "Barnes & Noble" in body
    assert body.endswith("Seán O'Brien\n")
    assert "&amp;" not in body
    assert "&#39;" not in body


def write_template(config_dir: Path, name: str, text: str) -> None:
    path = config_dir / "drafts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_users_template_wins_and_the_shipped_ones_remain(tmp_path: Path):
    write_template(
        tmp_path,
        "thank_you/warm.txt.j2",
        "Subject: Thanks, {{ recipient.first_name }}\n\nCheers for {{ topics | names }}.\n",
    )
    env = template_environment(tmp_path)
    assert render(make_facts(DraftKind.THANK_YOU), env) == Rendered(
        subject="Thanks, Dana", body="Cheers for Their move to Rust and API design.\n"
    )
    formal = make_facts(DraftKind.THANK_YOU, tone=Tone.FORMAL)
    assert render(formal, env) == render(formal)


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path):
    write_template(tmp_path, "thank_you/warm.txt.j2", "Subject: Hi\n\n{{ role }\nBest,\n")
    with pytest.raises(InvalidInput) as caught:
        render(make_facts(DraftKind.THANK_YOU), template_environment(tmp_path))
    assert caught.value.message == "Template drafts/thank_you/warm.txt.j2, line 3: unexpected '}'"
    assert caught.value.field == "template"


def test_an_unknown_variable_names_the_file_line_and_variable(tmp_path: Path):
    write_template(tmp_path, "follow_up/formal.txt.j2", "Subject: Hi\n\nDear {{ nickname }},\n")
    facts = make_facts(DraftKind.FOLLOW_UP, tone=Tone.FORMAL)
    with pytest.raises(InvalidInput) as caught:
        render(facts, template_environment(tmp_path))
    assert caught.value.message == (
        "Template drafts/follow_up/formal.txt.j2, line 3: 'nickname' is undefined"
    )


def test_an_unknown_attribute_is_an_error_too(tmp_path: Path):
    write_template(tmp_path, "thank_you/warm.txt.j2", "Subject: Hi\n\n{{ me.nickname }}\n")
    with pytest.raises(InvalidInput, match=r"thank_you/warm\.txt\.j2, line 3: .*'nickname'"):
        render(make_facts(DraftKind.THANK_YOU), template_environment(tmp_path))


def test_a_template_must_start_with_the_subject(tmp_path: Path):
    write_template(tmp_path, "thank_you/warm.txt.j2", "Hi {{ recipient.first_name }},\n")
    with pytest.raises(InvalidInput) as caught:
        render(make_facts(DraftKind.THANK_YOU), template_environment(tmp_path))
    assert caught.value.message == (
        "drafts/thank_you/warm.txt.j2: line 1: a draft template must start with 'Subject: ...'."
    )


def test_a_missing_template_is_invalid_input():
    env = jinja2.Environment(loader=jinja2.DictLoader({}))
    with pytest.raises(InvalidInput) as caught:
        render(make_facts(DraftKind.COVER_LETTER), env)
    assert caught.value.message == "Template drafts/cover_letter/warm.txt.j2 not found."


def test_template_name():
    assert template_name(DraftKind.REFERENCE_HEADS_UP, Tone.FORMAL) == (
        "reference_heads_up/formal.txt.j2"
    )


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ((), ""),
        (("Ana",), "Ana"),
        (("Ana", "Bo"), "Ana and Bo"),
        (("Ana", "Bo", "Cy"), "Ana, Bo and Cy"),
        (("Ana", "", "Cy"), "Ana and Cy"),
    ],
)
def test_join_names(names: tuple[str, ...], joined: str):
    assert join_names(names) == joined


@pytest.mark.parametrize(
    ("text", "lowered"),
    [
        ("Their move to Rust", "their move to Rust"),
        ("API design", "API design"),
        ("GraphQL schemas", "GraphQL schemas"),
        ("I led the migration", "I led the migration"),
        ("I've led teams", "I've led teams"),
        ("A migration", "a migration"),
        ("Élan de l'équipe", "Élan de l'équipe"),
        ("Python in production", "Python in production"),
        ("Kafka streaming", "Kafka streaming"),
        ("Migrated 300 dbt models", "migrated 300 dbt models"),
        ("Built a pipeline", "built a pipeline"),
        ("Experience with Go", "experience with Go"),
        ("Red team exercises", "Red team exercises"),
        ("already lower", "already lower"),
        ("", ""),
    ],
)
def test_lower_first(text: str, lowered: str):
    assert lower_first(text) == lowered


def test_every_fact_is_a_variable():
    names = [field.name for field in fields(DraftFacts)]
    listing = "\n".join(f"{name}={{{{ {name} }}}}" for name in names)
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"thank_you/warm.txt.j2": f"Subject: all\n\n{listing}\n"}),
        undefined=jinja2.StrictUndefined,
    )
    facts = make_facts(DraftKind.THANK_YOU)
    assert render(facts, env).body.splitlines() == [
        f"{name}={getattr(facts, name)}" for name in names
    ]
